import { extractTasks } from '../../src/facts/extract-tasks';
import { extractDocumentNumbers } from '../../src/facts/extract-document-numbers';

describe('extractTasks', () => {
  test.each([
    [
      'Phương hướng lãnh đạo thực hiện nhiệm vụ năm 2025, Đảng ủy BĐBP tỉnh xác định tiếp tục triển khai thực hiện hiệu quả các nghị quyết. Quyết liệt lãnh đạo, chỉ đạo đấu tranh phòng, chống tội phạm. Bên cạnh đó lãnh đạo, chỉ đạo làm tốt công tác chuẩn bị Đại hội Đảng các cấp.',
      { section: null },
      [
        'Tiếp tục triển khai thực hiện hiệu quả các nghị quyết',
        'Quyết liệt lãnh đạo, chỉ đạo đấu tranh phòng, chống tội phạm',
        'Lãnh đạo, chỉ đạo làm tốt công tác chuẩn bị Đại hội Đảng các cấp',
      ],
      2025,
    ],
    [
      '- Tăng cường tuần tra, kiểm soát trên biển, ngăn chặn khai thác IUU.',
      { section: 'Nhiệm vụ trọng tâm năm 2026', listItem: true },
      ['Tăng cường tuần tra, kiểm soát trên biển, ngăn chặn khai thác IUU'],
      2026,
    ],
    [
      'Bộ Chỉ huy BĐBP tỉnh chủ trì, phối hợp với Công an tỉnh tổ chức tuần tra trước ngày 15/12/2025.',
      { section: null, year: 2025 },
      ['Bộ Chỉ huy BĐBP tỉnh chủ trì, phối hợp với Công an tỉnh tổ chức tuần tra trước ngày 15/12/2025'],
      2025,
    ],
    [
      'đẩy mạnh cải cách hành chính, nâng cao chỉ số PCI.',
      { section: 'Giải pháp chủ yếu', year: 2025 },
      ['Đẩy mạnh cải cách hành chính, nâng cao chỉ số PCI'],
      2025,
    ],
    // a review paragraph sets no task, a target is not also a task
    [
      'Theo đánh giá, năm 2024, tích cực tham gia xây dựng hệ thống chính trị cơ sở. Tập trung lãnh đạo xây dựng lực lượng.',
      { section: null },
      [],
      undefined,
    ],
    [
      'Phấn đấu trong năm có 100% tổ chức đảng hoàn thành nhiệm vụ.',
      { section: 'Nhiệm vụ năm 2025' },
      [],
      undefined,
    ],
    ['Tăng cường tuần tra trên biển.', { section: 'Kết quả thực hiện nhiệm vụ năm 2024' }, [], undefined],
    // the heading of a unit's items is not itself a task; its items are
    [
      '3. Bộ Chỉ huy Bộ đội Biên phòng tỉnh:',
      { section: 'II. NHIỆM VỤ CỤ THỂ', listItem: true },
      [],
      undefined,
    ],
    [
      '1. Giao Sở Nông nghiệp và Môi trường chủ trì, phối hợp các đơn vị liên quan:'.normalize('NFD'),
      { section: 'Nhiệm vụ năm 2025', listItem: true },
      [],
      undefined,
    ],
  ])('%s', (text, place, tasks, year) => {
    const got = extractTasks(text, place);
    expect(got.map((t) => t.text)).toEqual(tasks);
    for (const t of got) expect(t.year).toBe(year);
  });
});

describe('extractDocumentNumbers', () => {
  test.each([
    [
      'Thực hiện Nghị quyết số 62/NQ-HĐND ngày 10/12/2024 của HĐND tỉnh Ninh Thuận về nhiệm vụ năm 2025.',
      {
        number: '62/NQ-HĐND',
        docType: 'Nghị quyết',
        issuer: 'HĐND tỉnh Ninh Thuận',
        date: { day: 10, month: 12, year: 2024 },
      },
    ],
    [
      'Triển khai Chỉ thị 03/CT-TTg của Thủ tướng Chính phủ.',
      { number: '03/CT-TTg', docType: 'Chỉ thị', issuer: 'Thủ tướng Chính phủ' },
    ],
    [
      'Theo Nghị quyết 25/NQ-CP, các bộ, ngành báo cáo.',
      { number: '25/NQ-CP', docType: 'Nghị quyết', issuer: 'Chính phủ' },
    ],
    ['Quán triệt Nghị quyết số 57-NQ/TW của Bộ Chính trị.', { number: '57-NQ/TW', issuer: 'Bộ Chính trị' }],
    [
      'Căn cứ Nghị định 12/2024/NĐ-CP ngày 5/2/2024.',
      { number: '12/2024/NĐ-CP', docType: 'Nghị định', date: { day: 5, month: 2, year: 2024 } },
    ],
    [
      'Kế hoạch 1234/KH-UBND của UBND tỉnh.',
      { number: '1234/KH-UBND', docType: 'Kế hoạch', issuer: 'UBND tỉnh' },
    ],
  ])('%s', (text, expected) => {
    expect(extractDocumentNumbers(text)[0]).toMatchObject(expected);
    expect(extractDocumentNumbers(text.normalize('NFD'))[0]?.number).toBe(expected.number);
  });

  test.each(['Sáng 3/12/2024 khai mạc.', 'Tăng trưởng 9-9,5%.', 'Đồn Biên phòng 402 tuần tra.'])(
    'no number in %s',
    (text) => {
      expect(extractDocumentNumbers(text)).toEqual([]);
    },
  );
});
