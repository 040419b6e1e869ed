import fs from 'node:fs';
import path from 'node:path';
import { ingestPaths, IngestReport } from '../../src/ingest/ingest';
import { Db, openDatabase } from '../../src/store/db';
import {
  countDocuments,
  listDocumentProfiles,
  listDocuments,
  passagesOfDocument,
} from '../../src/store/documents';
import { makeTempDir, REPORT_FIXTURES, SEED_FILE, TempDir } from '../helpers/temp-dir';

let tmp: TempDir;
let db: Db;
let docs: string;

function copyCorpus(): void {
  fs.copyFileSync(SEED_FILE, path.join(docs, path.basename(SEED_FILE)));
  for (const f of fs.readdirSync(REPORT_FIXTURES))
    fs.copyFileSync(path.join(REPORT_FIXTURES, f), path.join(docs, f));
}

const passageIds = () =>
  listDocuments(db).flatMap((d) => passagesOfDocument(db, d.id).map((p) => `${d.file}#${p.id}`));
const summary = (r: IngestReport) => ({
  added: r.added.length,
  changed: r.changed.length,
  unchanged: r.unchanged.length,
  removed: r.removed.length,
  failed: r.failed.length,
});

beforeEach(() => {
  tmp = makeTempDir();
  docs = path.join(tmp.path, 'docs');
  fs.mkdirSync(docs);
  copyCorpus();
  db = openDatabase(path.join(tmp.path, 'index'));
});

afterEach(() => {
  db.close();
  tmp.remove();
});

describe('ingestPaths', () => {
  it('ingests the seed and the fixtures (NFD, CRLF + BOM, old tone placement)', async () => {
    const report = await ingestPaths(db, [docs]);
    expect(summary(report)).toEqual({ added: 4, changed: 0, unchanged: 0, removed: 0, failed: 0 });
    const byName = new Map(listDocuments(db).map((d) => [path.basename(d.file), d]));
    expect(byName.get('hdnd-khanh-hoa-ky-hop-2025.txt')!.title).toBe(
      'Nghị quyết về kế hoạch phát triển kinh tế - xã hội tỉnh Khánh Hòa năm 2026',
    );
    const nfd = passagesOfDocument(db, byName.get('duqs-phu-yen-hoi-nghi-2025.txt')!.id);
    expect(nfd.map((p) => p.kind)).toEqual(['paragraph', 'caption', 'paragraph']);
    expect(nfd[1]!.text).toBe('(Đại tá Trần Minh Hoàng, Chỉ huy trưởng Bộ CHQS tỉnh chủ trì hội nghị)');
    for (const p of nfd) expect(p.text).toBe(p.text.normalize('NFC'));
    const crlf = passagesOfDocument(db, byName.get('hdnd-khanh-hoa-ky-hop-2025.txt')!.id);
    expect(crlf.some((p) => p.text.includes('\r') || p.text.includes('\ufeff'))).toBe(false);
    expect(crlf.find((p) => p.text.startsWith('1. '))).toMatchObject({
      kind: 'list-item',
      section: 'II. CÁC CHỈ TIÊU KINH TẾ - XÃ HỘI CHỦ YẾU NĂM 2026',
      text: '1. Tốc độ tăng trưởng GRDP đạt 9–9,5%.',
    });
    // display keeps the document's own tone placement
    const oldTones = passagesOfDocument(db, byName.get('bdbp-binh-thuan-tong-ket-2024.txt')!.id);
    expect(oldTones.some((p) => p.text.includes('Đảng uỷ'))).toBe(true);
    expect(report.passages).toBe(listDocuments(db).reduce((n, d) => n + d.passages, 0));
    // What scoping reads, in listDocuments's order, without counting passages.
    expect(listDocumentProfiles(db)).toEqual(
      listDocuments(db).map((d) => ({ id: d.id, title: d.title, profile: d.profile })),
    );
    expect(countDocuments(db)).toBe(4);
  });

  it('re-ingesting unchanged files changes nothing', async () => {
    await ingestPaths(db, [docs]);
    const before = passageIds();
    const docsBefore = listDocuments(db);
    const report = await ingestPaths(db, [docs]);
    expect(summary(report)).toEqual({ added: 0, changed: 0, unchanged: 4, removed: 0, failed: 0 });
    expect(report.passages).toBe(0);
    expect(passageIds()).toEqual(before);
    expect(listDocuments(db)).toEqual(docsBefore);
  });

  it('a changed file replaces its passages and leaves the others alone', async () => {
    await ingestPaths(db, [docs]);
    const seed = path.join(docs, path.basename(SEED_FILE));
    const others = passageIds().filter((id) => !id.includes('bdbp-ninh-thuan'));
    fs.appendFileSync(seed, '\n\nNăm 2025 phấn đấu bắt giữ 50 vụ buôn lậu trên biển.\n');
    const report = await ingestPaths(db, [docs]);
    expect(summary(report)).toEqual({ added: 0, changed: 1, unchanged: 3, removed: 0, failed: 0 });
    const doc = listDocuments(db).find((d) => d.file.endsWith(path.basename(SEED_FILE)))!;
    const texts = passagesOfDocument(db, doc.id).map((p) => p.text);
    expect(texts).toContain('Năm 2025 phấn đấu bắt giữ 50 vụ buôn lậu trên biển.');
    expect(texts.filter((t) => t.includes('Phấn đấu trong năm có 100%'))).toHaveLength(1);
    expect(passageIds().filter((id) => !id.includes('bdbp-ninh-thuan'))).toEqual(others);
  });

  it('--prune removes the document of a deleted file', async () => {
    await ingestPaths(db, [docs]);
    fs.rmSync(path.join(docs, 'duqs-phu-yen-hoi-nghi-2025.txt'));
    const withoutPrune = await ingestPaths(db, [docs]);
    expect(withoutPrune.removed).toEqual([]);
    expect(listDocuments(db)).toHaveLength(4);
    const report = await ingestPaths(db, [docs], { prune: true });
    expect(report.removed).toEqual([expect.stringContaining('duqs-phu-yen-hoi-nghi-2025.txt')]);
    expect(
      listDocuments(db)
        .map((d) => path.basename(d.file))
        .sort(),
    ).toEqual([
      'bdbp-binh-thuan-tong-ket-2024.txt',
      'bdbp-ninh-thuan-nghi-quyet-2025.txt',
      'hdnd-khanh-hoa-ky-hop-2025.txt',
    ]);
    expect(
      db
        .prepare('SELECT COUNT(*) AS n FROM passages WHERE document_id NOT IN (SELECT id FROM documents)')
        .get(),
    ).toEqual({ n: 0 });
  });

  it.each([
    [
      'binary file',
      'anh-chup.txt',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]),
    ],
    ['latin1 file', 'bao-cao-latin1.txt', Buffer.from('Báo cáo tình hình năm 2024 của Ðảng ủy', 'latin1')],
    [
      'TCVN3 file',
      'bao-cao-tcvn3.txt',
      Buffer.from([0x42, 0xe9, 0x20, 0xae, 0xe9, 0x69, 0x20, 0x42, 0x69, 0xaa, 0x6e]),
    ],
  ])('a %s gives a clear error naming it while the other files ingest', async (_name, file, bytes) => {
    fs.writeFileSync(path.join(docs, file), bytes);
    const report = await ingestPaths(db, [docs]);
    expect(report.added).toHaveLength(4);
    expect(report.failed).toEqual([
      { file: expect.stringContaining(file), message: expect.stringContaining(file) },
    ]);
    expect(report.failed[0]!.message).toMatch(/nhị phân|UTF-8/);
    expect(listDocuments(db).some((d) => d.file.endsWith(file))).toBe(false);
  });

  it('a missing path is reported, not thrown', async () => {
    const report = await ingestPaths(db, [path.join(tmp.path, 'khong-co')]);
    expect(report.failed).toEqual([
      { file: expect.stringContaining('khong-co'), message: expect.stringContaining('Không tìm thấy') },
    ]);
  });

  it('a crash while deriving from a file leaves nothing of that file, and its old version intact', async () => {
    const seed = path.join(docs, path.basename(SEED_FILE));
    const crash = (db2: Db, info: { parsed: { title: string } }) => {
      void db2;
      if (info.parsed.title.includes('Phú Yên') || info.parsed.title.includes('Ninh Thuận:')) {
        throw new Error('mất điện giữa chừng');
      }
    };
    const first = await ingestPaths(db, [docs], { derive: crash });
    expect(first.failed.map((f) => path.basename(f.file)).sort()).toEqual([
      'bdbp-ninh-thuan-nghi-quyet-2025.txt',
      'duqs-phu-yen-hoi-nghi-2025.txt',
    ]);
    expect(first.failed[0]!.message).toContain('mất điện giữa chừng');
    expect(
      listDocuments(db)
        .map((d) => path.basename(d.file))
        .sort(),
    ).toEqual(['bdbp-binh-thuan-tong-ket-2024.txt', 'hdnd-khanh-hoa-ky-hop-2025.txt']);
    expect(
      db
        .prepare('SELECT COUNT(*) AS n FROM passages WHERE document_id NOT IN (SELECT id FROM documents)')
        .get(),
    ).toEqual({ n: 0 });

    // ingested cleanly, then a changed version crashes: the old version stays
    await ingestPaths(db, [docs]);
    const before = passageIds();
    fs.appendFileSync(seed, '\nĐoạn mới.\n');
    const again = await ingestPaths(db, [docs], { derive: crash });
    expect(again.failed).toHaveLength(1);
    expect(passageIds()).toEqual(before);
    // and the next run retries it
    expect((await ingestPaths(db, [docs])).changed).toEqual([expect.stringContaining('bdbp-ninh-thuan')]);
  });
});
