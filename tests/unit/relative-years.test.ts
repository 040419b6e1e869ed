import { absoluteYears } from '../../src/search/relative-years';

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
