import { findAssignee, reportsDone, statementKind, type StatementKind } from '../../src/facts/statement';
import { parseSubscription } from '../../src/bot/features/digest';
import { digestFilter } from '../../src/digest/source';

describe('statementKind: what a sentence is', () => {
  it.each<[string, StatementKind]>([
    // Meetings held, told as news: events, not deadlines.
    ['Chiều 9/12/2025, HĐND tỉnh Ninh Bình tiếp tục làm việc trong khuôn khổ kỳ họp cuối năm 2025.', 'event'],
    ['Tại phiên họp, đồng chí Hoàng Văn Kiên trình bày báo cáo thẩm tra.', 'event'],
    ['Các đại biểu đã tập trung thảo luận các dự thảo nghị quyết.'.normalize('NFD'), 'event'],
    ['Ngày 13/12/2021, HĐND tỉnh họp phiên cuối năm 2021.', 'event'],
    // Results: what was done, figures nothing aims at.
    ['Trong quý III, Đồn đã hoàn thành 100% kế hoạch tuần tra.', 'result'],
    ['Bắt giữ 45 vụ, 60 đối tượng.', 'result'],
    ['Tuyến biên giới dài 192 km.', 'result'],
    ['Năm 2024, toàn tỉnh giao 3.620 công dân nhập ngũ.', 'result'],
    // Deadlines: a time limit set.
    ['Giao Phòng Tham mưu chủ trì rà soát đường mòn, hoàn thành trước ngày 30/4/2025.', 'deadline'],
    ['Các đơn vị báo cáo kết quả về Bộ Chỉ huy trước ngày 25 hằng tháng.', 'deadline'],
    ['HOÀN THÀNH TRONG QUÝ I/2025.', 'deadline'],
    ['hoan thanh cham nhat ngay 15/1/2026', 'deadline'],
    // Targets and tasks.
    ['Phấn đấu 100% tổ chức đảng hoàn thành tốt nhiệm vụ.', 'target'],
    ['Số vụ bắt giữ tăng ít nhất 5% so với năm 2024.', 'target'],
    ['Tập trung lãnh đạo tổ chức thành công đại hội đảng bộ các cấp.', 'task'],
    ['Chủ tịch UBND các huyện chịu trách nhiệm trước Chủ tịch UBND tỉnh.', 'task'],
    // Headings.
    ['Một số nhiệm vụ trọng tâm', 'heading'],
    ['II. NHIỆM VỤ, GIẢI PHÁP:', 'heading'],
  ])('%s → %s', (sentence, kind) => expect(statementKind(sentence, { reviewedOnly: [2024] })).toBe(kind));

  it('a sentence about a year its document only reviews reports a result', () => {
    expect(
      statementKind('Năm 2024, các đơn vị hoàn thành kiểm tra trước ngày 15/12.', { reviewedOnly: [2024] }),
    ).toBe('result');
    expect(statementKind('Năm 2025, hoàn thành kiểm tra trước ngày 15/12.', { reviewedOnly: [2024] })).toBe(
      'deadline',
    );
  });

  it.each<[string, boolean]>([
    ['Đã bắt giữ 231 vụ.', true],
    ['uoc dat 7,51%', true],
    ['Số vụ bắt giữ tăng 5% so với năm 2024.', false],
    ['Phấn đấu đạt 95% trở lên.', false],
  ])('reportsDone(%s) → %s', (sentence, done) => expect(reportsDone(sentence)).toBe(done));
});

describe('findAssignee: who is asked', () => {
  it.each<[string, string | null, string | null]>([
    ['Giao Phòng Tham mưu chủ trì rà soát các đường mòn, lối mở.', null, 'Phòng Tham mưu'],
    ['Đề nghị Sở Tài chính bố trí kinh phí 12 tỷ đồng.'.normalize('NFD'), null, 'Sở Tài chính'],
    ['Chủ tịch UBND các huyện chịu trách nhiệm về công tác chống IUU.', null, 'Chủ tịch UBND các huyện'],
    ['3. Công an tỉnh phối hợp với Bộ đội Biên phòng điều tra các vụ án.', null, 'Công an tỉnh'],
    ['UBND tỉnh yêu cầu Sở Y tế khẩn trương triển khai tiêm vắc xin.', null, 'Sở Y tế'],
    // From the heading of the items.
    ['- Huy động dân quân hỗ trợ tiêu hủy gia súc.', '2. Bộ Chỉ huy Quân sự tỉnh', 'Bộ Chỉ huy Quân sự tỉnh'],
    [
      'a) Rà soát 100% tàu cá.',
      '1. Giao Sở Nông nghiệp và Môi trường chủ trì, phối hợp các đơn vị liên quan',
      'Sở Nông nghiệp và Môi trường',
    ],
    // Nobody named.
    ['- Rà soát tàu cá.', 'II. NHIỆM VỤ CỤ THỂ', null],
    ['Tăng cường tuyên truyền, vận động ngư dân.', null, null],
  ])('%s', (text, heading, who) => expect(findAssignee(text, heading)).toBe(who));
});

describe('parseSubscription: /nhacviec [giờ] [đơn vị hoặc từ khóa]', () => {
  it.each<[string, ReturnType<typeof parseSubscription>]>([
    ['', { time: null, filter: null }],
    ['7h30', { time: '07:30', filter: null }],
    ['7h30 BĐBP Quảng Ninh', { time: '07:30', filter: 'BĐBP Quảng Ninh' }],
    ['7 giờ 30 IUU', { time: '07:30', filter: 'IUU' }],
    ['5 giờ chiều Sở Y tế', { time: '17:00', filter: 'Sở Y tế' }],
    ['Ninh Thuận', { time: null, filter: 'Ninh Thuận' }],
    ['25h BĐBP', null],
    ['7h30 không gửi ngày trống', { time: '07:30', filter: null, quiet: true }],
    ['7h30 BĐBP Quảng Ninh gửi cả ngày trống', { time: '07:30', filter: 'BĐBP Quảng Ninh', quiet: false }],
    ['KHONG GUI NGAY TRONG', { time: null, filter: null, quiet: true }],
  ])('%s', (arg, expected) => expect(parseSubscription(arg)).toEqual(expected));
});

describe('digestFilter: what a chat keeps to', () => {
  const about = 'Nghị quyết lãnh đạo năm 2025 Đảng ủy BĐBP tỉnh Quảng Ninh Quảng Ninh';
  it.each<[string | null, string, string, boolean]>([
    [null, about, '', true],
    ['BĐBP Quảng Ninh', about, '', true],
    ['bdbp quang ninh', about.normalize('NFD'), '', true],
    ['Ninh Thuận', about, '', false],
    ['IUU', about, 'Kiểm soát tàu cá chống khai thác IUU', true],
    ['Quảng', 'UBND tỉnh Quảng Trị', '', true],
    ['Ninh', 'UBND tỉnh Quảng Trị', 'ninh thuận', true],
  ])('%s', (filter, doc, text, kept) => expect(digestFilter(filter)(doc, text)).toBe(kept));
});
