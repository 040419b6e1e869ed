/**
 * The document library over a real app (SQLite in a temp dir, keyword search): uploads land in
 * DATA_DIR under safe names and become searchable; refused files leave nothing behind; removal
 * takes the file, passages and facts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { openApp, type App } from '../../src/app';
import { loadConfig } from '../../src/config';
import {
  createDocumentLibrary,
  TELEGRAM_DOWNLOAD_LIMIT_BYTES,
  type DocumentLibrary,
} from '../../src/documents/library';
import { isChithiError } from '../../src/errors';
import { passagesOfDocument } from '../../src/store/documents';
import { listFacts } from '../../src/store/facts';
import { FIXTURE, makeDocx } from '../helpers/make-fixtures';
import { makeTempDir, PROJECT_ROOT, type TempDir } from '../helpers/temp-dir';

const PHU_YEN = fs.readFileSync(
  path.join(PROJECT_ROOT, 'tests/fixtures/facts/tinh-uy-phu-yen-hoi-nghi-bch.txt'),
  'utf8',
);

let tmp: TempDir;
let dataDir: string;
let app: App;
let library: DocumentLibrary;

beforeEach(async () => {
  tmp = makeTempDir('chithi-library-');
  dataDir = path.join(tmp.path, 'data');
  fs.mkdirSync(dataDir);
  const config = loadConfig({ DATA_DIR: dataDir, INDEX_DIR: path.join(tmp.path, 'index') });
  app = await openApp(config, { semantic: false, notice: () => undefined });
  library = createDocumentLibrary({ app, dataDir });
});

afterEach(async () => {
  await app.close();
  tmp.remove();
});

/** Every name in DATA_DIR, hidden ones included (a leftover temp file must show up). */
function filesInData(): string[] {
  return fs.readdirSync(dataDir).sort();
}

/** What a refused upload must not change. */
function snapshot() {
  return {
    files: filesInData(),
    documents: app.documents().map((d) => [d.id, d.file, d.passages]),
    facts: listFacts(app.db, {}).length,
  };
}

async function refusal(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (err) {
    if (isChithiError(err)) return { code: err.code, message: err.message };
    throw err;
  }
  throw new Error('expected the upload to be refused');
}

describe('saveUpload', () => {
  test('a .docx under a Vietnamese name is stored as sent, ingested and found by a question', async () => {
    const result = await library.saveUpload('báo cáo quý IV.docx', await makeDocx());
    expect(result.path).toBe(path.join(dataDir, 'báo cáo quý IV.docx'));
    expect(fs.existsSync(result.path)).toBe(true);
    expect(result).toMatchObject({ fileName: 'báo cáo quý IV.docx', title: FIXTURE.title, duplicate: false });
    expect(result.passages).toBeGreaterThan(3);
    expect(result.report.added).toHaveLength(1);
    expect(filesInData()).toEqual(['báo cáo quý IV.docx']);

    const answer = await app.engine.ask('tổ chức đảng, đảng viên hoàn thành nhiệm vụ');
    expect(answer.found).toBe(true);
    // Known by its path inside DATA_DIR, whatever folder the bot runs from.
    expect(answer.results[0]!.source.file).toBe('báo cáo quý IV.docx');
  });

  test('facts of the upload are counted: chairs by name, targets, deadlines', async () => {
    const result = await library.saveUpload('hội nghị BCH Phú Yên.txt', Buffer.from(PHU_YEN));
    // The report's first line is its headline: the title, not the file name.
    expect(result.title).toBe('Hội nghị Ban Chấp hành Đảng bộ tỉnh Phú Yên lần thứ 25');
    expect(result.facts.chairs).toHaveLength(2);
    expect(result.facts.chairs[0]).toContain('Phạm Đại Dương');
    expect(result.facts.chairs[1]).toContain('Cao Thị Hòa An');
    expect(result.facts.meetings).toBe(1);
    const stored = listFacts(app.db, { documentId: result.documentId });
    const count = (kind: string) => stored.filter((f) => f.fact.kind === kind).length;
    expect(result.facts.targets).toBe(count('target'));
    expect(result.facts.targets).toBeGreaterThan(0);
    expect(result.facts.deadlines).toBe(count('deadline'));
    expect(result.facts.deadlines).toBeGreaterThan(0);
  });

  test.each([
    ['../../etc/passwd.txt', 'etc-passwd.txt'],
    ['..\\..\\chithi\\.env.md', 'chithi-.env.md'],
    ['.bí mật.txt', 'bí mật.txt'],
    ['/tmp/chỉ thị 05.txt', 'tmp-chỉ thị 05.txt'],
  ])('%j is stored inside DATA_DIR as %j, visible to the next /reindex', async (sent, stored) => {
    const result = await library.saveUpload(sent, Buffer.from(PHU_YEN));
    expect(result.path).toBe(path.join(dataDir, stored));
    expect(filesInData()).toEqual([stored]);
    expect(fs.existsSync(path.join(tmp.path, 'etc'))).toBe(false);
    // A re-read of DATA_DIR finds the same file unchanged (a hidden name would be skipped, then pruned).
    const report = await app.ingest([dataDir], { prune: true });
    expect(report.unchanged).toEqual([stored]);
    expect(report.removed).toEqual([]);
  });

  test('a name already taken gets " (2)", " (3)"; the same content again is not stored twice', async () => {
    const first = await library.saveUpload(
      'ghi chú giao ban.txt',
      Buffer.from('Giao ban tuần 1: rà soát chỉ tiêu.'),
    );
    const second = await library.saveUpload(
      'ghi chú giao ban.txt',
      Buffer.from('Giao ban tuần 2: kiểm tra kho.'),
    );
    const third = await library.saveUpload('ghi chú giao ban.txt', Buffer.from('Giao ban tuần 3: tổng kết.'));
    expect([first, second, third].map((r) => path.basename(r.path))).toEqual([
      'ghi chú giao ban.txt',
      'ghi chú giao ban (2).txt',
      'ghi chú giao ban (3).txt',
    ]);
    expect(fs.readFileSync(first.path, 'utf8')).toContain('tuần 1');

    const again = await library.saveUpload('tên khác.txt', Buffer.from('Giao ban tuần 2: kiểm tra kho.'));
    expect(again).toMatchObject({ duplicate: true, documentId: second.documentId, path: second.path });
    expect(filesInData()).toHaveLength(3);
    expect(app.documents()).toHaveLength(3);
  });

  test('a name that only a stale index row still uses is not reused', async () => {
    const first = await library.saveUpload(
      'kế hoạch.txt',
      Buffer.from('Kế hoạch phòng, chống thiên tai năm 2025.'),
    );
    fs.rmSync(first.path); // deleted by hand, not yet pruned
    const next = await library.saveUpload(
      'kế hoạch.txt',
      Buffer.from('Kế hoạch diễn tập khu vực phòng thủ.'),
    );
    expect(path.basename(next.path)).toBe('kế hoạch (2).txt');
    expect(app.documents().map((d) => path.basename(d.file))).toEqual(['kế hoạch.txt', 'kế hoạch (2).txt']);
    expect(app.documents()[0]!.hash).not.toBe(app.documents()[1]!.hash);
  });

  test.each<[string, string, () => Buffer | Promise<Buffer>, string, RegExp]>([
    [
      'over 20 MB',
      'báo cáo dày.docx',
      () => Buffer.alloc(TELEGRAM_DOWNLOAD_LIMIT_BYTES + 1, 0x41),
      'FILE_TOO_LARGE',
      /Tệp báo cáo dày\.docx quá lớn \(tối đa 20 MB\)/,
    ],
    [
      'an unsupported type',
      'bảng lương.xlsx',
      () => Buffer.from('PK\u0003\u0004'),
      'FILE_UNSUPPORTED',
      /bảng lương\.xlsx/,
    ],
    ['no extension', '../../etc/passwd', () => Buffer.from('root:x:0:0'), 'FILE_UNSUPPORTED', /etc-passwd/],
    ['an empty file', 'trống.txt', () => Buffer.alloc(0), 'FILE_EMPTY', /trống\.txt không có nội dung/],
    [
      'a Word 97-2003 or password-protected file',
      'mật.docx',
      () => Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(600)]),
      'FILE_BROKEN',
      /mật\.docx.*mật khẩu/,
    ],
    [
      'a broken .docx (a zip with no document inside)',
      'hỏng.docx',
      () => Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(300, 7)]),
      'UPLOAD_REFUSED',
      /^Không đọc được tệp hỏng\.docx: /,
    ],
    [
      'a PDF renamed to .docx that is not a PDF either',
      'giả.pdf',
      () => Buffer.from('Đây không phải PDF, chỉ là chữ.'),
      'FILE_BROKEN',
      /giả\.pdf: nội dung không phải tệp PDF/,
    ],
    [
      'binary garbage named .txt',
      'rác.txt',
      () => Buffer.from(Array.from({ length: 2000 }, (_, i) => (i * 37) % 256)),
      'UPLOAD_REFUSED',
      /rác\.txt/,
    ],
  ])('%s is refused with a clear message; nothing changes', async (_label, name, bytes, code, message) => {
    await library.saveUpload('nghị quyết.docx', await makeDocx());
    const before = snapshot();
    const refused = await refusal(library.saveUpload(name, await bytes()));
    expect(refused.code).toBe(code);
    expect(refused.message).toMatch(message);
    expect(refused.message).not.toContain(dataDir);
    expect(snapshot()).toEqual(before);
  });

  test('check() refuses by name and declared size before anything is downloaded', () => {
    expect(library.check('Báo cáo.PDF', 1000)).toBe('Báo cáo.pdf');
    expect(library.check('công văn.docx', undefined)).toBe('công văn.docx');
    expect(() => library.check('ảnh.gif', 10)).toThrow('Chưa hỗ trợ định dạng của tệp ảnh.gif.');
    expect(() => library.check('scan.pdf', TELEGRAM_DOWNLOAD_LIMIT_BYTES + 1)).toThrow('tối đa 20 MB');
    expect(filesInData()).toEqual([]);
  });

  test('maxBytes lowers the limit', async () => {
    const small = createDocumentLibrary({ app, dataDir, maxBytes: 100 });
    const refused = await refusal(small.saveUpload('dài.txt', Buffer.alloc(101, 0x61)));
    expect(refused.code).toBe('FILE_TOO_LARGE');
    expect(filesInData()).toEqual([]);
  });

  test('progress: reading, then done (no OCR stage for a .docx)', async () => {
    const stages: string[] = [];
    await library.saveUpload('nghị quyết.docx', await makeDocx(), { onStage: (s) => stages.push(s.stage) });
    expect(stages).toEqual(['reading']);
  });

  test('two uploads of the same name at once take different names', async () => {
    const [a, b] = await Promise.all([
      library.saveUpload('thông báo.txt', Buffer.from('Thông báo lịch trực tháng 1.')),
      library.saveUpload('thông báo.txt', Buffer.from('Thông báo lịch trực tháng 2.')),
    ]);
    expect(new Set([a.path, b.path]).size).toBe(2);
    expect(filesInData()).toEqual(['thông báo (2).txt', 'thông báo.txt']);
  });
});

describe('remove', () => {
  test('removes the passages, the facts and the file; search no longer finds it', async () => {
    const kept = await library.saveUpload('nghị quyết.docx', await makeDocx());
    const gone = await library.saveUpload('Phú Yên.txt', Buffer.from(PHU_YEN));
    expect(listFacts(app.db, { documentId: gone.documentId }).length).toBeGreaterThan(0);

    const removed = await library.remove(gone.documentId);
    expect(removed).toMatchObject({ fileDeleted: true, document: { id: gone.documentId } });
    expect(fs.existsSync(gone.path)).toBe(false);
    expect(passagesOfDocument(app.db, gone.documentId)).toEqual([]);
    expect(listFacts(app.db, { documentId: gone.documentId })).toEqual([]);
    expect(app.documents().map((d) => d.id)).toEqual([kept.documentId]);
    const answer = await app.engine.ask('tăng trưởng kinh tế Phú Yên đạt 8%');
    expect(answer.results.map((r) => r.documentId)).not.toContain(gone.documentId);
    // The other document and its file are untouched.
    expect(fs.existsSync(kept.path)).toBe(true);
    expect(passagesOfDocument(app.db, kept.documentId).length).toBe(kept.passages);
  });

  test('a document from outside DATA_DIR leaves the index but its file stays', async () => {
    const outside = tmp.write('elsewhere/chỉ thị ngoài.txt', PHU_YEN);
    await app.ingest([outside]);
    const doc = app.documents()[0]!;
    const removed = await library.remove(doc.id);
    expect(removed?.fileDeleted).toBe(false);
    expect(fs.existsSync(outside)).toBe(true);
    expect(app.documents()).toEqual([]);
  });

  test('an unknown id or a different file (ids can be reused) removes nothing', async () => {
    const doc = await library.saveUpload('Phú Yên.txt', Buffer.from(PHU_YEN));
    expect(await library.remove(doc.documentId + 100)).toBeUndefined();
    expect(await library.remove(doc.documentId, { file: 'data/khác.txt' })).toBeUndefined();
    expect(fs.existsSync(doc.path)).toBe(true);
    expect(app.documents()).toHaveLength(1);
    expect(await library.remove(doc.documentId, { file: app.documents()[0]!.file })).toBeDefined();
    expect(app.documents()).toHaveLength(0);
  });

  test('find() numbers documents as /tailieu does and matches titles without diacritics', async () => {
    await library.saveUpload('nghị quyết.docx', await makeDocx());
    await library.saveUpload('Phú Yên.txt', Buffer.from(PHU_YEN));
    expect(library.find('2').map((d) => d.title)).toEqual([app.documents()[1]!.title]);
    expect(library.find('phu yen').map((d) => path.basename(d.file))).toEqual(['Phú Yên.txt']);
    expect(library.find('nghi quyet').map((d) => path.basename(d.file))).toEqual(['nghị quyết.docx']);
  });
});

describe('ingestDataDir', () => {
  it('runs one at a time with uploads (never two ingests writing at once)', async () => {
    fs.writeFileSync(path.join(dataDir, 'có sẵn.txt'), PHU_YEN);
    let running = 0;
    let most = 0;
    const ingest = app.ingest.bind(app);
    app.ingest = async (...args) => {
      running++;
      most = Math.max(most, running);
      try {
        await new Promise((r) => setTimeout(r, 20));
        return await ingest(...args);
      } finally {
        running--;
      }
    };
    const [report, upload] = await Promise.all([
      library.ingestDataDir(),
      library.saveUpload(
        'chỉ thị mới.txt',
        Buffer.from('Chỉ thị về tăng cường tuần tra biên giới năm 2025.'),
      ),
      library.ingestDataDir(),
    ]);
    expect(most).toBe(1);
    expect(report.added).toContain('có sẵn.txt');
    expect(upload.documentId).toBeGreaterThan(0);
    expect(
      app
        .documents()
        .map((d) => d.file)
        .sort(),
    ).toEqual(['chỉ thị mới.txt', 'có sẵn.txt']);
  });
});
