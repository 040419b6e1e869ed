import type Database from 'better-sqlite3';
import {
  claim,
  deactivate,
  listActive,
  markFailed,
  markInterrupted,
  markQuiet,
  markSent,
  release,
  type DigestKey,
  type DigestLogEntry,
  type Subscription,
} from '../store/subscriptions';
import { addDays, localDate, zonedTimeToInstant } from './time';

/** The subset of a pino logger the scheduler uses. */
export interface DigestLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface DigestSchedulerOptions {
  db: Database.Database;
  /** Current instant; tests pass a fake clock. */
  clock: () => Date;
  /** Sends one digest; `threadId` is undefined outside forum topics. Throws GrammyError-like errors. */
  /** Sends one digest; `more.hasMore`: it has a "Xem đầy đủ" button for the whole digest of `more.date`. */
  send: (
    chatId: number,
    threadId: number | undefined,
    html: string,
    more?: { date: string; hasMore: boolean },
  ) => Promise<{ messageId: number }>;
  /** Builds the digest of a chat for a local date 'YYYY-MM-DD'. */
  compose: (
    chatId: number,
    date: string,
    threadId: number,
  ) => Promise<{ html: string; isEmpty: boolean; hasMore?: boolean; quiet?: boolean }>;
  /**
   * How long after a chat's time a missed digest is still sent (after downtime), in hours.
   * 0–24, default 6. Never less than `minWindowMs`, so a normal tick always falls inside it.
   */
  graceHours: number;
  logger: DigestLogger;
  /** Milliseconds between ticks after start(). Default 30 000. */
  tickIntervalMs?: number;
  /** Chats sent to at once. Default 4. */
  concurrency?: number;
  /** A tick stops waiting for one chat after this many milliseconds (the send goes on). Default 20 000. */
  sendTimeoutMs?: number;
  /** Retryable failures (429, 5xx, network) tried at most this many times a day. Default 5. */
  maxAttempts?: number;
  /**
   * A claim still 'sending' this many minutes after it was taken, by a send that is not this
   * scheduler's own, is recorded as interrupted (its process stopped mid-send), logged, and not sent
   * again. Must exceed the send client's own timeout, or a slow send of another live process would be
   * counted (grammY's Api waits 500 s). Minutes, 1–1440, default 15.
   */
  staleClaimMinutes?: number;
  setInterval?: (fn: () => void, ms: number) => unknown;
  clearInterval?: (handle: unknown) => void;
}

export type DigestOutcome = 'sent' | 'retry' | 'deactivated' | 'failed' | 'pending';

export interface TickReport {
  /** One entry per digest attempted in this tick. */
  results: Array<DigestKey & { outcome: DigestOutcome; messageId?: number; catchUp: boolean }>;
  /** Claims found left 'sending' by a stopped process and marked interrupted in this tick. */
  interrupted: DigestLogEntry[];
}

export interface DigestScheduler {
  /**
   * Records interrupted sends (claims left 'sending' longer than staleClaimMinutes), then sends every
   * digest that is due at the injected clock's instant. Overlapping calls are skipped.
   */
  tick(): Promise<TickReport>;
  /** Runs a tick now (catch-up after downtime, interrupted sends) and then every tickIntervalMs. */
  start(): void;
  /** Stops ticking and waits for sends in flight. */
  stop(): Promise<void>;
}

const keyOf = (key: DigestKey): string => `${key.chatId}:${key.threadId}:${key.date}`;

/** At least 15 minutes of window, so a 30-second tick never misses a digest even with graceHours = 0. */
const MIN_WINDOW_MS = 15 * 60_000;

/** Telegram's error code of an error thrown by grammY (GrammyError) or any object carrying one. */
export function telegramErrorCode(err: unknown): number | undefined {
  if (err && typeof err === 'object' && 'error_code' in err) {
    const code = (err as { error_code: unknown }).error_code;
    if (typeof code === 'number') return code;
  }
  return undefined;
}

function retryAfterSeconds(err: unknown): number | undefined {
  if (err && typeof err === 'object' && 'parameters' in err) {
    const params = (err as { parameters?: { retry_after?: unknown } }).parameters;
    if (typeof params?.retry_after === 'number') return params.retry_after;
  }
  return undefined;
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Runs `jobs` with at most `limit` at a time; each job is awaited at most `timeoutMs`. */
async function runLimited(jobs: Array<() => Promise<void>>, limit: number, timeoutMs: number): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const job = jobs[next++] as () => Promise<void>;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
      });
      await Promise.race([job(), timeout]);
      clearTimeout(timer);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
}

/**
 * The daily digest scheduler. Which chat is due is computed from the injected clock, each chat in
 * its own time zone; who sends is decided by the database (see `claim`), so ticks are safe to run
 * from several processes. One chat's failure or slowness never holds up the others.
 */
export function createDigestScheduler(options: DigestSchedulerOptions): DigestScheduler {
  const { db, clock, send, compose, logger } = options;
  const windowMs = Math.max(options.graceHours * 3_600_000, MIN_WINDOW_MS);
  const tickIntervalMs = options.tickIntervalMs ?? 30_000;
  const concurrency = options.concurrency ?? 4;
  const sendTimeoutMs = options.sendTimeoutMs ?? 20_000;
  const maxAttempts = options.maxAttempts ?? 5;
  const staleClaimMs = Math.min(Math.max(options.staleClaimMinutes ?? 15, 1), 1440) * 60_000;
  const startInterval = options.setInterval ?? ((fn, ms) => setInterval(fn, ms));
  const stopInterval = options.clearInterval ?? ((h) => clearInterval(h as NodeJS.Timeout));

  const inFlight = new Set<Promise<void>>();
  /** Keys of this scheduler's own sends that have no recorded outcome yet. */
  const sending = new Set<string>();
  let handle: unknown;
  let running = false;

  /**
   * At most once: a claim whose process stopped before Telegram's answer was recorded may or may not
   * have been delivered, so it is never sent again; it is marked and logged so the loss is visible
   * (and shown by /nhacviec). See docs/decisions/006-digest-scheduling.md.
   */
  function recordInterrupted(now: Date): DigestLogEntry[] {
    try {
      const marked = markInterrupted(db, {
        claimedBefore: new Date(now.getTime() - staleClaimMs).toISOString(),
        now: now.toISOString(),
        isInFlight: (key) => sending.has(keyOf(key)),
      });
      for (const e of marked) {
        logger.warn(
          {
            chatId: e.chatId,
            threadId: e.threadId,
            date: e.date,
            claimedAt: e.claimedAt,
            attempts: e.attempts,
          },
          "digest interrupted: the process stopped between claiming the send and recording Telegram's answer; not resent (at most once)",
        );
      }
      return marked;
    } catch (err) {
      logger.error({ err: describe(err) }, 'could not check for interrupted digests');
      return [];
    }
  }

  /** The local dates whose digest is due now: today's, or yesterday's when its window spans midnight. */
  function dueDates(sub: Subscription, now: Date): Array<{ date: string; dueAt: Date }> {
    const today = localDate(now, sub.timezone);
    const out: Array<{ date: string; dueAt: Date }> = [];
    for (const date of [addDays(today, -1), today]) {
      const dueAt = zonedTimeToInstant(date, sub.time, sub.timezone);
      const late = now.getTime() - dueAt.getTime();
      // A time set after today's moment had passed starts tomorrow, not as an instant catch-up.
      if (late >= 0 && late <= windowMs && dueAt.toISOString() >= sub.updatedAt) out.push({ date, dueAt });
    }
    return out;
  }

  async function deliver(key: DigestKey, report: TickReport['results'][number]): Promise<void> {
    try {
      const digest = await compose(key.chatId, key.date, key.threadId);
      if (digest.isEmpty && digest.quiet) {
        // The chat chose to receive nothing on a day with nothing to remind of.
        markQuiet(db, key, clock().toISOString());
        report.outcome = 'sent';
        logger.info({ ...key, empty: true }, 'digest empty; not sent (chat chose quiet days)');
        return;
      }
      const { messageId } = await send(key.chatId, key.threadId || undefined, digest.html, {
        date: key.date,
        hasMore: digest.hasMore === true,
      });
      markSent(db, key, messageId, clock().toISOString());
      report.outcome = 'sent';
      report.messageId = messageId;
      logger.info({ ...key, messageId, empty: digest.isEmpty, catchUp: report.catchUp }, 'digest sent');
    } catch (err) {
      const code = telegramErrorCode(err);
      const error = describe(err);
      // 403: bot removed or blocked; 400 'chat not found': the group is gone. Neither will recover.
      if (code === 403 || (code === 400 && /chat not found/i.test(error))) {
        deactivate(db, key.chatId, key.threadId, `403: ${error}`);
        markFailed(db, key, error);
        report.outcome = 'deactivated';
        logger.warn(
          { ...key, err: error },
          'digest refused by Telegram (bot removed or blocked); subscription stopped',
        );
        return;
      }
      const retryable = code === undefined || code === 429 || code >= 500;
      const attempts = (
        db
          .prepare('SELECT attempts FROM digest_log WHERE chat_id = ? AND thread_id = ? AND date = ?')
          .get(key.chatId, key.threadId, key.date) as { attempts: number } | undefined
      )?.attempts;
      if (retryable && (attempts ?? 1) < maxAttempts) {
        const waitSeconds = retryAfterSeconds(err) ?? Math.min(60 * 2 ** ((attempts ?? 1) - 1), 1800);
        const retryAt = new Date(clock().getTime() + waitSeconds * 1000).toISOString();
        release(db, key, retryAt, error);
        report.outcome = 'retry';
        logger.warn({ ...key, code, retryAt, err: error }, 'digest not sent; will retry');
      } else {
        markFailed(db, key, error);
        report.outcome = 'failed';
        logger.error({ ...key, code, err: error }, 'digest not sent; giving up for today');
      }
    }
  }

  async function tick(): Promise<TickReport> {
    const report: TickReport = { results: [], interrupted: [] };
    if (running) return report;
    running = true;
    try {
      const now = clock();
      report.interrupted = recordInterrupted(now);
      const jobs: Array<() => Promise<void>> = [];
      for (const sub of listActive(db)) {
        for (const { date, dueAt } of dueDates(sub, now)) {
          const key: DigestKey = { chatId: sub.chatId, threadId: sub.threadId, date };
          if (!claim(db, key, now.toISOString())) continue;
          const entry = {
            ...key,
            outcome: 'pending' as DigestOutcome,
            catchUp: now.getTime() - dueAt.getTime() > tickIntervalMs * 2,
          };
          report.results.push(entry);
          sending.add(keyOf(key));
          jobs.push(() => {
            const p = deliver(key, entry).finally(() => {
              inFlight.delete(p);
              sending.delete(keyOf(key));
            });
            inFlight.add(p);
            return p;
          });
        }
      }
      await runLimited(jobs, concurrency, sendTimeoutMs);
    } catch (err) {
      logger.error({ err: describe(err) }, 'digest tick failed');
    } finally {
      running = false;
    }
    return report;
  }

  return {
    tick,
    start() {
      if (handle !== undefined) return;
      void tick();
      handle = startInterval(() => void tick(), tickIntervalMs);
    },
    async stop() {
      if (handle !== undefined) stopInterval(handle);
      handle = undefined;
      await Promise.allSettled([...inFlight]);
    },
  };
}
