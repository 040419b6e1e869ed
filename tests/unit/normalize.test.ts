import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../helpers/temp-dir';
import {
  collapseWhitespace,
  foldDiacritics,
  hasDiacritics,
  normalizeText,
  normalizeTonePlacement,
  spellIAsY,
} from '../../src/text/normalize';

describe('normalizeTonePlacement', () => {
  it.each([
    // old (new-style) placement → traditional
    ['hoà', 'hòa'],
    ['Khánh Hoà', 'Khánh Hòa'],
    ['HOÀ BÌNH', 'HÒA BÌNH'],
    ['thuý', 'thúy'],
    ['Lê Văn Thuỷ', 'Lê Văn Thủy'],
    ['uỷ', 'ủy'],
    ['Đảng uỷ, Tỉnh uỷ', 'Đảng ủy, Tỉnh ủy'],
    ['ĐẢNG UỶ', 'ĐẢNG ỦY'],
    ['khoẻ', 'khỏe'],
    ['sức khoẻ', 'sức khỏe'],
    ['xoá đói', 'xóa đói'],
    ['ma tuý', 'ma túy'],
    ['tuỳ', 'tùy'],
    ['hoè', 'hòe'],
    // already traditional or not affected
    ['hòa', 'hòa'],
    ['hoàng', 'hoàng'],
    ['quý', 'quý'],
    ['giá', 'giá'],
    ['khuỷu', 'khuỷu'],
    ['quyết', 'quyết'],
    ['quỳnh', 'quỳnh'],
    ['gìn giữ', 'gìn giữ'],
    ['giường', 'giường'],
    ['người', 'người'],
    ['thuở', 'thuở'],
    ['chuyện', 'chuyện'],
    ['của', 'của'],
    ['mía', 'mía'],
    ['khuya', 'khuya'],
    ['Nguyễn', 'Nguyễn'],
    ['BĐBP 2.300 (9,5%)', 'BĐBP 2.300 (9,5%)'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeTonePlacement(input)).toBe(expected);
    // NFD input gives the same NFC result
    expect(normalizeTonePlacement(input.normalize('NFD'))).toBe(expected);
    expect(normalizeTonePlacement(input).normalize('NFC')).toBe(normalizeTonePlacement(input));
  });

  it('is idempotent on the seed sentence', () => {
    const s = 'chấp hành sự lãnh, chỉ đạo của Đảng uỷ, Bộ Tư lệnh BĐBP và Tỉnh uỷ, UBND tỉnh';
    const once = normalizeTonePlacement(s);
    expect(once).toBe('chấp hành sự lãnh, chỉ đạo của Đảng ủy, Bộ Tư lệnh BĐBP và Tỉnh ủy, UBND tỉnh');
    expect(normalizeTonePlacement(once)).toBe(once);
  });
});

describe('normalizeText', () => {
  it.each([
    ['NFD and old tones', 'Đảng uỷ Quân sự'.normalize('NFD'), 'Đảng ủy Quân sự'],
    ['non-breaking and zero-width spaces', 'Bộ\u00a0đội \u200b Biên\tphòng ', 'Bộ đội Biên phòng'],
    ['line breaks', 'công\r\ntác  Hậu cần', 'công tác Hậu cần'],
    ['case kept', 'KT-XH Khánh Hoà', 'KT-XH Khánh Hòa'],
  ])('%s', (_name, input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });

  it('collapseWhitespace trims and keeps single spaces', () => {
    expect(collapseWhitespace('  \ufeff a \n\n b  ')).toBe('a b');
  });
});

describe('foldDiacritics', () => {
  it.each([
    ['Đảng ủy BĐBP', 'dang uy bdbp'],
    ['chỉ tiêu năm 2025', 'chi tieu nam 2025'],
    ['SSCĐ', 'sscd'],
    ['Hội đồng nhân dân'.normalize('NFD'), 'hoi dong nhan dan'],
    ['Khánh Hoà', 'khanh hoa'],
    ['tăng trưởng 9–9,5%', 'tang truong 9–9,5%'],
    ['already plain', 'already plain'],
  ])('%s → %s', (input, expected) => {
    expect(foldDiacritics(input)).toBe(expected);
  });
});

describe('hasDiacritics', () => {
  it.each([
    ['chỉ tiêu', true],
    ['BĐBP', true],
    ['đ', true],
    ['Hội nghị'.normalize('NFD'), true],
    ['chi tieu nam 2025 la gi', false],
    ['GRDP 9,5%', false],
    ['', false],
  ])('%s → %s', (input, expected) => {
    expect(hasDiacritics(input)).toBe(expected);
  });
});

describe('foldDiacritics remembers short words without changing what it returns', () => {
  it.each([
    ['Đảng', 'dang'],
    ['Đảng'.normalize('NFD'), 'dang'],
    ['HOÀ', 'hoa'],
    ['hoà bình', 'hoa binh'],
    [
      'Ủy ban nhân dân tỉnh Khánh Hòa quyết định giao chỉ tiêu 9,5%',
      'uy ban nhan dan tinh khanh hoa quyet dinh giao chi tieu 9,5%',
    ],
  ])('%s → %s, the same the second time', (text, folded) => {
    expect(foldDiacritics(text)).toBe(folded);
    expect(foldDiacritics(text)).toBe(folded);
  });
});

describe('foldDiacritics of long texts, unit by unit, is the fold of the whole text', () => {
  // The definition: NFD, marks U+0300–U+036F removed, đ → d, lower case.
  const whole = (t: string) =>
    t
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'D')
      .toLowerCase();
  const reports = ['eval/genre/part-a/docs', 'eval/genre/part-c/docs', 'eval/genre-heldout/docs'].flatMap(
    (d) =>
      fs
        .readdirSync(path.join(PROJECT_ROOT, d))
        .map((f) => fs.readFileSync(path.join(PROJECT_ROOT, d, f), 'utf8')),
  );

  it('on every line and paragraph of real reports, NFC and NFD, old and new tone placement', () => {
    let checked = 0;
    for (const text of reports)
      for (const form of [text.normalize('NFC'), text.normalize('NFD')])
        for (const piece of [...form.split('\n'), ...form.split('\n\n')])
          if (piece.length > 24) {
            expect(foldDiacritics(piece)).toBe(whole(piece));
            checked++;
          }
    expect(checked).toBeGreaterThan(4000);
  });

  it.each([
    ['“Đảng uỷ” – BĐBP tỉnh Khánh Hoà: 2.300 lượt, 9,5%… İstanbul ǅemal', 'Latin, punctuation, İ and ǅ'],
    ['ΣΟΦΙΑ Σ: Greek final sigma needs its context, ΟΔΟΣ', 'Greek: the whole text is folded'],
    ['Chỉ tiêu năm 2025 ✓ của Công an tỉnh — 100% 🚓 hoàn thành', 'symbols and emoji outside the ranges'],
    ['a\u0301\u0323 lone mark after a space: \u0301 and a Hebrew point \u05b8 here', 'marks'],
  ])('%s (%s)', (text) => {
    expect(foldDiacritics(text)).toBe(whole(text));
  });
});

describe('normalizeTonePlacement remembers words without changing what it returns', () => {
  it.each([
    ['Đảng uỷ', 'Đảng ủy'],
    ['Đảng uỷ'.normalize('NFD'), 'Đảng ủy'],
    ['HOÀ BÌNH', 'HÒA BÌNH'],
    ['khoẻ mạnh, xoá đói', 'khỏe mạnh, xóa đói'],
    // Longer than the remembered length: placed each time, not remembered.
    ['Xoàaaaaaaaaaaaaaaaaaa', 'Xoàaaaaaaaaaaaaaaaaaa'],
  ])('%s → %s, the same the second and third time', (text, expected) => {
    for (let i = 0; i < 3; i++) expect(normalizeTonePlacement(text)).toBe(expected);
  });

  it('stays right after more distinct words than it remembers', () => {
    // 30,000 distinct syllable-like words (more than the memo holds), then the table's cases again.
    const vowels = ['oà', 'uỷ', 'oẻ', 'á', 'ễ'];
    for (let i = 0; i < 30_000; i++)
      normalizeTonePlacement(`x${i.toString(36)}${vowels[i % vowels.length]} h${i % 7}oà`);
    expect(normalizeTonePlacement('Tỉnh uỷ Khánh Hoà, sức khoẻ')).toBe('Tỉnh ủy Khánh Hòa, sức khỏe');
    expect(normalizeTonePlacement('ma tuý'.normalize('NFD'))).toBe('ma túy');
  });
});

describe('spellIAsY: one word in two spellings folds alike', () => {
  it.each<[string, string]>([
    ['ti le ho ngheo', 'ty le ho ngheo'],
    ['ki hop thu 22', 'ky hop thu 22'],
    ['qui iii/2025', 'quy iii/2025'],
    ['chien si, hi sinh, li do, nuoc mi', 'chien sy, hy sinh, ly do, nuoc my'],
    // Longer syllables, and "i" inside a word, stay.
    ['thi xa, tinh, chi thi, khi, nghi quyet', 'thi xa, tinh, chi thi, khi, nghi quyet'],
    ['', ''],
  ])('%s → %s', (folded, spelt) => {
    expect(spellIAsY(folded)).toBe(spelt);
    expect(spellIAsY(folded)).toHaveLength(folded.length);
  });
});
