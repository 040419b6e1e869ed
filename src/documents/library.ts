import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { App } from '../app';
import { createError } from '../errors';
import { formatPerson } from '../facts/format';
import type { Fact } from '../facts/types';
import { chooseFormat, MAX_DOCUMENT_BYTES, SUPPORTED_EXTENSIONS } from '../ingest/formats/read-document';
import { documentFile, documentKey, emptyIngestReport, hashBytes, type IngestReport } from '../ingest/ingest';
import { Mutex } from '../search/mutex';
import { listFacts } from '../store/facts';
import type { DocumentRow } from '../store/documents';
import { foldDiacritics, normalizeText } from '../text/normalize';

/**
 * The document library behind bot uploads and /xoa: stores a sent file under DATA_DIR under a safe
 * name, ingests it, and removes a document together with its file. Everything that can be checked
 * without parsing (name, size, type) is checked before a byte is written, and a file the reader
 * refuses is deleted again, so a bad upload changes nothing.
 */

/** Largest file a bot may download through the Bot API: 20 MB (Telegram's limit, not ours). */
export const TELEGRAM_DOWNLOAD_LIMIT_BYTES = 20 * 1024 * 1024;

/** Largest upload accepted, in bytes: the smaller of Telegram's download limit and the reader's. */
export const UPLOAD_LIMIT_BYTES = Math.min(TELEGRAM_DOWNLOAD_LIMIT_BYTES, MAX_DOCUMENT_BYTES);

/** Stem used when a name has nothing left after cleaning ("../.docx"). */
export const DEFAULT_STEM = 'tai-lieu';

/** File names are kept under this many UTF-8 bytes (ext4 allows 255; room is left for " (12)"). */
const MAX_NAME_BYTES = 180;

/** What the library needs from the composed app (src/app.ts `App`). */
export type LibraryApp = Pick<App, 'db' | 'ingest' | 'documents' | 'removeDocument'>;

/** What is going on with an upload, for progress messages. */
export type UploadStage =
  | { stage: 'reading'; format: 'text' | 'html' | 'docx' | 'pdf' }
  | { stage: 'ocr' }
  | { stage: 'indexing'; done: number; total: number };

/** The facts found in one document, counted for the upload reply. */
export interface FactsSummary {
  /** Who chaired its meetings, as "Đồng chí Ngô Văn Lãng, Bí thư Đảng ủy", without repeats. */
  chairs: string[];
  meetings: number;
  targets: number;
  tasks: number;
  deadlines: number;
  /** Document numbers as written: "62/NQ-HĐND". */
  documentNumbers: string[];
}

export interface UploadResult {
  /** Absolute path of the stored file. */
  path: string;
  /** The stored file's name (what /tailieu shows). */
  fileName: string;
  documentId: number;
  title: string;
  /** Searchable passages of the document. */
  passages: number;
  facts: FactsSummary;
  /** True when the text came from OCR. */
  ocr: boolean;
  /** Reader notes (legacy encoding converted, OCR). */
  notes: string[];
  /** The ingest run; empty when the upload was a duplicate. */
  report: IngestReport;
  /** True when the same content was already in the library: nothing was stored or ingested. */
  duplicate: boolean;
}

export interface RemovedDocument {
  document: DocumentRow;
  /** False when the file lies outside DATA_DIR (ingested from elsewhere): it is left alone. */
  fileDeleted: boolean;
}

export interface DocumentLibrary {
  /** Largest upload accepted, in bytes. */
  readonly maxBytes: number;
  /**
   * Checks a name and size before anything is downloaded or parsed; returns the safe file name.
   * @throws ChithiError FILE_UNSUPPORTED, FILE_TOO_LARGE or FILE_EMPTY, naming the file as sent.
   */
  check(fileName: string, size: number | undefined): string;
  /**
   * Stores and ingests an uploaded file; identical content already in the library is not stored
   * twice. `onStage` hears what is happening, for progress messages.
   * @throws ChithiError when the file is refused (the reader's message); nothing is left behind.
   */
  saveUpload(
    fileName: string,
    bytes: Buffer,
    options?: { onStage?: (stage: UploadStage) => void },
  ): Promise<UploadResult>;
  /** Documents in /tailieu order. */
  documents(): DocumentRow[];
  /**
   * Ingests DATA_DIR (at start and for /reindex) under the library's lock, so it never runs at the
   * same time as an upload or a removal in another chat.
   */
  ingestDataDir(): Promise<IngestReport>;
  /** Documents matching a /tailieu number or words of the title or file name (diacritics optional). */
  find(query: string): DocumentRow[];
  /**
   * Removes a document from the index (passages, facts, vectors) and deletes its file when it lies in
   * DATA_DIR. With `file`, only if the document still has that file (ids can be reused).
   */
  remove(id: number, options?: { file?: string }): Promise<RemovedDocument | undefined>;
}

const CONTROL_OR_RESERVED = /[\p{Cc}<>:"|?*]/gu;

function truncateBytes(text: string, maxBytes: number): string {
  let out = '';
  for (const ch of text) {
    if (Buffer.byteLength(out + ch) > maxBytes) break;
    out += ch;
  }
  return out;
}

/**
 * A file name safe to create inside DATA_DIR: no path separator survives (no traversal), control and
 * reserved characters removed, no leading dot (no hidden files) or dash, NFC with Vietnamese letters
 * and spaces kept, the extension lower-cased, at most 180 UTF-8 bytes.
 * "../../etc/passwd" → "etc-passwd"; "báo cáo quý IV.DOCX" → "báo cáo quý IV.docx".
 */
export function sanitizeFileName(name: string): string {
  // Separators become dashes rather than cutting the name: "62/NQ-HĐND" stays readable.
  const cleaned = name
    .normalize('NFC')
    .replace(/[/\\]+/g, '-')
    .replace(CONTROL_OR_RESERVED, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const extMatch = /\.([\p{L}\p{N}]{1,10})$/u.exec(cleaned);
  const ext = extMatch ? `.${extMatch[1]!.toLowerCase()}` : '';
  let stem = extMatch ? cleaned.slice(0, extMatch.index) : cleaned;
  stem = stem.replace(/^[\s.-]+/, '').replace(/[\s.]+$/, '');
  stem = truncateBytes(stem, MAX_NAME_BYTES - Buffer.byteLength(ext)).trimEnd();
  return `${stem || DEFAULT_STEM}${ext}`;
}

/** "tên.docx", "tên (2).docx", "tên (3).docx" … */
function withSuffix(name: string, n: number): string {
  if (n < 2) return name;
  const ext = path.extname(name);
  return `${name.slice(0, name.length - ext.length)} (${n})${ext}`;
}

/** Counts facts by kind and lists who chaired, for the upload reply. Pure. */
export function summarizeFacts(facts: Fact[]): FactsSummary {
  const summary: FactsSummary = {
    chairs: [],
    meetings: 0,
    targets: 0,
    tasks: 0,
    deadlines: 0,
    documentNumbers: [],
  };
  // Who spoke is told apart from who chaired or came ("Phát biểu kết luận, đồng chí …"): such a
  // paragraph is the document's meeting again, a meeting of its own only when nothing else is.
  let speechesOnly = 0;
  for (const fact of facts) {
    switch (fact.kind) {
      case 'meeting':
        if (fact.chairs.length > 0 || fact.attendees.length > 0) summary.meetings++;
        else speechesOnly++;
        for (const chair of fact.chairs) {
          const who = formatPerson(chair);
          if (!summary.chairs.includes(who)) summary.chairs.push(who);
        }
        break;
      case 'target':
        summary.targets++;
        break;
      case 'task':
        summary.tasks++;
        break;
      case 'deadline':
        summary.deadlines++;
        break;
      case 'document-number':
        if (!summary.documentNumbers.includes(fact.number)) summary.documentNumbers.push(fact.number);
        break;
    }
  }
  if (summary.meetings === 0 && speechesOnly > 0) summary.meetings = 1;
  return summary;
}

function searchable(text: string): string[] {
  return foldDiacritics(normalizeText(text)).match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * Documents a /xoa argument points at: "2" or "#2" is the second document of /tailieu; otherwise
 * every word must start a word of the title or the file name, with or without diacritics
 * ("bao cao quy IV" finds "Báo cáo quý IV"). A title or file name equal to the query wins alone. Pure.
 */
export function matchDocuments(documents: DocumentRow[], query: string): DocumentRow[] {
  const q = query.trim();
  const number = /^#?(\d{1,6})$/.exec(q);
  if (number) {
    const doc = documents[Number(number[1]) - 1];
    return doc ? [doc] : [];
  }
  const words = searchable(q);
  if (words.length === 0) return [];
  const fields = (d: DocumentRow) => [searchable(d.title), searchable(path.basename(d.file))];
  const matches = documents.filter((d) => {
    const haystack = fields(d).flat();
    return words.every((w) => haystack.some((h) => h.startsWith(w)));
  });
  const wanted = words.join(' ');
  const exact = matches.filter((d) => fields(d).some((f) => f.join(' ') === wanted));
  return exact.length === 1 ? exact : matches;
}

/** True when `file` lies inside `dir`, both compared as canonical paths (links resolved). */
function isInside(dir: string, file: string): boolean {
  const real = (p: string) => {
    try {
      return fs.realpathSync(p);
    } catch {
      return path.resolve(p);
    }
  };
  const rel = path.relative(real(dir), real(file));
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/**
 * Builds the library over an opened app. Uploads and removals run one at a time, so two files with
 * the same name cannot take the same slot and an ingest never races a removal.
 *
 * @param options.dataDir DATA_DIR, where uploads are stored (created if missing).
 * @param options.maxBytes upload limit in bytes; defaults to {@link UPLOAD_LIMIT_BYTES} (20 MB).
 */
export function createDocumentLibrary(options: {
  app: LibraryApp;
  dataDir: string;
  maxBytes?: number;
}): DocumentLibrary {
  const { app } = options;
  const dataDir = path.resolve(options.dataDir);
  const maxBytes = options.maxBytes ?? UPLOAD_LIMIT_BYTES;
  const mutex = new Mutex();

  function check(fileName: string, size: number | undefined): string {
    const safe = sanitizeFileName(fileName);
    if (!SUPPORTED_EXTENSIONS.has(path.extname(safe).toLowerCase()))
      throw createError('FILE_UNSUPPORTED', safe);
    if (size !== undefined && size > maxBytes)
      throw createError('FILE_TOO_LARGE', safe, Math.round(maxBytes / 1024 / 1024));
    if (size === 0) throw createError('FILE_EMPTY', safe);
    return safe;
  }

  function describe(doc: DocumentRow, report: IngestReport, duplicate: boolean): UploadResult {
    const file = documentFile(doc.file, dataDir);
    return {
      path: file,
      fileName: path.basename(file),
      documentId: doc.id,
      title: doc.title,
      passages: doc.passages,
      facts: summarizeFacts(listFacts(app.db, { documentId: doc.id }).map((f) => f.fact)),
      ocr: doc.ocr,
      notes: doc.notes,
      report,
      duplicate,
    };
  }

  /** A name free both on disk and in the index (a stale row must not be mistaken for the upload). */
  function freeTarget(safe: string): string {
    const known = new Set(app.documents().map((d) => d.file));
    for (let n = 1; ; n++) {
      const target = path.join(dataDir, withSuffix(safe, n));
      if (!fs.existsSync(target) && !known.has(documentKey(target, dataDir))) return target;
    }
  }

  /** Writes to a hidden temporary file first (walks skip dotfiles), then links it into place. */
  function store(safe: string, bytes: Buffer): string {
    fs.mkdirSync(dataDir, { recursive: true });
    const temp = path.join(dataDir, `.upload-${crypto.randomBytes(6).toString('hex')}.part`);
    fs.writeFileSync(temp, bytes, { flag: 'wx' });
    try {
      for (;;) {
        const target = freeTarget(safe);
        try {
          fs.linkSync(temp, target); // fails if the name was taken meanwhile, unlike rename
          return target;
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        }
      }
    } finally {
      fs.rmSync(temp, { force: true });
    }
  }

  async function saveUpload(
    fileName: string,
    bytes: Buffer,
    opts: { onStage?: (stage: UploadStage) => void } = {},
  ): Promise<UploadResult> {
    const safe = check(fileName, bytes.length);
    // Cheap content checks before parsing: Word 97-2003 or password-protected files, a PDF named .docx.
    const format = chooseFormat(safe, bytes);
    return mutex.runExclusive(async () => {
      const hash = hashBytes(bytes);
      const same = app
        .documents()
        .find((d) => d.hash === hash && fs.existsSync(documentFile(d.file, dataDir)));
      if (same) return describe(same, emptyIngestReport(), true);

      const target = store(safe, bytes);
      const stored = documentKey(target, dataDir);
      let report: IngestReport;
      try {
        opts.onStage?.(format === 'image' ? { stage: 'ocr' } : { stage: 'reading', format });
        report = await app.ingest([target], {
          onVectors: (done, total) => opts.onStage?.({ stage: 'indexing', done, total }),
        });
      } catch (err) {
        fs.rmSync(target, { force: true });
        throw err;
      }
      const failed = report.failed.find((f) => f.file === stored);
      const doc = app.documents().find((d) => d.file === stored);
      if (failed || !doc) {
        // A failed read rolled nothing into the index: only the stored file has to go.
        fs.rmSync(target, { force: true });
        // The reader names the stored path; the admin knows the file by the name they sent.
        const message = (failed?.message ?? createError('FILE_EMPTY', stored).message)
          .split(stored)
          .join(safe);
        throw createError('UPLOAD_REFUSED', message);
      }
      return describe(doc, report, false);
    });
  }

  async function remove(id: number, opts: { file?: string } = {}): Promise<RemovedDocument | undefined> {
    return mutex.runExclusive(async () => {
      const doc = app.documents().find((d) => d.id === id);
      if (!doc || (opts.file !== undefined && doc.file !== opts.file)) return undefined;
      const file = documentFile(doc.file, dataDir);
      const inData = isInside(dataDir, file);
      // The file goes first: if it cannot be deleted, the document stays (it would come back at start).
      if (inData) fs.rmSync(file, { force: true });
      await app.removeDocument(doc.id);
      return { document: doc, fileDeleted: inData };
    });
  }

  return {
    maxBytes,
    check,
    saveUpload,
    documents: () => app.documents(),
    find: (query) => matchDocuments(app.documents(), query),
    remove,
    ingestDataDir: () => mutex.runExclusive(() => app.ingest()),
  };
}
