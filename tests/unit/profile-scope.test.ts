import { emptyProfile, DocumentProfile } from '../../src/profile/profile';
import {
  askedSession,
  describeScope,
  fitScope,
  otherSession,
  parseScope,
  QuestionScope,
} from '../../src/profile/scope';
import { namedLocalities, scopeSpans, typedLocalities } from '../../src/profile/scope';

/**
 * What parseScope reads, without the folded text, the words after each unit and whether a figure is
 * asked (tested apart).
 */
type ScopeFields = Omit<QuestionScope, 'folded' | 'unitsNamed' | 'asksFigure'>;
const fields = (question: string): ScopeFields => {
  const scope: Partial<QuestionScope> = parseScope(question);
  delete scope.folded;
  delete scope.unitsNamed;
  delete scope.asksFigure;
  return scope as ScopeFields;
};
const none: ScopeFields = fields('');

describe('parseScope', () => {
  it.each<[string, Partial<ScopeFields>]>([
    [
      'BĐBP tỉnh Quảng Ninh tổng kết năm 2024 đạt kết quả gì?',
      {
        provinces: ['Quảng Ninh'],
        unitTypes: ['bdbp'],
        years: [2024],
        yearRoles: { 2024: 'reviewed' },
        sense: 'reviewed',
        wholeYears: [2024],
      },
    ],
    [
      'Chỉ tiêu năm 2025 của BĐBP Kiên Giang là gì',
      {
        provinces: ['Kiên Giang'],
        unitTypes: ['bdbp'],
        years: [2025],
        yearRoles: { 2025: 'plan' },
        sense: 'plan',
      },
    ],
    [
      'hdnd tinh quang tri nam 2022 co nghi quyet gi',
      {
        provinces: ['Quảng Trị'],
        unitTypes: ['hdnd'],
        years: [2022],
        yearRoles: { 2022: null },
        kind: 'nghị quyết',
      },
    ],
    [
      'Nghị quyết số 125-NQ/ĐU nói gì về quý III/2024?',
      {
        years: [2024],
        yearRoles: { 2024: null },
        periods: ['quý III/2024'],
        number: '125-NQ/ĐU',
        kind: 'nghị quyết',
      },
    ],
    [
      'quý 3 năm 2024 biên phòng quảng ninh',
      {
        provinces: ['Quảng Ninh'],
        unitTypes: ['bdbp'],
        years: [2024],
        yearRoles: { 2024: null },
        periods: ['quý III/2024'],
      },
    ],
    [
      'UBND huyện Tân Phú Đông 6 tháng đầu năm 2024 làm được gì',
      {
        unitTypes: ['ubnd'],
        years: [2024],
        yearRoles: { 2024: null },
        periods: ['6 tháng/2024'],
        localities: ['tan phu dong'],
        localityNames: { 'tan phu dong': 'huyện Tân Phú Đông' },
        sense: 'reviewed',
      },
    ],
    [
      'BCHQS được giao gì trong kế hoạch của UBND tỉnh?',
      {
        unitTypes: ['chqs', 'ubnd'],
        kind: 'kế hoạch',
        assignee: true,
        assigneeTypes: ['chqs'],
        sense: 'plan',
      },
    ],
    [
      // A request or an assignment asks what is to be done: a plan.
      'chủ tịch ubnd tỉnh thanh hóa yêu cầu gì về tuyển quân năm 2024',
      { provinces: ['Thanh Hóa'], years: [2024], yearRoles: { 2024: null }, sense: 'plan' },
    ],
    [
      'nam 2024 ubnd tan phu dong giao phong nong nghiep lam gi',
      {
        unitTypes: ['ubnd'],
        years: [2024],
        yearRoles: { 2024: null },
        assignee: true,
        assigneeTypes: [],
        sense: 'plan',
      },
    ],
    [
      // A strong plan word outweighs a weak review word ("bắt giữ" is what the target counts).
      'bdbp quang ninh nam 2024 phan dau so vu bat giu tang bao nhieu',
      {
        provinces: ['Quảng Ninh'],
        unitTypes: ['bdbp'],
        years: [2024],
        yearRoles: { 2024: null },
        sense: 'plan',
      },
    ],
    [
      'BĐBP An Giang có nhiệm vụ gì trong chỉ thị IUU 2025 do UBND tỉnh ban hành'.normalize('NFD'),
      {
        provinces: ['An Giang'],
        unitTypes: ['bdbp', 'ubnd'],
        years: [2025],
        yearRoles: { 2025: 'plan' },
        kind: 'chỉ thị',
        assignee: true,
        assigneeTypes: ['bdbp'],
        sense: 'plan',
      },
    ],
    [
      'Kết quả thực hiện nhiệm vụ năm 2024 của Sở Tài chính',
      {
        unitTypes: ['so'],
        unitField: 'tai chinh',
        years: [2024],
        yearRoles: { 2024: 'reviewed' },
        sense: 'reviewed',
      },
    ],
    [
      'Sở Y tế Bắc Ninh có kế hoạch gì năm 2025',
      {
        provinces: ['Bắc Ninh'],
        unitTypes: ['so'],
        unitField: 'y te',
        years: [2025],
        yearRoles: { 2025: 'plan' },
        kind: 'kế hoạch',
        sense: 'plan',
      },
    ],
    [
      'năm 2024 Tỉnh uỷ Lâm Đồng ban hành chỉ thị gì',
      {
        provinces: ['Lâm Đồng'],
        unitTypes: ['cap-uy'],
        years: [2024],
        yearRoles: { 2024: null },
        kind: 'chỉ thị',
      },
    ],
    [
      'phương hướng nhiệm vụ năm 2025 của đồn biên phòng',
      { unitTypes: ['don-bp'], years: [2025], yearRoles: { 2025: 'plan' }, sense: 'plan' },
    ],
    ['kế hoạch phát triển kinh tế năm 2025', { years: [2025], yearRoles: { 2025: 'plan' }, sense: 'plan' }],
    [
      'số 45/KH-UBND ngày 3/2/2025',
      {
        unitTypes: ['ubnd'],
        years: [2025],
        yearRoles: { 2025: null },
        number: '45/KH-UBND',
        // A full date is an event's month, not the document's.
        eventMonths: ['2025-02'],
      },
    ],
    [
      'Quang Ninh nam 2024 va nam 2025',
      { provinces: ['Quảng Ninh'], years: [2024, 2025], yearRoles: { 2024: null, 2025: null } },
    ],
  ])('%j', (question, expected) => {
    expect(fields(question)).toEqual({ ...none, ...expected });
  });

  it('reads an NFD question with abbreviations like the NFC one', () => {
    const q = 'BĐBP TP HCM và BR-VT tổng kết năm 2024';
    expect(parseScope(q.normalize('NFD'))).toEqual(parseScope(q));
    expect(parseScope(q).provinces).toEqual(['Hồ Chí Minh', 'Bà Rịa - Vũng Tàu']);
  });
});

const profile = (o: Partial<DocumentProfile>): DocumentProfile => ({ ...emptyProfile(), ...o });
const bdbp = (province: string) =>
  profile({
    provinces: [province],
    unitTypes: ['bdbp'],
    reviewedYears: [2024],
    planYears: [2025],
    years: [2024, 2025],
  });
const quangNinh = bdbp('Quảng Ninh');
const ninhThuan = bdbp('Ninh Thuận');
const donBp = profile({
  provinces: ['Quảng Ninh'],
  unitTypes: ['don-bp'],
  reviewedYears: [2024],
  years: [2024],
});
const tanPhuDong = profile({
  provinces: ['Tiền Giang'],
  unitTypes: ['ubnd'],
  localities: [{ level: 'huyện', name: 'Tân Phú Đông' }],
  reviewedYears: [2024],
  periods: ['6 tháng/2024'],
  years: [2024],
});
const soYTe = profile({
  provinces: ['Bắc Ninh'],
  unitTypes: ['so'],
  unitField: 'y te',
  planYears: [2025],
  years: [2025],
});

const wardBaoAn = profile({
  provinces: ['Khánh Hòa'],
  unitTypes: ['ubnd'],
  unit: 'UBND phường Bảo An',
  localities: [{ level: 'phường', name: 'Bảo An' }],
  years: [2025],
});
const provinceKhanhHoa = profile({
  provinces: ['Khánh Hòa'],
  unitTypes: ['ubnd'],
  unit: 'UBND tỉnh Khánh Hòa',
  years: [2025],
});
// A province's document about a city in it (the meeting was held there): no local unit's.
const provinceAboutCity = profile({
  provinces: ['Lâm Đồng'],
  unitTypes: ['cap-uy'],
  unit: 'Tỉnh ủy Lâm Đồng',
  localities: [{ level: 'thành phố', name: 'Đà Lạt' }],
  years: [2024],
});

describe('fitScope', () => {
  it.each<[string, DocumentProfile, string[], number]>([
    // A province named, no local place: a local unit's document ranks after the province's.
    ['Chủ tịch UBND tỉnh Khánh Hòa là ai', wardBaoAn, [], 1],
    ['chu tich ubnd tinh khanh hoa la ai', wardBaoAn, [], 1],
    ['Chủ tịch UBND tỉnh Khánh Hòa là ai', provinceKhanhHoa, [], 2],
    ['Khánh Hòa ứng phó mưa lũ năm 2025', wardBaoAn, [], 1],
    ['hội nghị BCH Đảng bộ tỉnh Lâm Đồng năm 2024', provinceAboutCity, [], 2],
    // The ward named: its own document.
    ['UBND phường Bảo An ứng phó mưa lũ', wardBaoAn, ['bao an'], 2],
  ])('the level of the province asked: %j', (question, doc, localities, entityLevel) => {
    expect(fitScope(parseScope(question), doc, localities).entityLevel).toBe(entityLevel);
  });

  it.each<[string, DocumentProfile, string[], [boolean, number, boolean, number, boolean, string | null]]>([
    // [entity, entityLevel, year, yearLevel, period, mergedAs]
    ['BĐBP tỉnh Quảng Ninh tổng kết năm 2024', quangNinh, [], [true, 2, true, 2, true, null]],
    ['BĐBP tỉnh Quảng Ninh tổng kết năm 2024', ninhThuan, [], [false, 0, true, 2, true, null]],
    ['BĐBP Khánh Hòa năm 2025', ninhThuan, [], [true, 1, true, 1.5, true, 'Khánh Hòa']],
    ['BĐBP Khánh Hòa năm 2025', quangNinh, [], [false, 0, true, 1.5, true, null]],
    ['đồn biên phòng Quảng Ninh', quangNinh, [], [true, 1, true, 2, true, null]],
    ['BĐBP Quảng Ninh', donBp, [], [true, 1, true, 2, true, null]],
    ['Bộ CHQS Quảng Ninh', quangNinh, [], [false, 0, true, 2, true, null]],
    // An assignee reaches a document that names it, never one that does not.
    [
      'BCHQS được giao gì trong kế hoạch',
      { ...quangNinh, mentionedUnits: ['bdbp', 'chqs'] },
      [],
      [true, 1, true, 2, true, null],
    ],
    ['BCHQS được giao gì trong kế hoạch', quangNinh, [], [false, 0, true, 2, true, null]],
    ['Quảng Ninh', profile({}), [], [true, 1, true, 2, true, null]],
    // 2025 is what the document plans, not what it reviews.
    ['tổng kết năm 2025 BĐBP Quảng Ninh', quangNinh, [], [true, 2, false, 1, true, null]],
    ['chỉ tiêu năm 2025 BĐBP Quảng Ninh', quangNinh, [], [true, 2, true, 2, true, null]],
    ['BĐBP Quảng Ninh năm 2023', quangNinh, [], [true, 2, false, 0, true, null]],
    [
      'UBND huyện Tân Phú Đông 6 tháng đầu năm 2024',
      tanPhuDong,
      ['tan phu dong'],
      [true, 2, true, 2, true, null],
    ],
    [
      'UBND huyện Gò Công Tây 6 tháng đầu năm 2024',
      tanPhuDong,
      ['go cong tay'],
      [false, 0, true, 2, true, null],
    ],
    [
      'UBND tỉnh Tiền Giang huyện Gò Công Tây',
      profile({ provinces: ['Tiền Giang'], unitTypes: ['ubnd'] }),
      ['go cong tay'],
      [true, 1, true, 2, true, null],
    ],
    ['quý III/2024', tanPhuDong, [], [true, 2, true, 2, false, null]],
    // No cue next to the year: a plan of 2025 still covers it, ranked after a review of it.
    ['Sở Y tế Bắc Ninh năm 2025', soYTe, [], [true, 2, true, 1.5, true, null]],
    ['Sở Tài chính Bắc Ninh năm 2025', soYTe, [], [false, 0, true, 1.5, true, null]],
    ['kế hoạch năm 2025 của Sở Y tế Bắc Ninh', soYTe, [], [true, 2, true, 2, true, null]],
    [
      'Sở Y tế Bắc Ninh tháng 3/2025',
      { ...soYTe, date: '2025-01-15' },
      [],
      [true, 2, true, 1.5, false, null],
    ],
  ])('%j', (question, doc, localities, [entity, entityLevel, year, yearLevel, period, mergedAs]) => {
    expect(fitScope(parseScope(question), doc, localities)).toEqual({
      entity,
      entityLevel,
      year,
      yearLevel,
      period,
      mergedAs,
      mergedLater: null,
    });
  });
});

it("a term asked that the document does not name is another term's", () => {
  const congress = profile({
    provinces: ['Khánh Hòa'],
    term: '2025–2030',
    terms: ['2025–2030', '2020–2025'],
    years: [2025, 2030],
  });
  const ward = profile({
    provinces: ['Khánh Hòa'],
    term: '2025–2030',
    terms: ['2025–2030'],
    years: [2025, 2030],
  });
  // The 2025–2030 congress reviews 2020–2025: it answers about that term, not as its congress.
  const reviewed = parseScope('nhiệm kỳ 2020-2025 tỉnh Khánh Hòa đạt kết quả gì');
  expect(reviewed.term).toBe('2020–2025');
  expect(reviewed.congressTerm).toBe(false);
  expect(fitScope(reviewed, congress, []).year).toBe(true);
  expect(fitScope(reviewed, ward, []).year).toBe(false);
  expect(fitScope(parseScope('nhiem ky 2025 2030 khanh hoa'), ward, []).year).toBe(true);
});

describe('a term asked is the period of the documents naming it, above a plan for one of its years', () => {
  // The congress of 2025 (news: it reviews and plans no single year) and the resolution for 2025.
  const congress = profile({ term: '2025–2030', terms: ['2025–2030', '2020–2025'], years: [2025, 2030] });
  const yearPlan = profile({ reviewedYears: [2024], planYears: [2025], years: [2024, 2025] });
  it.each([
    'mục tiêu kết nạp đảng viên nhiệm kỳ 2025-2030 của bđbp quảng ninh',
    'muc tieu ket nap dang vien nhiem ky 2025 - 2030 bdbp quang ninh',
    'CHỈ TIÊU NHIỆM KỲ 2025–2030 VỀ KẾT NẠP ĐẢNG VIÊN'.normalize('NFD'),
  ])('%s', (question) => {
    const q = parseScope(question);
    expect(q.term).toBe('2025–2030');
    const term = fitScope(q, congress, []);
    expect(term.year).toBe(true);
    expect(term.yearLevel).toBeGreaterThanOrEqual(fitScope(q, yearPlan, []).yearLevel);
  });
});

describe('the congress that opened a term is not the next one, which reviews it', () => {
  const congress = profile({ term: '2025–2030', terms: ['2025–2030', '2020–2025'], years: [2025, 2030] });
  const earlier = profile({ term: '2020–2025', terms: ['2020–2025'], years: [2020, 2025] });
  it.each<[string, boolean, boolean, boolean]>([
    // [question, congressTerm, 2025 congress fits, 2020 congress fits]
    ['Đại hội Đảng bộ tỉnh Khánh Hòa nhiệm kỳ 2020-2025 bầu ai làm bí thư', true, false, true],
    ['dai hoi dang bo tinh khanh hoa nhiem ky 2020 2025 bau ai lam bi thu', true, false, true],
    ['Đại hội Đảng bộ tỉnh Khánh Hòa nhiệm kỳ 2020 – 2025'.normalize('NFD'), true, false, true],
    ['ĐẠI HỘI ĐẢNG BỘ TỈNH NHIỆM KỲ 2025-2030 BẦU AI', true, true, false],
    // Two terms named: the congress opening the first reviews the second.
    ['Đại hội nhiệm kỳ 2025-2030 đánh giá nhiệm kỳ 2020-2025 thế nào', false, true, false],
    ['nhiệm kỳ 2020-2025 được đại hội đánh giá thế nào', false, true, true],
  ])('%s', (question, congressTerm, fitsNext, fitsOwn) => {
    const q = parseScope(question);
    expect(q.congressTerm).toBe(congressTerm);
    expect(fitScope(q, congress, []).year).toBe(fitsNext);
    expect(fitScope(q, earlier, []).year).toBe(fitsOwn);
  });
});

describe("a unit named with a commune is the commune's own unit, not a guest at its meeting", () => {
  // The commune committee's year-end conference, which names the police, the Front and a department.
  const conference = profile({
    unitTypes: ['ubnd'],
    localities: [{ level: 'xã', name: 'Quảng Tín' }],
    mentionedUnits: ['cong-an', 'mttq', 'so'],
    reviewedYears: [2025],
    years: [2025],
  });
  it.each<[string, boolean]>([
    ['Công an xã Quảng Tín tổng kết năm 2025 ai chủ trì', false],
    ['cong an xa quang tin tong ket 2025 ai chu tri', false],
    ['CÔNG AN XÃ QUẢNG TÍN TỔNG KẾT 2025'.normalize('NFD'), false],
    ['Ủy ban MTTQ xã Quảng Tín năm 2025 làm được gì', false],
    ['Mặt trận Tổ quốc Quảng Tín năm 2025', false],
    // A guest named apart from the commune, and a unit asked as an assignee, still reach it.
    ['ai của Sở Nông nghiệp và Môi trường dự tổng kết của xã Quảng Tín', true],
    ['Công an tỉnh có ai dự hội nghị tổng kết của xã Quảng Tín', true],
    ['Công an xã Quảng Tín được giao gì', true],
    // Its own unit.
    ['UBND xã Quảng Tín tổng kết 2025 ai chủ trì', true],
  ])('%s → %s', (question, fits) => {
    expect(fitScope(parseScope(question), conference, ['quang tin']).entity).toBe(fits);
  });

  // What the commune's government sets its units to do is theirs to answer for; a peer's plan is not.
  const dispatch = profile({
    kind: 'công văn',
    unitTypes: ['ubnd'],
    localities: [{ level: 'phường', name: 'Bảo An' }],
    mentionedUnits: ['cong-an', 'chqs', 'mttq'],
    years: [2025],
  });
  const policePlan = profile({
    kind: 'kế hoạch',
    unitTypes: ['cong-an'],
    localities: [{ level: 'xã', name: 'Minh Tân' }],
    mentionedUnits: ['chqs', 'don-bp'],
    planYears: [2026],
    years: [2026],
  });
  it.each<[string, DocumentProfile, string, boolean]>([
    ['cong an phuong bao an ung pho mua lu', dispatch, 'bao an', true],
    ['Ban Chỉ huy quân sự phường Bảo An làm gì khi mưa lũ'.normalize('NFD'), dispatch, 'bao an', true],
    ['Ban CHQS xã Minh Tân kế hoạch 2026', policePlan, 'minh tan', false],
    ['ban chqs xa minh tan ke hoach 2026', policePlan, 'minh tan', false],
  ])('%s → %s', (question, doc, place, fits) => {
    expect(fitScope(parseScope(question), doc, [place]).entity).toBe(fits);
  });

  // Who chaired a unit's meeting is not told by the district party committee's resolution naming it.
  const resolution = profile({
    kind: 'nghị quyết',
    unitTypes: ['cap-uy'],
    localities: [{ level: 'huyện', name: 'Hải Hậu' }],
    mentionedUnits: ['hdnd', 'ubnd'],
    reviewedYears: [2024],
    planYears: [2025],
    years: [2024, 2025],
  });
  it.each<[string, boolean]>([
    ['HĐND huyện Hải Hậu kỳ họp năm 2024 ai chủ trì', false],
    ['hdnd huyen hai hau ky hop 2024 chu tri la ai'.normalize('NFD'), false],
    ['KỲ HỌP HĐND HUYỆN HẢI HẬU NĂM 2024 DO AI CHỦ TRÌ', false],
    // What the resolution sets the council to do, or a task it chairs, is still the resolution's.
    ['HĐND huyện Hải Hậu được giao chủ trì việc gì năm 2025', true],
    ['HĐND huyện Hải Hậu năm 2025 nhiệm vụ gì', true],
  ])('%s → %s', (question, fits) => {
    expect(fitScope(parseScope(question), resolution, ['hai hau']).entity).toBe(fits);
  });
});

describe('parseScope: who chaired, asked', () => {
  it.each<[string, boolean]>([
    ['ai chủ trì hội nghị tổng kết', true],
    ['hoi nghi tong ket chu tri la ai', true],
    ['HỘI NGHỊ DO ĐỒNG CHÍ NÀO CHỦ TỌA'.normalize('NFD'), true],
    ['người chủ trì kỳ họp thứ 23', true],
    ['Sở Tài chính chủ trì việc gì', false],
    ['ai dự hội nghị', false],
  ])('%s → %s', (question, asks) => expect(parseScope(question).asksChair).toBe(asks));
});

describe('parseScope: a department or an office is no kind of document', () => {
  it.each<[string, string | null]>([
    ['Chủ tịch UBND Đà Nẵng giao Sở Kế hoạch và Đầu tư nhiệm vụ gì', null],
    ['phong ke hoach tai chinh so giao duc va dao tao duoc giao gi', null],
    ['Phòng Tài chính - Kế hoạch huyện được giao gì', null],
    ['kế hoạch phòng chống thiên tai 2025 số mấy', 'kế hoạch'],
    ['ke hoach huan luyen 2025 cua bo chqs nghe an', 'kế hoạch'],
  ])('%s → %s', (question, kind) => expect(parseScope(question).kind).toBe(kind));

  it.each<[string, boolean]>([
    // A unit asked when it must have done something names who is set to do it.
    ['Sở Nông nghiệp và Môi trường Quảng Trị báo cáo phương án vận hành liên hồ trước ngày nào', true],
    ['han chot so y te bac ninh trien khai benh an dien tu', true],
    ['Sở Y tế Bắc Ninh tổng kết năm 2024 ai chủ trì', false],
  ])('%s: an assignee → %s', (question, assignee) => expect(parseScope(question).assignee).toBe(assignee));
});

describe('parseScope: a word in its other spelling', () => {
  it.each<[string, string[]]>([
    ['Công an Cà Mau quí 1/2025 bắt bao nhiêu vụ', ['quý I/2025']],
    ['cong an ca mau qui 1 nam 2025', ['quý I/2025']],
  ])('%s → %j', (question, periods) => expect(parseScope(question).periods).toEqual(periods));
});

describe('parseScope: a figure asked', () => {
  it.each<[string, boolean]>([
    ['BĐBP Quảng Ninh bắt bao nhiêu vụ', true],
    ['bdbp quang ninh bat may vu', true],
    ['TỶ LỆ HỘ NGHÈO NĂM 2024'.normalize('NFD'), true],
    ['số lượng tàu cá xuất bến', true],
    ['ai chủ trì hội nghị', false],
    ['nhiệm vụ năm 2025 là gì', false],
  ])('%s → %s', (question, asks) => expect(parseScope(question).asksFigure).toBe(asks));
});

describe('a quarter asked for plans, of a plan for its whole year', () => {
  const yearPlan = profile({ planYears: [2026], years: [2026], date: '2025-12-20' });
  const quarterReview = profile({
    reviewedYears: [2026],
    planYears: [2026],
    periods: ['quý I/2026'],
    plannedPeriods: ['quý II/2026'],
    years: [2026],
  });
  it.each<[string, DocumentProfile, boolean]>([
    ['Công an xã Minh Tân quý I/2026 kế hoạch gì', yearPlan, true],
    ['cong an xa minh tan quy 1/2026 nhiem vu gi', yearPlan, true],
    ['Công an xã Minh Tân quý III/2026 kế hoạch gì'.normalize('NFD'), yearPlan, true],
    // Results of the quarter, or a report on it, are not in the year's plan.
    ['Công an xã Minh Tân sơ kết quý I/2026 kết quả gì', yearPlan, false],
    ['báo cáo 6 tháng đầu năm 2026 của Công an xã', yearPlan, false],
    // A quarter's review plans the next quarter, not the others.
    ['quý II/2026 kế hoạch gì', quarterReview, true],
    ['quý III/2026 kế hoạch gì', quarterReview, false],
    // What was detected in a quarter is a result: the review of the quarter before does not hold it.
    ['quý II/2026 phát hiện bao nhiêu vụ', quarterReview, false],
    ['quy 2/2026 phat hien bao nhieu vu', quarterReview, false],
    ['quý I/2026 phát hiện bao nhiêu vụ'.normalize('NFD'), quarterReview, true],
    // Any figure of a quarter, asked with no sign of a plan, is a result of it.
    ['quý II/2026 làm thủ tục cho bao nhiêu tàu', quarterReview, false],
    ['QUY 2/2026 TY LE XU LY DAT BAO NHIEU', quarterReview, false],
    ['quý I/2026 làm thủ tục cho bao nhiêu tàu', quarterReview, true],
    // … unless it is to be done ("phải", "cần"): the plan for the quarter holds it.
    ['quý II/2026 phải cấp căn cước cho bao nhiêu phần trăm', quarterReview, true],
    ['quy 2/2026 can lam gi', quarterReview, true],
    // A conclusion notice or a report of a quarter reports on it.
    ['thông báo kết luận quý II/2026', quarterReview, false],
    ['báo cáo quý 2/2026'.normalize('NFD'), quarterReview, false],
    ['thông báo kết luận quý I/2026', quarterReview, true],
  ])('%s → %s', (question, doc, fits) => {
    expect(fitScope(parseScope(question), doc, []).period).toBe(fits);
  });
});

describe("a year's whole review and a meeting held in part of a year", () => {
  it.each<[string, number[], string[]]>([
    // [question, wholeYears, eventMonths]
    ['BĐBP Quảng Ninh tổng kết năm 2024 bắt bao nhiêu vụ', [2024], []],
    ['tong ket cong tac nam 2024 bdbp quang ninh', [2024], []],
    ['Hội nghị tổng kết 2024 của Công an tỉnh Cà Mau'.normalize('NFD'), [2024], []],
    ['cả năm 2025 thu ngân sách được bao nhiêu', [2025], []],
    ['Tổng kết 6 tháng đầu năm 2024 BĐBP Kiên Giang', [], []],
    ['tong ket sau thang dau nam 2024', [], []],
    ['sơ kết quý III năm 2024', [], []],
    // A deadline's report is one still to be sent.
    ['gửi báo cáo tổng kết năm 2026 chậm nhất ngày nào', [], []],
    ['HĐND phường Trần Lãm kỳ họp giữa năm 2026 thông qua mấy nghị quyết', [], ['2026-07']],
    ['hdnd ky hop thuong le cuoi nam 2025 quyet dinh gi', [], ['2025-12']],
    ['Hội nghị đầu năm 2026 của Đảng ủy xã', [], ['2026-01']],
    ['KỲ HỌP CUỐI NĂM 2025'.normalize('NFD'), [], ['2025-12']],
    // "đầu năm" of a period ("6 tháng đầu năm") is no meeting's time.
    ['hội nghị sơ kết 6 tháng đầu năm 2025', [], []],
    ['hoi nghi so ket sau thang dau nam 2025', [], []],
  ])('%s', (question, wholeYears, eventMonths) => {
    const q = parseScope(question);
    expect(q.wholeYears).toEqual(wholeYears);
    expect(q.eventMonths).toEqual(eventMonths);
  });

  const nineMonths = profile({
    reviewedYears: [2025],
    planYears: [2025],
    periods: ['9 tháng/2025'],
    years: [2025],
  });
  const yearEnd = profile({
    reviewedYears: [2025],
    planYears: [2026],
    years: [2025, 2026],
    date: '2025-12-18',
  });
  it.each<[string, DocumentProfile, boolean]>([
    ['báo cáo tổng kết năm 2025 của UBND xã', nineMonths, false],
    ['bao cao tong ket nam 2025 cua ubnd xa', yearEnd, true],
    ['báo cáo 9 tháng đầu năm 2025 của UBND xã', nineMonths, true],
    ['kết quả năm 2025 của UBND xã', nineMonths, true],
  ])('%s: the year fits %s → %s', (question, doc, fits) => {
    expect(fitScope(parseScope(question), doc, []).year).toBe(fits);
  });
  it.each<[string, boolean]>([
    ['kỳ họp cuối năm 2025', true],
    ['ky hop giua nam 2026', false],
    ['kỳ họp giữa năm 2025', false],
    ['hội nghị đầu năm 2026', true],
  ])('%s: a session held on 18/12/2025 fits → %s', (question, fits) => {
    expect(fitScope(parseScope(question), yearEnd, []).period).toBe(fits);
  });
});

it("a province merged later, asked about a year before the mergers, is not the document's", () => {
  const fit = fitScope(parseScope('BĐBP Khánh Hòa năm 2024'), ninhThuan, []);
  expect(fit).toMatchObject({ entity: false, mergedAs: null, mergedLater: 'Khánh Hòa' });
});

describe('describeScope', () => {
  it.each<[string, { years?: boolean }, string]>([
    ['BĐBP tỉnh Quảng Ninh năm 2024', {}, 'BĐBP tỉnh Quảng Ninh năm 2024'],
    ['BĐBP tỉnh Quảng Ninh năm 2024', { years: false }, 'BĐBP tỉnh Quảng Ninh'],
    ['hdnd quang tri nam 2022', {}, 'HĐND tỉnh Quảng Trị năm 2022'],
    ['Công an TP HCM', {}, 'Công an thành phố Hồ Chí Minh'],
    ['TP HCM năm 2024', {}, 'Hồ Chí Minh năm 2024'],
    ['năm 2023 và 2024', {}, 'năm 2023, 2024'],
  ])('%j → %j', (question, options, expected) => {
    expect(describeScope(parseScope(question), [], options)).toBe(expected);
  });
});

describe('typedLocalities: districts typed after their level word', () => {
  it.each<[string, string[]]>([
    ['UBND huyện Tân Phú Đông năm 2024', ['tan phu dong']],
    ['bao cao ktxh nam 2024 ubnd huyen cho gao', ['cho gao']],
    ['Công an thành phố Thủ Đức', ['thu duc']],
    ['Huyện đảo Lý Sơn có bao nhiêu tàu cá', ['ly son']],
    // A border station named with its capitals, typed any way that keeps them.
    ['Đồn Biên phòng Cửa khẩu Móng Cái quý III/2024 làm thủ tục cho bao nhiêu lượt tàu', ['mong cai']],
    ['Đồn Biên phòng cửa khẩu cảng Hòn Gai quý 3/2024'.normalize('NFD'), ['hon gai']],
    ['Đồn BP Bình Châu năm 2024 bắt bao nhiêu vụ', ['binh chau']],
    ['Don Bien phong Binh Chau nam 2024', ['binh chau']],
    // Without capitals nothing tells a name from what follows: a known name is read bare (namedLocalities).
    ['đồn biên phòng làm thủ tục cho bao nhiêu lượt tàu', []],
    ['ĐỒN BIÊN PHÒNG LÀM THỦ TỤC CHO BAO NHIÊU LƯỢT TÀU', []],
    ['Đồn Biên phòng làm thủ tục cho bao nhiêu lượt tàu quý III/2024', []],
    ['quận 3 có bao nhiêu vụ', ['3']],
    // "cơ quan" is not "quận"; a province-level city is not a district.
    ['cơ quan nhà nước có thẩm quyền', []],
    ['co quan nha nuoc co tham quyen', []],
    ['Công an TP HCM năm 2024', []],
    ['thành phố hồ chí minh', []],
    ['UBND thành phố Đà Nẵng', []],
    // A district's party committee or youth union names the district, typed any way.
    ['nghị quyết năm 2025 của Huyện ủy Hải Hậu', ['hai hau']],
    ['huyen uy hai hau nghi quyet 2025', ['hai hau']],
    ['Thành uỷ Uông Bí chỉ thị tuyển quân'.normalize('NFD'), ['uong bi']],
    ['Thị đoàn Sơn Tây năm 2024', ['son tay']],
    // A name may open with a word that is also a stop word when it is written with its capital.
    ['Huyện ủy Giao Thủy năm 2025', ['giao thuy']],
    // … or the name opens with a syllable that is also a stop word without diacritics (Đô/đó), and "số
    // mấy" after a name is no part of it.
    ['cong van cua ubnd phuong do vinh so may', ['do vinh']],
    ['công văn của UBND phường Đô Vinh số mấy', ['do vinh']],
    ['Công văn của UBND Phường Đô Vinh Số Mấy'.normalize('NFD'), ['do vinh']],
    ['ubnd huyen do luong nam 2024', ['do luong']],
    ['ubnd phuong do co bao nhieu can bo', []],
    ['UBND huyện giao chỉ tiêu gì', []],
    // … or, typed in lower case, when the next word is a name's, not a stop word.
    ['huyen uy giao thuy nghi quyet 2025', ['giao thuy']],
    ['huyện vụ bản năm 2024', ['vu ban']],
    // A verb after "huyện" is no name: "các huyện cần tập trung", "huyện phải hoàn thành".
    ['các huyện cần tập trung làm gì', []],
    ['huyen phai hoan thanh truoc ngay nao', []],
    ['huyện bao gồm những xã nào', []],
    ['huyen ky anh tong ket 2024', ['ky anh']],
    ['huyện ủy giao nhiệm vụ gì', []],
    ['huyen uy giao cho ubnd huyen', []],
    ['huyện nào có tỷ lệ hộ nghèo cao nhất', []],
    ['huyện Hải Hậu Năm 2025', ['hai hau']],
    // Communes and wards: after their level word with diacritics; without, after the unit that
    // governs them (not "địa phương", "xã hội", "phương án", "cấp xã, phường ra quyết định").
    ['UBND xã Thanh Thủy báo cáo 9 tháng', ['thanh thuy']],
    ['Đảng ủy phường Bảo An nhiệm kỳ 2025-2030'.normalize('NFD'), ['bao an']],
    ['ubnd phuong bao an nam 2025', ['bao an']],
    ['dang bo xa hai thinh quy 1/2026', ['hai thinh']],
    ['an sinh xã hội năm 2025', []],
    ['co quan o dia phuong chiu trach nhiem', []],
    ['phuong an ung pho bao so 3', []],
    ['Chủ tịch Ủy ban nhân dân cấp xã, phường ra quyết định', []],
    ["UBND huyện Đắk R'lấp tổng kết năm 2025", ['dak r lap']],
    // A province-level city's committee, and the army's ("quân ủy" typed without diacritics).
    ['Thành ủy Đà Nẵng năm 2024', []],
    ['quan uy trung uong', []],
  ])('%j', (question, expected) => {
    expect(typedLocalities(question)).toEqual(expected);
  });
});

describe('namedLocalities: districts a question names among those the documents know', () => {
  // Folded, as documents' profiles keep them: districts of their own and ones they mention.
  const own = ['huong son', 'vu quang', 'tan phu dong', 'cho gao'];
  // Only mentioned in passing ("Chủ tịch UBND thành phố Lê Văn Dũng", "huyện Hương, …").
  const known = [...own, 'huong', 'tran', 'le van dung', 'ninh hoa'];
  it.each<[string, string[]]>([
    // A name documents only mention counts after its level word, never bare.
    ['ông Lê Văn Dũng phát biểu gì?', []],
    ['ong le van dung phat bieu gi', []],
    ['Ninh Hòa được giao tăng trưởng bao nhiêu?', []],
    ['thị xã Ninh Hòa được giao tăng trưởng bao nhiêu?', ['ninh hoa']],
    ['Huyện Hương Sơn đạt chỉ tiêu gì năm 2024?', ['huong son']],
    ['huong son dat chi tieu gi', ['huong son']],
    ['HUYỆN VŨ QUANG', ['vu quang']],
    // NFD input and old tone placement fold the same.
    ['UBND huye\u0323\u0302n Tân Phú Đông', ['tan phu dong']],
    // One syllable is a surname or a word unless its level word comes first.
    ['phuong huong nhiem vu nam 2025 la gi?', []],
    ['Phương hướng nhiệm vụ năm 2025', []],
    ['đồng chí Trần Văn Thuận nói gì?', []],
    ['dong chi tran giang noi gi', []],
    ['huyện Hương có bao nhiêu xã?', ['huong']],
    ['Công an huyện Trần năm 2024', ['tran']],
    // A district no document knows, typed after its level word, is still asked about.
    ['Báo cáo của huyện Mường Tè', ['muong te']],
    ['kết quả của huyện Chợ Gạo', ['cho gao']],
  ])('%j', (question, expected) => {
    expect(namedLocalities(parseScope(question), known, own).sort()).toEqual(expected.sort());
  });
});

describe('parseScope: forms people type', () => {
  it.each<[string, Partial<ReturnType<typeof parseScope>>]>([
    ['Báo cáo 6 tháng/2024 của Công an tỉnh Bến Tre', { periods: ['6 tháng/2024'], provinces: ['Bến Tre'] }],
    ['Viện KSND tỉnh Cà Mau', { unitTypes: ['vksnd'], provinces: ['Cà Mau'] }],
    ['Công an TP.HCM triển khai nhiệm vụ năm 2025', { unitTypes: ['cong-an'], provinces: ['Hồ Chí Minh'] }],
    // "diễn biến hòa bình" (peaceful evolution) is no province; "tỉnh Hòa Bình" is.
    ['chống diễn biến hòa bình là gì', { provinces: [] }],
    ['chỉ tiêu của tỉnh hòa bình', { provinces: ['Hòa Bình'] }],
  ])('%j', (question, expected) => {
    expect(parseScope(question)).toMatchObject(expected);
  });
});

describe('describeScope: what a "not found" names', () => {
  it.each<[string, string[], string]>([
    ['chỉ tiêu năm 2025 của BĐBP tỉnh Quảng Ninh', [], 'BĐBP tỉnh Quảng Ninh năm 2025'],
    ['Tỉnh ủy Lâm Đồng họp năm 2024', [], 'Tỉnh ủy Lâm Đồng năm 2024'],
    ['ubnd huyện tân phú đông năm 2022', ['tan phu dong'], 'UBND huyện Tân Phú Đông năm 2022'],
    ['tp hcm', [], 'Hồ Chí Minh'],
    // A district's or commune's party committee and youth union are named by their level.
    ['Huyện ủy Hải Hậu năm 2023', ['hai hau'], 'Huyện ủy Hải Hậu năm 2023'],
    ['Đảng bộ phường Bảo An nhiệm kỳ 2020-2025', ['bao an'], 'Đảng ủy phường Bảo An nhiệm kỳ 2020–2025'],
    ['Thành đoàn Uông Bí năm 2025', ['uong bi'], 'Thành đoàn Uông Bí năm 2025'],
    ['Đảng ủy xã Minh Tân năm 2024', ['minh tan'], 'Đảng ủy xã Minh Tân năm 2024'],
    // When: the whole year, a part of it, a term.
    ['UBND xã Thanh Thủy tổng kết năm 2025', ['thanh thuy'], 'UBND xã Thanh Thủy cả năm 2025'],
    ['HĐND phường Trần Lãm kỳ họp giữa năm 2026', ['tran lam'], 'HĐND phường Trần Lãm giữa năm 2026'],
    ['BĐBP Quảng Ninh năm 2023 và 2024', [], 'BĐBP tỉnh Quảng Ninh năm 2023, 2024'],
    ['Đồn Biên phòng Cửa khẩu Móng Cái năm 2024', ['mong cai'], 'Đồn Biên phòng Cửa khẩu Móng Cái năm 2024'],
    // A department by its field, typed any way.
    ['Sở Giáo dục và Đào tạo Bắc Ninh năm 2025', [], 'Sở Giáo dục và Đào tạo tỉnh Bắc Ninh năm 2025'],
    ['so lao dong, thuong binh va xa hoi bac ninh', [], 'Sở Lao động, Thương binh và Xã hội tỉnh Bắc Ninh'],
    ['SỞ Y TẾ BẮC NINH'.normalize('NFD'), [], 'Sở Y tế tỉnh Bắc Ninh'],
    // A quarter or half asked is said as such.
    ['Công an xã Minh Tân sơ kết quý I/2026', ['minh tan'], 'Công an xã Minh Tân quý I/2026'],
    [
      'ubnd huyen tan phu dong bao cao 6 thang dau nam 2025',
      ['tan phu dong'],
      'UBND huyện Tan Phu Dong 6 tháng đầu năm 2025',
    ],
  ])('%j', (question, localities, expected) => {
    expect(describeScope(parseScope(question), localities)).toBe(expected);
  });
});

describe('scopeSpans: where a question names its scope', () => {
  it.each<[string, string[]]>([
    ['nam 2024 bdbp quang ninh bat giu vu', ['nam 2024', 'bdbp', 'quang ninh']],
    ['chi tieu ubnd tinh khanh hoa nam 2025', ['ubnd', 'tinh khanh hoa', 'nam 2025']],
    ['cong an tp hcm bat ma tuy', ['cong an tp', 'tp hcm']],
    // An assignee is what the answer is about: not demoted; the document named ("trong kế hoạch …") is.
    [
      'so tai chinh da nang duoc giao gi trong ke hoach kt xh 2026',
      ['da nang', 'trong ke hoach kt xh 2026', '2026'],
    ],
  ])('%s', (folded, expected) => {
    const scope = parseScope(folded);
    const spans = scopeSpans(scope, folded, []);
    expect(spans.map(([s, e]) => folded.slice(s, e)).sort()).toEqual([...expected].sort());
  });
});

describe('parseScope: a former place in parentheses says where the place used to belong', () => {
  it.each<[string, string[], string[], QuestionScope['former'] | undefined]>([
    [
      'phường Trần Lãm (thành phố Thái Bình cũ) năm 2025 thu ngân sách bao nhiêu',
      [],
      ['tran lam'],
      // "thành phố Thái Bình" reads as the province (a city named after it is not told apart).
      { provinces: ['Thái Bình'], localityNames: {} },
    ],
    [
      'tran lam (thanh pho thai binh cu) nam 2025 thu ngan sach dat bao nhieu',
      [],
      [],
      { provinces: ['Thái Bình'], localityNames: {} },
    ],
    [
      "xã Quảng Tín (huyện Đắk R'lấp cũ) giao CAX nhiệm vụ gì".normalize('NFD'),
      [],
      ['quang tin'],
      { provinces: [], localityNames: { 'dak r lap': 'huyện Đắk R Lấp' } },
    ],
    [
      'xã Minh Tân (tỉnh Hà Giang cũ) năm 2026 thu hồi bao nhiêu khẩu súng',
      [],
      ['minh tan'],
      { provinces: ['Hà Giang'], localityNames: {} },
    ],
    // Not a former place: "cũ" inside the words, no parentheses, or another word before ")".
    ['BĐBP Quảng Ninh (cũ) năm 2024', ['Quảng Ninh'], [], undefined],
    ['nhà ở cũ của hộ nghèo tỉnh Quảng Trị', ['Quảng Trị'], [], undefined],
    ['Quảng Trị (cả tỉnh) có bao nhiêu hộ', ['Quảng Trị'], [], undefined],
  ])('%s', (question, provinces, localities, former) => {
    const scope = parseScope(question);
    expect(scope.provinces).toEqual(provinces);
    expect(scope.localities).toEqual(localities);
    expect(scope.former).toEqual(former);
  });
});

describe("a council's session by its kind", () => {
  it.each<[string, 'chuyen de' | 'thuong le' | null]>([
    ['HĐND tỉnh Khánh Hòa kỳ họp chuyên đề 2024', 'chuyen de'],
    ['KỲ HỌP THƯỜNG LỆ CUỐI NĂM 2024'.normalize('NFD'), 'thuong le'],
    ['hdnd ky hop chuyen de thong qua may nghi quyet', 'chuyen de'],
    ['hội nghị chuyên đề về chuyển đổi số', null],
    ['HĐND tỉnh kỳ họp thứ 24', null],
  ])('%s → %s', (question, session) => expect(askedSession(parseScope(question))).toBe(session));

  it.each<[string, string, boolean]>([
    [
      'HĐND Khánh Hòa kỳ họp chuyên đề 2024',
      'HĐND tỉnh Khánh Hòa tổ chức kỳ họp thường lệ cuối năm 2024',
      true,
    ],
    [
      'HĐND Khánh Hòa kỳ họp chuyên đề',
      'Kỳ họp chuyên đề HĐND tỉnh Khánh Hòa thông qua 14 nghị quyết',
      false,
    ],
    ['kỳ họp thường lệ HĐND Khánh Hòa', 'Kỳ họp chuyên đề HĐND tỉnh Khánh Hòa thông qua 14 nghị quyết', true],
    // A title that names no kind of session, or a question that names none, is no other session.
    ['HĐND Khánh Hòa kỳ họp chuyên đề', 'Khai mạc kỳ họp thứ 23, HĐND tỉnh Quảng Trị khóa VIII', false],
    ['HĐND Khánh Hòa kỳ họp 2024', 'HĐND tỉnh Khánh Hòa tổ chức kỳ họp thường lệ cuối năm 2024', false],
  ])('%s / %s → %s', (question, title, other) =>
    expect(otherSession(parseScope(question), title)).toBe(other),
  );
});
