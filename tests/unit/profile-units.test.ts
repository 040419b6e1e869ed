import fs from 'node:fs';
import path from 'node:path';
import {
  departmentAffinity,
  findUnits,
  findUnitsInFold,
  foldForUnits,
  unitAffinity,
  UNIT_RULES,
  UnitType,
} from '../../src/profile/units';

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
    // A party organization by its level, as a two-column header names it.
    ['ĐẢNG BỘ TỈNH NAM ĐỊNH ĐẢNG CỘNG SẢN VIỆT NAM', ['cap-uy']],
    ['Đảng bộ huyện Hải Hậu', ['cap-uy']],
    // Mass organizations and social insurance: each has its own reports.
    ['Hội Nông dân tỉnh Thái Bình', ['hoi-nong-dan']],
    ['HỘI NÔNG DÂN TỈNH NAM ĐỊNH'.normalize('NFD'), ['hoi-nong-dan']],
    ['Tỉnh đoàn Hà Giang', ['doan-tn']],
    ['Ban Thường vụ Thành đoàn', ['doan-tn']],
    ['Đoàn TNCS Hồ Chí Minh tỉnh', ['doan-tn']],
    ['Hội Liên hiệp Phụ nữ tỉnh Cao Bằng', ['hoi-phu-nu']],
    ['Hội LHPN huyện', ['hoi-phu-nu']],
    ['Hội Cựu chiến binh tỉnh', ['hoi-ccb']],
    ['Liên đoàn Lao động tỉnh Điện Biên', ['ldld']],
    ['BHXH tỉnh Tiền Giang', ['bhxh']],
    ['Bảo hiểm xã hội Việt Nam', ['bhxh']],
    // What people pay, a delegation, solidarity: no unit.
    ['tỷ lệ tham gia bảo hiểm xã hội đạt 42,5%', []],
    ['đoàn công tác của tỉnh', []],
    ['tình đoàn kết quân dân', []],
    // Too loose for documents: only questions read these.
    ['biên phòng Quảng Ninh', []],
    ['lực lượng công an', []],
    ['góp phần xây dựng nền Biên phòng toàn dân', []],
    ['tặng quà 120 cựu chiến binh xã Quảng Tín', []],
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
    ['hnd thai binh 2024', ['hoi-nong-dan']],
    ['Hội ND Nam Định', ['hoi-nong-dan']],
    ['tinh doan ha giang', ['doan-tn']],
    ['huyện ủy hải hậu', ['cap-uy']],
    // The veterans' association without "Hội": "CCB …", "Cựu chiến binh" with a level.
    ['CCB Hải Hậu năm 2025 kết nạp bao nhiêu hội viên', ['hoi-ccb']],
    ['Cựu chiến binh phường Phú Thủy đại hội nhiệm kỳ 2025-2030'.normalize('NFD'), ['hoi-ccb']],
    ['CUU CHIEN BINH TINH QUANG NINH 2024', ['hoi-ccb']],
    ['hội viên cựu chiến binh được hỗ trợ 2.300 suất quà', []],
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
    // The council's sessions tell of its executive; the executive's conferences are not the council's.
    ['ubnd', 'hdnd', 1],
    ['hdnd', 'ubnd', 0],
    ['ubnd', 'cap-uy', 0],
    ['hdnd', 'cong-an', 0],
    ['ubnd', 'so', 0],
  ])('%s asked, %s document → %d', (asked, doc, expected) => {
    expect(unitAffinity(asked, doc)).toBe(expected);
  });
});

describe('departmentAffinity', () => {
  it.each<[string, string, number]>([
    ['y te', 'y te', 2],
    // A department named by the start of its name.
    ['giao duc', 'giao duc va dao tao', 2],
    ['nong nghiep va moi truong', 'nong nghiep', 2],
    // Merged on 1 March 2025 into the one named second, either way round.
    ['tai nguyen va moi truong', 'nong nghiep va moi truong', 1],
    ['nong nghiep va moi truong', 'nong nghiep va phat trien nong thon', 1],
    ['ke hoach va dau tu', 'tai chinh', 1],
    ['lao dong, thuong binh va xa hoi', 'noi vu', 1],
    ['giao thong van tai', 'xay dung', 1],
    // Other departments.
    ['y te', 'tai chinh', 0],
    ['tai nguyen va moi truong', 'tai chinh', 0],
    ['nong nghiep va moi truong', 'noi vu', 0],
  ])('%s ~ %s = %s', (a, b, expected) => expect(departmentAffinity(a, b)).toBe(expected));
});

describe('the one-pass unit scan finds what each rule finds on its own', () => {
  // The rule-by-rule scan: every match of every rule's own expression, in order of position.
  const ruleByRule = (fold: string) =>
    UNIT_RULES.flatMap(([type], i) =>
      [...fold.matchAll(UNIT_RULES[i]![1])].map((m) => ({ type, index: m.index, length: m[0].length })),
    ).sort((a, b) => a.index - b.index);
  const found = (text: string) => findUnits(text).map(({ type, index, length }) => ({ type, index, length }));

  it.each([
    // Rules of different units overlapping: both are found.
    ['Ủy ban nhân dân tỉnh. Ủy ban nhân dân huyện Tân Yên'],
    ['Công an tỉnh, Tỉnh ủy, Bí thư'],
    ['Bộ đội Biên phòng tỉnh Uỷ ban'],
    // A rule's matches inside its own: one, as its expression finds.
    ['Bộ Chỉ huy Bộ đội Biên phòng tỉnh Quảng Ninh'],
    ['Ban Thường vụ Tỉnh ủy và Đảng bộ tỉnh'],
    ['Đồn Biên phòng Cửa khẩu, BĐBP tỉnh, Đảng ủy BĐBP'],
    ['Sở Nông nghiệp và Môi trường, Sở Y tế, HĐND, MTTQ, VKSND, TAND'],
    ['Hội LHPN, Hội CCB, LĐLĐ, BHXH tỉnh, Tỉnh đoàn (không phải tình đoàn kết)'],
    ['NFD: Ủy ban nhân dân tỉnh'.normalize('NFD')],
    ['old tone placement: Uỷ ban nhân dân, Đảng uỷ xã'],
    ['no diacritics: uy ban nhan dan tinh, dang uy quan su'],
  ])('%s', (text) => {
    const fold = foldForUnits(text);
    expect(found(text)).toEqual(ruleByRule(fold));
    expect(found(text).length).toBeGreaterThan(0);
  });

  it('on every report shipped and evaluated', () => {
    const dirs = ['data', 'eval/genre', 'eval/genre-heldout', 'tests/fixtures/reports'];
    const files = dirs.flatMap((d) =>
      fs.existsSync(d)
        ? (fs.readdirSync(d, { recursive: true }) as string[])
            .filter((f) => f.endsWith('.txt'))
            .map((f) => path.join(d, f))
        : [],
    );
    expect(files.length).toBeGreaterThan(50);
    let mentions = 0;
    for (const file of files) {
      const fold = foldForUnits(fs.readFileSync(file, 'utf8'));
      const one = findUnitsInFold(fold).map(({ type, index, length }) => ({ type, index, length }));
      expect({ file, units: one }).toEqual({ file, units: ruleByRule(fold) });
      mentions += one.length;
    }
    expect(mentions).toBeGreaterThan(500);
  });
});
