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
      file: 'docs/bdbp-ninh-thuan-nghi-quyet-2025.txt',
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
});
