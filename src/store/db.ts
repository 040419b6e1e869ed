import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export type Db = Database.Database;

/**
 * Schema migrations, applied in order; each runs once (tracked by PRAGMA user_version). Feature
 * modules add their own tables by appending here so one file shows the whole schema history.
 */
const MIGRATIONS: string[] = [
  `CREATE TABLE IF NOT EXISTS documents (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     file TEXT NOT NULL UNIQUE,
     title TEXT NOT NULL,
     hash TEXT NOT NULL,
     format TEXT NOT NULL DEFAULT 'txt',
     ocr INTEGER NOT NULL DEFAULT 0,
     notes TEXT NOT NULL DEFAULT '[]',
     added_at TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   -- AUTOINCREMENT: passage ids are never reused, so a vector-index label always means one passage.
   CREATE TABLE IF NOT EXISTS passages (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
     ordinal INTEGER NOT NULL,
     paragraph INTEGER NOT NULL,
     kind TEXT NOT NULL,
     section TEXT,
     page INTEGER,
     text TEXT NOT NULL,
     years TEXT NOT NULL DEFAULT '[]'
   );
   CREATE INDEX IF NOT EXISTS passages_document ON passages(document_id, ordinal);
   CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);`,
  // What each document is about (docs/decisions/010-document-scope.md), and which version of the
  // parser read it: a document read by an older parser is read again at the next ingest.
  `ALTER TABLE documents ADD COLUMN profile TEXT NOT NULL DEFAULT '{}';
   ALTER TABLE documents ADD COLUMN parser INTEGER NOT NULL DEFAULT 0;`,
];

/** Extra schema from feature modules (facts, subscriptions, embedding cache), idempotent SQL. */
const featureSchemas: string[] = [];

/** Registers idempotent SQL (CREATE … IF NOT EXISTS) run at every open. */
export function registerSchema(sql: string): void {
  if (!featureSchemas.includes(sql)) featureSchemas.push(sql);
}

export const DB_FILE = 'chithi.db';

/** Opens (creating if needed) the SQLite database in the index directory. */
export function openDatabase(indexDir: string, options: { readonly?: boolean } = {}): Db {
  fs.mkdirSync(indexDir, { recursive: true });
  const db = new Database(path.join(indexDir, DB_FILE), { readonly: options.readonly ?? false });
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  // Another process (the bot while the CLI ingests) may hold the write lock briefly.
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
  migrate(db);
  return db;
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
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
  for (const sql of featureSchemas) db.exec(sql);
}

/** A counter bumped by every change to documents, so readers know when to reload. */
export function getGeneration(db: Db): number {
  const row = db.prepare(`SELECT value FROM meta WHERE key = 'generation'`).get() as
    { value: string } | undefined;
  return row ? Number(row.value) : 0;
}

export function bumpGeneration(db: Db): void {
  db.prepare(
    `INSERT INTO meta(key, value) VALUES ('generation', '1')
     ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1`,
  ).run();
}
