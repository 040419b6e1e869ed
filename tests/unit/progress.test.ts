import {
  createIngestProgress,
  etaSeconds,
  filesLine,
  formatDuration,
  formatNumber,
  formatRate,
  ratePerSecond,
  tenth,
  vectorsLine,
} from '../../src/commands/progress';

describe('progress formatting', () => {
  it.each([
    [0, 0, '0'],
    [999, 0, '999'],
    [1000, 0, '1.000'],
    [100000, 0, '100.000'],
    [1234567, 0, '1.234.567'],
    [12.5, 1, '12,5'],
    [12, 1, '12'],
    [2.04, 1, '2'],
    [0.25, 1, '0,3'],
    [-1500, 0, '-1.500'],
  ])('formatNumber(%p, %p) = %p', (n, decimals, expected) => {
    expect(formatNumber(n, decimals)).toBe(expected);
  });

  it.each([
    [0, '0 giây'],
    [0.2, '1 giây'],
    [45, '45 giây'],
    [59.5, '1 phút 00 giây'],
    [60, '1 phút 00 giây'],
    [125, '2 phút 05 giây'],
    [3599, '59 phút 59 giây'],
    [3600, '1 giờ 00 phút'],
    [3900, '1 giờ 05 phút'],
    [90000, '25 giờ 00 phút'],
    [-1, null],
    [Infinity, null],
    [NaN, null],
  ])('formatDuration(%p) = %p', (seconds, expected) => {
    expect(formatDuration(seconds)).toBe(expected);
  });

  it.each([
    [0, 10, null],
    [10, 0, null],
    [100, 4, 25],
    [5, 2, 2.5],
  ])('ratePerSecond(%p items, %p s) = %p', (done, seconds, expected) => {
    expect(ratePerSecond(done, seconds)).toBe(expected);
  });

  it.each([
    [85.4, 'đoạn', '85 đoạn/giây'],
    [2.54, 'đoạn', '2,5 đoạn/giây'],
    [1250, 'tệp', '1.250 tệp/giây'],
  ])('formatRate(%p, %p) = %p', (rate, unit, expected) => {
    expect(formatRate(rate, unit)).toBe(expected);
  });

  it.each([
    [0, 100, 10, 10],
    [50, 100, 10, 5],
    [100, 100, 10, 0],
    [120, 100, 10, 0],
    [50, 100, null, null],
    [50, 100, 0, null],
  ])('etaSeconds(%p of %p at %p/s) = %p', (done, total, rate, expected) => {
    expect(etaSeconds(done, total, rate)).toBe(expected);
  });

  it.each([
    [0, 340, 0],
    [33, 340, 0],
    [34, 340, 1],
    [339, 340, 9],
    [340, 340, 10],
    [0, 0, 10],
  ])('tenth(%p, %p) = %p', (done, total, expected) => {
    expect(tenth(done, total)).toBe(expected);
  });

  it.each([
    [0, 340, 'Đang nạp tệp 0/340 (0%)'],
    [12, 340, 'Đang nạp tệp 12/340 (3%)'],
    [1500, 2000, 'Đang nạp tệp 1.500/2.000 (75%)'],
  ])('filesLine(%p, %p) = %p', (done, total, expected) => {
    expect(filesLine(done, total)).toBe(expected);
  });

  it.each([
    [64, 5000, null, 'Đang tính vectơ: 64/5.000 đoạn (1%)'],
    [1200, 5000, 85, 'Đang tính vectơ: 1.200/5.000 đoạn (24%) · 85 đoạn/giây · còn khoảng 45 giây'],
    [100, 10000, 2.5, 'Đang tính vectơ: 100/10.000 đoạn (1%) · 2,5 đoạn/giây · còn khoảng 1 giờ 06 phút'],
    [5000, 5000, 85, 'Đang tính vectơ: 5.000/5.000 đoạn (100%) · 85 đoạn/giây'],
  ])('vectorsLine(%p, %p, %p/s)', (done, total, rate, expected) => {
    expect(vectorsLine(done, total, rate)).toBe(expected);
  });
});

/** A fake stderr that records writes; the clock is advanced by hand. */
function fakeStream(isTTY: boolean, columns = 200) {
  const writes: string[] = [];
  let t = 0;
  return {
    stream: { isTTY, columns, write: (s: string) => writes.push(s) },
    writes,
    clock: { now: () => t, advance: (ms: number) => (t += ms) },
  };
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x09\x0b-\x1f\x7f]/;

describe('createIngestProgress', () => {
  it('not a TTY: one plain line per tenth of a long run, never a control character', () => {
    const { stream, writes, clock } = fakeStream(false);
    const p = createIngestProgress(stream, { now: clock.now });
    p.onStart(100);
    for (let i = 0; i < 100; i++) {
      clock.advance(10);
      p.onFile();
    }
    for (let done = 64; done < 1000; done += 64) {
      clock.advance(1000);
      p.onVectors(done, 1000);
    }
    clock.advance(1000);
    p.onVectors(1000, 1000);
    p.finish();
    const fileLines = writes.filter((w) => w.startsWith('Đang nạp tệp'));
    expect(fileLines).toEqual(
      Array.from({ length: 10 }, (_, i) => `Đang nạp tệp ${(i + 1) * 10}/100 (${(i + 1) * 10}%)\n`),
    );
    const vectorLines = writes.filter((w) => w.startsWith('Đang tính vectơ'));
    expect(vectorLines).toHaveLength(10);
    // 64 passages per second after the first batch: the rate does not count the first batch's passages.
    expect(vectorLines[0]).toBe(
      'Đang tính vectơ: 128/1.000 đoạn (12%) · 64 đoạn/giây · còn khoảng 14 giây\n',
    );
    expect(vectorLines[9]).toMatch(/^Đang tính vectơ: 1\.000\/1\.000 đoạn \(100%\) · \d+ đoạn\/giây\n$/);
    for (const w of writes) expect(w).not.toMatch(CONTROL);
  });

  it('not a TTY: a short run prints nothing (the summary is enough)', () => {
    const { stream, writes, clock } = fakeStream(false);
    const p = createIngestProgress(stream, { now: clock.now });
    p.onStart(3);
    p.onFile();
    p.onFile();
    p.onFile();
    p.onVectors(12, 12);
    p.finish();
    expect(writes).toEqual([]);
  });

  it('TTY: redraws one line in place at most every 100 ms, always the last state, and clears it at the end', () => {
    const { stream, writes, clock } = fakeStream(true);
    const p = createIngestProgress(stream, { now: clock.now });
    p.onStart(50);
    for (let i = 0; i < 50; i++) {
      clock.advance(20);
      p.onFile();
    }
    p.finish();
    expect(writes[0]).toBe('\rĐang nạp tệp 0/50 (0%)\x1b[K');
    // 50 files over 1 s, redrawn every 100 ms (5 files) plus the final state.
    const draws = writes.slice(1, -1);
    expect(draws.length).toBeGreaterThanOrEqual(9);
    expect(draws.length).toBeLessThanOrEqual(11);
    expect(draws.every((w) => w.startsWith('\r') && w.endsWith('\x1b[K') && !w.includes('\n'))).toBe(true);
    expect(draws.at(-1)).toBe('\rĐang nạp tệp 50/50 (100%)\x1b[K');
    expect(writes.at(-1)).toBe('\r\x1b[K');
  });

  it('TTY: a line wider than the terminal is cut to fit', () => {
    const { stream, writes, clock } = fakeStream(true, 30);
    const p = createIngestProgress(stream, { now: clock.now });
    p.onVectors(64, 100000);
    clock.advance(1000);
    p.onVectors(128, 100000);
    const line = writes.at(-1)!.slice(1, -3);
    expect(line).toHaveLength(29);
    expect(line.endsWith('…')).toBe(true);
  });

  it('TTY: finish() writes nothing when nothing was drawn', () => {
    const { stream, writes } = fakeStream(true);
    createIngestProgress(stream).finish();
    expect(writes).toEqual([]);
  });
});
