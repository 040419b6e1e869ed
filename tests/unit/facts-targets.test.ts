import { extractTargets } from '../../src/facts/extract-targets';
import { foldText, mainYear, namedYears, yearsIn } from '../../src/facts/fold';

const plan = { section: null, year: 2025 };

/** [paragraph, place, expected targets as [value list, year]] */
const CASES: Array<
  [
    string,
    { section: string | null; year?: number; planYear?: number },
    Array<[string[], number | undefined]>,
  ]
> = [
  [
    'Phương hướng lãnh đạo thực hiện nhiệm vụ năm 2025, Đảng ủy BĐBP tỉnh xác định tiếp tục triển khai các nghị quyết. Phấn đấu trong năm có 100% tổ chức đảng, đảng viên hoàn thành nhiệm vụ trở lên; hoàn thành chỉ tiêu kết nạp đảng viên mới được giao.',
    { section: null },
    [[['100%'], 2025]],
  ],
  ['Năm 2025, phấn đấu tốc độ tăng trưởng GRDP đạt 9–9,5%.', plan, [[['9–9,5%'], 2025]]],
  [
    'Chỉ tiêu chủ yếu năm 2025: tăng trưởng GRDP 9-9,5%; thu ngân sách nhà nước trên địa bàn 3.500 tỷ đồng.',
    plan,
    [
      [['9-9,5%'], 2025],
      [['3.500 tỷ đồng'], 2025],
    ],
  ],
  ['Phấn đấu tỷ lệ hộ nghèo giảm 1,5% so với đầu năm.', { section: null, year: 2026 }, [[['1,5%'], 2026]]],
  ['Mục tiêu đến năm 2030, 100% xã biên giới đạt chuẩn nông thôn mới.', plan, [[['100%'], 2030]]],
  ['Phấn đấu năm 2025 kết nạp ít nhất 45 đảng viên mới.', plan, [[['45 đảng viên'], 2025]]],
  [
    'Bảo đảm quân số trực SSCĐ đạt 100%, không để bị động, bất ngờ.',
    { section: 'Nhiệm vụ năm 2025', year: 2025 },
    [[['100%'], 2025]],
  ],
  [
    '(1) Tốc độ tăng trưởng kinh tế đạt 8%; (2) GRDP bình quân đầu người đạt 95 triệu đồng; (3) tỷ lệ lao động qua đào tạo đạt 70%.',
    { section: 'Các chỉ tiêu chủ yếu năm 2025' },
    [
      [['8%'], 2025],
      [['95 triệu đồng'], 2025],
      [['70%'], 2025],
    ],
  ],
  [
    'Tỷ lệ tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên đạt từ 85% trở lên.',
    { section: 'Chỉ tiêu năm 2025' },
    [[['85%'], 2025]],
  ],
  [
    'Phấn đấu 100% cán bộ, chiến sĩ được huấn luyện, kiểm tra đạt yêu cầu, trong đó 70% khá, giỏi.',
    plan,
    [[['100%', '70%'], 2025]],
  ],
  ['Kế hoạch năm 2025 giao chỉ tiêu bắt giữ 30 vụ buôn lậu, gian lận thương mại.', plan, [[['30 vụ'], 2025]]],
  [
    'Phấn đấu thu ngân sách năm 2026 đạt 4.200 tỷ đồng, tăng 10% so với dự toán.',
    plan,
    [[['10%', '4.200 tỷ đồng'], 2026]],
  ],
  ['Mục tiêu giai đoạn 2025–2030, tỷ lệ che phủ rừng duy trì ổn định ở mức 47%.', plan, [[['47%'], 2025]]],
  [
    'Phấn đấu tỷ lệ đảng viên xếp loại hoàn thành tốt nhiệm vụ trở lên không dưới 90%.',
    { section: null, year: 2024 },
    [[['90%'], 2024]],
  ],
  ['Phấn đấu năm 2025 giải quyết việc làm mới cho 2.300 lao động.', plan, [[['2.300 lao động'], 2025]]],
  [
    'Đảm bảo 100% vụ việc trên biển được xử lý kịp thời theo quy định.',
    { section: 'Phương hướng, nhiệm vụ năm 2025' },
    [[['100%'], 2025]],
  ],
  ['PHẤN ĐẤU NĂM 2025 CÓ 95% ĐỒN BIÊN PHÒNG ĐẠT VỮNG MẠNH TOÀN DIỆN.', plan, [[['95%'], 2025]]],
  ['phan dau nam 2025 co 95% don bien phong dat vung manh toan dien', plan, [[['95%'], 2025]]],
  ['Phấn đấu tỷ lệ tăng dân số tự nhiên dưới 1%.', { section: null, year: 2025 }, [[['1%'], 2025]]],
  ['Năm 2025, phấn đấu số vụ tai nạn giao thông giảm 5% trên cả 3 tiêu chí.', plan, [[['5%'], 2025]]],
  ['Chỉ tiêu tuyển quân năm 2025 của huyện là 120 thanh niên.', plan, [[['120 thanh niên'], 2025]]],
  ['Phấn đấu có 9,5% hộ gia đình dùng nước sạch tăng thêm trong năm 2025.', plan, [[['9,5%'], 2025]]],
  // negatives: results, references, dates and time spans are not targets
  ['Năm 2024, GRDP của tỉnh ước đạt 7,2%, đứng thứ 15 cả nước.', { section: null, year: 2024 }, []],
  ['Kết quả năm 2024 đã bắt giữ 28 vụ, 35 đối tượng buôn lậu.', { section: null, year: 2024 }, []],
  ['Thực hiện Nghị quyết số 62/NQ-HĐND ngày 10/12/2024 của HĐND tỉnh.', plan, []],
  ['Trong 6 tháng đầu năm, lực lượng BĐBP đã tổ chức 150 lượt tuần tra.', { section: null, year: 2024 }, []],
  ['Tổng kết 5 năm thực hiện Chỉ thị 01/CT-TTg của Thủ tướng Chính phủ.', plan, []],
  ['Thu ngân sách năm 2024 đạt 3.100 tỷ đồng, tăng 12% so với cùng kỳ.', { section: null, year: 2024 }, []],
  ['Tiếp tục triển khai thực hiện hiệu quả các nghị quyết, chỉ thị của Đảng.', plan, []],
  ['Hội nghị lần thứ 15 Ban Chấp hành Đảng bộ tỉnh khóa XIV diễn ra ngày 3/12.', plan, []],
  ['Kế hoạch đầu tư công năm 2025 điều chỉnh. Năm 2024, tỷ lệ giải ngân của tỉnh đạt 82,3%.', plan, []],
  ['Đồn Biên phòng đã vượt 15% chỉ tiêu tuyên truyền năm 2024.', { section: null, year: 2024 }, []],
  // The year of a target (issue 14's ninth session): a review of 2024 plans 2025.
  // A year compared with is not the target's year: the plan year is.
  [
    'Phấn đấu số vụ bắt giữ, xử lý tăng từ 5% trở lên so với năm 2022.',
    { section: null, year: 2022, planYear: 2023 },
    [[['5%'], 2023]],
  ],
  [
    'PHAN DAU SO VU BAT GIU TANG 7% SO VOI CUNG KY 2023',
    { section: null, year: 2023, planYear: 2024 },
    [[['7%'], 2024]],
  ],
  // A list under "Các chỉ tiêu chủ yếu" (its parent heading names the year) is for the plan year.
  [
    '- Thu ngân sách nhà nước trên địa bàn đạt 66 tỷ đồng trở lên;',
    { section: 'Các chỉ tiêu chủ yếu', year: 2024, planYear: 2025 },
    [[['66 tỷ đồng'], 2025]],
  ],
  // An item after the words naming the year, in the same sentence, takes that year.
  [
    'Kỳ họp đã thông qua nghị quyết về kế hoạch phát triển KT-XH năm 2025 với mục tiêu tăng trưởng GRDP từ 10% trở lên; GRDP bình quân đầu người đạt 117 triệu đồng.',
    { section: null, year: 2024 },
    [
      [['10%'], 2025],
      [['117 triệu đồng'], 2025],
    ],
  ],
  // A review's own results: a threshold ("… trở lên") or a share of a plan ("đạt 100% chỉ tiêu",
  // "bằng 68,5% dự toán") reports what was done; about the planned year or in a forward place, it is
  // the target. A weak statement about a year before the plan year in a forward place is a result.
  [
    'Có 95,9% tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên.',
    { section: 'Kết quả năm 2024', year: 2024, planYear: 2025 },
    [],
  ],
  [
    'Kết quả đánh giá năm 2024 có 93,8% tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên; kết nạp 24 đảng viên mới.',
    { section: null, year: 2024, planYear: 2025 },
    [],
  ],
  [
    'Toàn tỉnh giao 3.180 công dân nhập ngũ, đạt 100% chỉ tiêu.',
    { section: null, year: 2024, planYear: 2025 },
    [],
  ],
  ['toan tinh giao 3.180 cong dan nhap ngu, dat 100% chi tieu', { section: null, year: 2024 }, []],
  ['Thu ngân sách 9 tháng đạt 5.246 tỷ đồng, bằng 68,5% dự toán.', { section: null, year: 2024 }, []],
  ['Tỷ lệ tiêm chủng đầy đủ đạt 93,8%, chưa đạt chỉ tiêu.', { section: null, year: 2024 }, []],
  [
    'Năm 2025, UBND tỉnh yêu cầu tổ chức tuyển chọn, gọi công dân nhập ngũ đạt 100% chỉ tiêu; huấn luyện dân quân tự vệ đạt 98% quân số trở lên.',
    { section: null, year: 2024, planYear: 2025 },
    [
      [['100%'], 2025],
      [['98%'], 2025],
    ],
  ],
  [
    'Giải ngân vốn đầu tư công đạt 100% kế hoạch.',
    { section: 'Phương hướng, nhiệm vụ năm 2025', year: 2025 },
    [[['100%'], 2025]],
  ],
  [
    'Phương hướng năm tới: năm 2024, tỷ lệ giải ngân đạt 82,3%.',
    { section: null, year: 2024, planYear: 2025 },
    [],
  ],
  // An age, a month, a level or an exercise's number qualifies what is aimed at; it is not a value.
  ['Phấn đấu tỷ lệ trẻ em dưới 1 tuổi được tiêm chủng đầy đủ đạt từ 95% trở lên.', plan, [[['95%'], 2025]]],
  [
    'Phấn đấu giảm thiệt hại trong mùa mưa bão từ tháng 9 đến tháng 12, không để người ở lại trên tàu khi có bão cấp 8 trở lên.',
    plan,
    [],
  ],
  [
    'Chỉ tiêu huấn luyện: kiểm tra bắn đạn thật bài 1 súng tiểu liên AK: 100% đạt yêu cầu, 70% khá, giỏi.'.normalize(
      'NFD',
    ),
    plan,
    [[['100%', '70%'], 2025]],
  ],
  // The unit ends before a closing bracket.
  [
    'Phấn đấu hoàn thành chỉ tiêu kết nạp đảng viên mới được giao (28 đảng viên).',
    plan,
    [[['28 đảng viên'], 2025]],
  ],
  ['PHẤN ĐẤU KẾT NẠP 2.300 HỘI VIÊN MỚI [NĂM 2025].', plan, [[['2.300 HỘI VIÊN'], 2025]]],
];

describe('extractTargets', () => {
  test.each(CASES)('%s', (text, place, expected) => {
    const got = extractTargets(text, place).map((t) => [t.values, t.year]);
    expect(got).toEqual(expected);
  });

  test('NFD input and old tone placement give the same values and an NFC text', () => {
    const text = 'Phấn đấu năm 2025 có 100% hộ gia đình khu vực biên giới được hoà mạng điện lưới quốc gia.';
    const a = extractTargets(text.normalize('NFD'), plan);
    const b = extractTargets(text, plan);
    expect(a).toEqual(b);
    expect(a[0]?.text).toBe(a[0]?.text.normalize('NFC'));
    expect(a[0]?.text).toContain('hoà mạng');
  });

  test('the statement is trimmed to the target, without a list marker or lead-in', () => {
    const [t] = extractTargets('Các chỉ tiêu chủ yếu năm 2025: tăng trưởng GRDP 9–9,5%.', plan);
    expect(t?.text).toBe('tăng trưởng GRDP 9–9,5%');
  });
});

describe('the years a text is about', () => {
  // [text, years named "năm …", plain years, main year]; folded through foldText as extractors do.
  test.each<[string, number[], number[], number | undefined]>([
    ['Phương hướng nhiệm vụ năm 2025', [2025], [2025], 2025],
    ['tăng 12% so với năm 2023', [], [], undefined],
    ['tăng 12% so với cùng kỳ năm 2023', [], [], undefined],
    ['TĂNG 7% SO VỚI CÙNG KỲ 2023', [], [], undefined],
    ['Năm 2024 tăng 8,13%, so với năm 2023 cao hơn', [2024], [2024], 2024],
    ['đạt 95% kế hoạch năm 2025 (so với 2024 tăng 2.300 tỷ đồng)', [2025], [2025], 2025],
    ['Nghị quyết số 62/NQ-HĐND ngày 10/12/2024', [], [], undefined],
    ['giai đoạn 2021–2025', [], [2021, 2025], 2021],
  ])('%s', (text, named, plain, main) => {
    for (const t of [text, text.normalize('NFD')]) {
      const f = foldText(t);
      expect([namedYears(f), yearsIn(f), mainYear(f)]).toEqual([named, plain, main]);
    }
  });
});
