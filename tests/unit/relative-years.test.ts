import { absolutePeriods, absoluteYears } from '../../src/search/relative-years';

describe('absoluteYears: years named relative to today, in 2026', () => {
  it.each<[string, string]>([
    ['chỉ tiêu năm nay là gì?', 'chỉ tiêu năm 2026 là gì?'],
    ['năm ngoái Công an Cà Mau bắt bao nhiêu vụ', 'năm 2025 Công an Cà Mau bắt bao nhiêu vụ'],
    ['Năm trước BĐBP Quảng Ninh bắt giữ bao nhiêu vụ?', 'Năm 2025 BĐBP Quảng Ninh bắt giữ bao nhiêu vụ?'],
    ['kế hoạch năm tới của UBND Đà Nẵng', 'kế hoạch năm 2027 của UBND Đà Nẵng'],
    ['nhiệm vụ năm sau', 'nhiệm vụ năm 2027'],
    ['sang năm phấn đấu đạt bao nhiêu', 'năm 2027 phấn đấu đạt bao nhiêu'],
    ['kết quả năm kia', 'kết quả năm 2024'],
    // NFD, upper case, old tone placement around it: read the same, written in NFC.
    ['chỉ tiêu năm nay'.normalize('NFD'), 'chỉ tiêu năm 2026'],
    ['CHỈ TIÊU NĂM NGOÁI CỦA BĐBP', 'CHỈ TIÊU NĂM 2025 CỦA BĐBP'],
    ['kết quả năm ngoái của Khánh Hoà', 'kết quả năm 2025 của Khánh Hòa'.replace('Hòa', 'Hoà')],
    // Typed without diacritics: kept without ("nam 2026"), so the question still reads as such.
    ['chi tieu nam nay cua ubnd da nang', 'chi tieu nam 2026 cua ubnd da nang'],
    ['nam ngoai cong an ca mau bat bao nhieu vu', 'nam 2025 cong an ca mau bat bao nhieu vu'],
    // "Nam" the place, not the year.
    ['Quảng Nam nay thuộc thành phố nào?', 'Quảng Nam nay thuộc thành phố nào?'],
    ['quang nam nay thuoc da nang', 'quang nam nay thuoc da nang'],
    ['Hà Nam trước đây có bao nhiêu huyện', 'Hà Nam trước đây có bao nhiêu huyện'],
    ['mien nam toi co mua bao', 'mien nam toi co mua bao'],
    // Years counted, or before/after a year the question names: not today's.
    ['2 năm trước bắt bao nhiêu vụ', '2 năm trước bắt bao nhiêu vụ'],
    ['các năm trước đạt bao nhiêu', 'các năm trước đạt bao nhiêu'],
    ['năm năm trước', 'năm năm trước'],
    ['năm 2024 tăng bao nhiêu so với năm trước', 'năm 2024 tăng bao nhiêu so với năm trước'],
    ['năm trước đó đạt bao nhiêu', 'năm trước đó đạt bao nhiêu'],
    ['sang năm 2027 phấn đấu gì', 'sang năm 2027 phấn đấu gì'],
    // "năm nay" still is this year beside a year named.
    ['năm nay so với năm 2024 tăng bao nhiêu', 'năm 2026 so với năm 2024 tăng bao nhiêu'],
    // Nothing relative.
    ['chỉ tiêu 2,5% năm 2025', 'chỉ tiêu 2,5% năm 2025'],
    ['Nam Định', 'Nam Định'],
  ])('%j', (question, expected) => {
    expect(absoluteYears(question, 2026)).toBe(expected.normalize('NFC'));
  });
});

describe('absolutePeriods: quarters and months named relative to today', () => {
  const december = () => ({ year: 2026, month: 12 });
  const january = () => ({ year: 2026, month: 1 });
  it.each<[string, string, string]>([
    ['quý trước bắt bao nhiêu vụ', 'quý III/2026 bắt bao nhiêu vụ', 'quý IV/2025 bắt bao nhiêu vụ'],
    ['nhiệm vụ quý này là gì', 'nhiệm vụ quý IV/2026 là gì', 'nhiệm vụ quý I/2026 là gì'],
    ['QUÝ TỚI phải làm gì', 'QUÝ I/2027 phải làm gì', 'QUÝ II/2026 phải làm gì'],
    ['quý vừa qua kết quả thế nào', 'quý III/2026 kết quả thế nào', 'quý IV/2025 kết quả thế nào'],
    ['quy truoc bat bao nhieu vu', 'quy 3/2026 bat bao nhieu vu', 'quy 4/2025 bat bao nhieu vu'],
    [
      'tháng trước ai chủ trì giao ban',
      'tháng 11/2026 ai chủ trì giao ban',
      'tháng 12/2025 ai chủ trì giao ban',
    ],
    ['quý này'.normalize('NFD'), 'quý IV/2026', 'quý I/2026'],
  ])('%s → %s (December) · %s (January)', (q, inDecember, inJanuary) => {
    expect(absolutePeriods(q, december)).toBe(inDecember);
    expect(absolutePeriods(q, january)).toBe(inJanuary);
  });

  it.each([
    // Counted periods, a period before another one, a question that names its year.
    '2 quý trước bắt bao nhiêu vụ',
    'các tháng tới cần làm gì',
    'mỗi quý báo cáo một lần',
    'quý trước đó',
    'quý trước năm 2024 bắt bao nhiêu vụ',
    // Other words after "quý", "tháng".
    'quý I năm nay',
    'tháng 12 có giao ban',
    'quý báu',
    '',
  ])('unchanged: %s', (q) => {
    const today = jest.fn(december);
    expect(absolutePeriods(q, today)).toBe(q);
    // Today is not asked when no period needs it (the calendar costs a first question ~30 ms).
    expect(today).not.toHaveBeenCalled();
  });
});
