import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { makeTempDir, PROJECT_ROOT, REPORT_FIXTURES, SEED_FILE, TempDir } from '../helpers/temp-dir';

const BIN = path.join(PROJECT_ROOT, 'bin/chithi.js');
let tmp: TempDir;
let docs: string;

/** Runs `node bin/chithi.js …` in the temp dir with its own INDEX_DIR (and no .env from the project). */
function chithi(args: string[], input = '') {
  const res = spawnSync(process.execPath, [BIN, ...args], {
    cwd: tmp.path,
    input,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: tmp.path, INDEX_DIR: path.join(tmp.path, 'index'), DATA_DIR: docs },
    timeout: 30000,
  });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

beforeAll(() => {
  tmp = makeTempDir();
  docs = path.join(tmp.path, 'docs');
  fs.mkdirSync(docs);
  fs.copyFileSync(SEED_FILE, path.join(docs, path.basename(SEED_FILE)));
  for (const f of fs.readdirSync(REPORT_FIXTURES))
    fs.copyFileSync(path.join(REPORT_FIXTURES, f), path.join(docs, f));
});

afterAll(() => tmp.remove());

describe('chithi command', () => {
  it('ingest then ask --json: one JSON line per stdin question, in order, with the contract fields', () => {
    const ing = chithi(['ingest', 'docs']);
    expect(ing.code).toBe(0);
    expect(ing.stderr).toContain('4 tệp mới');

    const questions = ['chỉ tiêu 2025 là gì?', 'giá vàng hôm nay', 'chi tieu nam 2025 la gi'];
    const res = chithi(['ask', '--json', '--top', '2'], questions.join('\n') + '\n');
    expect(res.code).toBe(0);
    const lines = res.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.question)).toEqual(questions);
    const [first, notFound, folded] = lines as Array<{
      found: boolean;
      mode: string;
      answer: unknown;
      results: Array<{ text: string; score: number; source: Record<string, unknown> }>;
    }>;
    expect(Object.keys(first!)).toEqual(
      expect.arrayContaining(['question', 'found', 'mode', 'answer', 'results']),
    );
    expect(first).toMatchObject({ found: true, mode: 'keyword' });
    // a direct answer when the facts layer has one, else null
    expect(first!.answer === null || typeof first!.answer === 'string').toBe(true);
    expect(first!.results).toHaveLength(2);
    const top = first!.results[0]!;
    expect(top.text).toContain('Phấn đấu trong năm có 100% tổ chức đảng');
    expect(typeof top.score).toBe('number');
    expect(top.source).toEqual({
      // Keyed by the path inside DATA_DIR (docs), not by the folder the command ran from.
      file: 'bdbp-ninh-thuan-nghi-quyet-2025.txt',
      title: 'Đảng ủy BĐBP tỉnh Ninh Thuận: kết quả năm 2024, phương hướng năm 2025',
      section: null,
      paragraph: 3,
      unit: 'Đảng ủy BĐBP tỉnh Ninh Thuận',
      reference: null,
    });
    expect(notFound).toMatchObject({ found: false, results: [] });
    expect(folded!.results[0]!.text).toContain('Phấn đấu trong năm có 100% tổ chức đảng');

    const again = chithi(['ingest', 'docs']);
    expect(again.stderr).toContain('4 tệp không đổi');
  });

  it.each([
    [['--help'], 0, /chithi ingest/],
    [['ask', '--help'], 0, /--top/],
    [['ingest', '--help'], 0, /--prune/],
    [['ask', '--bogus'], 2, /bogus/],
    [['frobnicate'], 2, /frobnicate/],
    [['ask', '--top', '0', 'chỉ tiêu'], 2, /--top/],
  ])('chithi %j exits %s', (args, code, message) => {
    const res = chithi(args);
    expect(res.code).toBe(code);
    expect(res.stdout + res.stderr).toMatch(message);
  });

  it('a missing path exits 1 and names it', () => {
    const res = chithi(['ingest', 'khong-ton-tai']);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('Không tìm thấy tệp hoặc thư mục: khong-ton-tai');
  });

  it('docs lists each document with what it is about; --json gives the profile', () => {
    expect(chithi(['ingest', 'docs']).code).toBe(0);
    const text = chithi(['docs']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Đảng ủy BĐBP tỉnh Ninh Thuận: kết quả năm 2024, phương hướng năm 2025');
    // Ninh Thuận was merged into Khánh Hòa on 1 July 2025: the list says so.
    expect(text.stdout).toContain(
      'Đảng ủy BĐBP tỉnh Ninh Thuận (nay thuộc Khánh Hòa) · kết quả năm 2024 · kế hoạch năm 2025',
    );
    expect(text.stdout).toContain('Nghị quyết · số 62/NQ-HĐND · 10/12/2025 · HĐND tỉnh Khánh Hòa');
    const lines = chithi(['docs', '--json'])
      .stdout.trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(4);
    const hdnd = lines.find((l) => l.file.endsWith('hdnd-khanh-hoa-ky-hop-2025.txt'));
    expect(hdnd.profile).toMatchObject({
      kind: 'nghị quyết',
      number: '62/NQ-HĐND',
      unitTypes: ['hdnd'],
      provinces: ['Khánh Hòa'],
      planYears: [2026],
    });
  });

  it('a question about a unit the documents do not hold is "not found", with what they hold', () => {
    expect(chithi(['ingest', 'docs']).code).toBe(0);
    const res = chithi(['ask', '--json', 'chỉ tiêu năm 2025 của BĐBP tỉnh Quảng Ninh là gì?']);
    const out = JSON.parse(res.stdout);
    expect(out.found).toBe(false);
    expect(out.results).toEqual([]);
    expect(out.scope.message).toBe('Chưa có tài liệu nào về BĐBP tỉnh Quảng Ninh.');
    expect(out.scope.available).toEqual(
      expect.arrayContaining([
        expect.stringContaining('BĐBP tỉnh Ninh Thuận'),
        expect.stringContaining('BĐBP tỉnh Bình Thuận'),
      ]),
    );
    const text = chithi(['ask', 'chi tieu nam 2025 cua bdbp quang ninh']);
    expect(text.stdout).toContain('Chưa có tài liệu nào về BĐBP tỉnh Quảng Ninh.');
  });

  it('a question naming the new province (Khánh Hòa) is answered from the report of the old one (Ninh Thuận), and says so', () => {
    expect(chithi(['ingest', 'docs']).code).toBe(0);
    // Ninh Thuận has been part of Khánh Hòa since 1 July 2025; the seed is Ninh Thuận's 2025 resolution.
    const questions = [
      'chỉ tiêu 2025 của BĐBP Khánh Hòa',
      'chỉ tiêu 2025 của BĐBP Khánh Hòa'.normalize('NFD'),
      'chi tieu 2025 cua bdbp khanh hoa',
      'ai chủ trì hội nghị của BĐBP tỉnh Khánh Hoà?',
    ];
    const res = chithi(['ask', '--json'], questions.join('\n') + '\n');
    const outs = res.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { found: boolean; answer: string | null; scope: { message: string } });
    for (const out of outs) {
      expect(out.found).toBe(true);
      expect(out.scope.message).toBe('Kết quả từ tài liệu của tỉnh Ninh Thuận (nay thuộc tỉnh Khánh Hòa).');
    }
    for (const out of outs.slice(0, 3))
      expect(out.answer).toMatch(/^Chỉ tiêu năm 2025 của Đảng ủy BĐBP tỉnh Ninh Thuận/);
    expect(outs[3]!.answer).toContain('Ngô Văn Lãng');
    // Not a year the report covers: no document, and the one held is offered.
    const later = JSON.parse(chithi(['ask', '--json', 'chỉ tiêu năm 2027 của BĐBP Khánh Hòa']).stdout);
    expect(later.found).toBe(false);
    expect(later.scope.message).toBe('Chưa có tài liệu nào về BĐBP tỉnh Khánh Hòa năm 2027.');
    const text = chithi(['ask', 'chi tieu 2025 cua bdbp khanh hoa']);
    expect(text.stdout).toContain('Kết quả từ tài liệu của tỉnh Ninh Thuận (nay thuộc tỉnh Khánh Hòa).');
  });
});
