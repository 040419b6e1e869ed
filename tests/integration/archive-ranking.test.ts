import fs from 'node:fs';
import path from 'node:path';
import type { App } from '../../src/app';
import { ingestedApp, type TempApp } from '../helpers/temp-app';

// The development reports together (63 real reports of many units, years and kinds): questions whose
// first passage depends on what the whole archive holds (a header naming its unit three times outranks
// the body once every other report of the unit makes that name common).
const PARTS = path.join(__dirname, '..', '..', 'eval', 'genre');

let temp: TempApp;
let app: App;

beforeAll(async () => {
  const files: Record<string, { copy: string }> = {};
  for (const part of fs.readdirSync(PARTS).filter((d) => d.startsWith('part-'))) {
    const docs = path.join(PARTS, part, 'docs');
    if (!fs.existsSync(docs)) continue;
    for (const name of fs.readdirSync(docs)) files[name] = { copy: path.join(docs, name) };
  }
  temp = await ingestedApp(files);
  app = temp.app;
  expect(app.documentCount()).toBe(Object.keys(files).length);
}, 60_000);

afterAll(() => temp.close());

describe('the first passage, over the whole archive', () => {
  it.each([
    // A header holds a document's identity, not what it proposes or counts.
    [
      'Đồn BP cửa khẩu cảng Hòn Gai quý 3/2024 kiến nghị gì lên Bộ Chỉ huy thế',
      'bổ sung 01 xuồng tuần tra cao tốc',
    ],
    ['năm 2024 bđbp quảng ninh bắt bao nhiêu vụ', 'bắt giữ 231 vụ, 378 đối tượng'],
    // … and answers for its number and date.
    ['nghị quyết đại hội Đảng bộ phường Bảo An nhiệm kỳ 2025-2030 số mấy, ngày nào', 'Số: 01-NQ/ĐH'],
    // A year's result, not next year's target under "CÁC CHỈ TIÊU CHỦ YẾU" of the plan beside it.
    ['ty le tiem chung day du tre duoi 1 tuoi bac ninh nam 2024', 'đạt 93,8%'],
    ['Quảng Ninh năm 2024 kết nạp bao nhiêu đảng viên', 'kết nạp 62 đảng viên mới'],
    // A term asked: the congress that opened it, not the resolution for its first year.
    [
      'mục tiêu kết nạp đảng viên nhiệm kỳ 2025-2030 của bđbp quảng ninh',
      'kết nạp từ 300 đảng viên mới trở lên',
    ],
    // A figure of the part of the year asked (the whole year when none is named), not the next
    // quarter's target of the quarterly conclusions beside the year's resolution.
    ['Hải Hậu năm 2025 phấn đấu thu ngân sách bao nhiêu', 'đạt 450 tỷ đồng trở lên'],
    ['huyện Hải Hậu quý I/2025 thu ngân sách đạt bao nhiêu', 'đạt 126,4 tỷ đồng'],
    // The paragraph that says it, not each item of the list it introduces ("… UBND tỉnh yêu cầu:").
    ['mùa mưa bão 2025 Quảng Trị có mấy cơn bão ảnh hưởng trực tiếp', '2 đến 3 cơn ảnh hưởng trực tiếp'],
    // What was done in a year no report reviews: the plan for that year, not the year before's
    // results ("bắt giữ 58 vụ" in the review of 2023).
    ['BĐBP Quảng Trị năm 2024 bắt giữ bao nhiêu vụ buôn lậu', 'phấn đấu số vụ bắt giữ tăng 5%'],
    ['năm 2025 nghệ an diễn tập khu vực phòng thủ cho mấy huyện', 'diễn tập khu vực phòng thủ cho 4 huyện'],
    // A document named by its type code and number, as officers type it ("642/KH-SGDĐT").
    ['KH 642 SGDĐT Nghệ An thi TN THPT 2025 có bao nhiêu thí sinh', 'dự kiến có 41.280 thí sinh'],
  ])('%s', async (q, expected) => {
    const res = await app.engine.ask(q, { top: 3 });
    expect(res.found).toBe(true);
    expect(res.results[0]!.text).toContain(expected);
  });
});

describe('a unit the archive has no document of is not answered from another unit', () => {
  it.each([
    // The party committee's congress of the same ward and term is no answer for the veterans'.
    'Cựu chiến binh phường Phú Thủy đại hội nhiệm kỳ 2025-2030',
    'CCB huyện Hải Hậu năm 2025 kết nạp bao nhiêu hội viên',
    // The provincial committee's conference is not the council's session.
    'HĐND tỉnh Nghệ An kỳ họp năm 2024 ai chủ trì',
    'hdnd thanh pho da nang ky hop cuoi nam 2024 ai chu tri',
    // Nor is the district party committee's resolution, which names the council.
    'HĐND huyện Hải Hậu kỳ họp năm 2024 ai chủ trì',
  ])('%s', async (q) => {
    const res = await app.engine.ask(q, { top: 3 });
    expect(res.found).toBe(false);
    expect(res.scope?.missing).toBe(true);
  });
});

describe('when or where something the archive never tells was held: not found', () => {
  it.each([
    // The unit's conference is dated and placed; the tournament, festival or wedding is not.
    ['Đảng ủy xã Hải Thịnh tổ chức giải cờ tướng khi nào', false],
    ['UBND tỉnh Khánh Hòa tổ chức lễ hội pháo hoa vào ngày nào', false],
    ['UBND xã Thanh Thủy tổ chức đám cưới tập thể khi nào', false],
    ['tinh uy phu yen to chuc hoi dien van nghe nam 2023 o dau', false],
    // What the archive does tell is still answered.
    ['Đảng ủy xã Hải Thịnh tổ chức hội nghị sơ kết quý I năm 2026 ngày nào', true],
    ['tinh uy phu yen to chuc hoi nghi tong ket nam 2023 ngay nao', true],
  ])('%s → found %s', async (q, found) => {
    const res = await app.engine.ask(q, { top: 3 });
    expect(res.found).toBe(found);
  });
});

describe('what was done in a year no report reviews: said plainly above the plan', () => {
  it.each<[string, string | null]>([
    [
      'BĐBP Quảng Trị năm 2024 bắt giữ bao nhiêu vụ buôn lậu',
      'Chưa có báo cáo kết quả về BĐBP tỉnh Quảng Trị năm 2024',
    ],
    ['nghe an thi tot nghiep 2025 bao nhieu diem thi', 'Chưa có báo cáo kết quả về Nghệ An năm 2025'],
    // A report reviews the year, or one reports on the quarter asked: no note.
    ['năm 2024 bđbp quảng ninh bắt bao nhiêu vụ', null],
    ['quý I/2025 Hải Hậu thu ngân sách được bao nhiêu', null],
    // A term or an ordinal is no year's work.
    ['dai hoi dang bo bdbp kien giang nhiem ky 2025-2030 lan thu may', null],
  ])('%s', async (q, note) => {
    const res = await app.engine.ask(q, { top: 3 });
    expect(res.found).toBe(true);
    const message = res.scope?.message ?? '';
    if (note) expect(message).toContain(note);
    else expect(message).not.toContain('Chưa có báo cáo kết quả');
  });
});

describe('the legal basis a document opens with answers only a question about it', () => {
  it.each<[string, boolean]>([
    ['thi tốt nghiệp THPT 2025 Nghệ An thi ngày nào', false],
    ['nghe an thi tot nghiep 2025 co bao nhieu diem thi', false],
    ['kế hoạch thi tốt nghiệp THPT 2025 của Nghệ An căn cứ văn bản nào', true],
  ])('%s → first passage is the basis: %s', async (q, basis) => {
    const [first] = await app.engine.rank(q, 3);
    expect(first!.text.startsWith('Căn cứ')).toBe(basis);
  });
});

describe('a document number none of ours has: cited, and said', () => {
  it('a resolution of another issuer cited: answered from the words, and the number said to be missing', async () => {
    const res = await app.engine.ask(
      'thực hiện Nghị quyết 18-NQ/TW, huyện Hải Hậu sắp xếp còn bao nhiêu phòng',
      {
        top: 3,
      },
    );
    expect(res.found).toBe(true);
    expect(res.results[0]!.text).toContain('được sắp xếp từ 13 xuống còn 10 phòng');
    expect(res.scope?.message).toBe('Không có văn bản nào số 18-NQ/TW trong các tài liệu đã nạp.');
  });
  it('a number alone, none of ours: not found, and why', async () => {
    const res = await app.engine.ask('công văn 9999 giao gì', { top: 3 });
    expect(res.found).toBe(false);
    expect(res.scope?.message).toBe('Không có văn bản nào số 9999 trong các tài liệu đã nạp.');
  });
});
