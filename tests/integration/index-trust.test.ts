import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { ingestPaths } from '../../src/ingest/ingest';
import { readDocument, SUPPORTED_EXTENSIONS } from '../../src/ingest/formats/read-document';
import { openDatabase } from '../../src/store/db';
import { SearchEngine } from '../../src/search/retriever';
import { makeTempDir, PROJECT_ROOT, REPORT_FIXTURES, SEED_FILE, TempDir } from '../helpers/temp-dir';

const BIN = path.join(PROJECT_ROOT, 'bin/chithi.js');
let tmp: TempDir;
let data: string;
let index: string;

/** `node bin/chithi.js …` from `cwd`, with absolute DATA_DIR and INDEX_DIR and no .env. */
function chithi(args: string[], cwd: string, input = '') {
  const res = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    input,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: tmp.path, INDEX_DIR: index, DATA_DIR: data },
    timeout: 60000,
  });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

function counts(): { documents: number; passages: number; files: string[] } {
  const db = new Database(path.join(index, 'chithi.db'), { readonly: true });
  try {
    return {
      documents: db.prepare('SELECT COUNT(*) FROM documents').pluck().get() as number,
      passages: db.prepare('SELECT COUNT(*) FROM passages').pluck().get() as number,
      files: db.prepare('SELECT file FROM documents ORDER BY file').pluck().all() as string[],
    };
  } finally {
    db.close();
  }
}

beforeEach(() => {
  tmp = makeTempDir('chithi-trust-');
  data = path.join(tmp.path, 'data');
  index = path.join(tmp.path, 'index');
  fs.mkdirSync(data);
  fs.mkdirSync(path.join(tmp.path, 'elsewhere'));
  fs.copyFileSync(SEED_FILE, path.join(data, path.basename(SEED_FILE)));
  for (const f of fs.readdirSync(REPORT_FIXTURES))
    fs.copyFileSync(path.join(REPORT_FIXTURES, f), path.join(data, f));
});

afterEach(() => tmp.remove());

describe('one identity per document, whatever folder the command runs from', () => {
  it('ingesting DATA_DIR from the project folder, then from another, leaves the index as it was', () => {
    expect(chithi(['ingest'], tmp.path).code).toBe(0);
    const first = counts();
    expect(first.files).toEqual([
      'bdbp-binh-thuan-tong-ket-2024.txt',
      'bdbp-ninh-thuan-nghi-quyet-2025.txt',
      'duqs-phu-yen-hoi-nghi-2025.txt',
      'hdnd-khanh-hoa-ky-hop-2025.txt',
    ]);
    const again = chithi(['ingest', data], path.join(tmp.path, 'elsewhere'));
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('4 tệp không đổi');
    expect(counts()).toEqual(first);
    // --prune from elsewhere deletes nothing.
    const pruned = chithi(['ingest', '--prune'], path.join(tmp.path, 'elsewhere'));
    expect(pruned.code).toBe(0);
    expect(counts()).toEqual(first);
    // A file that is gone is still pruned.
    fs.rmSync(path.join(data, 'duqs-phu-yen-hoi-nghi-2025.txt'));
    chithi(['ingest', '--prune'], path.join(tmp.path, 'elsewhere'));
    expect(counts().documents).toBe(3);
  });

  it('an index written by an older version (keys relative to where it ran) is renamed, not read again', async () => {
    // The older version keyed documents by their path from the working directory: "data/x.txt".
    const db = openDatabase(index);
    await ingestPaths(db, [data], {
      dataDir: tmp.path,
      read: readDocument,
      extensions: SUPPORTED_EXTENSIONS,
    });
    const before = db.prepare('SELECT id, file FROM documents ORDER BY id').all() as Array<{
      id: number;
      file: string;
    }>;
    const passageIds = db.prepare('SELECT id FROM passages ORDER BY id').pluck().all();
    db.close();
    expect(before.every((d) => d.file.startsWith('data/'))).toBe(true);

    const app = await openApp(loadConfig({ INDEX_DIR: index, DATA_DIR: data }), {
      semantic: false,
      notice: () => {},
    });
    try {
      const report = await app.ingest();
      expect(report.unchanged).toHaveLength(4);
      expect(report.added).toEqual([]);
      const after = app.db.prepare('SELECT id, file FROM documents ORDER BY id').all();
      expect(after).toEqual(before.map((d) => ({ id: d.id, file: d.file.slice('data/'.length) })));
      expect(app.db.prepare('SELECT id FROM passages ORDER BY id').pluck().all()).toEqual(passageIds);
    } finally {
      await app.close();
    }
  });
});

describe('backup and restore', () => {
  const ASK_NEW = 'quy chế phối hợp tuần tra song phương với Lào năm 2026';
  const ASK_LATER = 'kế hoạch diễn tập chống khủng bố tại cảng Chân Mây';

  it('back up, ingest one more document, restore, ingest again: every document is found', () => {
    expect(chithi(['ingest'], tmp.path).code).toBe(0);
    const backup = chithi(['backup', path.join(tmp.path, 'backups')], tmp.path);
    expect(backup.code).toBe(0);
    expect(backup.stdout).toMatch(/Đã sao lưu 4 tài liệu vào .*chithi-.*\.db/);
    const file = path.join(tmp.path, 'backups', fs.readdirSync(path.join(tmp.path, 'backups'))[0]!);

    fs.writeFileSync(
      path.join(data, 'quy-che-tuan-tra.txt'),
      'Đồn Biên phòng Na Mèo ký quy chế phối hợp tuần tra song phương với Lào năm 2026.\n',
    );
    expect(chithi(['ingest'], tmp.path).code).toBe(0);
    expect(JSON.parse(chithi(['ask', '--json', ASK_NEW], tmp.path).stdout).found).toBe(true);

    const restored = chithi(['restore', file], tmp.path);
    expect(restored.code).toBe(0);
    expect(restored.stdout).toContain('Đã khôi phục');
    // The restored database reaches the same generation number with other content.
    fs.rmSync(path.join(data, 'quy-che-tuan-tra.txt'));
    fs.writeFileSync(
      path.join(data, 'ke-hoach-dien-tap.txt'),
      'BĐBP tỉnh Thừa Thiên Huế xây dựng kế hoạch diễn tập chống khủng bố tại cảng Chân Mây.\n',
    );
    expect(chithi(['ingest'], tmp.path).code).toBe(0);
    const later = JSON.parse(chithi(['ask', '--json', ASK_LATER], tmp.path).stdout);
    expect(later.found).toBe(true);
    expect(later.results[0].source.file).toBe('ke-hoach-dien-tap.txt');
    expect(
      JSON.parse(
        chithi(['ask', '--json', 'chỉ tiêu năm 2025 của Đảng ủy BĐBP tỉnh Ninh Thuận'], tmp.path).stdout,
      ).found,
    ).toBe(true);
  });

  it('a file that is not a backup is refused and the index stays', () => {
    expect(chithi(['ingest'], tmp.path).code).toBe(0);
    const bogus = tmp.write('not-a-backup.db', 'xin chào');
    const res = chithi(['restore', bogus], tmp.path);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(`Tệp ${bogus} không phải bản sao lưu chithi dùng được`);
    expect(counts().documents).toBe(4);
  });
});

describe('a damaged or read-only index', () => {
  it('a truncated chithi.db stops ingest, ask and start with one Vietnamese line naming it', () => {
    expect(chithi(['ingest'], tmp.path).code).toBe(0);
    const db = path.join(index, 'chithi.db');
    fs.truncateSync(db, Math.floor(fs.statSync(db).size / 3));
    for (const args of [['ingest'], ['ask', 'chỉ tiêu năm 2025'], ['start']]) {
      const res = chithi(args, tmp.path);
      expect(res.code).toBe(1);
      const lines = res.stderr.trim().split('\n');
      expect(lines.some((l) => l.startsWith(`Cơ sở dữ liệu ${db} bị hỏng`))).toBe(true);
      expect(res.stderr).toContain('npx chithi restore');
      expect(res.stderr).not.toMatch(/SqliteError|at .*\.js:\d+/);
    }
  });

  it('pages damaged deep in chithi.db, header whole: ask names the damage in Vietnamese (at open or when read)', () => {
    expect(chithi(['ingest'], tmp.path).code).toBe(0);
    const db = path.join(index, 'chithi.db');
    const bytes = fs.readFileSync(db);
    // Every page after the first four overwritten: the header and the schema read, the passages do not.
    const pageSize = bytes.readUInt16BE(16);
    bytes.fill(0x5a, 4 * pageSize);
    fs.writeFileSync(db, bytes);
    const res = chithi(['ask', 'chỉ tiêu năm 2025'], tmp.path);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(`Cơ sở dữ liệu ${db} bị hỏng`);
    expect(res.stderr).not.toMatch(/SqliteError|at .*\.js:\d+/);
  });

  const third = (f: string, n: number) => fs.truncateSync(f, Math.floor(n / 3));
  it.each<[string, 'full' | 'header', boolean, (file: string, size: number) => void]>([
    ['truncated to a third', 'header', true, third],
    ['truncated by one page', 'header', true, (f, n) => fs.truncateSync(f, n - 4096)],
    ['truncated to a third', 'full', true, third],
    ['whole', 'header', false, () => {}],
    ['whole', 'full', false, () => {}],
  ])('openDatabase, %s, check %s: refused %s', (_, check, refused, damage) => {
    const dir = path.join(tmp.path, 'db-check');
    const db = openDatabase(dir);
    db.exec(`CREATE TABLE filler(x TEXT); INSERT INTO filler SELECT hex(randomblob(2000)) FROM (
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200) SELECT i FROM n);`);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const file = path.join(dir, 'chithi.db');
    damage(file, fs.statSync(file).size);
    const open = () => openDatabase(dir, { check }).close();
    if (refused) expect(open).toThrow(expect.objectContaining({ code: 'INDEX_DAMAGED' }));
    else expect(open).not.toThrow();
  });

  it('a file that is not a database at all is named too', () => {
    fs.mkdirSync(index, { recursive: true });
    fs.writeFileSync(path.join(index, 'chithi.db'), 'đây không phải SQLite '.repeat(200));
    const res = chithi(['ask', 'chỉ tiêu năm 2025'], tmp.path);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(
      `Cơ sở dữ liệu ${path.join(index, 'chithi.db')} bị hỏng (tệp không phải cơ sở dữ liệu SQLite)`,
    );
  });

  it('an unreadable DATA_DIR is reported in Vietnamese with its path', () => {
    const file = tmp.write('a-file', 'x');
    const res = chithi(['ingest', path.join(file, 'sub')], tmp.path);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(path.join(file, 'sub'));
    expect(res.stderr).not.toMatch(/ENOTDIR|Error:/);
  });

  it('a read-only index still answers, and refuses to ingest', async () => {
    const app = await openApp(loadConfig({ INDEX_DIR: index, DATA_DIR: data }), {
      semantic: false,
      notice: () => {},
    });
    await app.ingest();
    await app.close();
    const db = openDatabase(index, { readonly: true });
    try {
      expect(db.readonly).toBe(true);
      const engine = new SearchEngine(db);
      const res = await engine.ask('chỉ tiêu năm 2025 của Đảng ủy BĐBP tỉnh Ninh Thuận');
      expect(res.found).toBe(true);
      expect(res.results[0]!.text).toContain('100% tổ chức đảng');
    } finally {
      db.close();
    }
  });
});
