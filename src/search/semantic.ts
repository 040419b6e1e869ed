import { Config } from '../config';
import { createError } from '../errors';
import { Db } from '../store/db';
import { allPassageIds, getPassages, iteratePassages, PassageRow } from '../store/documents';
import { normalizeText } from '../text/normalize';
import { Embedder, EmbedLog, loadEmbedder } from './embedder';
import { EmbeddingCache, embeddingModelKey, embedPassagesCached } from './embedding-cache';
import { VectorSearcher } from './retriever';
import { reconcileVectors, VectorIndex } from './vector-index';

/** The text a passage is embedded from: its document title gives it context. */
export function passageEmbeddingText(p: Pick<PassageRow, 'title' | 'text'>): string {
  return normalizeText(`${p.title}. ${p.text}`);
}

export interface SemanticLayer extends VectorSearcher {
  readonly embedder: Embedder;
  /** Makes the vectors match SQLite (after ingest, a crash or a model change) and saves the index. */
  sync(onProgress?: (done: number, total: number) => void): Promise<{ added: number; removed: number }>;
}

/**
 * Opens the semantic layer when a model is available; otherwise says why once (through `notice`)
 * and returns null, and search stays keyword-only.
 */
export async function openSemanticLayer(
  db: Db,
  config: Config,
  notice: (message: string) => void,
  log?: EmbedLog,
): Promise<SemanticLayer | null> {
  const { embedder, reason } = await loadEmbedder(config.embedding, log);
  if (!embedder) {
    notice(`${createError('MODEL_UNAVAILABLE', reason ?? '').message} Đang dùng tìm kiếm theo từ khóa.`);
    return null;
  }
  const cache = new EmbeddingCache(db, embeddingModelKey(embedder));
  const opened = await VectorIndex.open(config.indexDir, embedder);
  if (opened.cause === 'corrupt' || opened.cause === 'mismatch') notice(opened.reason ?? '');
  const index = opened.index;
  return {
    embedder,
    available: true,
    async sync(onProgress) {
      // The usual case at open: nothing changed, so no passage text is read or normalized.
      const ids = allPassageIds(db);
      const inIndex = index.ids();
      if (ids.length === inIndex.size && ids.every((id) => inIndex.has(id))) return { added: 0, removed: 0 };
      // Only the passages without a vector are read (an upload: its own, not the archive's); all of
      // them in one pass when most are missing (a first sync, a model change).
      const live = new Set(ids);
      const missing = ids.filter((id) => !inIndex.has(id));
      const texts = new Map<number, string>();
      if (missing.length > ids.length / 2) {
        for (const p of iteratePassages(db)) if (!inIndex.has(p.id)) texts.set(p.id, passageEmbeddingText(p));
      } else {
        for (const [id, p] of getPassages(db, missing)) texts.set(id, passageEmbeddingText(p));
      }
      const passages = {
        has: (id: number) => live.has(id) && (inIndex.has(id) || texts.has(id)),
        keys: () => texts.keys(),
        get: (id: number) => texts.get(id),
      };
      const res = await reconcileVectors(
        index,
        passages,
        async (texts) => (await embedPassagesCached(embedder, cache, texts)).vectors,
        { onProgress },
      );
      await index.save();
      return res;
    },
    async search(question, k) {
      const [vec] = await embedder.embedQueries([normalizeText(question)]);
      return vec ? index.search(vec, k) : [];
    },
  };
}
