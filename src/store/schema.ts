import type { Db } from './db';

/**
 * The whole database schema, in one ordered list of migrations (docs/decisions/001 and 010): each
 * step runs once, tracked by PRAGMA user_version, when a database is opened for writing. Every
 * feature's tables are here — documents and passages, facts, digest subscriptions, the embedding
 * cache — so one file shows what the database holds and in which order it grew. A step is SQL, or a
 * function for what SQL alone cannot say (a table rebuilt only when it is still old).
 */

/**
 * The facts table: one row per extracted fact, linked to its document and passage. `year` is
 * denormalized from the fact so "/chitieu 2025" is an index lookup; `data` is the Fact as JSON.
 */
export const FACTS_SCHEMA = `
CREATE TABLE IF NOT EXISTS facts (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL,
  passage_id INTEGER NOT NULL,
  kind TEXT NOT NULL,
  year INTEGER,
  data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS facts_kind_year ON facts(kind, year);
CREATE INDEX IF NOT EXISTS facts_document ON facts(document_id);
`;

/**
 * Columns of digest_log. `status`: 'sending' (claimed, no answer recorded yet), 'sent', 'retry'
 * (released after a retryable failure), 'failed' (given up for the day), 'interrupted' (left
 * 'sending' by a process that stopped mid-send; never resent: docs/decisions/006-digest-scheduling.md).
 */
const DIGEST_LOG_COLUMNS = `
  id INTEGER PRIMARY KEY,
  chat_id INTEGER NOT NULL,
  thread_id INTEGER NOT NULL DEFAULT 0,
  date TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('sending', 'sent', 'retry', 'failed', 'interrupted')),
  attempts INTEGER NOT NULL DEFAULT 1,
  claimed_at TEXT NOT NULL,
  retry_at TEXT,
  message_id INTEGER,
  sent_at TEXT,
  error TEXT,
  UNIQUE (chat_id, thread_id, date)
`;

const DIGEST_LOG_COLUMN_NAMES =
  'id, chat_id, thread_id, date, status, attempts, claimed_at, retry_at, message_id, sent_at, error';

/**
 * Digest subscriptions and the log of what was sent. `thread_id` is 0 for a chat without forum
 * topics. The UNIQUE key of digest_log is what keeps two bot processes on one database from both
 * sending a chat's digest for the same day: whoever inserts the row first sends.
 */
export const SUBSCRIPTIONS_SCHEMA = `
CREATE TABLE IF NOT EXISTS subscriptions (
  chat_id INTEGER NOT NULL,
  thread_id INTEGER NOT NULL DEFAULT 0,
  time TEXT NOT NULL,
  timezone TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  last_sent_date TEXT,
  last_doc_seen_at TEXT,
  deactivated_reason TEXT,
  PRIMARY KEY (chat_id, thread_id)
);
CREATE TABLE IF NOT EXISTS digest_log (${DIGEST_LOG_COLUMNS});
`;

/**
 * Widens the status CHECK of a digest_log created before 'interrupted' existed. SQLite cannot alter
 * a CHECK, so the table is rebuilt (rows and ids kept). Meant as one step of the ordered migration
 * list; until then `ensureSubscriptionsSchema` applies it when needed.
 */
export const DIGEST_LOG_INTERRUPTED_MIGRATION = `
CREATE TABLE digest_log_new (${DIGEST_LOG_COLUMNS});
INSERT INTO digest_log_new (${DIGEST_LOG_COLUMN_NAMES}) SELECT ${DIGEST_LOG_COLUMN_NAMES} FROM digest_log;
DROP TABLE digest_log;
ALTER TABLE digest_log_new RENAME TO digest_log;
`;

function digestLogAcceptsInterrupted(db: Db): boolean {
  const row = db
    .prepare(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'digest_log'`)
    .get() as { sql: string } | undefined;
  return !row || row.sql.includes("'interrupted'");
}

/**
 * Applies DIGEST_LOG_INTERRUPTED_MIGRATION when digest_log still has the old CHECK. Returns true when
 * it rebuilt the table. A read-only database is left as it is (it cannot hold new states anyway).
 * The write lock is taken first, so two processes starting together rebuild it once.
 */
export function upgradeDigestLog(db: Db): boolean {
  if (db.readonly || digestLogAcceptsInterrupted(db)) return false;
  return db
    .transaction(() => {
      if (digestLogAcceptsInterrupted(db)) return false;
      db.exec(DIGEST_LOG_INTERRUPTED_MIGRATION);
      return true;
    })
    .immediate();
}

/**
 * Vectors by (model, passage text). `model` is embeddingModelKey(); `text_hash` the sha256 of the
 * NFC passage text; `vector` little-endian float32 (the byte order of every machine Node runs on
 * here: x64 and arm64). WITHOUT ROWID: the 2-column key is the only access path.
 */
export const EMBEDDING_CACHE_SCHEMA = `
CREATE TABLE IF NOT EXISTS embedding_cache (
  model     TEXT NOT NULL,
  text_hash BLOB NOT NULL,
  dims      INTEGER NOT NULL,
  vector    BLOB NOT NULL,
  PRIMARY KEY (model, text_hash)
) WITHOUT ROWID;
`;

/** Facts go with their document, whichever way it is removed (prune, /xoa, a changed file). */
const FACTS_FOLLOW_DOCUMENTS = `CREATE TRIGGER IF NOT EXISTS facts_follow_documents AFTER DELETE ON documents
  BEGIN DELETE FROM facts WHERE document_id = OLD.id; END;`;

export type Migration = string | ((db: Db) => void);

export const MIGRATIONS: readonly Migration[] = [
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
  // Before one list held everything, these tables were created at each open (IF NOT EXISTS): on such
  // a database the steps below find them in place.
  FACTS_SCHEMA + FACTS_FOLLOW_DOCUMENTS,
  SUBSCRIPTIONS_SCHEMA,
  (db) => {
    upgradeDigestLog(db);
  },
  EMBEDDING_CACHE_SCHEMA,
  // The sentence introducing a list, kept with each item (decision 010).
  `ALTER TABLE passages ADD COLUMN lead TEXT;`,
  // 👍/👎 under answers: one vote per person and answer (a second tap changes it), with the question
  // and the sources shown, so admins see what was wrong (/phanhoi).
  `CREATE TABLE IF NOT EXISTS feedback (
     chat_id INTEGER NOT NULL,
     message_id INTEGER NOT NULL,
     user_id INTEGER NOT NULL,
     vote INTEGER NOT NULL CHECK (vote IN (-1, 1)),
     question TEXT NOT NULL,
     sources TEXT NOT NULL DEFAULT '[]',
     at TEXT NOT NULL,
     PRIMARY KEY (chat_id, message_id, user_id)
   );
   CREATE INDEX IF NOT EXISTS feedback_vote_at ON feedback(vote, at);`,
  // After a 👎 the bot asks the voter (privately) for a one-line reason: the prompt it sent, so a reply
  // to it is that vote's reason, after a restart too.
  `ALTER TABLE feedback ADD COLUMN reason TEXT;
   ALTER TABLE feedback ADD COLUMN prompt_chat_id INTEGER;
   ALTER TABLE feedback ADD COLUMN prompt_message_id INTEGER;
   CREATE INDEX IF NOT EXISTS feedback_prompt ON feedback(prompt_chat_id, prompt_message_id);`,
  // The results behind the bot's buttons (src/store/button-results.ts): buttons survive a restart.
  `CREATE TABLE IF NOT EXISTS button_results (
     id TEXT PRIMARY KEY,
     entry TEXT NOT NULL,
     expires_at INTEGER NOT NULL
   );
   CREATE INDEX IF NOT EXISTS button_results_expiry ON button_results(expires_at);`,
  // What a chat's digest keeps to (/nhacviec 7h30 BĐBP Quảng Ninh): null keeps everything.
  `ALTER TABLE subscriptions ADD COLUMN filter TEXT;`,
  // A chat may choose to receive nothing on a day with nothing to remind of (/nhacviec … không gửi ngày trống).
  `ALTER TABLE subscriptions ADD COLUMN quiet INTEGER NOT NULL DEFAULT 0;`,
  // Every change of documents, as (generation, stamp) (src/store/db.ts bumpGeneration): a keyword
  // index image saved at one of them is an ancestor of the documents now, and catches up with the
  // passages added and removed since instead of being rebuilt (a restored backup has other stamps).
  `CREATE TABLE IF NOT EXISTS generations (generation INTEGER PRIMARY KEY, stamp TEXT NOT NULL);`,
  // The headings above a passage's section (PassageDraft.outline): documents are read again by
  // PARSER_VERSION 11, and until then their passages have none.
  `ALTER TABLE passages ADD COLUMN outline TEXT;`,
];
