import fs from 'fs';
import path from 'path';
import { extractDeadlines } from '../../src/facts/extract-deadlines';
import { findDates, mayHaveDates } from '../../src/facts/dates';
import { folded } from '../../src/facts/fold';

const place = { section: null, year: 2025 };

/** [sentence, expected phrases as written, due?, partial date fields of the first] */
const CASES: Array<[string, string[], boolean, Record<string, number | string>]> = [
  [
    'Các đơn vị báo cáo kết quả về Bộ Chỉ huy trước ngày 15/12/2025.',
    ['trước ngày 15/12/2025'],
    true,
    { day: 15, month: 12, year: 2025 },
  ],
  ['Hoàn thành việc rà soát trước 30/6.', ['trước 30/6'], true, { day: 30, month: 6, year: 2025 }],
  [
    'Chậm nhất ngày 20/11/2024, các xã gửi danh sách về Ban CHQS huyện.',
    ['Chậm nhất ngày 20/11/2024'],
    true,
    { day: 20, month: 11, year: 2024 },
  ],
  ['Thời hạn nộp báo cáo là ngày 5/1/2026.', ['ngày 5/1/2026'], true, { day: 5, month: 1, year: 2026 }],
  ['Hạn chót nhận hồ sơ: 31/3/2025.', ['31/3/2025'], true, { day: 31, month: 3, year: 2025 }],
  [
    'Hoàn thành sửa chữa doanh trại trong quý IV/2025.',
    ['trong quý IV/2025'],
    true,
    { quarter: 4, year: 2025 },
  ],
  [
    'Tổ chức diễn tập khu vực phòng thủ trong quý III năm 2025.',
    ['trong quý III năm 2025'],
    false,
    { quarter: 3, year: 2025 },
  ],
  ['Sơ kết công tác quý 2/2025 vào đầu tháng 7.', ['quý 2/2025'], false, { quarter: 2, year: 2025 }],
  [
    'Bảo đảm an ninh trật tự dịp Tết Nguyên đán Ất Tỵ 2025.',
    ['dịp Tết Nguyên đán Ất Tỵ 2025'],
    false,
    { year: 2025 },
  ],
  ['Tăng cường tuần tra trước dịp Tết Nguyên đán.', ['trước dịp Tết Nguyên đán'], true, { year: 2025 }],
  [
    'Sơ kết 6 tháng đầu năm 2025 và triển khai nhiệm vụ 6 tháng cuối năm.',
    ['6 tháng đầu năm 2025', '6 tháng cuối năm'],
    false,
    { year: 2025 },
  ],
  [
    'Hoàn thành giải ngân vốn đầu tư công đến hết năm 2025.',
    ['đến hết năm 2025'],
    true,
    { year: 2025, month: 12 },
  ],
  [
    'Các cơ quan, đơn vị hoàn thành kế hoạch trong tháng 12/2025.',
    ['trong tháng 12/2025'],
    true,
    { month: 12, year: 2025 },
  ],
  [
    'Ban hành kế hoạch xong trước ngày 15 tháng 1 năm 2026.',
    ['xong trước ngày 15 tháng 1 năm 2026'],
    true,
    { day: 15, month: 1, year: 2026 },
  ],
  ['cac don vi bao cao truoc ngay 25/12', ['truoc ngay 25/12'], true, { day: 25, month: 12, year: 2025 }],
  [
    'CÁC ĐƠN VỊ BÁO CÁO TRƯỚC NGÀY 10/10/2025.',
    ['TRƯỚC NGÀY 10/10/2025'],
    true,
    { day: 10, month: 10, year: 2025 },
  ],
  [
    'Tổ chức Đại hội Chi bộ nhiệm kỳ 2025-2030 hoàn thành trước ngày 30/4/2025.',
    ['trước ngày 30/4/2025'],
    true,
    { day: 30, month: 4, year: 2025 },
  ],
  // negatives: meeting dates, document dates, ranges, a plain year are not deadlines
  ['Sáng 3/12, Đảng ủy BĐBP tỉnh tổ chức hội nghị tổng kết.', [], false, {}],
  ['Thực hiện Nghị quyết số 62/NQ-HĐND ngày 10/12/2024 của HĐND tỉnh.', [], false, {}],
  ['Tăng trưởng GRDP 9-10% trong năm 2025.', [], false, {}],
  ['Năm 2024, lực lượng BĐBP tỉnh hoàn thành tốt nhiệm vụ.', [], false, {}],
  ['Ngày 10/12/2024, HĐND tỉnh khai mạc kỳ họp thứ 22.', [], false, {}],
  // "đến" ending a span or dating a count is not a time limit; aimed at, it is one.
  ['Huấn luyện chiến sĩ mới: từ ngày 17/02 đến ngày 17/5/2025, tổ chức tại Trung đoàn 764.', [], false, {}],
  ['Mở đợt cao điểm từ ngày 15/3 đến ngày 30/6/2025 trên toàn tuyến biển.', [], false, {}],
  ['tu ngay 15/3 den ngay 30/6/2025 mo dot cao diem tren toan tuyen bien', [], false, {}],
  ['Giảm thiệt hại, nhất là trong mùa mưa bão từ tháng 9 đến tháng 12.', [], false, {}],
  ['Giải ngân vốn đầu tư công đến ngày 20/9/2024 đạt 52,7% kế hoạch.', [], false, {}],
  ['Tỷ lệ giải ngân vốn đầu tư công đến hết tháng 11 đạt 71,3%.', [], false, {}],
  [
    'Giao Sở Kế hoạch và Đầu tư đôn đốc giải ngân, phấn đấu đến ngày 31/12/2024 đạt trên 95% kế hoạch.',
    ['đến ngày 31/12/2024'],
    true,
    { day: 31, month: 12, year: 2024 },
  ],
  ['Các đơn vị báo cáo kết quả đến ngày 30/11/2025.', ['đến ngày 30/11/2025'], true, { day: 30, month: 11 }],
  // Handed in within a period: due by its end; handed in already, or a talk ("trình bày"), not.
  [
    'Thành phố phải hoàn thiện hồ sơ thành lập Khu thương mại tự do, trình Chính phủ trong quý I/2025.',
    ['trong quý I/2025'],
    true,
    { quarter: 1, year: 2025 },
  ],
  [
    'thanh lap to cong tac, trinh Ban Thuong vu Tinh uy trong quy I/2024',
    ['trong quy I/2024'],
    true,
    { quarter: 1 },
  ],
  ['UBND tỉnh đã trình HĐND tỉnh trong quý III/2024 dự thảo nghị quyết.', ['trong quý III/2024'], false, {}],
  ['Giám đốc Sở trình bày báo cáo trong quý II/2025 tại hội nghị.', ['trong quý II/2025'], false, {}],
  // Dates that come back: every month, every quarter's last month, every year; the year is the one
  // the text is about (when they apply). Only with a limit word, as a day.
  [
    'Các đơn vị báo cáo về Bộ Chỉ huy (qua Phòng Tham mưu) trước ngày 20 hằng tháng.',
    ['trước ngày 20 hằng tháng'],
    true,
    { day: 20, every: 'month', year: 2025 },
  ],
  [
    'bao cao ve Bo Chi huy truoc ngay 05 hang thang',
    ['truoc ngay 05 hang thang'],
    true,
    { day: 5, every: 'month' },
  ],
  [
    'BÁO CÁO VỀ ĐỒN TRƯỚC NGÀY 25 HÀNG THÁNG.',
    ['TRƯỚC NGÀY 25 HÀNG THÁNG'],
    true,
    { day: 25, every: 'month' },
  ],
  [
    'Báo cáo kết quả thực hiện hằng quý (trước ngày 20 tháng cuối quý) và báo cáo năm trước ngày 15/12/2026.',
    ['trước ngày 20 tháng cuối quý', 'trước ngày 15/12/2026'],
    true,
    { day: 20, every: 'quarter' },
  ],
  [
    'Thông báo kết quả kiểm tra bằng văn bản trước tháng 10 hằng năm.',
    ['trước tháng 10 hằng năm'],
    true,
    { month: 10, every: 'year' },
  ],
  [
    'Các xã gửi báo cáo chậm nhất ngày 15/12 hằng năm.',
    ['chậm nhất ngày 15/12 hằng năm'],
    true,
    { day: 15, month: 12, every: 'year' },
  ],
  ['Báo cáo kết quả định kỳ vào ngày 20 hằng tháng.', [], false, {}],
  ['Các đơn vị báo cáo trước ngày 35 hằng tháng.', [], false, {}],
];

describe('extractDeadlines', () => {
  test.each(CASES)('%s', (sentence, phrases, due, date) => {
    const got = extractDeadlines(sentence, place);
    expect(got.map((d) => d.date.text)).toEqual(phrases);
    if (phrases.length > 0) {
      expect(Boolean(got[0]?.due)).toBe(due);
      expect(got[0]?.date).toMatchObject(date);
    }
  });

  test('NFD input gives the same deadline, displayed in NFC', () => {
    const s = 'Hoàn thành việc rà soát, báo cáo về Bộ Chỉ huy trước ngày 15/12/2025.';
    const got = extractDeadlines(s.normalize('NFD'), place);
    expect(got.map((d) => d.date.text)).toEqual(['trước ngày 15/12/2025']);
    expect(got[0]?.text).toBe('Hoàn thành việc rà soát, báo cáo về Bộ Chỉ huy trước ngày 15/12/2025');
  });

  test('NFD input gives the same deadline that comes back', () => {
    const s = 'Các đồn báo cáo kết quả chống khai thác IUU trước ngày 05 hằng tháng.';
    const got = extractDeadlines(s.normalize('NFD'), place);
    expect(got.map((d) => [d.date.text, d.date.day, d.date.every, d.due])).toEqual([
      ['trước ngày 05 hằng tháng', 5, 'month', true],
    ]);
  });

  test('the deadline text is the clause that carries the date', () => {
    const [d] = extractDeadlines(
      'Tổ chức tuần tra thường xuyên; hoàn thành sửa chữa tàu trước ngày 30/9/2025; báo cáo kết quả.',
      place,
    );
    expect(d?.text).toBe('Hoàn thành sửa chữa tàu trước ngày 30/9/2025');
  });
});

describe('mayHaveDates', () => {
  test.each([
    ['truoc ngay 15/12/2025', true],
    ['hoan thanh trong quy iv', true],
    ['dip tet nguyen dan at ty', true],
    ['sau thang dau nam', true],
    ['tiep tuc trien khai nghi quyet cua dang uy', false],
    ['thang muoi hai', false],
  ])('%s → %s', (fold, expected) => expect(mayHaveDates(fold)).toBe(expected));

  // The cue lets callers skip findDates: it must never say "no" where findDates finds a date.
  test('no line of the sample and fixture reports has a date the cue misses (NFC and NFD)', () => {
    const dirs = ['data', 'tests/fixtures/reports', 'tests/fixtures/facts'];
    let lines = 0;
    let withDates = 0;
    for (const dir of dirs)
      for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.txt')))
        for (const line of fs.readFileSync(path.join(dir, file), 'utf8').split('\n'))
          for (const text of [line, line.normalize('NFD')]) {
            const f = folded(text);
            const found = findDates(f, 2025).length > 0;
            lines++;
            if (found) withDates++;
            if (!mayHaveDates(f.fold)) expect({ line, found }).toEqual({ line, found: false });
          }
    expect(lines).toBeGreaterThan(400);
    expect(withDates).toBeGreaterThan(50);
  });
});
