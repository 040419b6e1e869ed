import { matchesOf } from '../../src/text/matches';

/** What matchAll gives: index, the match and its groups. */
const shape = (ms: Iterable<RegExpMatchArray>) => [...ms].map((m) => [m.index, ...m]);

describe('matchesOf gives what matchAll gives', () => {
  test.each<[string, RegExp, string]>([
    [
      'a chair cue, folded',
      /\b(?:chu tri|chu toa)\b/g,
      'dong chi ngo van lang chu tri hoi nghi; chu toa ky hop',
    ],
    ['groups and numbers like 2.300 and 9,5%', /(\d+(?:[.,]\d+)*)(%?)/g, 'bắt 2.300 vụ, đạt 9,5% và 100%'],
    ['no match', /\bhdnd\b/g, 'ủy ban nhân dân tỉnh'],
    ['empty matches move on', /(?:)/g, 'hòa'],
    ['empty matches over NFD marks', /\p{M}*/gu, 'hoa\u0300 bi\u0300nh'.normalize('NFD')],
    ['empty matches over a character beyond the BMP', /(?:)/gu, 'a😀b'],
    ['a lone surrogate', /(?:)/gu, 'a\ud800b'],
    ['look-behind', /(?<=\bnam )(\d{4})/g, 'nam 2024 va nam 2025, khong phai 2026'],
    ['letters in capitals (BĐBP, SSCĐ)', /\p{Lu}{2,}/gu, 'BĐBP tỉnh trực SSCĐ, HĐND'],
    ['empty text', /\d/g, ''],
  ])('%s', (_name, re, text) => {
    expect(shape(matchesOf(re, text))).toEqual(shape(text.matchAll(new RegExp(re.source, re.flags))));
  });

  test('the expression can be used again while its matches are gone through', () => {
    const re = /\d+/g;
    const seen: string[] = [];
    for (const m of matchesOf(re, 'quý 1 năm 2025')) {
      seen.push(m[0], String(matchesOf(re, 'tháng 10').length));
    }
    expect(seen).toEqual(['1', '1', '2025', '1']);
    expect(re.lastIndex).toBe(0);
  });

  test('starts from the beginning whatever the expression was last used for', () => {
    const re = /năm/g;
    re.test('năm 2024 năm 2025');
    expect(matchesOf(re, 'năm 2024 năm 2025').map((m) => m.index)).toEqual([0, 9]);
  });

  test('refuses an expression that is not global', () => {
    expect(() => matchesOf(/năm/, 'năm 2025')).toThrow(TypeError);
  });
});
