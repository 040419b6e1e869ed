import type { App } from '../../src/app';
import { ingestedApp, type TempApp } from '../helpers/temp-app';

// A resolution written for this test as agencies write them: the review of one year in a long
// paragraph under "I.", next year's targets as short items under "2. Các chỉ tiêu chủ yếu", whose
// year is only in the heading above it ("II. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2026").
const RESOLUTION = `ĐẢNG ỦY BỘ ĐỘI BIÊN PHÒNG TỈNH HÀ TĨNH
Số: 305-NQ/ĐU
Hà Tĩnh, ngày 18 tháng 12 năm 2025

NGHỊ QUYẾT
về lãnh đạo thực hiện nhiệm vụ năm 2026

I. KẾT QUẢ LÃNH ĐẠO THỰC HIỆN NHIỆM VỤ NĂM 2025
Năm 2025, Đảng ủy đã lãnh đạo các cơ quan, đơn vị hoàn thành tốt các mặt công tác. Đã chủ trì, phối
hợp bắt giữ 126 vụ, 204 đối tượng vi phạm pháp luật, vượt 6% so với năm 2024; làm thủ tục cho
412.000 lượt người xuất nhập cảnh. Huy động 2.300 lượt cán bộ, chiến sĩ giúp nhân dân khắc phục hậu
quả mưa lũ. Có 94,5% tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên; kết nạp 41 đảng viên mới.

II. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2026
1. Mục tiêu chung
Tiếp tục nâng cao năng lực lãnh đạo, sức chiến đấu của Đảng bộ; quản lý, bảo vệ vững chắc chủ quyền,
an ninh biên giới.
2. Các chỉ tiêu chủ yếu
- Số vụ việc vi phạm pháp luật bị bắt giữ, xử lý tăng ít nhất 5%.
- 100% tổ chức đảng, đảng viên hoàn thành nhiệm vụ; kết nạp 45 đảng viên mới.
- Quân số khỏe đạt 98% trở lên.
`;

let temp: TempApp;
let app: App;

beforeAll(async () => {
  temp = await ingestedApp({ 'bdbp-ha-tinh-nghi-quyet-2026.txt': RESOLUTION.normalize('NFD') });
  app = temp.app;
  expect(app.documentCount()).toBe(1);
});

afterAll(() => temp.close());

describe('a list of targets is read as the year of the heading above it', () => {
  it.each([
    ['năm 2025 BĐBP Hà Tĩnh kết nạp bao nhiêu đảng viên', 'kết nạp 41 đảng viên mới'],
    ['nam 2025 bdbp ha tinh ket nap bao nhieu dang vien', 'kết nạp 41 đảng viên mới'],
    ['chỉ tiêu kết nạp đảng viên năm 2026 của BĐBP Hà Tĩnh', 'kết nạp 45 đảng viên mới'],
    ['năm 2026 BĐBP Hà Tĩnh phấn đấu kết nạp bao nhiêu đảng viên', 'kết nạp 45 đảng viên mới'],
  ])('%s', async (q, expected) => {
    const res = await app.engine.ask(q, { top: 3 });
    expect(res.found).toBe(true);
    expect(res.results[0]!.text).toContain(expected);
  });

  it('keeps the headings above a passage with it', () => {
    const row = app.db
      .prepare(`SELECT section, outline FROM passages WHERE text LIKE '%45 đảng viên%'`)
      .get();
    expect(row).toEqual({
      section: '2. Các chỉ tiêu chủ yếu',
      outline: 'II. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2026',
    });
  });
});

describe("a document's header answers for its identity, not for its figures", () => {
  it.each([
    ['năm 2025 Đảng ủy BĐBP tỉnh Hà Tĩnh bắt giữ bao nhiêu vụ', 'bắt giữ 126 vụ'],
    ['nam 2025 dang uy bdbp tinh ha tinh bat giu bao nhieu vu', 'bắt giữ 126 vụ'],
    ['nghị quyết của Đảng ủy BĐBP tỉnh Hà Tĩnh về nhiệm vụ năm 2026 số mấy, ngày nào', 'Số: 305-NQ/ĐU'],
    ['đảng ủy bđbp hà tĩnh ban hành nghị quyết về nhiệm vụ năm 2026 ngày nào', 'Số: 305-NQ/ĐU'],
  ])('%s', async (q, expected) => {
    const res = await app.engine.ask(q, { top: 3 });
    expect(res.found).toBe(true);
    expect(res.results[0]!.text).toContain(expected);
  });
});
