import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { GrammyError } from 'grammy';
import { DB_FILE, openDatabase, type Db } from '../../src/store/db';
import { upgradeDigestLog } from '../../src/store/schema';
import { getLogEntry, getSubscription, listActive, subscribe } from '../../src/store/subscriptions';
import { createDigestScheduler, type DigestSchedulerOptions } from '../../src/digest/scheduler';
import { createDigestService } from '../../src/digest/service';

const HCM = 'Asia/Ho_Chi_Minh';
const BERLIN = 'Europe/Berlin';
const CHAT_HANOI = -1001000000001;
const CHAT_BERLIN = -1001000000002;

let dir: string;
const open: Db[] = [];

function openDb(): Db {
  const db = openDatabase(dir);
  open.push(db);
  return db;
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chithi-digest-'));
});

afterEach(() => {
  for (const db of open.splice(0)) db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const silent = { info: () => {}, warn: () => {}, error: () => {} };

interface Sent {
  chatId: number;
  threadId: number | undefined;
  html: string;
}

/** A scheduler over `db` with a settable fake clock and a recording `send`. */
function harness(db: Db, overrides: Partial<DigestSchedulerOptions> = {}) {
  const state = { now: new Date('2025-12-01T00:00:00.000Z') };
  const sent: Sent[] = [];
  let nextId = 1;
  const scheduler = createDigestScheduler({
    db,
    clock: () => state.now,
    send: async (chatId, threadId, html) => {
      sent.push({ chatId, threadId, html });
      return { messageId: nextId++ };
    },
    compose: async (chatId, date) => ({ html: `Nhắc việc ${chatId} ${date}`, isEmpty: false }),
    graceHours: 6,
    logger: silent,
    ...overrides,
  });
  return {
    scheduler,
    sent,
    at(iso: string) {
      state.now = new Date(iso);
    },
    async tickAt(iso: string) {
      state.now = new Date(iso);
      return scheduler.tick();
    },
  };
}

function sub(db: Db, chatId: number, time: string, timezone: string, threadId = 0) {
  subscribe(db, { chatId, threadId, time, timezone, now: '2025-01-01T00:00:00.000Z' });
}

describe('digest scheduler', () => {
  it("sends at each chat's local time, once a day, across days and time zones", async () => {
    const db = openDb();
    sub(db, CHAT_HANOI, '07:30', HCM);
    sub(db, CHAT_BERLIN, '07:30', BERLIN);
    sub(db, CHAT_HANOI, '17:00', HCM, 55); // a forum topic of the same group, in the afternoon
    const h = harness(db);

    const steps: Array<[string, string[]]> = [
      ['2025-12-05T00:29:00.000Z', []],
      ['2025-12-05T00:30:00.000Z', [`${CHAT_HANOI}:0 2025-12-05`]],
      ['2025-12-05T00:31:00.000Z', []],
      ['2025-12-05T06:29:30.000Z', []],
      ['2025-12-05T06:30:00.000Z', [`${CHAT_BERLIN}:0 2025-12-05`]],
      ['2025-12-05T10:00:30.000Z', [`${CHAT_HANOI}:55 2025-12-05`]],
      ['2025-12-05T12:00:00.000Z', []],
      ['2025-12-06T00:30:10.000Z', [`${CHAT_HANOI}:0 2025-12-06`]],
      ['2025-12-06T06:30:10.000Z', [`${CHAT_BERLIN}:0 2025-12-06`]],
    ];
    for (const [iso, expected] of steps) {
      const before = h.sent.length;
      await h.tickAt(iso);
      const got = h.sent.slice(before).map((s) => `${s.chatId}:${s.threadId ?? 0} ${s.html.split(' ')[3]}`);
      expect({ iso, got }).toEqual({ iso, got: expected });
    }
    expect(h.sent.find((s) => s.threadId === 55)?.html).toBe(`Nhắc việc ${CHAT_HANOI} 2025-12-05`);
    expect(getLogEntry(db, { chatId: CHAT_HANOI, threadId: 0, date: '2025-12-06' })).toMatchObject({
      status: 'sent',
      messageId: 4,
    });
    expect(getSubscription(db, CHAT_HANOI)?.lastSentDate).toBe('2025-12-06');
  });

  it('a chat that chose quiet days gets nothing on an empty day, and its digest on the others', async () => {
    const db = openDb();
    subscribe(db, {
      chatId: CHAT_HANOI,
      time: '07:30',
      timezone: HCM,
      now: '2025-01-01T00:00:00.000Z',
      quiet: true,
    });
    sub(db, CHAT_BERLIN, '07:30', HCM);
    const empty = new Set(['2025-12-05']);
    const h = harness(db, {
      compose: async (chatId, date) => ({
        html: `Nhắc việc ${chatId} ${date}`,
        isEmpty: empty.has(date),
        quiet: getSubscription(db, chatId)?.quiet ?? false,
      }),
    });
    await h.tickAt('2025-12-05T00:30:00.000Z');
    // The other chat did not choose quiet days: it gets its one friendly line.
    expect(h.sent.map((x) => x.chatId)).toEqual([CHAT_BERLIN]);
    expect(getLogEntry(db, { chatId: CHAT_HANOI, threadId: 0, date: '2025-12-05' })).toMatchObject({
      status: 'sent',
      messageId: null,
    });
    // Handled once: later ticks of the day do not send it either.
    await h.tickAt('2025-12-05T01:30:00.000Z');
    await h.tickAt('2025-12-06T00:30:00.000Z');
    expect(h.sent.map((x) => `${x.chatId} ${x.html.split(' ')[3]}`).sort()).toEqual(
      [`${CHAT_BERLIN} 2025-12-05`, `${CHAT_HANOI} 2025-12-06`, `${CHAT_BERLIN} 2025-12-06`].sort(),
    );
  });

  it('follows summer time in Berlin', async () => {
    const db = openDb();
    sub(db, CHAT_BERLIN, '07:30', BERLIN);
    const h = harness(db);
    await h.tickAt('2025-07-01T06:30:00.000Z'); // 08:30 CEST, one hour late
    expect(h.sent.map((s) => s.html)).toEqual([`Nhắc việc ${CHAT_BERLIN} 2025-07-01`]);
    await h.tickAt('2025-07-02T05:29:00.000Z');
    await h.tickAt('2025-07-02T05:30:00.000Z');
    expect(h.sent.map((s) => s.html)).toEqual([
      `Nhắc việc ${CHAT_BERLIN} 2025-07-01`,
      `Nhắc việc ${CHAT_BERLIN} 2025-07-02`,
    ]);
  });

  it.each([
    ['inside the grace window', '2025-12-05T05:00:00.000Z', ['2025-12-05']],
    ['just inside, across local midnight', '2025-12-05T17:30:00.000Z', ['2025-12-05']],
    ['outside the grace window', '2025-12-05T07:00:00.000Z', []],
  ])('catches up after a restart %s', async (_name, restartAt, expected) => {
    const db = openDb();
    sub(db, CHAT_HANOI, '07:30', HCM);
    sub(db, CHAT_BERLIN, '20:00', HCM); // due 13:00Z, so a restart at 17:30Z is 4.5 h late
    // The first process sent the 4 December digests, then stopped.
    const first = harness(db);
    await first.tickAt('2025-12-04T00:30:00.000Z');
    await first.tickAt('2025-12-04T13:00:00.000Z');
    expect(first.sent).toHaveLength(2);

    const intervals: Array<() => void> = [];
    const second = harness(db, { setInterval: (fn) => intervals.push(fn), clearInterval: () => {} });
    second.at(restartAt);
    second.scheduler.start();
    await second.scheduler.stop();
    const chat = restartAt === '2025-12-05T17:30:00.000Z' ? CHAT_BERLIN : CHAT_HANOI;
    expect(second.sent.map((s) => s.html)).toEqual(expected.map((d) => `Nhắc việc ${chat} ${d}`));
    expect(intervals).toHaveLength(1);

    // Restarting again the same day never sends twice.
    const third = harness(db);
    await third.tickAt(restartAt);
    expect(third.sent).toEqual([]);
  });

  it('does not send at once when the chosen time already passed today', async () => {
    const db = openDb();
    subscribe(db, { chatId: CHAT_HANOI, time: '07:30', timezone: HCM, now: '2025-12-05T03:00:00.000Z' });
    const h = harness(db);
    await h.tickAt('2025-12-05T03:00:30.000Z');
    expect(h.sent).toEqual([]);
    await h.tickAt('2025-12-06T00:30:00.000Z');
    expect(h.sent.map((s) => s.html)).toEqual([`Nhắc việc ${CHAT_HANOI} 2025-12-06`]);
  });

  it('never sends twice when two schedulers share one database file', async () => {
    const chats = Array.from({ length: 25 }, (_, i) => -1002000000000 - i);
    const setup = openDb();
    for (const chatId of chats) sub(setup, chatId, '07:30', HCM);
    const slowSend = (sent: number[]) => async (chatId: number) => {
      await new Promise((r) => setTimeout(r, 2));
      sent.push(chatId);
      return { messageId: chatId };
    };
    const sentA: number[] = [];
    const sentB: number[] = [];
    const a = harness(openDb(), { send: slowSend(sentA) });
    const b = harness(openDb(), { send: slowSend(sentB) });
    for (const iso of ['2025-12-05T00:30:00.000Z', '2025-12-05T00:30:30.000Z', '2025-12-05T01:00:00.000Z']) {
      a.at(iso);
      b.at(iso);
      await Promise.all([a.scheduler.tick(), b.scheduler.tick(), b.scheduler.tick(), a.scheduler.tick()]);
    }
    const all = [...sentA, ...sentB].sort((x, y) => x - y);
    expect(all).toEqual([...chats].sort((x, y) => x - y));
    expect(sentA.length).toBeGreaterThan(0);
  });

  it('stops the subscription on 403 and does not try again', async () => {
    const db = openDb();
    sub(db, CHAT_HANOI, '07:30', HCM);
    sub(db, CHAT_BERLIN, '07:30', HCM);
    const warnings: string[] = [];
    const attempts: number[] = [];
    const h = harness(db, {
      logger: { ...silent, warn: (_o, msg) => warnings.push(String(msg)) },
      send: async (chatId) => {
        attempts.push(chatId);
        if (chatId === CHAT_HANOI) {
          throw new GrammyError(
            "Call to 'sendMessage' failed!",
            { ok: false, error_code: 403, description: 'Forbidden: bot was kicked from the supergroup chat' },
            'sendMessage',
            {},
          );
        }
        return { messageId: 1 };
      },
    });
    const report = await h.tickAt('2025-12-05T00:30:00.000Z');
    expect(Object.fromEntries(report.results.map((r) => [r.chatId, r.outcome]))).toEqual({
      [CHAT_HANOI]: 'deactivated',
      [CHAT_BERLIN]: 'sent',
    });
    expect(listActive(db).map((s) => s.chatId)).toEqual([CHAT_BERLIN]);
    expect(warnings.some((w) => w.includes('subscription stopped'))).toBe(true);
    await h.tickAt('2025-12-06T00:30:00.000Z');
    expect(attempts.sort()).toEqual([CHAT_HANOI, CHAT_BERLIN, CHAT_BERLIN].sort());
  });

  it.each([
    [
      '429 with retry_after',
      { error_code: 429, description: 'Too Many Requests: retry after 30', parameters: { retry_after: 30 } },
      30,
    ],
    ['502 Bad Gateway', { error_code: 502, description: 'Bad Gateway' }, 60],
  ])('retries after %s, and only once it is due', async (_name, apiError, waitSeconds) => {
    const db = openDb();
    sub(db, CHAT_HANOI, '07:30', HCM);
    let failures = 1;
    const h = harness(db, {
      send: async () => {
        if (failures-- > 0) throw new GrammyError('failed', { ok: false, ...apiError }, 'sendMessage', {});
        return { messageId: 77 };
      },
    });
    const t0 = Date.parse('2025-12-05T00:30:00.000Z');
    const first = await h.tickAt(new Date(t0).toISOString());
    expect(first.results.map((r) => r.outcome)).toEqual(['retry']);
    const early = await h.tickAt(new Date(t0 + (waitSeconds - 1) * 1000).toISOString());
    expect(early.results).toEqual([]);
    const due = await h.tickAt(new Date(t0 + waitSeconds * 1000).toISOString());
    expect(due.results.map((r) => r.outcome)).toEqual(['sent']);
    expect(getLogEntry(db, { chatId: CHAT_HANOI, threadId: 0, date: '2025-12-05' })).toMatchObject({
      status: 'sent',
      attempts: 2,
      messageId: 77,
    });
    expect(listActive(db)).toHaveLength(1);
  });

  it('gives up for the day after too many retryable failures', async () => {
    const db = openDb();
    sub(db, CHAT_HANOI, '07:30', HCM);
    let calls = 0;
    const h = harness(db, {
      maxAttempts: 3,
      send: async () => {
        calls++;
        throw new GrammyError(
          'failed',
          { ok: false, error_code: 500, description: 'Internal' },
          'sendMessage',
          {},
        );
      },
    });
    for (let m = 0; m < 60; m += 5)
      await h.tickAt(`2025-12-05T00:${String(30 + m).padStart(2, '0')}:00.000Z`);
    expect(calls).toBe(3);
    expect(getLogEntry(db, { chatId: CHAT_HANOI, threadId: 0, date: '2025-12-05' })?.status).toBe('failed');
  });

  it('does not let one slow or failing chat delay the others', async () => {
    const db = openDb();
    const hanging = -1003000000000;
    const broken = -1003000000001;
    const healthy = Array.from({ length: 5 }, (_, i) => -1003000000010 - i);
    for (const chatId of [hanging, broken, ...healthy]) sub(db, chatId, '07:30', HCM);
    let releaseHanging: (v: { messageId: number }) => void = () => {};
    const delivered: number[] = [];
    const h = harness(db, {
      concurrency: 2,
      sendTimeoutMs: 50,
      send: (chatId) => {
        if (chatId === hanging) return new Promise((resolve) => (releaseHanging = resolve));
        if (chatId === broken) return Promise.reject(new Error('socket hang up'));
        delivered.push(chatId);
        return Promise.resolve({ messageId: 1 });
      },
    });
    const started = Date.now();
    const report = await h.tickAt('2025-12-05T00:30:00.000Z');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(delivered.sort()).toEqual([...healthy].sort());
    const outcome = Object.fromEntries(report.results.map((r) => [r.chatId, r.outcome]));
    expect(outcome[broken]).toBe('retry');
    expect(outcome[hanging]).toBe('pending');
    // The slow send finishes later and is still recorded, so it is not sent again.
    releaseHanging({ messageId: 99 });
    await h.scheduler.stop();
    expect(getLogEntry(db, { chatId: hanging, threadId: 0, date: '2025-12-05' })).toMatchObject({
      status: 'sent',
      messageId: 99,
    });
  });
});

describe('digest interrupted by a stopped process (at most once, never silent)', () => {
  interface Warning {
    obj: Record<string, unknown>;
    msg: string;
  }
  const recording = (warnings: Warning[]) => ({
    ...silent,
    warn: (obj: object, msg?: string) =>
      warnings.push({ obj: obj as Record<string, unknown>, msg: String(msg) }),
  });
  const KEY = { chatId: CHAT_HANOI, threadId: 0, date: '2025-12-05' };
  /** A send that reaches Telegram's door and never hears back: the process dies meanwhile. */
  const neverAnswers = () => new Promise<{ messageId: number }>(() => {});

  /** Process A claims the 07:30 send of CHAT_HANOI and dies before the answer; CHAT_BERLIN is delivered. */
  async function crashAfterClaim(): Promise<void> {
    const a = harness(openDb(), {
      sendTimeoutMs: 20,
      send: async (chatId) => (chatId === CHAT_HANOI ? neverAnswers() : { messageId: 500 }),
    });
    const report = await a.tickAt('2025-12-05T00:30:00.000Z');
    expect(report.results.map((r) => [r.chatId, r.outcome])).toEqual([
      [CHAT_BERLIN, 'sent'],
      [CHAT_HANOI, 'pending'],
    ]);
    // No stop(): the process is gone, its row stays as it left it.
  }

  it('the next start logs the interrupted send with chat and date, marks it, and does not resend it', async () => {
    const db = openDb();
    sub(db, CHAT_HANOI, '07:30', HCM);
    sub(db, CHAT_BERLIN, '07:30', HCM);
    await crashAfterClaim();
    expect(getLogEntry(db, KEY)?.status).toBe('sending');

    // Restarted 20 minutes later, well inside the 6-hour grace window.
    const warnings: Warning[] = [];
    const b = harness(openDb(), {
      logger: recording(warnings),
      setInterval: () => 0,
      clearInterval: () => {},
    });
    b.at('2025-12-05T00:50:00.000Z');
    b.scheduler.start();
    await b.scheduler.stop();

    expect(warnings).toEqual([
      {
        obj: expect.objectContaining({
          chatId: CHAT_HANOI,
          threadId: 0,
          date: '2025-12-05',
          claimedAt: '2025-12-05T00:30:00.000Z',
        }),
        msg: expect.stringContaining('not resent'),
      },
    ]);
    expect(getLogEntry(db, KEY)).toMatchObject({ status: 'interrupted', messageId: null });
    expect(getLogEntry(db, { ...KEY, chatId: CHAT_BERLIN })?.status).toBe('sent');

    // Later ticks of the same day neither resend nor log it again.
    for (const iso of ['2025-12-05T01:00:00.000Z', '2025-12-05T05:00:00.000Z']) {
      const report = await b.tickAt(iso);
      expect(report).toEqual({ results: [], interrupted: [] });
    }
    expect(b.sent).toEqual([]);
    expect(warnings).toHaveLength(1);

    // The next day is an ordinary day for both chats.
    await b.tickAt('2025-12-06T00:30:00.000Z');
    expect(b.sent.map((s) => s.html).sort()).toEqual(
      [`Nhắc việc ${CHAT_BERLIN} 2025-12-06`, `Nhắc việc ${CHAT_HANOI} 2025-12-06`].sort(),
    );
  });

  it('leaves a claim younger than staleClaimMinutes alone, and records it the first tick after', async () => {
    const db = openDb();
    sub(db, CHAT_HANOI, '07:30', HCM);
    sub(db, CHAT_BERLIN, '07:30', HCM);
    await crashAfterClaim();

    // A quick restart (2 minutes): the claim might still be another live process's slow send.
    const warnings: Warning[] = [];
    const b = harness(openDb(), { logger: recording(warnings) });
    const steps: Array<[string, string[]]> = [
      ['2025-12-05T00:32:00.000Z', []],
      ['2025-12-05T00:44:59.999Z', []],
      ['2025-12-05T00:45:00.000Z', ['2025-12-05']],
      ['2025-12-05T00:45:30.000Z', []],
    ];
    for (const [iso, expected] of steps) {
      const report = await b.tickAt(iso);
      expect({ iso, marked: report.interrupted.map((e) => e.date) }).toEqual({ iso, marked: expected });
    }
    expect(warnings.map((w) => w.obj.chatId)).toEqual([CHAT_HANOI]);
    expect(b.sent).toEqual([]);
  });

  it('a shorter staleClaimMinutes records it sooner', async () => {
    const db = openDb();
    sub(db, CHAT_HANOI, '07:30', HCM);
    sub(db, CHAT_BERLIN, '07:30', HCM);
    await crashAfterClaim();
    const b = harness(openDb(), { staleClaimMinutes: 5 });
    expect((await b.tickAt('2025-12-05T00:34:59.000Z')).interrupted).toEqual([]);
    expect((await b.tickAt('2025-12-05T00:35:00.000Z')).interrupted).toEqual([
      expect.objectContaining({ ...KEY, status: 'interrupted' }),
    ]);
  });

  it("never counts the scheduler's own slow send as interrupted", async () => {
    const db = openDb();
    sub(db, CHAT_HANOI, '07:30', HCM);
    let answer: (v: { messageId: number }) => void = () => {};
    const h = harness(db, {
      sendTimeoutMs: 20,
      send: () => new Promise((resolve) => (answer = resolve)),
    });
    await h.tickAt('2025-12-05T00:30:00.000Z');
    const later = await h.tickAt('2025-12-05T01:30:00.000Z');
    expect(later.interrupted).toEqual([]);
    expect(getLogEntry(db, KEY)?.status).toBe('sending');
    answer({ messageId: 42 });
    await h.scheduler.stop();
    expect(getLogEntry(db, KEY)).toMatchObject({ status: 'sent', messageId: 42 });
  });

  it('a late answer from another process that was only slow still records the digest as sent', async () => {
    const db = openDb();
    sub(db, CHAT_HANOI, '07:30', HCM);
    let answer: (v: { messageId: number }) => void = () => {};
    const a = harness(openDb(), {
      sendTimeoutMs: 20,
      send: () => new Promise((resolve) => (answer = resolve)),
    });
    await a.tickAt('2025-12-05T00:30:00.000Z');
    const b = harness(openDb());
    expect((await b.tickAt('2025-12-05T00:50:00.000Z')).interrupted).toHaveLength(1);
    answer({ messageId: 7 });
    await a.scheduler.stop();
    expect(getLogEntry(db, KEY)).toMatchObject({ status: 'sent', messageId: 7 });
    expect(b.sent).toEqual([]);
  });

  it('upgrades a database whose digest_log predates the interrupted state, keeping its rows', async () => {
    // The table as released before, with a send left 'sending' by the old version.
    const old = new Database(path.join(dir, DB_FILE));
    old.exec(`CREATE TABLE digest_log (
      id INTEGER PRIMARY KEY, chat_id INTEGER NOT NULL, thread_id INTEGER NOT NULL DEFAULT 0,
      date TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('sending', 'sent', 'retry', 'failed')),
      attempts INTEGER NOT NULL DEFAULT 1, claimed_at TEXT NOT NULL, retry_at TEXT,
      message_id INTEGER, sent_at TEXT, error TEXT, UNIQUE (chat_id, thread_id, date))`);
    old
      .prepare(
        `INSERT INTO digest_log (id, chat_id, thread_id, date, status, claimed_at, message_id, sent_at)
         VALUES (?, ?, 0, ?, ?, ?, ?, ?)`,
      )
      .run(1, CHAT_HANOI, '2025-12-04', 'sent', '2025-12-04T00:30:00.000Z', 11, '2025-12-04T00:30:01.000Z');
    old
      .prepare(
        `INSERT INTO digest_log (id, chat_id, thread_id, date, status, claimed_at) VALUES (?, ?, 0, ?, ?, ?)`,
      )
      .run(2, CHAT_HANOI, '2025-12-05', 'sending', '2025-12-05T00:30:00.000Z');
    old.close();

    const db = openDb();
    sub(db, CHAT_HANOI, '07:30', HCM);
    const h = harness(db);
    const report = await h.tickAt('2025-12-05T00:50:00.000Z');
    expect(report.interrupted.map((e) => e.date)).toEqual(['2025-12-05']);
    expect(getLogEntry(db, { ...KEY, date: '2025-12-04' })).toMatchObject({ status: 'sent', messageId: 11 });
    expect(db.prepare('SELECT id FROM digest_log ORDER BY id').pluck().all()).toEqual([1, 2]);
    expect(upgradeDigestLog(db)).toBe(false);
    expect(h.sent).toEqual([]);
  });

  it('is told to the chat for a week and to the preview of that date, per topic', async () => {
    const db = openDb();
    sub(db, CHAT_HANOI, '07:30', HCM);
    sub(db, CHAT_BERLIN, '07:30', HCM);
    sub(db, CHAT_HANOI, '17:00', HCM, 55);
    await crashAfterClaim();
    const state = { now: new Date('2025-12-05T00:50:00.000Z') };
    const b = harness(openDb(), { clock: () => state.now });
    await b.scheduler.tick();
    const service = createDigestService({
      db,
      clock: () => state.now,
      digest: { timezone: HCM, daysAhead: 14 },
    });

    expect(service.recentInterrupted(CHAT_HANOI, 0)).toEqual([
      expect.objectContaining({ date: '2025-12-05', claimedAt: '2025-12-05T00:30:00.000Z' }),
    ]);
    expect(service.recentInterrupted(CHAT_HANOI, 55)).toEqual([]);
    expect(service.recentInterrupted(CHAT_BERLIN, 0)).toEqual([]);
    expect(service.compose(CHAT_HANOI, '2025-12-05').notices).toEqual([
      'Bản tin ngày 05/12/2025 bị gián đoạn lúc 07:30 (không gửi lại)',
    ]);
    expect(service.compose(CHAT_HANOI, '2025-12-06').notices).toEqual([]);
    expect(service.compose(CHAT_BERLIN, '2025-12-05').notices).toEqual([]);

    state.now = new Date('2025-12-11T16:59:00.000Z'); // 23:59 on 11/12 in Hà Nội: still the last 7 days
    expect(service.recentInterrupted(CHAT_HANOI, 0)).toHaveLength(1);
    state.now = new Date('2025-12-11T17:00:00.000Z'); // 12/12 in Hà Nội
    expect(service.recentInterrupted(CHAT_HANOI, 0)).toEqual([]);
    expect(service.compose(CHAT_HANOI, '2025-12-05').notices).toHaveLength(1);
  });
});
