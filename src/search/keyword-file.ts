import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Bm25Params, IndexContent, KeywordIndexFormatError, KeywordSearch } from './keyword';
import { KeywordIndexFile, readAt, writeImage } from './keyword-image';
import { textTerms } from '../text/terms';
import { Db } from '../store/db';

/** The keyword index image, next to the database in INDEX_DIR. */
export const KEYWORD_INDEX_FILE = 'keyword-index.bin';

/**
 * What a saved keyword index must match to be used instead of rebuilt: the database it was built
 * from (a random id stored in the database, so a deleted and recreated database never picks up an
 * old image), the documents generation, and the analyzer (terms of a probe text, so a change to
 * tokenization or term namespaces rebuilds the image instead of searching stale terms).
 */
export interface KeywordIndexKey {
  database: string;
  generation: number;
  /** Random per change of documents (see getStamp): a restored backup never matches a later image. */
  stamp: string;
  analyzer: string;
  /** The database's schema version (src/store/db.ts schemaVersion). */
  schema: number;
}

const PROBE =
  'Chỉ tiêu năm 2025: hoàn thành 100% kế hoạch, 2.300 lượt tàu; Đảng uỷ (BĐBP) hoà nhập, SSCĐ. ' +
  'chi tieu nam 2025 hoa nhap QUYẾT ĐỊNH 9,5%, tỉ lệ kĩ thuật';

let analyzerFingerprint: string | undefined;

/** A short hash of the index terms of a fixed Vietnamese probe text. */
export function analyzerVersion(): string {
  analyzerFingerprint ??= createHash('sha256')
    .update(JSON.stringify([...textTerms(PROBE)].sort()))
    .digest('hex')
    .slice(0, 16);
  return analyzerFingerprint;
}

/** The database's own random id, created on first use (in the meta table). */
export function databaseId(db: Db): string {
  const get = db.prepare(`SELECT value FROM meta WHERE key = 'database_id'`).pluck();
  const existing = get.get() as string | undefined;
  if (existing) return existing;
  if (db.readonly) return 'readonly';
  db.prepare(`INSERT OR IGNORE INTO meta(key, value) VALUES ('database_id', ?)`).run(
    randomBytes(16).toString('hex'),
  );
  return get.get() as string;
}

const keyBuffer = (key: KeywordIndexKey) => {
  const json = Buffer.from(JSON.stringify(key), 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32LE(json.length, 0);
  return [len, json];
};

/**
 * Writes the index image with its key: to a temporary file, then renamed over the old one, so a
 * reader (the bot while the CLI ingests) sees the old image or the new one, never half of one.
 */
export function saveKeywordIndex(
  file: string,
  key: KeywordIndexKey,
  index: { content(): IndexContent },
): void {
  const tmp = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}`,
  );
  const fd = fs.openSync(tmp, 'w');
  try {
    for (const part of [...keyBuffer(key), ...writeImage(index.content())]) fs.writeSync(fd, part);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
}

export type LoadedKeywordIndex =
  | { index: KeywordSearch; key: KeywordIndexKey; cause?: undefined }
  | { index: null; cause: 'missing' | 'stale' | 'corrupt'; reason?: string };

/**
 * Opens the image when it exists and matches `key`, reading only its key, header and small arrays
 * (KeywordIndexFile reads the rest as questions need it); otherwise says why not (the caller rebuilds).
 * An image of an earlier state of the same database (same schema and analyzer) is opened too when
 * `ancestor` accepts its generation and stamp: the caller brings it up to date. `key` says which
 * state the image is of.
 */
export function loadKeywordIndex(
  file: string,
  key: KeywordIndexKey,
  params?: Bm25Params,
  ancestor?: (generation: number, stamp: string) => boolean,
): LoadedKeywordIndex {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return { index: null, cause: 'missing' };
  }
  try {
    // readAt refuses a file shorter than what is asked of it (KeywordIndexFormatError "truncated").
    const keyLength = readAt(fd, 0, 4).readUInt32LE(0);
    if (4 + keyLength > fs.fstatSync(fd).size) throw new KeywordIndexFormatError('truncated');
    const stored = JSON.parse(readAt(fd, 4, keyLength).toString('utf8')) as Partial<KeywordIndexKey>;
    const current = stored.generation === key.generation && stored.stamp === key.stamp;
    if (
      stored.database !== key.database ||
      stored.analyzer !== key.analyzer ||
      stored.schema !== key.schema ||
      typeof stored.generation !== 'number' ||
      typeof stored.stamp !== 'string' ||
      !(current || ancestor?.(stored.generation, stored.stamp))
    ) {
      fs.closeSync(fd);
      return { index: null, cause: 'stale' };
    }
    return {
      index: KeywordIndexFile.open(fd, 4 + keyLength, params),
      key: { ...key, generation: stored.generation, stamp: stored.stamp },
    };
  } catch (err) {
    fs.closeSync(fd);
    return { index: null, cause: 'corrupt', reason: err instanceof Error ? err.message : String(err) };
  }
}
