import { RateLimiter } from '../../src/bot/rate-limiter';
import path from 'node:path';
import { ResultStore } from '../../src/bot/result-store';
import { sqliteResultBackend } from '../../src/store/button-results';
import { openDatabase } from '../../src/store/db';
import { SAMPLE_RESULTS } from '../helpers/fake-bot-api';
import { makeTempDir, type TempDir } from '../helpers/temp-dir';

function fakeClock(start = Date.parse('2025-03-10T01:00:00Z')) {
  const now = { t: start };
  return { clock: () => new Date(now.t), advance: (ms: number) => (now.t += ms) };
}

describe('RateLimiter', () => {
  test.each([
    // limit, attempts 1 s apart, expected allowed pattern
    [1, 3, [true, false, false]],
    [3, 5, [true, true, true, false, false]],
    [10, 10, Array(10).fill(true)],
  ])('limit %i, %i attempts', (limit, attempts, expected) => {
    const { clock, advance } = fakeClock();
    const limiter = new RateLimiter(limit, clock);
    const got = Array.from({ length: attempts }, () => {
      const d = limiter.take(7);
      advance(1000);
      return d.allowed;
    });
    expect(got).toEqual(expected);
  });

  test('tells how long to wait on every refusal; refusals do not count; frees up after the window', () => {
    const { clock, advance } = fakeClock();
    const limiter = new RateLimiter(2, clock);
    limiter.take('u');
    advance(10_000);
    limiter.take('u');
    advance(5_000);
    expect(limiter.take('u')).toEqual({ allowed: false, retryAfterMs: 45_000 });
    advance(33_000);
    expect(limiter.take('u')).toEqual({ allowed: false, retryAfterMs: 12_000 });
    advance(12_001);
    expect(limiter.take('u').allowed).toBe(true);
  });

  test('keys are independent', () => {
    const { clock } = fakeClock();
    const limiter = new RateLimiter(1, clock);
    expect(limiter.take(1).allowed).toBe(true);
    expect(limiter.take(2).allowed).toBe(true);
    expect(limiter.take(1).allowed).toBe(false);
  });
});

describe('ResultStore', () => {
  const page = {
    question: 'chỉ tiêu năm 2025 là gì?',
    offset: 0,
    results: SAMPLE_RESULTS.slice(0, 3),
    hasMore: true,
  };

  test('ids are short and URL-safe, so callback data stays far under 64 bytes', () => {
    const store = new ResultStore({ clock: fakeClock().clock });
    const ids = new Set(Array.from({ length: 200 }, () => store.put(page)));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{8}$/);
  });

  test.each([
    [1000, 999, true],
    [1000, 1000, false],
    [24 * 3600_000, 23 * 3600_000, true],
  ])('ttl %i ms, read after %i ms → present %s', (ttlMs, after, present) => {
    const { clock, advance } = fakeClock();
    const store = new ResultStore({ clock, ttlMs });
    const id = store.put(page);
    advance(after);
    expect(store.get(id) !== undefined).toBe(present);
  });

  test('keeps at most maxEntries, dropping the oldest', () => {
    const store = new ResultStore({ clock: fakeClock().clock, maxEntries: 3 });
    const ids = Array.from({ length: 5 }, (_, i) => store.put({ ...page, offset: i * 3 }));
    expect(store.size).toBe(3);
    expect(store.get(ids[0]!)).toBeUndefined();
    expect(store.get(ids[4]!)?.offset).toBe(12);
  });
});

describe('ResultStore in SQLite: buttons survive a restart', () => {
  const page = {
    question: 'Chỉ tiêu năm 2025 của BĐBP tỉnh Ninh Thuận là gì?'.normalize('NFD'),
    offset: 3,
    results: SAMPLE_RESULTS.slice(0, 2),
    hasMore: false,
    choices: ['hội nghị tổng kết của Công an tỉnh Cà Mau (20/12/2024)'],
  };
  let tmp: TempDir;
  beforeEach(() => (tmp = makeTempDir()));
  afterEach(() => tmp.remove());

  test('an entry written before the restart is read after it, the same', () => {
    const { clock } = fakeClock();
    const dir = path.join(tmp.path, 'index');
    const before = openDatabase(dir);
    const id = new ResultStore({ clock, backend: sqliteResultBackend(before) }).put(page);
    before.close();
    const after = openDatabase(dir);
    try {
      const store = new ResultStore({ clock, backend: sqliteResultBackend(after) });
      expect(store.get(id)).toEqual(page);
      expect(store.get('unknown1')).toBeUndefined();
    } finally {
      after.close();
    }
  });

  test('expires and keeps at most maxEntries, oldest first', () => {
    const { clock, advance } = fakeClock();
    const db = openDatabase(path.join(tmp.path, 'index'));
    try {
      const store = new ResultStore({ clock, ttlMs: 1000, maxEntries: 3, backend: sqliteResultBackend(db) });
      const ids = Array.from({ length: 5 }, (_, i) => store.put({ ...page, offset: i }));
      expect(store.size).toBe(3);
      expect(store.get(ids[0]!)).toBeUndefined();
      expect(store.get(ids[4]!)?.offset).toBe(4);
      advance(1000);
      expect(store.get(ids[4]!)).toBeUndefined();
      store.put(page);
      expect(store.size).toBe(1);
    } finally {
      db.close();
    }
  });
});
