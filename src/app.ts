import { checkTimeZone, Config } from './config';
import { createError } from './errors';
import type { IngestOptions, IngestReport } from './ingest/ingest';
import { detectIntent } from './facts/intent';
import { answerFromFacts, signerAnswer } from './facts/answer';
import { Db, getGeneration, IntegrityCheck, openDatabase } from './store/db';
import { deleteFactsForDocument, insertFactRows, listFacts } from './store/facts';
import {
  DocumentRow,
  getDocument,
  getPassages,
  countDocuments,
  listDocuments,
  paragraphOf,
  PassageRow,
} from './store/documents';
import type { DocumentHooks } from './ingest/ingest';
import { weightedScoreFusion } from './search/fuse';
import { readModelCheck } from './search/model-check';
import { embeddingModelKey } from './search/embedding-cache';
import { SearchEngine } from './search/retriever';
import type { IndexBuild } from './search/keyword-build';
import { numbersIn, type ScopedDocument } from './search/scoping';
import { openSemanticLayer, SemanticLayer } from './search/semantic';
import { defaultWorkers } from './threads';
import { localDate, localYear } from './digest/time';

/** The services every front end (CLI, bot, local chat, digest) is built from. */
export interface App {
  config: Config;
  db: Db;
  engine: SearchEngine;
  /** Ingests files or folders (default: DATA_DIR) and refreshes the search index. */
  ingest(
    paths?: string[],
    options?: Pick<IngestOptions, 'prune' | 'onStart' | 'onFile' | 'workers'> & {
      onVectors?: (done: number, total: number) => void;
    },
  ): Promise<IngestReport>;
  /** The semantic layer, or null when no embedding model is available (keyword mode). */
  semantic: SemanticLayer | null;
  documents(): DocumentRow[];
  /** How many documents the index holds (without reading them). */
  documentCount(): number;
  removeDocument(id: number): Promise<DocumentRow | undefined>;
  paragraph(passageId: number): PassageRow[];
  close(): Promise<void>;
}

export interface OpenAppOptions {
  /** Log a line for people (the CLI prints to stderr; the bot logs). */
  notice?: (message: string) => void;
  /** Set false to skip loading the embedding model (keyword only). */
  semantic?: boolean;
  /** How much of the database to check at open (default "full"; see openDatabase). */
  integrityCheck?: IntegrityCheck;
  /** Now (tests set it): the year "năm nay" in a question means, in DIGEST_TIMEZONE. */
  clock?: () => Date;
}

/**
 * Keyword and vector candidates are fused by weighted scores (each list min-max normalized), the
 * keyword list weighted 1 and the vectors with the weight measured for the model (fusionWeight):
 * unlike rank fusion it keeps how far ahead a strong keyword match is (docs/decisions/008-hybrid-fusion.md).
 */
export const FUSION = { keywordWeight: 1 };

/**
 * The vector weight for the configured model: EMBEDDING_WEIGHT when set; else the weight `chithi
 * model check` measured for this very model and stored in the index; else 0, keyword ranking, said
 * once: a model nobody checked, or one found worse than keyword search, must not reorder answers.
 */
function fusionWeight(db: Db, config: Config, semantic: SemanticLayer, notice: (m: string) => void): number {
  if (config.embedding.weight !== undefined) return config.embedding.weight;
  const check = readModelCheck(db);
  const key = embeddingModelKey(semantic.embedder);
  if (!check || check.modelKey !== key) {
    notice(
      `Mô hình ngữ nghĩa ${semantic.embedder.modelId} chưa được kiểm tra trên bộ đánh giá của dự án; ` +
        'kết quả vẫn xếp theo từ khóa. Chạy "npx chithi model check" để đo và bật tìm kiếm kết hợp.',
    );
    return 0;
  }
  if (check.weight <= 0)
    notice(
      `Mô hình ngữ nghĩa ${semantic.embedder.modelId} cho kết quả kém hơn tìm theo từ khóa khi kiểm tra ` +
        `(${check.at.slice(0, 10)}); kết quả xếp theo từ khóa.`,
    );
  return check.weight;
}

// Ingesting (readers of every format, legacy encodings, fact extraction) is loaded when a document
// is added or removed, not for a question: `chithi ask` starts without it.
/* eslint-disable @typescript-eslint/no-require-imports */
const ingestModule = () => require('./ingest/ingest') as typeof import('./ingest/ingest');
const readerModule = () =>
  require('./ingest/formats/read-document') as typeof import('./ingest/formats/read-document');
/* eslint-enable @typescript-eslint/no-require-imports */

/** Stores a document's facts (extracted with its passages) inside its transaction: they land together. */
const deriveFacts: NonNullable<DocumentHooks['derive']> = (db, { documentId, passageIds, parsed, facts }) => {
  deleteFactsForDocument(db, documentId);
  const idByOrdinal = new Map(parsed.passages.map((p, i) => [p.ordinal, passageIds[i]!]));
  insertFactRows(
    db,
    documentId,
    facts.flatMap(({ ordinal, ...columns }) => {
      const passageId = idByOrdinal.get(ordinal);
      return passageId === undefined ? [] : [{ passageId, ...columns }];
    }),
  );
};

/** Composition root shared by every command: config → store → search. */
export async function openApp(config: Config, options: OpenAppOptions = {}): Promise<App> {
  const notice = options.notice ?? ((m: string) => process.stderr.write(`${m}\n`));
  const db = openDatabase(config.indexDir, { check: options.integrityCheck });
  if (db.readonly) notice(createError('INDEX_READONLY', config.indexDir).message);

  // Every document's profile, as the search engine holds it, by id: read once per generation (they
  // change only with documents). Facts are read per question, of the documents it reached.
  let docsCache: { generation: number; docs: Map<number, ScopedDocument> } | undefined;
  const documentsView = (): Map<number, ScopedDocument> => {
    const generation = getGeneration(db);
    if (docsCache?.generation !== generation)
      docsCache = { generation, docs: new Map(engine.scopedDocuments().map((d) => [d.id, d])) };
    return docsCache.docs;
  };
  // The first passages of a document (its opening), prepared once for the fact answerer.
  const openingOf = db
    .prepare(`SELECT text FROM passages WHERE document_id = ? ORDER BY ordinal LIMIT 4`)
    .pluck();
  // A document's signing block (see markSignature): who signed it.
  type SignatureRow = { id: number; text: string };
  const signatureOf = db.prepare(
    `SELECT id, text FROM passages WHERE document_id = ? AND kind = 'signature' ORDER BY ordinal DESC LIMIT 1`,
  );
  // A read-only index answers with keywords: the vector layer keeps a cache and a file it must write.
  const semantic =
    options.semantic === false || db.readonly ? null : await openSemanticLayer(db, config, notice);
  const modelWeight = semantic ? fusionWeight(db, config, semantic, notice) : 0;
  const clock = options.clock ?? (() => new Date());
  // "năm nay", "quý trước" are read where the agency is: the digest's time zone (Asia/Ho_Chi_Minh by
  // default). A zone left unchecked at start (chithi ask) is named as loadConfig names it.
  const local = <T>(read: (now: Date, zone: string) => T): T => {
    try {
      return read(clock(), config.digest.timezone);
    } catch (e) {
      if (e instanceof RangeError) checkTimeZone(config.digest.timezone);
      throw e;
    }
  };
  const engine = new SearchEngine(db, {
    currentYear: () => local(localYear),
    currentMonth: () => local((now, zone) => Number(localDate(now, zone).slice(5, 7))),
    // A damaged keyword image is rebuilt; the operator hears of it.
    onIndexNotice: notice,
    indexWorkers: config.ingestWorkers ?? defaultWorkers(),
    answerer: (question, results, scope, supportDocuments) => {
      const intent = detectIntent(question);
      if (!intent) return null;
      if (intent.kind === 'signer') {
        const top = results[0];
        // The document is the one the question names (its number, or a scope only one document
        // fits) or the one all the best passages come from; otherwise which document is meant is
        // unclear and the passages answer.
        // A number no document has ("nghị quyết 999-NQ/ĐU") names none of ours.
        const unknownNumber = numbersIn(question).length > 0 && !scope.byNumber;
        const named =
          !unknownNumber &&
          (scope.pool?.size === 1 || new Set(results.slice(0, 3).map((r) => r.documentId)).size === 1);
        const signature =
          top && named ? (signatureOf.get(top.documentId) as SignatureRow | undefined) : undefined;
        return signature ? signerAnswer({ passageId: signature.id, text: signature.text }) : null;
      }
      const docs = documentsView();
      // Only the documents the question's scope allows (its unit, place, year) may answer it, and of
      // them those whose passages rank among the best for the question: an answer is only kept when
      // its passage does (see ANSWER_SUPPORT_RANK), and a list never gathers facts from documents the
      // question did not reach. Their facts are read from SQLite, so a question costs the same in an
      // archive of any size.
      const pool = scope.pool;
      // Documents best-ranked first: where the answerer finds the question's facts in several equally
      // (two units' 2025 targets for "chỉ tiêu 2025 là gì?"), the document whose passages answer best
      // gives the answer, the one the first passage shown comes from. Each document's facts in order.
      const allowed = [...supportDocuments]
        .filter((id) => !pool || pool.has(id))
        .flatMap((documentId) => listFacts(db, { documentId }));
      return answerFromFacts(intent, allowed, {
        // A province merged into the one asked about is named by both ("Ninh Thuận", "Khánh Hòa").
        documentTitle: (id) => {
          const d = docs.get(id);
          const now = scope.merged?.get(id)?.now ?? '';
          return d && [d.title, d.profile.unit ?? '', ...d.profile.provinces, now].join(' ');
        },
        documentUnit: (id) => docs.get(id)?.profile.unit,
        documentYears: (id) => docs.get(id)?.profile.years,
        documentTier: (id) => scope.tier.get(id) ?? 0,
        // The opening says which meeting a report is about ("kỳ họp thứ 15"); reading whole
        // documents for every meeting would load the corpus.
        documentText: (id) => (openingOf.all(id) as string[]).join(' . '),
        passageText: (id) => getPassages(db, [id]).get(id)?.text,
      });
    },
    ...(semantic
      ? {
          vectors: semantic,
          vectorsCount: modelWeight > 0,
          // The model's say is the weight measured for it; none at all and the keyword ranking stands.
          fuse: (keyword, vector) =>
            modelWeight > 0
              ? weightedScoreFusion([keyword, vector], { weights: [FUSION.keywordWeight, modelWeight] })
              : keyword,
        }
      : {}),
  });
  // Vectors catch up with SQLite at open: after a crash, a model change or a corrupt index file.
  if (semantic) await semantic.sync();
  let closed = false;
  const app: App = {
    config,
    db,
    engine,
    semantic,
    async ingest(paths = [config.dataDir], options = {}) {
      if (db.readonly) throw createError('INDEX_READONLY', config.indexDir);
      const called = performance.now();
      const { readDocument, SUPPORTED_EXTENSIONS } = readerModule();
      // A first ingest builds the keyword index as documents are written (see startBuild), on a
      // worker thread when the files are analyzed on workers too.
      const keyword: { build: IndexBuild | null; ms: number } = { build: null, ms: 0 };
      let report: IngestReport;
      // The keyword index and the vectors catch up after the files: their time too.
      let started: number;
      try {
        report = await ingestModule().ingestPaths(db, paths, {
          dataDir: config.dataDir,
          ...options,
          read: readDocument,
          extensions: SUPPORTED_EXTENSIONS,
          derive: deriveFacts,
          workers: options.workers ?? config.ingestWorkers ?? defaultWorkers(),
          onPlan: ({ workers }) => {
            keyword.build = engine.startBuild({ thread: workers > 0 });
          },
          committed: (info) => {
            const began = performance.now();
            keyword.build?.addDocument(info.parsed, info.passageIds);
            keyword.ms += performance.now() - began;
          },
        });
        started = performance.now();
        engine.refresh(keyword.build);
      } finally {
        // Used, not needed (nothing changed), refused, or the ingest failed: its worker stops.
        keyword.build?.close();
      }
      const stages = (report.stages ??= { readMs: 0, parseMs: 0, writeMs: 0, factsMs: 0 });
      stages.keywordMs = keyword.ms + performance.now() - started;
      if (semantic) {
        started = performance.now();
        await semantic.sync(options.onVectors);
        stages.vectorsMs = performance.now() - started;
      }
      stages.totalMs = performance.now() - called;
      return report;
    },
    documents: () => listDocuments(db),
    documentCount: () => countDocuments(db),
    async removeDocument(id) {
      if (db.readonly) throw createError('INDEX_READONLY', config.indexDir);
      const doc = getDocument(db, id);
      if (doc) ingestModule().removeDocument(db, doc);
      engine.refresh();
      if (semantic) await semantic.sync();
      return doc;
    },
    paragraph: (passageId) => paragraphOf(db, passageId),
    async close() {
      if (closed) return;
      closed = true;
      engine.close();
      db.close();
    },
  };
  return app;
}
