/**
 * "Ai ký …?" through the real app (ingest → ask): the signing block at the end of an official
 * document is one passage, and a question naming the document is answered with who signed it.
 */
import type { App } from '../../src/app';
import { ingestedApp, type TempApp } from '../helpers/temp-app';

// Two resolutions of the same kind by two units, each signed; written for this test.
const resolution = (province: string, number: string, signer: string) =>
  `ĐẢNG ỦY BĐBP TỈNH ${province.toUpperCase()}
Số: ${number}
${province}, ngày 18 tháng 12 năm 2024

NGHỊ QUYẾT
về lãnh đạo thực hiện nhiệm vụ năm 2025

Năm 2025, Đảng ủy BĐBP tỉnh ${province} tập trung lãnh đạo quản lý, bảo vệ vững chắc chủ quyền lãnh
thổ, an ninh biên giới; phấn đấu 100% tổ chức đảng hoàn thành nhiệm vụ trở lên.

III. TỔ CHỨC THỰC HIỆN
Các tổ chức đảng trực thuộc quán triệt, xây dựng nghị quyết lãnh đạo của cấp mình, hoàn thành trước
ngày 15/01/2025; báo cáo kết quả về Đảng ủy BĐBP tỉnh (qua Văn phòng Đảng ủy) trước ngày 10/12/2025.
T/M ĐẢNG ỦY
BÍ THƯ
${signer}
`;

let temp: TempApp;
let app: App;

beforeAll(async () => {
  temp = await ingestedApp({
    'phu-yen.txt': resolution('Phú Yên', '142-NQ/ĐU', 'Đại tá Lê Văn Đồng'),
    'kien-giang.txt': resolution('Kiên Giang', '306-NQ/ĐU', 'Đại tá Nguyễn Văn Hùng').normalize('NFD'),
  });
  app = temp.app;
});

afterAll(() => temp.close());

describe('who signed', () => {
  it.each<[string, string]>([
    ['nghị quyết 142-NQ/ĐU do ai ký', 'Đại tá Lê Văn Đồng'],
    ['ai ky nghi quyet nam 2025 cua dang uy bdbp kien giang', 'Đại tá Nguyễn Văn Hùng'],
    ['Người ký nghị quyết của BĐBP Phú Yên là ai?'.normalize('NFD'), 'Đại tá Lê Văn Đồng'],
  ])('%s → %s', async (q, name) => {
    const res = await app.engine.ask(q, { top: 3 });
    expect(res.answer?.kind).toBe('signer');
    expect(res.answer?.text).toBe(`Người ký: ${name} (T/M ĐẢNG ỦY, BÍ THƯ)`);
    // The signing block is the first result, cited under "Người ký", not a heading of its own.
    expect(res.results[0]?.source.section).toBe('Người ký');
    expect(res.results[0]?.text.normalize('NFC')).toContain(name);
  });

  it.each(['ai ký nghị quyết?', 'nghị quyết 999-NQ/ĐU do ai ký'])(
    'names no one when the question does not say which of our documents: %s',
    async (q) => {
      const res = await app.engine.ask(q, { top: 3 });
      expect(res.answer).toBeNull();
    },
  );

  it('a document named by its number is found even when few words match', async () => {
    const res = await app.engine.ask('306-NQ/ĐU thế nào', { top: 3 });
    expect(res.found).toBe(true);
    expect(new Set(res.results.map((r) => r.source.unit))).toEqual(new Set(['Đảng ủy BĐBP tỉnh Kiên Giang']));
  });

  it('keeps the last paragraph whole and free of the signing lines', async () => {
    const res = await app.engine.ask('báo cáo kết quả về Đảng ủy BĐBP tỉnh Phú Yên trước ngày nào', {
      top: 3,
    });
    const passage = res.results.find((r) => r.text.includes('10/12/2025'));
    expect(passage?.text).toMatch(/trước ngày 10\/12\/2025\.$/u);
  });
});
