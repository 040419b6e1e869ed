import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createError, explainError, isChithiError } from '../errors';
import { MIGRATIONS } from './schema';

export type Db = Database.Database;

export const DB_FILE = 'chithi.db';

function writable(p: string): boolean {
  try {
    fs.accessSync(p, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * How much of the database is checked at open. "full": SQLite's quick_check, which reads every page
 * (about 60 ms per 10 MB; right for the bot's start and for ingest). "header": the file is as long
 * as its header says and the schema reads (milliseconds whatever the size; for a one-question
 * `chithi ask`, where a page damaged deeper is still reported as damaged when it is read).
 */
export type IntegrityCheck = 'full' | 'header';

/** SQLite's page cache per connection, in KB (SQLite's own default is 2 MB). */
const PAGE_CACHE_KB = 4096;

/**
 * Opens (creating if needed) the SQLite database in the index directory, after an integrity
 * check: a damaged or foreign file stops here with one Vietnamese line naming it and the fix,
 * instead of raw SQLite errors later or an index that silently answers nothing. An index folder
 * that can only be read is opened read-only (questions still work; ingest refuses).
 */
export function openDatabase(
  indexDir: string,
  options: { readonly?: boolean; check?: IntegrityCheck } = {},
): Db {
  const file = path.join(indexDir, DB_FILE);
  const exists = fs.existsSync(file);
  if (!exists) {
    try {
      fs.mkdirSync(indexDir, { recursive: true });
    } catch (err) {
      throw createError('INDEX_UNWRITABLE', indexDir, explainError(err));
    }
    if (!writable(indexDir)) throw createError('INDEX_UNWRITABLE', indexDir, 'không có quyền ghi');
  }
  const readonly = options.readonly ?? (exists && !(writable(indexDir) && writable(file)));
  let db: Db | undefined;
  try {
    db = new Database(file, { readonly, fileMustExist: readonly });
    if (!readonly) db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    // Another process (the bot while the CLI ingests) may hold the write lock briefly.
    db.pragma('busy_timeout = 5000');
    if (!readonly) db.pragma('synchronous = NORMAL');
    // Questions read passages by id, scattered over the file; the keyword index has its own caches.
    // better-sqlite3 builds SQLite with a 16 MB page cache per connection, which a serving process
    // filled and kept (issue 14: serving memory); the operating system caches the file anyway.
    db.pragma(`cache_size = -${PAGE_CACHE_KB}`);
    if (exists && shorterThanHeader(file))
      throw createError('INDEX_DAMAGED', file, 'tệp ngắn hơn kích thước ghi trong phần đầu');
    if (options.check === 'header') db.prepare('SELECT COUNT(*) FROM sqlite_master').get();
    else if (db.pragma('quick_check(1)', { simple: true }) !== 'ok')
      throw createError('INDEX_DAMAGED', file, 'kiểm tra toàn vẹn không đạt');
    if (readonly) {
      const version = db.pragma('user_version', { simple: true }) as number;
      if (version < MIGRATIONS.length) throw createError('INDEX_READONLY', indexDir);
      // Nothing to write: the schema is current; feature tables a newer version adds are checked by their users.
    } else migrate(db);
    return db;
  } catch (err) {
    db?.close();
    if (isChithiError(err)) throw err;
    const code = String((err as { code?: unknown }).code ?? '');
    if (/^SQLITE_(CORRUPT|NOTADB)/.test(code)) throw createError('INDEX_DAMAGED', file, explainError(err));
    if (/^(SQLITE_(READONLY|CANTOPEN|PERM|IOERR|FULL)|EACCES|EPERM|EROFS|ENOSPC)/.test(code))
      throw createError('INDEX_UNWRITABLE', indexDir, explainError(err));
    throw err;
  }
}

/**
 * Whether a SQLite file is shorter than the database size its header records (a truncated copy):
 * bytes 16–17 page size (1 means 65,536), 28–31 pages, valid when the change counter (24–27) equals
 * the "version valid for" number (92–95). A file that is not SQLite is left to SQLite to refuse.
 */
export function shorterThanHeader(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const header = Buffer.alloc(100);
    const read = fs.readSync(fd, header, 0, 100, 0);
    if (read < 100 || header.toString('latin1', 0, 16) !== 'SQLite format 3\u0000') return false;
    const raw = header.readUInt16BE(16);
    const pageSize = raw === 1 ? 65536 : raw;
    const pages = header.readUInt32BE(28);
    if (pages === 0 || header.readUInt32BE(24) !== header.readUInt32BE(92)) return false;
    return fs.fstatSync(fd).size < pages * pageSize;
  } finally {
    fs.closeSync(fd);
  }
}

/** An in-memory database with the full schema, for tests. */
export function openMemoryDatabase(): Db {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db);
  return db;
}

function migrate(db: Db): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  for (let v = version; v < MIGRATIONS.length; v++) {
    const step = MIGRATIONS[v]!;
    db.transaction(() => {
      if (typeof step === 'string') db.exec(step);
      else step(db);
      db.pragma(`user_version = ${v + 1}`);
    }).immediate();
  }
}

const statements = new WeakMap<Db, Map<string, Database.Statement>>();

/**
 * A statement compiled once per connection. Ingest runs the same dozen statements for every file and
 * every question reads the generation: compiling them each time was a tenth of the main thread's work
 * ingesting an archive (issue 14). Callers must not change a cached statement's modes (pluck, raw,
 * expand): the next caller gets it as they left it.
 */
export function cachedStatement(db: Db, sql: string): Database.Statement {
  let byDb = statements.get(db);
  if (!byDb) statements.set(db, (byDb = new Map()));
  let stmt = byDb.get(sql);
  if (!stmt) byDb.set(sql, (stmt = db.prepare(sql)));
  return stmt;
}

/** A counter bumped by every change to documents, so readers know when to reload. */
export function getGeneration(db: Db): number {
  const row = cachedStatement(db, `SELECT value FROM meta WHERE key = 'generation'`).get() as
    { value: string } | undefined;
  return row ? Number(row.value) : 0;
}

export function bumpGeneration(db: Db): void {
  cachedStatement(
    db,
    `INSERT INTO meta(key, value) VALUES ('generation', '1')
     ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1`,
  ).run();
  // The counter can reach the same number with other content (a backup restored, then new
  // documents): a random stamp per change cannot, so saved images are keyed by it.
  cachedStatement(
    db,
    `INSERT INTO meta(key, value) VALUES ('stamp', lower(hex(randomblob(8))))
     ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
  ).run();
  // The history of changes, the last GENERATION_HISTORY of them: what an older index image may
  // catch up from (isAncestor).
  const generation = getGeneration(db);
  cachedStatement(db, `INSERT OR REPLACE INTO generations(generation, stamp) VALUES (?, ?)`).run(
    generation,
    getStamp(db),
  );
  if (generation % 100 === 0)
    db.prepare(`DELETE FROM generations WHERE generation <= ?`).run(generation - GENERATION_HISTORY);
}

/** How many changes of documents the history keeps (a few hundred KB). */
export const GENERATION_HISTORY = 10_000;

/**
 * True when the documents now descend from the state (generation, stamp) through changes made to
 * this database: every passage of that state still present is unchanged (passages are only ever
 * inserted and deleted, and their ids never reused). False for a state of a restored backup's
 * future, of another database, or older than the history.
 */
export function isAncestor(db: Db, generation: number, stamp: string): boolean {
  if (generation === getGeneration(db)) return stamp === getStamp(db);
  try {
    return (
      db.prepare(`SELECT 1 FROM generations WHERE generation = ? AND stamp = ?`).get(generation, stamp) !==
      undefined
    );
  } catch {
    // A read-only database of an older version has no history yet.
    return false;
  }
}

/** The schema version (migrations applied): a saved index built under another one is rebuilt. */
export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** A random token that changes with every change to documents ('' before the first). */
export function getStamp(db: Db): string {
  const row = cachedStatement(db, `SELECT value FROM meta WHERE key = 'stamp'`).get() as
    { value: string } | undefined;
  return row?.value ?? '';
}
