import { createError } from '../errors';
import { Db, getGeneration } from '../store/db';
import { getPassages, iteratePassages, PassageRow } from '../store/documents';
import { analyzeQuery, AnalyzedQuery } from '../text/terms';
import path from 'node:path';
import { Bm25Params, IndexablePassage, KeywordIndex } from './keyword';
import {
  analyzerVersion,
  databaseId,
  KEYWORD_INDEX_FILE,
  KeywordIndexKey,
  loadKeywordIndex,
  saveKeywordIndex,
} from './keyword-file';
import { bestSentence, coverage } from './relevance';
import { MAX_QUESTION_CHARS } from './question';
import { AskOptions, AskResult, DirectAnswer, Retriever, SearchMode, SearchResult } from './types';

/**
 * Below this coverage of the question by the best passage, the answer is "not found".
 * Calibrated on the vilqa questions and off-topic questions (docs/decisions/003-keyword-ranking.md).
 */
export const DEFAULT_MIN_RELEVANCE = 0.36;

/** A direct answer from facts is kept only when its passage ranks within this many results. */
export const ANSWER_SUPPORT_RANK = 10;

/** Semantic candidates, when a vector layer is available. */
export interface VectorSearcher {
  readonly available: boolean;
  search(question: string, k: number): Promise<Array<{ id: number; similarity: number }>>;
}

/** A direct answer from facts, when the question asks for one (filled by the facts layer). */
export type FactAnswerer = (question: string, results: SearchResult[]) => DirectAnswer | null;

export interface RetrieverOptions {
  minRelevance?: number;
  bm25?: Bm25Params;
  vectors?: VectorSearcher;
  answerer?: FactAnswerer;
  /** Fuses keyword and vector candidates into one ranking (ids with scores, best first). */
  fuse?: (
    keyword: Array<{ id: number; score: number }>,
    vector: Array<{ id: number; score: number }>,
  ) => Array<{ id: number; score: number }>;
  /**
   * Where the keyword index image is kept between runs. Default: keyword-index.bin next to a file
   * database; null (a memory database) rebuilds from SQLite at every open.
   */
  keywordIndexFile?: string | null;
  /** Told when a saved image could not be used or written (rebuilt from SQLite instead). */
  onIndexNotice?: (message: string) => void;
}

export function passageContext(p: Pick<PassageRow, 'title' | 'section' | 'years'>): string {
  return [p.title, p.section ?? '', ...p.years.map((y) => `năm ${y}`)].join(' . ');
}

/**
 * Answers questions from the passages in the store: keyword (BM25) candidates, optionally fused with
 * vector candidates, a relevance check for "not found", and the answering sentence of each result.
 */
export class SearchEngine implements Retriever {
  private index: KeywordIndex;
  private generation = -1;
  private readonly minRelevance: number;

  constructor(
    private readonly db: Db,
    private readonly options: RetrieverOptions = {},
  ) {
    this.minRelevance = options.minRelevance ?? DEFAULT_MIN_RELEVANCE;
    this.index = new KeywordIndex(options.bm25);
  }

  /**
   * (Re)loads the keyword index when documents changed since the last load: from the saved image when
   * it matches this database, generation and analyzer; otherwise rebuilt from SQLite (the source of
   * truth) and saved for the next start. A missing, stale or corrupt image only costs a rebuild.
   */
  refresh(): void {
    const gen = getGeneration(this.db);
    if (gen === this.generation) return;
    const file = this.keywordIndexFile();
    const key: KeywordIndexKey | null = file
      ? { database: databaseId(this.db), generation: gen, analyzer: analyzerVersion() }
      : null;
    if (file && key) {
      const loaded = loadKeywordIndex(file, key, this.index.params);
      if (loaded.index) {
        this.index = loaded.index;
        this.generation = gen;
        return;
      }
      if (loaded.cause === 'corrupt')
        this.options.onIndexNotice?.(`Chỉ mục từ khóa ${file} bị hỏng (${loaded.reason}); đang dựng lại.`);
    }
    // One read transaction: the passages indexed are exactly those of the generation the image is saved as.
    const { index, built } = this.db.transaction(() => {
      const fresh = new KeywordIndex(this.index.params);
      for (const p of iteratePassages(this.db)) fresh.add(toIndexable(p));
      return { index: fresh, built: getGeneration(this.db) };
    })();
    index.pack();
    this.index = index;
    this.generation = built;
    if (key) key.generation = built;
    if (file && key && !this.db.readonly) {
      try {
        saveKeywordIndex(file, key, index);
      } catch (err) {
        const why = err instanceof Error ? err.message : String(err);
        this.options.onIndexNotice?.(`Không ghi được chỉ mục từ khóa ${file}: ${why}`);
      }
    }
  }

  private keywordIndexFile(): string | null {
    if (this.options.keywordIndexFile !== undefined) return this.options.keywordIndexFile;
    // better-sqlite3 names a memory database ":memory:" and a temporary one "".
    const name = this.db.name;
    return this.db.memory || !name || name === ':memory:'
      ? null
      : path.join(path.dirname(name), KEYWORD_INDEX_FILE);
  }

  get passageCount(): number {
    return this.index.size;
  }

  get mode(): SearchMode {
    return this.options.vectors?.available ? 'hybrid' : 'keyword';
  }

  idf = (term: string): number => this.index.idf(term);

  async ask(question: string, options: AskOptions = {}): Promise<AskResult> {
    const q = question.trim();
    if (!q) throw createError('QUESTION_EMPTY');
    if (q.length > MAX_QUESTION_CHARS) throw createError('QUESTION_TOO_LONG', MAX_QUESTION_CHARS);
    this.refresh();
    const top = Math.max(1, options.top ?? 3);
    const offset = Math.max(0, options.offset ?? 0);
    const query = analyzeQuery(q);
    const want = Math.max(50, offset + top);
    const keywordHits = this.index.search(query, want);
    let ranked = keywordHits;
    let vectorTop: number | null = null;
    const mode = this.mode;
    if (mode === 'hybrid' && this.options.vectors && this.options.fuse) {
      const vec = await this.options.vectors.search(q, want);
      vectorTop = vec[0]?.id ?? null;
      ranked = this.options.fuse(
        keywordHits,
        vec.map((v) => ({ id: v.id, score: v.similarity })),
      );
    }
    const { results, rows } = this.resultsFor(query, ranked.slice(0, Math.max(offset + top, 3)));
    // "Not found" asks whether any of the first three passages covers the question well enough; a
    // passage that only the model ranks first needs at least half that support in words, because
    // cosine similarities are not comparable across models and cannot be calibrated here alone.
    const relevances = results.slice(0, 3).map((r) => {
      const p = rows.get(r.passageId);
      return p ? coverage(query, `${p.text} . ${passageContext(p)}`, this.idf) : 0;
    });
    const best = Math.max(0, ...relevances);
    const semanticSupport =
      vectorTop !== null &&
      results[0]?.passageId === vectorTop &&
      (relevances[0] ?? 0) >= this.minRelevance / 2;
    const found = results.length > 0 && (best >= this.minRelevance || semanticSupport);
    const proposed =
      found && offset === 0 && this.options.answerer ? this.options.answerer(q, results) : null;
    // A fact answers only when its passage is itself among the best matches for the question: a
    // question phrased like a task ("phải làm gì") about something the facts do not cover keeps
    // its passages instead of a direct answer about something else.
    const answer =
      proposed && ranked.slice(0, ANSWER_SUPPORT_RANK).some((h) => h.id === proposed.passageId)
        ? proposed
        : null;
    if (answer) {
      // The passage a direct answer came from is the first result.
      const at = results.findIndex((r) => r.passageId === answer.passageId);
      if (at > 0) results.unshift(...results.splice(at, 1));
      else if (at < 0) {
        const extra = this.resultsFor(query, [{ id: answer.passageId, score: results[0]?.score ?? 0 }]);
        results.unshift(...extra.results);
      }
    }
    const page = found ? results.slice(offset, offset + top) : [];
    return { question, found, mode, answer, results: page };
  }

  /** The ranked results for a question, ignoring the "not found" decision (for evaluation). */
  async rank(question: string, k: number): Promise<SearchResult[]> {
    this.refresh();
    const query = analyzeQuery(question);
    return this.resultsFor(query, this.index.search(query, k)).results;
  }

  /** Loads the passages of ranked hits (in order, skipping vanished ones) with their answering sentence. */
  private resultsFor(
    query: AnalyzedQuery,
    hits: ReadonlyArray<{ id: number; score: number }>,
  ): { results: SearchResult[]; rows: Map<number, PassageRow> } {
    const rows = getPassages(
      this.db,
      hits.map((h) => h.id),
    );
    const results = hits.flatMap((h) => {
      const p = rows.get(h.id);
      return p ? [toResult(p, h.score, bestSentence(query, p.text, this.idf))] : [];
    });
    return { results, rows };
  }
}

function toIndexable(p: PassageRow): IndexablePassage {
  return { id: p.id, text: p.text, context: passageContext(p) };
}

function toResult(p: PassageRow, score: number, highlight: string | null): SearchResult {
  return {
    passageId: p.id,
    documentId: p.documentId,
    text: p.text,
    score: Math.round(score * 1000) / 1000,
    highlight,
    source: {
      file: p.file,
      title: p.title,
      section: p.section,
      paragraph: p.paragraph,
      page: p.page,
      ocr: p.ocr,
    },
  };
}
