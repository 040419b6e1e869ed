import { IntPairMap } from '../../src/search/int-pair-map';

describe('IntPairMap', () => {
  it('stores and finds pairs like a Map keyed by the pair, through growth', () => {
    const pairs = new IntPairMap(4);
    const reference = new Map<string, number>();
    let seed = 7;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 1) % 5000;
    for (let i = 0; i < 20_000; i++) {
      const a = next();
      const b = next();
      pairs.set(a, b, i);
      reference.set(`${a},${b}`, i);
    }
    expect(pairs.size).toBe(reference.size);
    for (const [key, value] of reference) {
      const [a, b] = key.split(',').map(Number);
      expect(pairs.get(a!, b!)).toBe(value);
    }
    // Order matters: (a, b) is not (b, a); absent pairs give -1.
    const fresh = new IntPairMap();
    fresh.set(1, 2, 10);
    expect(fresh.get(2, 1)).toBe(-1);
    expect(fresh.get(1, 2)).toBe(10);
    expect(fresh.get(0, 0)).toBe(-1);
  });

  it('refuses a negative value (it means "absent")', () => {
    expect(() => new IntPairMap().set(1, 1, -1)).toThrow(RangeError);
  });
});
