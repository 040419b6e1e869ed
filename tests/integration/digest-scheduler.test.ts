import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GrammyError } from 'grammy';
import { openDatabase, type Db } from '../../src/store/db';
import { getLogEntry, getSubscription, listActive, subscribe } from '../../src/store/subscriptions';
import { createDigestScheduler, type DigestSchedulerOptions } from '../../src/digest/scheduler';

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
