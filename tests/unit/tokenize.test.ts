import fs from 'node:fs';
import path from 'node:path';
import {
  canonicalNumber,
  extractYears,
  hashUnits,
  scanRawTokens,
  scanSpans,
  scanTokens,
  SPAN_GAP,
  SPAN_NUMBER,
  Token,
  tokenize,
  TokenSpans,
  WHOLE_TEXT_ONLY,
} from '../../src/text/tokenize';
import { seededRandom } from '../../src/seeded-random';

const texts = (s: string) => tokenize(s).map((t) => t.text);

describe('tokenize', () => {
  it.each([
    ['syllables, lowercase, NFC', 'Bộ Tư lệnh BĐBP', ['bộ', 'tư', 'lệnh', 'bđbp']],
    ['NFD input', 'Đảng ủy'.normalize('NFD'), ['đảng', 'ủy']],
    ['old tone placement', 'Tỉnh uỷ Khánh Hoà', ['tỉnh', 'ủy', 'khánh', 'hòa']],
    ['mixed case', 'bđBP HđNd', ['bđbp', 'hđnd']],
    ['thousands dot', 'có 2.300 lượt', ['có', '2300', 'lượt']],
    ['decimal comma and percent', 'tăng 9,5%', ['tăng', '9,5%']],
    ['range with en dash', 'GRDP 9–9,5%', ['grdp', '9', '9,5%']],
    ['percent', '100% tổ chức đảng', ['100%', 'tổ', 'chức', 'đảng']],
    ['date', 'ngày 10/12/2024', ['ngày', '10', '12', '2024']],
    ['document number', 'Nghị quyết 62/NQ-HĐND', ['nghị', 'quyết', '62', 'nq', 'hđnd']],
    ['hyphenated abbreviation', 'KT-XH', ['kt', 'xh']],
    ['abbreviation with dots', 'K.T-X.H', ['k', 't', 'x', 'h']],
    ['end mark', 'tỉnh nhà./.', ['tỉnh', 'nhà']],
    // One word in two spellings, "i" or "y" after t, k, l, m, h, s, qu: written with "y".
    ['tỉ lệ / tỷ lệ', 'tỉ lệ 9,5%, TỶ LỆ', ['tỷ', 'lệ', '9,5%', 'tỷ', 'lệ']],
    [
      'kĩ, lí, Mĩ, sĩ',
      'kĩ thuật, lí do, nước Mĩ, chiến sĩ',
      ['kỹ', 'thuật', 'lý', 'do', 'nước', 'mỹ', 'chiến', 'sỹ'],
    ],
    [
      'quí, kì, hi (NFD)',
      'quí III, kì họp, hi sinh'.normalize('NFD'),
      ['quý', 'iii', 'kỳ', 'họp', 'hy', 'sinh'],
    ],
    ['not in longer syllables', 'thì tin lịch khi chi nghị', ['thì', 'tin', 'lịch', 'khi', 'chi', 'nghị']],
  ])('%s', (_name, input, expected) => {
    expect(texts(input)).toEqual(expected);
  });

  it('folds each token and marks numbers', () => {
    const [a, b] = tokenize('Đảng 2.300');
    expect(a).toMatchObject({ text: 'đảng', folded: 'dang', isNumber: false });
    expect(b).toMatchObject({ text: '2300', folded: '2300', isNumber: true });
  });

  it.each([
    ['chỉ tiêu', [false, false]],
    ['chỉ, tiêu', [false, true]],
    ['9–9,5%', [false, true]],
    ['(Đại tá) Trần', [true, false, true]],
    ['62/NQ-HĐND', [false, true, true]],
  ])('marks punctuation gaps in %s', (input, gaps) => {
    expect(tokenize(input).map((t) => t.gapBefore)).toEqual(gaps);
  });
});

describe('canonicalNumber', () => {
  it.each([
    ['2.300', '2300'],
    ['1.000.000', '1000000'],
    ['2300', '2300'],
    ['9,5', '9,5'],
    ['9,5%', '9,5%'],
    ['3.5', '3,5'],
    ['100%', '100%'],
    ['20.500', '20500'],
  ])('%s → %s', (input, expected) => {
    expect(canonicalNumber(input)).toBe(expected);
  });
});

describe('extractYears', () => {
  it.each([
    ['năm 2024, năm 2025', [2024, 2025]],
    ['ngày 10/12/2024', [2024]],
    ['nhiệm kỳ 2020-2025', [2020, 2025]],
    ['giai đoạn 2021–2025 và 2025', [2021, 2025]],
    ['2.300 lượt tàu, 20.500 tỷ đồng', []],
    ['9,5% và 1.500 ngày công', []],
    ['mã 20255', []],
    ['năm 1975', [1975]],
  ])('%s → %j', (input, expected) => {
    expect(extractYears(input)).toEqual(expected);
  });
});

describe('tokenize: words written in capitals', () => {
  it.each([
    ['TƯ', [true]],
    ['Trung ương', [false, false]],
    ['BĐBP tỉnh', [true, false]],
    ['bđBP', [false]],
    ['Nghị quyết TW 4', [false, false, true, false]],
    ['TỪ NĂM 2020', [true, true, false]],
    ['A', [false]],
    ['UBND'.normalize('NFD'), [true]],
  ])('%s', (input, capitals) => {
    expect(tokenize(input).map((t) => t.capitals)).toEqual(capitals);
  });
});

describe('scanTokens (the indexing path) gives the tokens tokenize gives', () => {
  const scanned = (text: string) => {
    const out: Array<Omit<Token, 'gapBefore'> & { gapBefore: boolean }> = [];
    scanTokens(text, (form, gapBefore) => out.push({ ...form, gapBefore }));
    return out;
  };

  it.each([
    ['plain NFC', 'Bộ Tư lệnh BĐBP tỉnh Bình Thuận'],
    ['NFD input', 'Đảng ủy Bộ đội Biên phòng tỉnh Khánh Hòa'.normalize('NFD')],
    ['old tone placement', 'Tỉnh uỷ Khánh Hoà, thuý, khoẻ'],
    ['old tone placement in NFD', 'Tỉnh uỷ Khánh Hoà'.normalize('NFD')],
    ['no diacritics', 'chi tieu nam 2025 la gi'],
    ['mixed case and abbreviations', 'bđBP HđNd SSCĐ UBND'],
    ['numbers', 'có 2.300 lượt, tăng 9,5%; GRDP 9–9,5%, ngày 10/12/2024'],
    ['document numbers', 'Nghị quyết 62/NQ-HĐND và KT-XH, K.T-X.H'],
    ['non-breaking and zero-width spaces', 'chỉ\u00a0tiêu\u200bnăm\ufeff2025\u202f, hội\u3000nghị'],
    ['a zero-width space beside punctuation', 'hội nghị\u200b, tổng kết \u200b.'],
    ['a combining mark after a space', 'ho \u0300a binh'],
    ['a combining mark at the start', '\u0301chỉ tiêu'],
    ['a combining mark after a digit', 'năm 2025\u0300 đạt'],
    ['the Greek question mark (NFC makes it ";")', 'chỉ tiêu\u037e nhiệm vụ'],
    ['photo caption in parentheses', '(Ảnh: Đồng chí Nguyễn Văn A, Chủ tịch UBND tỉnh chủ trì hội nghị)'],
    ['empty and spaces only', ' \n\t '],
    ['end mark', 'tỉnh nhà./.'],
  ])('%s', (_name, text) => {
    expect(scanned(text)).toEqual(tokenize(text));
  });

  it('on every line of the sample and fixture reports, as written and in NFD', () => {
    const dir = path.join(__dirname, '../fixtures/reports');
    const files = fs.readdirSync(dir).map((f) => path.join(dir, f));
    files.push(path.join(__dirname, '../../data', fs.readdirSync(path.join(__dirname, '../../data'))[0]!));
    let lines = 0;
    for (const file of files) {
      for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
        expect(scanned(line)).toEqual(tokenize(line));
        expect(scanned(line.normalize('NFD'))).toEqual(tokenize(line.normalize('NFD')));
        lines++;
      }
    }
    expect(lines).toBeGreaterThan(100);
  });

  it('on random mixes of letters, marks, digits, separators, spaces and characters beyond the BMP', () => {
    // Every unit class the scanner tells apart, and the borders between them: digit groups ("2.300",
    // "9,5%", "1.", ",5"), punctuation runs with and without a clause break, astral letters (𝐀) and
    // symbols (😀), a lone surrogate, other scripts' digits (٣), every kind of space.
    const pieces = [
      'a',
      'Đ',
      'ư',
      'ỷ',
      'o\u0300',
      'A',
      'z',
      '𝐀',
      '😀',
      '\ud800',
      '\udc00',
      '٣',
      '²',
      'ß',
      'Ω',
      'я',
      '中',
      '0',
      '7',
      '2.300',
      '9,5%',
      '1.',
      ',5',
      '%',
      '.',
      ',',
      ';',
      '-',
      '–',
      '/',
      '(',
      ')',
      '"',
      '“',
      '…',
      '#',
      '+',
      '*',
      '@',
      '_',
      '~',
      '°',
      '§',
      ' ',
      '  ',
      '\n',
      '\t',
      '\u00a0',
      '\u200b',
      '\u3000',
      '\ufeff',
    ];
    const random = seededRandom(20261204);
    for (let n = 0; n < 3000; n++) {
      let text = '';
      const length = 1 + Math.floor(random() * 14);
      for (let k = 0; k < length; k++) text += pieces[Math.floor(random() * pieces.length)];
      expect(scanned(text)).toEqual(tokenize(text));
    }
  });

  it('a text that must be normalized whole first is left to tokenize', () => {
    const visited: string[] = [];
    expect(scanRawTokens('ho \u0300a binh', (raw) => visited.push(raw))).toBe(false);
    expect(visited).toEqual([]);
    expect(
      scanRawTokens('Hoà bình 2.300,', (raw, isNumber, gap) => visited.push(`${raw}:${isNumber}:${gap}`)),
    ).toBe(true);
    expect(visited).toEqual(['Hoà:false:false', 'bình:false:false', '2.300:true:false']);
  });

  it('spans: the raw tokens with their hashes, and no spans exactly where the text must be normalized whole', () => {
    // Marks after a letter, after a mark, alone, after a digit, space or symbol, at the start; the
    // Greek question mark; an astral mark (𝅥, U+1D165) after a letter and alone; more than the
    // buffer's first 256 tokens.
    const pieces = [
      'a',
      'Đ',
      'ỷ',
      '\u0300',
      '\u0323',
      'o\u0301',
      '\u037e',
      '𝐀',
      '\u{1d165}',
      '2.300',
      '9,5%',
      ' ',
      '.',
      '-',
      '😀',
      '\ud800',
    ];
    const random = seededRandom(20261205);
    const spans = new TokenSpans();
    let given = 0;
    for (let n = 0; n < 3000; n++) {
      let text = '';
      const length = 1 + Math.floor(random() * (n % 10 === 0 ? 600 : 12));
      for (let k = 0; k < length; k++) text += pieces[Math.floor(random() * pieces.length)];
      const ok = scanSpans(text, spans);
      expect(ok).toBe(!WHOLE_TEXT_ONLY.test(text));
      if (!ok) {
        given++;
        continue;
      }
      const raw: string[] = [];
      scanRawTokens(text, (token, isNumber, gap) => raw.push(`${token}:${isNumber}:${gap}`));
      const fromSpans: string[] = [];
      for (let k = 0; k < spans.count; k++) {
        const [start, end, hash, flags] = spans.data.subarray(4 * k, 4 * k + 4);
        expect(hash).toBe(hashUnits(text, start!, end!));
        fromSpans.push(
          `${text.slice(start, end)}:${(flags! & SPAN_NUMBER) !== 0}:${(flags! & SPAN_GAP) !== 0}`,
        );
      }
      expect(fromSpans).toEqual(raw);
    }
    // Both outcomes were tried often.
    expect(given).toBeGreaterThan(300);
    expect(given).toBeLessThan(2700);
  });

  it('a visit may scan another text without disturbing the scan it is in', () => {
    const outer: string[] = [];
    scanTokens('hội nghị tổng kết', (form) => {
      outer.push(form.text);
      scanTokens('chỉ tiêu năm 2025', () => {});
    });
    expect(outer).toEqual(['hội', 'nghị', 'tổng', 'kết']);
  });
});
