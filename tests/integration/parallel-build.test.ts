import fs from 'node:fs';
import path from 'node:path';
import { openApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { ingestPaths, POOL_MIN_BYTES } from '../../src/ingest/ingest';
import { DEFAULT_BM25, IndexablePassage, IndexContent, KeywordIndex } from '../../src/search/keyword';
import { KEYWORD_INDEX_FILE } from '../../src/search/keyword-file';
import { buildInParts, joinParts, packPart, unpackPart } from '../../src/search/keyword-parts';
import { SearchEngine } from '../../src/search/retriever';
import { Db, openDatabase } from '../../src/store/db';
import { makeTempDir, REPORT_FIXTURES, SEED_FILE, TempDir } from '../helpers/temp-dir';

// Issue 14: ingest parses documents in worker threads and builds a large keyword index in parts on
// several threads. Both must give exactly what one thread gives.

const REPORT_FILES = [
  SEED_FILE,
  ...fs.readdirSync(REPORT_FIXTURES).map((f) => path.join(REPORT_FIXTURES, f)),
];

/** Passages from the report lines: repeated words (tf > 1), contexts shared and not, long gaps. */
function reportPassages(): IndexablePassage[] {
  const lines = REPORT_FILES.flatMap((f) => fs.readFileSync(f, 'utf8').split('\n')).filter((l) => l.trim());
  return lines.map((line, i) => ({
    id: 3 * i + 1,
    text: i % 5 === 0 ? `${line} ${line}` : line,
    context: i % 3 === 0 ? `Báo cáo tổng kết năm ${2020 + (i % 6)} . ${lines[i - (i % 9)]}` : '',
  }));
}

const build = (ps: IndexablePassage[]) => {
  const index = new KeywordIndex();
  for (const p of ps) index.add(p);
  return index.content();
};

/** What an image is made of (the last slot is a build detail, not part of the image). */
const imageOf = (c: IndexContent) => ({
  docIds: Array.from(c.docIds),
  docLens: Array.from(c.docLens),
  totalLen: c.totalLen,
  terms: c.terms.map((t) => ({ term: t.term, df: t.df, postings: Buffer.from(t.postings).toString('hex') })),
});

describe('joinParts', () => {
  const all = reportPassages();

  it.each([
    ['two halves', [0.5]],
    ['three uneven parts', [0.1, 0.85]],
    ['a part of one passage', [1 / all.length]],
  ])('%s give the content one index of every passage gives', (_name, cuts) => {
    const at = [0, ...cuts.map((c) => Math.max(1, Math.floor(c * all.length))), all.length];
    const parts = at.slice(1).map((end, i) => build(all.slice(at[i], end)));
    expect(parts.length).toBe(cuts.length + 1);
    expect(imageOf(joinParts(parts))).toEqual(imageOf(build(all)));
  });

  it('survives being posted between threads (packed and unpacked)', () => {
    const half = Math.floor(all.length / 2);
    const parts = [all.slice(0, half), all.slice(half)].map((ps) => {
      const part = { content: build(ps), read: ps.length, generation: 7, stamp: 'abc' };
      const back = unpackPart(structuredClone(packPart(part)));
      expect(back.read).toBe(ps.length);
      expect(back.generation).toBe(7);
      expect(back.stamp).toBe('abc');
      return back.content;
    });
    expect(imageOf(joinParts(parts))).toEqual(imageOf(build(all)));
  });

  it("a packed index's postings are sent as they are; other content is copied into one buffer", () => {
    const content = build(all);
    const packed = packPart({ content, read: all.length, generation: 1, stamp: 's' });
    // KeywordIndex.content lays the postings out in term order: one buffer, not copied.
    expect(packed.postings.buffer).toBe(content.terms.find((t) => t.postings.length > 0)!.postings.buffer);
    expect(packed.postings.length).toBe(content.terms.reduce((n, t) => n + t.postings.length, 0));
    // Reordered, the views no longer follow one another: copied, and the same image comes back.
    const reordered = { ...content, terms: [...content.terms.slice(1), content.terms[0]!] };
    const copied = packPart({ content: reordered, read: all.length, generation: 1, stamp: 's' });
    expect(copied.postings.buffer).not.toBe(packed.postings.buffer);
    expect(imageOf(unpackPart(structuredClone(copied)).content)).toEqual(imageOf(reordered));
    expect(imageOf(unpackPart(structuredClone(packed)).content)).toEqual(imageOf(content));
  });

  it('an index packed twice with nothing added between keeps its postings where they are', () => {
    const index = new KeywordIndex();
    for (const p of all) index.add(p);
    const first = index.content();
    const again = index.content();
    expect(again.terms[0]!.postings.buffer).toBe(first.terms[0]!.postings.buffer);
    // One more passage: packed again, with it.
    index.add({ id: 10 ** 6, text: 'Đồn Biên phòng Cửa khẩu hoàn thành chỉ tiêu', context: '' });
    const after = index.content();
    expect(after.terms[0]!.postings.buffer).not.toBe(first.terms[0]!.postings.buffer);
    expect(imageOf(after)).toEqual(
      imageOf(
        build([...all, { id: 10 ** 6, text: 'Đồn Biên phòng Cửa khẩu hoàn thành chỉ tiêu', context: '' }]),
      ),
    );
  });
});

describe('ingest and index on several threads', () => {
  let tmp: TempDir;
  let docs: string;
  let few: string;

  beforeAll(() => {
    tmp = makeTempDir('chithi-parallel-');
    few = path.join(tmp.path, 'few');
    fs.mkdirSync(few);
    for (const f of REPORT_FILES) fs.copyFileSync(f, path.join(few, path.basename(f)));
    docs = path.join(tmp.path, 'docs');
    fs.mkdirSync(docs);
    for (const f of REPORT_FILES) fs.copyFileSync(f, path.join(docs, path.basename(f)));
    // A document in NFD with old tone placement, one that cannot be read, one with no text.
    fs.writeFileSync(
      path.join(docs, 'nfd.txt'),
      'Hội nghị tổng kết công tác năm 2024 của Tỉnh uỷ Khánh Hoà.\n\nĐồng chí Bí thư Tỉnh uỷ chủ trì hội nghị.'.normalize(
        'NFD',
      ),
    );
    fs.writeFileSync(path.join(docs, 'hong.docx'), 'không phải tệp Word');
    fs.writeFileSync(path.join(docs, 'rong.txt'), '   \n\n  ');
    // An archive's worth of reports (workers start from POOL_MIN_BYTES): each fixture report for
    // several years, as an agency keeps one per year.
    const years = Math.ceil(POOL_MIN_BYTES / REPORT_FILES.reduce((n, f) => n + fs.statSync(f).size, 0));
    for (let y = 0; y < years; y++)
      for (const f of REPORT_FILES)
        fs.writeFileSync(
          path.join(docs, `${2000 + y}-${path.basename(f)}`),
          fs
            .readFileSync(f, 'utf8')
            .replace(/\b20(2[3-6])\b/g, (_m, d: string) => String(2000 + y + Number(d) - 23)),
        );
  });
  afterAll(() => tmp.remove());

  const dump = (db: Db) => ({
    documents: db
      .prepare('SELECT id, file, title, hash, format, ocr, notes, profile FROM documents ORDER BY id')
      .all(),
    passages: db.prepare('SELECT * FROM passages ORDER BY id').all(),
    facts: db.prepare('SELECT document_id, passage_id, kind, year, data FROM facts ORDER BY id').all(),
  });

  it('documents parsed in workers are stored exactly as parsed in one thread, in file order', async () => {
    const open = (name: string) =>
      openApp(loadConfig({ DATA_DIR: docs, INDEX_DIR: path.join(tmp.path, name), LOG_LEVEL: 'silent' }), {
        semantic: false,
        notice: () => {},
      });
    const appOne = await open('one');
    const appMany = await open('many');
    const reportOne = await appOne.ingest([docs], { workers: 0 });
    const reportMany = await appMany.ingest([docs], { workers: 2 });
    const [one, many] = [appOne.db, appMany.db];
    const summary = (r: typeof reportOne) => ({
      added: r.added,
      failed: r.failed,
      passages: r.passages,
      notes: r.notes,
    });
    expect(summary(reportMany)).toEqual(summary(reportOne));
    expect(reportMany.stages?.workers).toBe(2);
    expect(reportOne.stages?.workers).toBeUndefined();
    expect(reportMany.added.length).toBeGreaterThan(REPORT_FILES.length + 1);
    expect(reportMany.failed.map((f) => f.file).sort()).toEqual(['hong.docx', 'rong.txt']);
    expect(dump(many)).toEqual(dump(one));
    expect((dump(many).facts as unknown[]).length).toBeGreaterThan(0);
    // Run again: nothing changed, nothing read.
    const again = await appMany.ingest([docs, path.join(docs, 'nfd.txt')], { workers: 2 });
    expect(again.added).toEqual([]);
    expect(again.unchanged.sort()).toEqual([...reportOne.added].sort());
    // A few reports are analyzed in this thread: starting workers would cost more than it saves.
    const small = await appMany.ingest([few], { workers: 2 });
    expect(small.added.length).toBe(REPORT_FILES.length);
    expect(small.stages?.workers).toBeUndefined();
    await appOne.close();
    await appMany.close();
  });

  it.each([
    ['on a worker thread', 2],
    ['in this thread', 0],
  ])(
    'a first ingest builds the keyword index while it writes (%s): the image a rebuild makes',
    async (_how, workers) => {
      const indexDir = path.join(tmp.path, `built-${workers}`);
      const app = await openApp(loadConfig({ DATA_DIR: docs, INDEX_DIR: indexDir, LOG_LEVEL: 'silent' }), {
        semantic: false,
        notice: () => {},
      });
      const report = await app.ingest([docs], { workers });
      // Unreadable files roll back their transactions: what is written is still what was added.
      expect(report.failed.length).toBe(2);
      expect(report.stages?.workers).toBe(workers === 0 ? undefined : workers);
      expect(app.engine.lastRefresh).toEqual({ how: 'built-while-writing', passagesRead: 0 });
      const written = fs.readFileSync(path.join(indexDir, KEYWORD_INDEX_FILE));
      const oneFile = path.join(tmp.path, `rebuilt-${workers}.bin`);
      const rebuilt = new SearchEngine(app.db, { keywordIndexFile: oneFile, indexWorkers: 1 });
      for (const q of ['chỉ tiêu năm 2025 là gì?', 'ai chu tri hoi nghi', 'SSCĐ', 'tỷ lệ 9,5%'])
        expect(await app.engine.rank(q, 10)).toEqual(await rebuilt.rank(q, 10));
      expect(rebuilt.lastRefresh?.how).toBe('rebuilt');
      // Byte for byte (toEqual walks a buffer of megabytes byte by byte, for seconds).
      expect(fs.readFileSync(oneFile).equals(written)).toBe(true);
      // The archive has passages now: another ingest catches up as before.
      fs.writeFileSync(
        path.join(docs, `them-${workers}.txt`),
        'Đồng chí Bí thư Đảng ủy xã chủ trì hội nghị.',
      );
      try {
        const more = await app.ingest([docs], { workers });
        expect(more.added).toEqual([`them-${workers}.txt`]);
        expect(app.engine.lastRefresh?.how).toBe('caught-up');
      } finally {
        fs.rmSync(path.join(docs, `them-${workers}.txt`));
      }
      rebuilt.close();
      await app.close();
    },
  );

  it('a build the archive changed behind (another writer) is not served: the index is rebuilt', async () => {
    const db = openDatabase(path.join(tmp.path, 'behind'));
    const engine = new SearchEngine(db, { keywordIndexFile: path.join(tmp.path, 'behind.bin') });
    const build = engine.startBuild()!;
    expect(build).not.toBeNull();
    await ingestPaths(db, [few], {
      dataDir: few,
      workers: 0,
      committed: ({ passageIds, parsed }) => build.addDocument(parsed, passageIds),
    });
    // A document written by someone else, which the build never saw.
    const other = path.join(tmp.path, 'other');
    fs.mkdirSync(other);
    fs.writeFileSync(path.join(other, 'khac.txt'), 'Báo cáo của Ban Chỉ huy Quân sự huyện năm 2025.');
    await ingestPaths(db, [other], { dataDir: other, workers: 0 });
    expect(build.holds(db)).toBe(false);
    engine.refresh(build);
    expect(engine.lastRefresh?.how).toBe('rebuilt');
    expect((await engine.rank('Ban Chỉ huy Quân sự huyện', 3)).length).toBeGreaterThan(0);
    // An archive with passages starts no build.
    expect(engine.startBuild()).toBeNull();
    engine.close();
    db.close();
  });

  it('a keyword index built in parts on worker threads is the image one thread builds', async () => {
    const indexDir = path.join(tmp.path, 'index');
    const db = openDatabase(indexDir);
    await ingestPaths(db, [few], { dataDir: few, workers: 0 });
    const count = (db.prepare('SELECT count(*) AS n FROM passages').get() as { n: number }).n;
    const oneFile = path.join(tmp.path, 'one-thread.bin');
    const single = new SearchEngine(db, { keywordIndexFile: oneFile, indexWorkers: 1 });
    const parted = new SearchEngine(db, {
      keywordIndexFile: path.join(indexDir, KEYWORD_INDEX_FILE),
      indexWorkers: 3,
      passagesPerPart: Math.floor(count / 3),
    });
    for (const q of ['chỉ tiêu năm 2025 là gì?', 'ai chu tri hoi nghi', 'SSCĐ', 'tỷ lệ 9,5%'])
      expect(await parted.rank(q, 10)).toEqual(await single.rank(q, 10));
    expect(parted.lastRefresh).toEqual({ how: 'rebuilt', passagesRead: count, threads: 3 });
    expect(single.lastRefresh).toEqual({ how: 'rebuilt', passagesRead: count });
    expect(count).toBeGreaterThan(20);
    expect(fs.readFileSync(path.join(indexDir, KEYWORD_INDEX_FILE))).toEqual(fs.readFileSync(oneFile));
    single.close();
    parted.close();
    db.close();
  });

  it('a part whose worker fails is reported, and the caller is left to build in one piece', async () => {
    const indexDir = path.join(tmp.path, 'failing');
    const db = openDatabase(indexDir);
    await ingestPaths(db, [few], { dataDir: few, workers: 0 });
    const count = (db.prepare('SELECT count(*) AS n FROM passages').get() as { n: number }).n;
    const reasons: string[] = [];
    // The workers open the database by its file: a file that is not there makes the second part fail.
    const missing = path.join(tmp.path, 'no-such-index', 'chithi.db');
    const built = buildInParts(db, missing, DEFAULT_BM25, 2, Math.floor(count / 2), (r) => reasons.push(r));
    expect(built).toBeNull();
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toMatch(/^phần 2\/2: .*(?:unable to open|does not exist|no such file)/i);
    // The same database file builds in two parts without a report.
    const ok = buildInParts(db, db.name, DEFAULT_BM25, 2, Math.floor(count / 2), (r) => reasons.push(r));
    expect(ok?.parts).toBe(2);
    expect(reasons).toHaveLength(1);
    db.close();
  });
});
