import fs from 'node:fs';
import path from 'node:path';
import { ingestPaths } from '../../src/ingest/ingest';
import { SearchEngine } from '../../src/search/retriever';
import { Db, openDatabase } from '../../src/store/db';
import { makeTempDir, REPORT_FIXTURES, SEED_FILE, TempDir } from '../helpers/temp-dir';

let tmp: TempDir;
let db: Db;
let engine: SearchEngine;
const TARGET = 'Phấn đấu trong năm có 100% tổ chức đảng';

beforeAll(async () => {
  tmp = makeTempDir();
  const docs = path.join(tmp.path, 'docs');
  fs.mkdirSync(docs);
  fs.copyFileSync(SEED_FILE, path.join(docs, path.basename(SEED_FILE)));
  for (const f of fs.readdirSync(REPORT_FIXTURES))
    fs.copyFileSync(path.join(REPORT_FIXTURES, f), path.join(docs, f));
  db = openDatabase(path.join(tmp.path, 'index'));
  const report = await ingestPaths(db, [docs]);
  expect(report.failed).toEqual([]);
  engine = new SearchEngine(db);
});

afterAll(() => {
  db.close();
  tmp.remove();
});

describe('SearchEngine.ask over the seed and near-miss reports', () => {
  it.each([
    ['chỉ tiêu 2025 là gì?', TARGET],
    ['chi tieu nam 2025 la gi', TARGET],
    ['chi tieu 2025', TARGET],
    ['Cho tôi hỏi chỉ tiêu năm 2025 như thế nào ạ?', TARGET],
    ['CHỈ TIÊU NĂM 2025', TARGET],
    ['chỉ tiêu kết nạp đảng viên mới', TARGET],
    ['Ai chủ trì hội nghị của BĐBP Ninh Thuận?', 'Ngô Văn Lãng'],
    ['ai chu tri hoi nghi bdbp ninh thuan', 'Ngô Văn Lãng'],
    ['Chỉ huy trưởng Bộ CHQS tỉnh Phú Yên là ai', 'Trần Minh Hoàng'],
    ['tăng trưởng GRDP năm 2026 bao nhiêu?', 'GRDP đạt 9–9,5%'],
    ['tang truong GRDP Khanh Hoa bao nhieu', 'GRDP đạt 9–9,5%'],
    ['Bình Thuận bắt giữ bao nhiêu vụ tội phạm', 'bắt giữ 45 vụ'],
    ['2.300 lượt tàu cá', '2.300 lượt'],
    ['2300 luot tau ca', '2.300 lượt'],
    ['Nghị quyết 62/NQ-HĐND', '62/NQ-HĐND'],
    ['phí tham quan vịnh Nha Trang không áp dụng với ai?', 'không áp dụng'],
    [
      'phương hướng nhiệm vụ năm 2025 của BĐBP Bình Thuận',
      'tiếp tục lãnh đạo nâng cao chất lượng huấn luyện',
    ],
    ['sức khoẻ cán bộ chiến sỹ', 'sức khoẻ cán bộ'],
    // "i" or "y": one word in two spellings.
    ['sức khoẻ cán bộ chiến sĩ', 'sức khoẻ cán bộ'],
    ['tỉ lệ hộ nghèo theo chuẩn đa chiều', 'Tỷ lệ hộ nghèo'],
    ['kì họp thứ 22 HĐND Khánh Hòa', 'kỳ họp thứ 22'],
    ['Đảng ủy Quân sự tỉnh phấn đấu bao nhiêu phần trăm cấp ủy trong sạch vững mạnh', '85% cấp ủy'],
  ])('%s → first: …%s…', async (q, expected) => {
    const res = await engine.ask(q);
    expect(res.found).toBe(true);
    expect(res.mode).toBe('keyword');
    expect(res.results[0]!.text).toContain(expected);
  });

  it('the 100% passage comes with its source and highlighted sentence', async () => {
    const res = await engine.ask('chỉ tiêu 2025 là gì?', { top: 3 });
    expect(res.results).toHaveLength(3);
    expect(res.results[0]!.source).toMatchObject({
      file: expect.stringContaining('bdbp-ninh-thuan-nghi-quyet-2025.txt'),
      title: 'Đảng ủy BĐBP tỉnh Ninh Thuận: kết quả năm 2024, phương hướng năm 2025',
      section: null,
      paragraph: 3,
    });
    expect(res.results[0]!.highlight).toMatch(new RegExp('^' + TARGET));
    expect(res.answer).toBeNull();
  });

  it('an abbreviation finds the literal form and the expansion', async () => {
    const res = await engine.ask('SSCĐ', { top: 5 });
    expect(res.found).toBe(true);
    const texts = res.results.map((r) => r.text).join('\n');
    expect(texts).toContain('trực SSCĐ');
    expect(texts).toContain('sẵn sàng chiến đấu');
  });

  it.each([
    'giá vàng hôm nay',
    'gia vang hom nay bao nhieu',
    'công thức nấu phở bò',
    'thời tiết Hà Nội ngày mai thế nào?',
  ])('%s is not found', async (q) => {
    const res = await engine.ask(q);
    expect(res).toMatchObject({ found: false, results: [], answer: null });
  });

  it('pages with offset and refuses empty or over-long questions', async () => {
    const all = await engine.ask('chỉ tiêu 2025', { top: 4 });
    const second = await engine.ask('chỉ tiêu 2025', { top: 2, offset: 2 });
    expect(second.results.map((r) => r.passageId)).toEqual(all.results.slice(2, 4).map((r) => r.passageId));
    await expect(engine.ask('   ')).rejects.toMatchObject({ code: 'QUESTION_EMPTY' });
    await expect(engine.ask('chỉ tiêu '.repeat(200))).rejects.toMatchObject({ code: 'QUESTION_TOO_LONG' });
  });
});

describe('markup pasted with a question is not its words', () => {
  it.each([
    ['<b>chỉ tiêu</b> 2025?', 'chỉ tiêu 2025?'],
    ['<i>chi tieu nam 2025</i> la gi', 'chi tieu nam 2025 la gi'],
    [
      'Ai chủ trì hội nghị của <span class="unit">BĐBP</span> Ninh Thuận?',
      'Ai chủ trì hội nghị của BĐBP Ninh Thuận?',
    ],
    ['chỉ tiêu&nbsp;năm 2025 &amp; kết nạp đảng viên', 'chỉ tiêu năm 2025 & kết nạp đảng viên'],
  ])('%s is asked as %s', async (marked, plain) => {
    const [a, b] = [await engine.ask(marked), await engine.ask(plain)];
    expect(a.found).toBe(true);
    expect(a.results.map((r) => r.passageId)).toEqual(b.results.map((r) => r.passageId));
    expect(a.answer?.text).toBe(b.answer?.text);
    expect(a.question).toBe(marked);
  });

  it('a question that is only markup is empty', async () => {
    await expect(engine.ask('<b> </b><br/>')).rejects.toMatchObject({ code: 'QUESTION_EMPTY' });
  });
});

describe('question length is counted as people count it (characters after NFC)', () => {
  it.each<[string, string]>([
    ['1000 letters typed decomposed (NFD: about 2000 UTF-16 units)', 'ế'.repeat(1000).normalize('NFD')],
    ['600 emoji (1200 UTF-16 units)', '📌'.repeat(600)],
  ])('%s are accepted', async (_name, question) => {
    await expect(engine.ask(question)).resolves.toMatchObject({ found: false });
  });
  it('1001 characters are refused with the limit named', async () => {
    await expect(engine.ask('a'.repeat(1001))).rejects.toThrow('Câu hỏi quá dài (tối đa 1000 ký tự).');
  });
});
