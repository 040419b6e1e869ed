import { findUnits, unitAffinity, UnitType } from '../../src/profile/units';

const types = (text: string, question = false) =>
  findUnits(text, { question }).map((u) => (u.field ? `${u.type}:${u.field}` : u.type));

describe('findUnits in documents', () => {
  it.each<[string, string[]]>([
    ['BĐBP tỉnh Quảng Ninh', ['bdbp']],
    ['Bộ đội Biên phòng tỉnh Kiên Giang', ['bdbp']],
    ['Bộ Chỉ huy BĐBP tỉnh', ['bdbp']],
    ['Đồn Biên phòng Cửa khẩu Móng Cái', ['don-bp']],
    ['Bộ CHQS tỉnh Ninh Thuận', ['chqs']],
    ['BCHQS tỉnh', ['chqs']],
    ['Ban CHQS huyện Tân Phú Đông', ['chqs']],
    ['Đảng ủy Quân sự tỉnh', ['duqs']],
    ['ĐUQS tỉnh Bắc Ninh', ['duqs']],
    ['HĐND tỉnh Quảng Trị', ['hdnd']],
    ['Ủy ban nhân dân tỉnh', ['ubnd']],
    ['Tỉnh ủy Lâm Đồng', ['cap-uy']],
    ['Tỉnh uỷ Lâm Đồng', ['cap-uy']],
    ['Ban Thường vụ Tỉnh ủy', ['cap-uy']],
    ['Công an tỉnh Bến Tre', ['cong-an']],
    ['Sở Y tế tỉnh Bắc Ninh', ['so:y te']],
    ['Sở Tài chính và Sở Nội vụ', ['so:tai chinh', 'so:noi vu']],
    ['Uỷ ban MTTQ Việt Nam tỉnh', ['mttq']],
    ['Tỉnh ủy, HĐND, UBND tỉnh', ['cap-uy', 'hdnd', 'ubnd']],
    ['UBND TỈNH BẮC NINH SỞ Y TẾ', ['ubnd', 'so:y te']],
    ['Đồn Biên phòng Cô Tô'.normalize('NFD'), ['don-bp']],
    // Too loose for documents: only questions read these.
    ['biên phòng Quảng Ninh', []],
    ['lực lượng công an', []],
    ['góp phần xây dựng nền Biên phòng toàn dân', []],
  ])('%j → %j', (text, expected) => {
    expect(types(text)).toEqual(expected);
  });

  it('gives offsets in the folded text, in order', () => {
    expect(findUnits('Bộ CHQS tỉnh Ninh Thuận và BĐBP tỉnh')).toEqual([
      { type: 'chqs', index: 0, length: 7 },
      { type: 'bdbp', index: 27, length: 4 },
    ]);
  });
});

describe('findUnits in questions', () => {
  it.each<[string, string[]]>([
    ['bdbp kien giang', ['bdbp']],
    ['biên phòng Quảng Ninh', ['bdbp']],
    ['đồn bp Cô Tô', ['don-bp']],
    ['hoi dong nhan dan tinh', ['hdnd']],
    ['công an', ['cong-an']],
    ['quân sự tỉnh', ['chqs']],
    ['sở y tế', ['so:y te']],
  ])('%j → %j', (question, expected) => {
    expect(types(question, true)).toEqual(expected);
  });
});

describe('unitAffinity', () => {
  it.each<[UnitType, UnitType, number]>([
    ['bdbp', 'bdbp', 2],
    ['bdbp', 'don-bp', 1],
    ['don-bp', 'bdbp', 1],
    ['chqs', 'duqs', 1],
    ['bdbp', 'chqs', 0],
    ['ubnd', 'hdnd', 0],
  ])('%s asked, %s document → %d', (asked, doc, expected) => {
    expect(unitAffinity(asked, doc)).toBe(expected);
  });
});
