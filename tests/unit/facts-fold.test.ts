import { foldAligned, folded, foldText, prepareText, trimStatement } from '../../src/facts/fold';
import { spellIAsY } from '../../src/text/normalize';

/** Every string of `length` letters of `alphabet`. */
function* strings(alphabet: string, length: number): Generator<string> {
  if (length === 0) {
    yield '';
    return;
  }
  for (const head of strings(alphabet, length - 1)) for (const c of alphabet) yield head + c;
}

describe('foldAligned spells "i" as "y" as spellIAsY does', () => {
  // Lower-case ASCII folds to itself, so there the fold is spellIAsY of the text.
  it('agrees with spellIAsY on every short string of the letters that matter', () => {
    const differ: string[] = [];
    for (let length = 0; length <= 5; length++)
      for (const s of strings('tqhuiy0 .', length)) if (foldAligned(s) !== spellIAsY(s)) differ.push(s);
    expect(differ).toEqual([]);
  });

  it('folds Vietnamese words alike in both spellings', () => {
    expect(foldAligned('Kì họp thứ hai')).toBe(foldAligned('Kỳ họp thứ hai'));
    expect(foldAligned('quí I/2025, tỉ lệ, chiến sĩ, lí do')).toBe('quy i/2025, ty le, chien sy, ly do');
    expect(foldAligned('thi đua, kiểm tra, hi sinh')).toBe('thi dua, kiem tra, hy sinh');
  });
});

describe('folded and foldText: prepareText and its fold, the whitespace found in the same pass', () => {
  const expected = (s: string) => ({ text: prepareText(s), fold: foldAligned(prepareText(s)) });

  it.each([
    ['plain NFC', 'Hội nghị do đồng chí Chủ tịch UBND tỉnh chủ trì.'],
    ['NFD, old tone placement', 'Tỉnh uỷ Khánh Hoà giao chỉ tiêu 2.300 lượt, 9,5%'.normalize('NFD')],
    ['leading and trailing spaces', '  Chỉ tiêu năm 2025 '],
    ['two spaces inside', 'BĐBP  tỉnh'],
    ['tab, line feed, no-break and ideographic spaces', 'SSCĐ\tHĐND\ncấp\u00a0tỉnh\u3000năm 2025'],
    ['a zero-width space (not whitespace to collapse)', 'Đảng\u200bủy'],
    ['only spaces', '   '],
    ['empty', ''],
  ])('%s', (_name, s) => {
    expect(folded(s)).toEqual(expected(s));
    expect(foldText(s)).toBe(expected(s).fold);
  });

  it('on random mixes of letters and every kind of space', () => {
    const pieces = [
      'a',
      'Đ',
      'ỷ',
      'o\u0301',
      ' ',
      '  ',
      '\t',
      '\n',
      '\u00a0',
      '\u2009',
      '\u2028',
      '\ufeff',
      '\u200b',
      '2.300',
      ',',
    ];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let n = 0; n < 3000; n++) {
      let s = '';
      for (let k = Math.floor(next() * 10); k >= 0; k--) s += pieces[Math.floor(next() * pieces.length)];
      expect(folded(s)).toEqual(expected(s));
    }
  });
});

describe('trimStatement', () => {
  /** What trimStatement did before it looked for the end only among the text's last characters. */
  const byExpressions = (s: string) =>
    s
      .replace(/^[\s\-–—+•*:;,]+/, '')
      .replace(/[\s;,:.]*(?:\/\.)?\s*$/, '')
      .trim();

  it('trims as its expressions do, on every short string of the characters that matter', () => {
    const differ: string[] = [];
    for (let length = 0; length <= 5; length++)
      for (const s of strings('a ;./:\t-', length)) if (trimStatement(s) !== byExpressions(s)) differ.push(s);
    expect(differ).toEqual([]);
  });

  it('drops list markers, trailing punctuation and the closing "/."', () => {
    expect(trimStatement('- Hoàn thành trước ngày 15/12/2025; ')).toBe('Hoàn thành trước ngày 15/12/2025');
    expect(trimStatement('Tổ chức thực hiện nghiêm túc./.')).toBe('Tổ chức thực hiện nghiêm túc');
    expect(trimStatement('đạt 9,5%.')).toBe('đạt 9,5%');
  });
});
