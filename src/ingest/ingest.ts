import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createError, explainError, isChithiError } from '../errors';
import { bumpGeneration, Db } from '../store/db';
import {
  deleteDocument,
  DocumentRow,
  getDocumentByFile,
  listDocuments,
  PARSER_VERSION,
} from '../store/documents';
import { upsertDocument } from '../store/documents';
import { AnalyzedDocument, analyzeDocument, WrittenDocument } from './analyze';
import { AnalyzePool } from './analyze-pool';
import { readPlainText } from './read-text';
import { ExtractedDocument } from './types';

export interface IngestReport {
  added: string[];
  changed: string[];
  unchanged: string[];
  removed: string[];
  failed: Array<{ file: string; message: string }>;
  /** Files skipped because their type is not a document type (e.g. images without OCR support). */
  skipped: string[];
  /** Passages written by this run. */
  passages: number;
  /** Notes per file (encoding conversions, OCR). */
  notes: Array<{ file: string; notes: string[] }>;
  /**
   * Where the time went, in milliseconds (issue 14): reading and decoding files (OCR included),
   * parsing (passages, profile), writing SQLite, extracting facts; the app adds the keyword index and
   * the vectors.
   */
  stages?: IngestStages;
}

export interface IngestStages {
  readMs: number;
  parseMs: number;
  writeMs: number;
  factsMs: number;
  keywordMs?: number;
  vectorsMs?: number;
  /** From the call to the index searchable (set by the app). */
  totalMs?: number;
  /** Worker threads that parsed documents and extracted facts (their stages overlap the others). */
  workers?: number;
}

/** The report's stage timings, started at zero on first use. */
function stagesOf(report: IngestReport): IngestStages {
  return (report.stages ??= { readMs: 0, parseMs: 0, writeMs: 0, factsMs: 0 });
}

export type DocumentReader = (file: string, bytes: Buffer) => Promise<ExtractedDocument> | ExtractedDocument;

export interface DocumentHooks {
  /** Runs inside the document's transaction (facts): throw to roll the document back. */
  derive?: (
    db: Db,
    info: {
      documentId: number;
      passageIds: number[];
      parsed: WrittenDocument;
      facts: AnalyzedDocument['facts'];
    },
  ) => void;
  /** Runs once the document's transaction has committed (the keyword index built while writing). */
  committed?: (info: { documentId: number; passageIds: number[]; parsed: WrittenDocument }) => void;
}

export interface IngestOptions extends DocumentHooks {
  prune?: boolean;
  /**
   * DATA_DIR: documents inside it are keyed by their path relative to it, others by their canonical
   * absolute path (see documentKey). Default: the working directory.
   */
  dataDir?: string;
  now?: () => Date;
  /** Reads a file into text segments; defaults to .txt/.md in UTF-8. */
  read?: DocumentReader;
  /** File extensions (lowercase, with dot) to pick up when walking directories. */
  extensions?: ReadonlySet<string>;
  /** Called once the files to read are known (before the first one), for progress output. */
  onStart?: (totalFiles: number) => void;
  /**
   * Worker threads that parse documents and extract facts while files are read and written (0: all
   * in this thread). Used when there are at least two files and POOL_MIN_BYTES to read.
   */
  workers?: number;
  /** Called once it is known whether worker threads analyze the files (0: this thread does). */
  onPlan?: (plan: { workers: number }) => void;
  /** Called after each file, for progress output. */
  onFile?: (file: string, status: 'added' | 'changed' | 'unchanged' | 'failed') => void;
}

export const TEXT_EXTENSIONS: ReadonlySet<string> = new Set(['.txt', '.md']);

/** A report of a run that did nothing (yet). */
export function emptyIngestReport(): IngestReport {
  return {
    added: [],
    changed: [],
    unchanged: [],
    removed: [],
    failed: [],
    skipped: [],
    passages: 0,
    notes: [],
  };
}

/** The path as people read it: relative to `base` when inside it, else absolute. */
export function displayPath(abs: string, base = process.cwd()): string {
  const rel = path.relative(base, abs);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : abs;
}

/** The canonical absolute path (links resolved) when it exists, else the absolute path. */
function canonical(p: string): string {
  const abs = path.resolve(p);
  try {
    return fs.realpathSync(abs);
  } catch {
    return abs;
  }
}

/**
 * How a file is known in the index, whatever folder a command runs from: its path relative to
 * DATA_DIR when it lies inside it ("bao-cao/q4.docx"), else its canonical absolute path. The CLI, the
 * bot at start, /reindex and uploads all name one file the same way.
 */
export function documentKey(file: string, dataDir: string): string {
  return displayPath(canonical(file), canonical(dataDir));
}

/** Where a document's file is on disk, from its key (see documentKey). */
export function documentFile(key: string, dataDir: string): string {
  return path.isAbsolute(key) ? key : path.join(canonical(dataDir), key);
}

function walk(target: string, extensions: ReadonlySet<string>, out: string[], skipped: string[]): void {
  const stat = fs.statSync(target);
  if (stat.isDirectory()) {
    for (const name of fs.readdirSync(target).sort()) {
      if (name.startsWith('.')) continue;
      const full = path.join(target, name);
      const s = fs.statSync(full);
      if (s.isDirectory()) walk(full, extensions, out, skipped);
      else if (extensions.has(path.extname(name).toLowerCase())) out.push(full);
      else if (!/\.(db|db-wal|db-shm|json|meta)$/i.test(name)) skipped.push(full);
    }
  } else {
    out.push(target);
  }
}

/**
 * Files to read, in bytes, from which worker threads analyze them: starting two workers costs about
 * 0.3 s and 30 MB, what analyzing about a megabyte of text takes (measured on the fixtures and the
 * bench's generated reports; set by that reasoning, not tuned), so a few reports stay on one thread.
 */
export const POOL_MIN_BYTES = 1 << 20;

function totalBytes(files: string[]): number {
  let total = 0;
  for (const f of files) {
    try {
      total += fs.statSync(f).size;
    } catch {
      // Unreadable: reported when it is read.
    }
  }
  return total;
}

export function hashBytes(bytes: Buffer): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

/**
 * Ingests files and folders: unchanged files (same content hash) are skipped, changed ones replace
 * their passages, each file in one transaction. A file that cannot be read is reported and the others
 * still ingest. With `prune`, documents whose files are gone are removed.
 */
export async function ingestPaths(
  db: Db,
  targets: string[],
  options: IngestOptions = {},
): Promise<IngestReport> {
  const now = options.now ?? (() => new Date());
  const read = options.read ?? readPlainText;
  const dataDir = options.dataDir ?? process.cwd();
  const extensions = options.extensions ?? TEXT_EXTENSIONS;
  const report = emptyIngestReport();
  const files: string[] = [];
  for (const t of targets) {
    const abs = path.resolve(t);
    if (!fs.existsSync(abs)) {
      report.failed.push({ file: t, message: createError('FILE_NOT_FOUND', t).message });
      continue;
    }
    const skipped: string[] = [];
    try {
      walk(abs, extensions, files, skipped);
    } catch (err) {
      report.failed.push({
        file: t,
        message: createError('FOLDER_UNREADABLE', t, explainError(err)).message,
      });
      continue;
    }
    report.skipped.push(...skipped.map((f) => documentKey(f, dataDir)));
  }

  // A file named twice (a folder and a file in it) is read once.
  const unique = [...new Map(files.map((abs) => [documentKey(abs, dataDir), abs])).entries()];
  options.onStart?.(unique.length);
  const pool =
    unique.length > 1 &&
    (options.workers ?? 0) > 0 &&
    totalBytes(unique.map(([, abs]) => abs)) >= POOL_MIN_BYTES
      ? AnalyzePool.create(options.workers!)
      : null;
  options.onPlan?.({ workers: pool?.size ?? 0 });
  const analyze = pool
    ? (file: string, extracted: ExtractedDocument) => pool.analyze(file, extracted)
    : (file: string, extracted: ExtractedDocument) => analyzeDocument(file, extracted);
  // With workers, the next files are read and analyzed while one is written; every file is still
  // written in order, so passage ids do not depend on which worker finished first. Without, one file
  // at a time.
  const inFlight = pool ? 2 * pool.size : 1;
  if (pool) stagesOf(report).workers = pool.size;
  const prepared: Array<Promise<Prepared>> = [];
  // Files are read one at a time, in order, even while several are analyzed: a reader may run OCR,
  // and several OCR processes at once would only compete for the same cores and memory.
  let reading: Promise<unknown> = Promise.resolve();
  const readInTurn: DocumentReader = (file, bytes) => {
    const turn = reading.then(() => timed(report, () => read(file, bytes)));
    reading = turn.catch(() => undefined);
    return turn;
  };
  let next = 0;
  const legacyRows = new LegacyRows(db);
  try {
    for (let i = 0; i < unique.length; i++) {
      while (next < unique.length && prepared.length < inFlight) {
        const [file, abs] = unique[next++]!;
        prepared.push(prepare(db, legacyRows, abs, file, readInTurn, analyze, report));
      }
      const [file] = unique[i]!;
      const ready = await prepared.shift()!;
      try {
        if ('error' in ready) throw ready.error;
        const status = ready.unchanged ? unchanged(file, report) : commit(db, ready, now, options, report);
        options.onFile?.(file, status);
      } catch (err) {
        const message = isChithiError(err)
          ? err.message
          : createError('FILE_BROKEN', file, err instanceof Error ? err.message : String(err)).message;
        report.failed.push({ file, message });
        options.onFile?.(file, 'failed');
      }
    }
  } finally {
    await pool?.close();
  }

  if (options.prune) {
    for (const doc of listDocuments(db)) {
      if (fs.existsSync(documentFile(doc.file, dataDir))) continue;
      // A key written by an older version, relative to the folder it ran from: kept while it resolves.
      if (!path.isAbsolute(doc.file) && fs.existsSync(path.resolve(doc.file))) continue;
      removeDocument(db, doc);
      report.removed.push(doc.file);
    }
  }
  return report;
}

/** Runs a read and adds its time (from its start, not from when it was asked for) to the report. */
async function timed(report: IngestReport, read: () => Promise<ExtractedDocument> | ExtractedDocument) {
  const started = performance.now();
  try {
    return await read();
  } finally {
    stagesOf(report).readMs += performance.now() - started;
  }
}

/** A file read and analyzed, ready to be written; or unchanged; or what went wrong. */
type Prepared =
  | { unchanged: true }
  | {
      unchanged: false;
      file: string;
      hash: string;
      existing: DocumentRow | undefined;
      analyzed: AnalyzedDocument;
    }
  | { error: unknown };

function unchanged(file: string, report: IngestReport): 'unchanged' {
  report.unchanged.push(file);
  return 'unchanged';
}

/** Reads a file and analyzes it (parse, facts), unless it is unchanged. Never rejects. */
async function prepare(
  db: Db,
  legacyRows: LegacyRows,
  abs: string,
  file: string,
  read: DocumentReader,
  analyze: (file: string, extracted: ExtractedDocument) => Promise<AnalyzedDocument> | AnalyzedDocument,
  report: IngestReport,
): Promise<Prepared> {
  try {
    const bytes = fs.readFileSync(abs);
    const hash = hashBytes(bytes);
    const existing = getDocumentByFile(db, file) ?? adoptLegacyKey(db, legacyRows, abs, file, hash);
    if (existing && existing.hash === hash && existing.parser === PARSER_VERSION) return { unchanged: true };
    const stages = stagesOf(report);
    const extracted = await read(file, bytes);
    const analyzed = await analyze(file, extracted);
    // In workers these overlap with the rest: the figures are the work done, not the time waited.
    stages.parseMs += analyzed.parseMs;
    stages.factsMs += analyzed.factsMs;
    if (analyzed.parsed.passages.length === 0) throw createError('FILE_EMPTY', file);
    return { unchanged: false, file, hash, existing, analyzed };
  } catch (error) {
    return { error };
  }
}

/** Writes an analyzed document, its passages and its facts in one transaction. */
function commit(
  db: Db,
  ready: Extract<Prepared, { unchanged: false }>,
  now: () => Date,
  hooks: DocumentHooks,
  report: IngestReport,
): 'added' | 'changed' {
  const { file, hash, existing } = ready;
  const { parsed, facts } = ready.analyzed;
  const stages = stagesOf(report);
  const writeStarted = performance.now();
  const { id: documentId, passageIds } = db.transaction(() => {
    const res = upsertDocument(
      db,
      {
        file,
        title: parsed.title,
        hash,
        format: path.extname(file).slice(1).toLowerCase() || 'txt',
        ocr: parsed.ocr,
        notes: parsed.notes,
        passages: parsed.passages,
        profile: parsed.profile,
      },
      now(),
    );
    hooks.derive?.(db, { documentId: res.id, passageIds: res.passageIds, parsed, facts });
    return res;
  })();
  stages.writeMs += performance.now() - writeStarted;
  hooks.committed?.({ documentId, passageIds, parsed });
  report.passages += passageIds.length;
  if (parsed.notes.length) report.notes.push({ file, notes: parsed.notes });
  (existing ? report.changed : report.added).push(file);
  return existing ? 'changed' : 'added';
}

/** Removes a document and everything derived from it (facts follow by trigger, vectors by sync). */
export function removeDocument(db: Db, doc: DocumentRow): void {
  db.transaction(() => deleteDocument(db, doc.id))();
}

/**
 * Older versions keyed a document by its path relative to the folder the command ran from
 * ("data/x.txt"). When a file has no row under its key, a row for the same file under such a key
 * (it resolves to the same path from here, or its key ends with the new one and the content is the
 * same) is renamed to the new key: its passages, facts and vectors stay, nothing is read again.
 */
function adoptLegacyKey(
  db: Db,
  rows: LegacyRows,
  abs: string,
  key: string,
  hash: string,
): DocumentRow | undefined {
  const target = canonical(abs);
  const legacy = rows
    .candidates(key, hash, path.basename(abs))
    .find((d) => canonical(d.file) === target || (d.hash === hash && d.file.endsWith(`/${key}`)));
  if (!legacy) return undefined;
  db.transaction(() => {
    db.prepare(`UPDATE documents SET file = ? WHERE id = ?`).run(key, legacy.id);
    bumpGeneration(db);
  })();
  rows.renamed(legacy.id);
  return getDocumentByFile(db, key);
}

/**
 * The rows a file could have had under an older key (see adoptLegacyKey): the documents as they were
 * when the run started, read once. Asking SQLite for each new file scanned every document's row,
 * which made a large first ingest quadratic (issue 14: a tenth of the main thread's work at 1,000
 * files). Rows the run writes carry current keys, so they are never an older version's.
 */
class LegacyRows {
  private rows: KeyedRow[] | undefined;

  constructor(private readonly db: Db) {}

  /** Rows other than `key` with the same content, or a key naming a file called `base`. */
  candidates(key: string, hash: string, base: string): KeyedRow[] {
    this.rows ??= this.db.prepare(`SELECT id, file, hash FROM documents ORDER BY id`).all() as KeyedRow[];
    // File names compare as SQLite's LIKE compared them: ASCII letters in either case.
    const name = asciiLower(base);
    return this.rows.filter((d) => {
      if (d.file === key) return false;
      if (d.hash === hash) return true;
      const file = asciiLower(d.file);
      return file === name || file.endsWith(`/${name}`);
    });
  }

  /** A row now under its current key: no other file can claim it. */
  renamed(id: number): void {
    this.rows = this.rows?.filter((d) => d.id !== id);
  }
}

/** A document's row as far as its key is concerned. */
type KeyedRow = { id: number; file: string; hash: string };

const asciiLower = (s: string) => s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
