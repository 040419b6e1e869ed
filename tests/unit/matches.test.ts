import { matchesOf, RuleSet } from '../../src/text/matches';
import { UNIT_RULES } from '../../src/profile/units';
import { seededRandom } from '../../src/seeded-random';

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

describe('RuleSet gives each rule what matchesOf gives it', () => {
  const each = (rules: RegExp[], text: string) => rules.map((re) => shape(matchesOf(re, text)));
  const together = (rules: RegExp[], text: string) => new RuleSet(rules).matches(text).map(shape);

  test.each<[string, RegExp[], string]>([
    [
      'rules overlapping each other ("tỉnh ủy" in "tỉnh ủy ban nhân dân")',
      [/\btinh uy\b/g, /\buy ban nhan dan\b/g],
      'uy ban nhan dan tinh uy ban nhan dan huyen tan yen',
    ],
    [
      'two rules at the same position, the longer first or second',
      [/\btham du\b/g, /\btham du hoi nghi co\b/g, /\bdu\b/g],
      'tham du hoi nghi co dong chi a; da tham du va chi dao',
    ],
    [
      'a rule inside its own earlier match is skipped',
      [/\bbien phong tinh\b|\bbo doi bien phong tinh\b/g, /\bbo doi\b/g],
      'bo doi bien phong tinh quang ninh, bien phong tinh',
    ],
    [
      'groups of their own, numbers like 2.300 and 9,5%',
      [/(\d+(?:[.,]\d+)*)(%?)/g, /\bnam (\d{4})\b/g, /\bquy (iv|iii|ii|i)\/(\d{4})\b/g],
      'bat 2.300 vu, dat 9,5% nam 2024, quy iii/2024 va nam 2025',
    ],
    ['look-behind', [/(?<!so voi )\bnam (\d{4})\b/g, /\bso voi\b/g], 'so voi nam 2023, nam 2024'],
    ['empty matches move on', [/(?:)/g, /a/g], 'hoa a'],
    [
      'unicode rules over NFD text and astral characters',
      [/\p{M}+/gu, /\p{Lu}{2,}/gu, /(?:)/gu],
      'BĐBP ho\u0300a 😀 SSCĐ'.normalize('NFD'),
    ],
    ['no match', [/\bhdnd\b/g, /\bubnd\b/g], 'dang uy bdbp'],
    ['empty text', [/\d/g, /a/g], ''],
  ])('%s', (_name, rules, text) => {
    expect(together(rules, text)).toEqual(each(rules, text));
  });

  test('the unit rules over random mixes of their own words', () => {
    const rules = UNIT_RULES.map(([, re]) => re);
    const words = (
      'uy ban nhan dan tinh huyen xa phuong thi tran thanh pho tp hoi dong bdbp bo doi bien phong don bp ' +
      'dang uy bo quan su chi huy chqs ban cong an so y te tai chinh nong nghiep va phat trien thon mat ' +
      'tran to quoc vien kiem sat toa hoi nd hnd phu nu lien hiep cuu chien binh ccb doan thanh nien ' +
      'ket bao hiem xa hoi bhxh viet nam lao dong ldld thuong vu chap hanh bch'
    ).split(' ');
    const random = seededRandom(20261205);
    for (let n = 0; n < 400; n++) {
      const text = Array.from({ length: 40 }, () => words[Math.floor(random() * words.length)]).join(' ');
      expect(together(rules, text)).toEqual(each(rules, text));
    }
  });

  test('refuses rules it cannot join', () => {
    expect(() => new RuleSet([])).toThrow(TypeError);
    expect(() => new RuleSet([/a/g, /b/gu])).toThrow(TypeError);
    expect(() => new RuleSet([/a/g, /b/])).toThrow(TypeError);
    expect(() => new RuleSet([/a/gy, /b/gy])).toThrow(TypeError);
    expect(() => new RuleSet([/(\d)\/\1/g])).toThrow(TypeError);
  });
});
