import { SpanMap } from '../../src/search/span-map';
import { hashUnits } from '../../src/text/tokenize';

describe('SpanMap', () => {
  it('finds a token by its span in any text, through growth, as a Map keyed by the token would', () => {
    const map = new SpanMap<number>(1_000_000);
    const reference = new Map<string, number>();
    // Vietnamese syllables as written (NFC, NFD, capitals, old tone placement) and numbers.
    const words = ['Đảng', 'ĐẢNG', 'đảng', 'uỷ', 'ủy', 'hoà', 'hòa', 'BĐBP', '2.300', '9,5%'];
    for (let i = 0; i < 10_000; i++) words.push(`từ${i}`, `tu${i}`.normalize('NFD'));
    words.forEach((w, i) => {
      const text = `… ${w} …`;
      if (map.get(text, 2, 2 + w.length, hashUnits(text, 2, 2 + w.length)) === undefined) {
        map.set(w, hashUnits(w, 0, w.length), i);
        reference.set(w, i);
      }
    });
    expect(map.size).toBe(reference.size);
    for (const [w, i] of reference) {
      const text = `(${w}),`;
      expect(map.get(text, 1, 1 + w.length, hashUnits(text, 1, 1 + w.length))).toBe(i);
    }
    expect(map.get('hoa', 0, 3, hashUnits('hoa', 0, 3))).toBeUndefined();
  });

  it('tells apart tokens whose hashes collide, and spans of another length', () => {
    const map = new SpanMap<string>(100);
    // Every key under one hash: only the units decide.
    for (const w of ['hội', 'nghị', 'Hội', 'hộ', 'hội nghị']) map.set(w, 42, w.toUpperCase());
    expect(map.get('Hội nghị', 0, 3, 42)).toBe('HỘI');
    expect(map.get('xx hội nghị', 3, 6, 42)).toBe('HỘI');
    expect(map.get('xx hội nghị', 3, 11, 42)).toBe('HỘI NGHỊ');
    expect(map.get('hộ', 0, 2, 42)).toBe('HỘ');
    expect(map.get('hỏi', 0, 3, 42)).toBeUndefined();
    // The same units under another hash are another key.
    expect(map.get('hội', 0, 3, 43)).toBeUndefined();
  });

  it('starts over when it holds its limit', () => {
    const map = new SpanMap<number>(3);
    for (const [i, w] of ['một', 'hai', 'ba'].entries()) map.set(w, hashUnits(w, 0, w.length), i);
    expect(map.size).toBe(3);
    map.set('bốn', hashUnits('bốn', 0, 3), 3);
    expect(map.size).toBe(1);
    expect(map.get('một', 0, 3, hashUnits('một', 0, 3))).toBeUndefined();
    expect(map.get('bốn', 0, 3, hashUnits('bốn', 0, 3))).toBe(3);
  });
});
