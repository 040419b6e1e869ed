import { abbreviationList, expandAbbreviations, isSyllable } from '../../src/text/abbreviations';
import { tokenize } from '../../src/text/tokenize';

const added = (text: string): string[] =>
  expandAbbreviations(tokenize(text).map((t) => t.folded)).flatMap((e) => e.add.map((p) => p.join(' ')));

describe('expandAbbreviations', () => {
  it.each([
    ['BĐBP', 'bo doi bien phong'],
    ['bđbp', 'bo doi bien phong'],
    ['bdbp', 'bo doi bien phong'],
    ['BĐBP tỉnh Ninh Thuận', 'bo doi bien phong'],
    ['trực SSCĐ', 'san sang chien dau'],
    ['sscd', 'san sang chien dau'],
    ['HĐND tỉnh', 'hoi dong nhan dan'],
    ['KT-XH', 'kinh te xa hoi'],
    ['KTXH', 'kinh te xa hoi'],
    ['kt-xh', 'kinh te xa hoi'],
    ['KT.XH', 'kinh te xa hoi'],
    ['QP-AN', 'quoc phong an ninh'],
    ['UBND', 'uy ban nhan dan'],
    ['Bộ CHQS tỉnh', 'chi huy quan su'],
    // Added by the project (scripts/build-abbreviations.ts, EXTRA).
    ['chỉ tiêu BHYT', 'bao hiem y te'],
    ['giao CDC tỉnh', 'trung tam kiem soat benh tat'],
    ['kế hoạch PCTT năm 2025', 'phong chong thien tai'],
    ['diễn tập KVPT', 'khu vuc phong thu'],
  ])('%s adds %s', (text, expansion) => {
    expect(added(text)).toContain(expansion);
  });

  it.each([
    ['Bộ đội Biên phòng', 'bdbp'],
    ['bo doi bien phong', 'bdbp'],
    ['sẵn sàng chiến đấu', 'sscd'],
    ['Hội đồng nhân dân', 'hdnd'],
    ['kinh tế - xã hội', 'kt xh'],
    ['bảo hiểm y tế'.normalize('NFD'), 'bhyt'],
  ])('expansion %s adds the abbreviation %s', (text, form) => {
    expect(added(text)).toContain(form);
  });

  it.each([
    ['BTV', 'ban thuong vu'],
    ['CTĐ', 'cong tac dang'],
    ['ĐBP', 'don bien phong'],
  ])('conflict %s resolves to the domain meaning %s', (text, expansion) => {
    const got = added(text);
    expect(got).toContain(expansion);
    expect(got).not.toContain('bien tap vien');
    expect(got).not.toContain('chu thap do');
    expect(got).not.toContain('dien bien phu');
  });

  it.each(['62/NQ-HĐND', 'Nghị quyết số 62/NQ-HĐND', 'biên phòng', 'chỉ tiêu năm 2025', 'giá vàng'])(
    '%s expands nothing it should not',
    (text) => {
      expect(added(text).filter((p) => p.startsWith('nghi quyet'))).toEqual([]);
      if (!/HĐND/.test(text)) expect(added(text)).toEqual([]);
    },
  );
});

describe('abbreviationList', () => {
  it('is built from the reference without document-number suffixes', () => {
    const forms = abbreviationList().flatMap((e) => e.forms);
    expect(forms).toEqual(expect.arrayContaining(['BĐBP', 'SSCĐ', 'HĐND', 'KT-XH', 'KTXH']));
    expect(forms).not.toContain('NQ-HĐND');
    expect(forms).not.toContain('CT-TTg');
  });
});

describe('expandAbbreviations: a form that is also a syllable counts only in capitals', () => {
  const withCase = (text: string): string[] => {
    const tokens = tokenize(text);
    return expandAbbreviations(
      tokens.map((t) => t.folded),
      tokens,
    ).flatMap((e) => e.add.map((p) => p.join(' ')));
  };
  it.each([
    ['Nghị quyết TƯ 4', true],
    ['hoi nghi TU 4', true],
    ['từ năm 2020', false],
    ['TỪ NĂM 2020', false],
    ['tu ngay 1/1', false],
    ['tư pháp', false],
    ['tự chủ', false],
  ])('%s → "trung uong": %s', (text, expands) => {
    expect(withCase(text).includes('trung uong')).toBe(expands);
  });

  it.each([
    ['BĐBP', 'bo doi bien phong'],
    ['bdbp', 'bo doi bien phong'],
    ['khai thác iuu', 'khai thac hai san bat hop phap khong bao cao va khong theo quy dinh'],
  ])('%s (not a syllable) expands in any case to %s', (text, expansion) => {
    expect(withCase(text)).toContain(expansion);
  });

  it('"trung ương" does not add the syllable "tu", and still adds "tw"', () => {
    expect(withCase('nghị quyết trung ương 4')).not.toContain('tu');
    expect(withCase('nghị quyết trung ương 4')).toContain('tw');
  });

  it.each([
    ['tu', true],
    ['ca', true],
    ['nghieng', true],
    ['khuyu', true],
    ['bdbp', false],
    ['iuu', false],
    ['ubnd', false],
    ['sscd', false],
  ])('isSyllable(%s) = %s', (folded, expected) => {
    expect(isSyllable(folded)).toBe(expected);
  });
});
