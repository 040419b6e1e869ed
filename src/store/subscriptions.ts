import type Database from 'better-sqlite3';

export interface Subscription {
  chatId: number;
  /** 0 when the chat has no forum topic. */
  threadId: number;
  /** Local time 'HH:MM'. */
  time: string;
  /** IANA time zone, e.g. 'Asia/Ho_Chi_Minh'. */
  timezone: string;
  active: boolean;
  /** ISO instant. */
  createdAt: string;
  /** ISO instant of the last change of time or zone. */
  updatedAt: string;
  lastSentDate: string | null;
  lastDocSeenAt: string | null;
  /** Words the chat's digest keeps to ("BĐBP Quảng Ninh", "IUU"); null: everything. */
  filter: string | null;
  /** True: nothing is sent on a day with nothing to remind of. */
  quiet: boolean;
}

export type DigestStatus = 'sending' | 'sent' | 'retry' | 'failed' | 'interrupted';

export interface DigestLogEntry {
  chatId: number;
  threadId: number;
  date: string;
  status: DigestStatus;
  attempts: number;
  messageId: number | null;
  /** ISO instant of the last claim: when the last attempt started. */
  claimedAt: string;
  sentAt: string | null;
  error: string | null;
}

/** Identifies one day's digest for one chat (or forum topic). */
export interface DigestKey {
  chatId: number;
  threadId: number;
  /** Local date 'YYYY-MM-DD'. */
  date: string;
}

interface SubscriptionRow {
  chat_id: number;
  thread_id: number;
  time: string;
  timezone: string;
  active: number;
  created_at: string;
  updated_at: string;
  last_sent_date: string | null;
  last_doc_seen_at: string | null;
  filter?: string | null;
  quiet?: number;
}

function toSubscription(row: SubscriptionRow): Subscription {
  return {
    chatId: row.chat_id,
    threadId: row.thread_id,
    time: row.time,
    timezone: row.timezone,
    active: row.active === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastSentDate: row.last_sent_date,
    lastDocSeenAt: row.last_doc_seen_at,
    filter: row.filter ?? null,
    quiet: row.quiet === 1,
  };
}

/**
 * Subscribes a chat (or topic) at a local time, or changes the time of an existing subscription and
 * reactivates it. `now` is an ISO instant.
 */
export function subscribe(
  db: Database.Database,
  sub: {
    chatId: number;
    threadId?: number;
    time: string;
    timezone: string;
    now: string;
    filter?: string | null;
    quiet?: boolean;
  },
): Subscription {
  db.prepare(
    `INSERT INTO subscriptions (chat_id, thread_id, time, timezone, active, created_at, updated_at, filter, quiet)
     VALUES (@chatId, @threadId, @time, @timezone, 1, @now, @now, @filter, @quiet)
     ON CONFLICT (chat_id, thread_id) DO UPDATE SET
       time = excluded.time, timezone = excluded.timezone, active = 1,
       updated_at = excluded.updated_at, deactivated_reason = NULL, filter = excluded.filter,
       quiet = excluded.quiet`,
  ).run({ ...sub, threadId: sub.threadId ?? 0, filter: sub.filter ?? null, quiet: sub.quiet ? 1 : 0 });
  return getSubscription(db, sub.chatId, sub.threadId ?? 0) as Subscription;
}

/** Stops a subscription at the chat's request. Returns false when there was no active one. */
export function unsubscribe(db: Database.Database, chatId: number, threadId = 0): boolean {
  const r = db
    .prepare(
      `UPDATE subscriptions SET active = 0, deactivated_reason = 'unsubscribed'
       WHERE chat_id = ? AND thread_id = ? AND active = 1`,
    )
    .run(chatId, threadId);
  return r.changes > 0;
}

/** Stops a subscription because Telegram refused delivery (bot removed or blocked: 403). */
export function deactivate(db: Database.Database, chatId: number, threadId: number, reason: string): void {
  db.prepare(
    `UPDATE subscriptions SET active = 0, deactivated_reason = ? WHERE chat_id = ? AND thread_id = ?`,
  ).run(reason, chatId, threadId);
}

export function getSubscription(db: Database.Database, chatId: number, threadId = 0): Subscription | null {
  const row = db
    .prepare(`SELECT * FROM subscriptions WHERE chat_id = ? AND thread_id = ?`)
    .get(chatId, threadId) as SubscriptionRow | undefined;
  return row ? toSubscription(row) : null;
}

export function listActive(db: Database.Database): Subscription[] {
  const rows = db
    .prepare(`SELECT * FROM subscriptions WHERE active = 1 ORDER BY chat_id, thread_id`)
    .all() as SubscriptionRow[];
  return rows.map(toSubscription);
}

/**
 * Takes the right to send one day's digest. True for exactly one caller per (chat, topic, date),
 * across processes sharing the database file; a released claim (retry) can be taken again once its
 * `retry_at` has passed. A claim left 'sending' by a crashed process is never taken again (at most
 * once beats twice); `markInterrupted` records it as 'interrupted' so that the loss is visible.
 */
export function claim(db: Database.Database, key: DigestKey, now: string): boolean {
  const r = db
    .prepare(
      `INSERT INTO digest_log (chat_id, thread_id, date, status, attempts, claimed_at)
       VALUES (@chatId, @threadId, @date, 'sending', 1, @now)
       ON CONFLICT (chat_id, thread_id, date) DO UPDATE SET
         status = 'sending', attempts = digest_log.attempts + 1, claimed_at = excluded.claimed_at,
         retry_at = NULL
       WHERE digest_log.status = 'retry' AND (digest_log.retry_at IS NULL OR digest_log.retry_at <= excluded.claimed_at)`,
    )
    .run({ ...key, now });
  return r.changes > 0;
}

/** Records a delivered digest and moves the subscription's bookmarks forward. */
export function markSent(db: Database.Database, key: DigestKey, messageId: number, now: string): void {
  db.transaction(() => {
    db.prepare(
      `UPDATE digest_log SET status = 'sent', message_id = ?, sent_at = ?, error = NULL
       WHERE chat_id = ? AND thread_id = ? AND date = ?`,
    ).run(messageId, now, key.chatId, key.threadId, key.date);
    db.prepare(
      `UPDATE subscriptions SET last_sent_date = ?, last_doc_seen_at = ? WHERE chat_id = ? AND thread_id = ?`,
    ).run(key.date, now, key.chatId, key.threadId);
  })();
}

/** Records a day with nothing to remind of, in a chat that chose to receive nothing then: handled, not sent. */
export function markQuiet(db: Database.Database, key: DigestKey, now: string): void {
  db.prepare(
    `UPDATE digest_log SET status = 'sent', message_id = NULL, sent_at = ?, error = NULL
     WHERE chat_id = ? AND thread_id = ? AND date = ?`,
  ).run(now, key.chatId, key.threadId, key.date);
}

/**
 * Gives a claim back after a retryable failure (429, 5xx, network) so that a later tick, in this or
 * another process, may try again from `retryAt` (ISO instant).
 */
export function release(db: Database.Database, key: DigestKey, retryAt: string, error: string): void {
  db.prepare(
    `UPDATE digest_log SET status = 'retry', retry_at = ?, error = ?
     WHERE chat_id = ? AND thread_id = ? AND date = ? AND status = 'sending'`,
  ).run(retryAt, error, key.chatId, key.threadId, key.date);
}

/** Marks a day's digest as given up (not retried). */
export function markFailed(db: Database.Database, key: DigestKey, error: string): void {
  db.prepare(
    `UPDATE digest_log SET status = 'failed', error = ? WHERE chat_id = ? AND thread_id = ? AND date = ?`,
  ).run(error, key.chatId, key.threadId, key.date);
}

interface DigestLogRow {
  chat_id: number;
  thread_id: number;
  date: string;
  status: DigestStatus;
  attempts: number;
  claimed_at: string;
  message_id: number | null;
  sent_at: string | null;
  error: string | null;
}

function toLogEntry(row: DigestLogRow): DigestLogEntry {
  return {
    chatId: row.chat_id,
    threadId: row.thread_id,
    date: row.date,
    status: row.status,
    attempts: row.attempts,
    claimedAt: row.claimed_at,
    messageId: row.message_id,
    sentAt: row.sent_at,
    error: row.error,
  };
}

export function getLogEntry(db: Database.Database, key: DigestKey): DigestLogEntry | null {
  const row = db
    .prepare(`SELECT * FROM digest_log WHERE chat_id = ? AND thread_id = ? AND date = ?`)
    .get(key.chatId, key.threadId, key.date) as DigestLogRow | undefined;
  return row ? toLogEntry(row) : null;
}

/**
 * Marks as 'interrupted' every claim still 'sending' that was taken at or before `claimedBefore`
 * (ISO instant): the process that took it stopped before recording Telegram's answer, so nobody
 * knows whether the message arrived, and it is not sent again. `isInFlight` keeps the caller's own
 * sends out. Returns the entries marked, oldest claim first. A late answer from a process that was
 * only slow still wins: `markSent` and `markFailed` overwrite 'interrupted'.
 */
export function markInterrupted(
  db: Database.Database,
  options: { claimedBefore: string; now: string; isInFlight?: (key: DigestKey) => boolean },
): DigestLogEntry[] {
  const select = db.prepare(
    `SELECT * FROM digest_log WHERE status = 'sending' AND claimed_at <= ? ORDER BY claimed_at, id`,
  );
  const update = db.prepare(
    `UPDATE digest_log SET status = 'interrupted', error = ?
     WHERE chat_id = ? AND thread_id = ? AND date = ? AND status = 'sending' AND claimed_at = ?`,
  );
  const note = `interrupted: no answer recorded after the claim; found ${options.now}`;
  return db.transaction(() => {
    const marked: DigestLogEntry[] = [];
    for (const row of select.all(options.claimedBefore) as DigestLogRow[]) {
      const entry = toLogEntry(row);
      if (options.isInFlight?.(entry)) continue;
      if (update.run(note, row.chat_id, row.thread_id, row.date, row.claimed_at).changes > 0) {
        marked.push({ ...entry, status: 'interrupted', error: note });
      }
    }
    return marked;
  })();
}

/**
 * Interrupted digests of a chat, newest date first: of one topic when `threadId` is given, else of
 * all its topics; only dates from `sinceDate` ('YYYY-MM-DD') on when given, or only `date`.
 */
export function listInterrupted(
  db: Database.Database,
  chatId: number,
  filter: { threadId?: number; sinceDate?: string; date?: string } = {},
): DigestLogEntry[] {
  const rows = db
    .prepare(
      `SELECT * FROM digest_log
       WHERE chat_id = @chatId AND status = 'interrupted'
         AND (@threadId IS NULL OR thread_id = @threadId)
         AND (@sinceDate IS NULL OR date >= @sinceDate)
         AND (@date IS NULL OR date = @date)
       ORDER BY date DESC, thread_id`,
    )
    .all({
      chatId,
      threadId: filter.threadId ?? null,
      sinceDate: filter.sinceDate ?? null,
      date: filter.date ?? null,
    }) as DigestLogRow[];
  return rows.map(toLogEntry);
}

/**
 * When the chat's last digest before `date` was delivered (ISO instant), over all its topics; null
 * if none. New documents in a digest are those added after this instant, so a preview of a date
 * shows what that day's digest holds.
 */
export function lastSentBefore(db: Database.Database, chatId: number, date: string): string | null {
  const row = db
    .prepare(`SELECT MAX(sent_at) AS at FROM digest_log WHERE chat_id = ? AND date < ? AND status = 'sent'`)
    .get(chatId, date) as { at: string | null };
  return row.at;
}
