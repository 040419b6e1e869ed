import { foldAligned, trimStatement } from '../../src/facts/fold';
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
