import fs from 'node:fs';
import path from 'node:path';
import { ingestPaths, removeDocument } from '../../src/ingest/ingest';
import { IndexablePassage, KeywordIndex, KeywordSearch } from '../../src/search/keyword';
import { KEYWORD_INDEX_FILE, loadKeywordIndex, saveKeywordIndex } from '../../src/search/keyword-file';
import { LayeredKeywordIndex } from '../../src/search/keyword-layers';
import { CATCH_UP, SearchEngine } from '../../src/search/retriever';
import { Db, openDatabase } from '../../src/store/db';
import * as documents from '../../src/store/documents';
import { analyzeQuery } from '../../src/text/terms';
import { makeTempDir, REPORT_FIXTURES, SEED_FILE, TempDir } from '../helpers/temp-dir';

const QUESTIONS = [
  'chỉ tiêu năm 2025 là gì?',
  'chi tieu nam 2025',
  'ai chủ trì hội nghị?',
  'SSCĐ',
  'tàu cá vi phạm bao nhiêu vụ',
  'tỷ lệ 9,5%',
  'kỳ họp HĐND tỉnh Khánh Hòa',
  'huan luyen dan quan tu ve',
];

// Passages that read like reports: syllables of real sentences, deterministic.
const SENTENCES = [
  'Đảng ủy BĐBP tỉnh lãnh đạo hoàn thành 100% chỉ tiêu năm 2025',
  'Tỷ lệ giải ngân vốn đầu tư công đạt 9,5% kế hoạch',
  'Hội nghị do đồng chí Nguyễn Văn An chủ trì',
  'Duy trì nghiêm chế độ SSCĐ, quản lý chặt tàu cá ra vào cửa biển',
  'Kỳ họp thứ 15 HĐND tỉnh Khánh Hòa thông qua 2.300 nghị quyết',
  'Huấn luyện dân quân tự vệ đạt yêu cầu, hoàn thành nhiệm vụ',
];
function passages(count: number, firstId: number): IndexablePassage[] {
  return Array.from({ length: count }, (_, i) => ({
    id: firstId + i,
    text: [SENTENCES[i % 6], SENTENCES[(i * 7 + 3) % 6], i % 4 === 0 ? SENTENCES[(i + 1) % 6] : '']
      .filter(Boolean)
      .join('. '),
    context: i % 3 === 0 ? `Báo cáo năm ${2020 + (i % 6)}` : '',
  }));
}
const fresh = (ps: IndexablePassage[]) => {
  const index = new KeywordIndex();
  for (const p of ps) index.add(p);
  return index;
};
const ranks = (index: KeywordSearch) => QUESTIONS.map((q) => index.search(analyzeQuery(q), 15));
const ids = (index: KeywordSearch) => ranks(index).map((hits) => hits.map((h) => h.id));

let dir: TempDir;
beforeAll(() => {
  dir = makeTempDir('chithi-catchup-');
});
afterAll(() => dir.remove());

const KEY = { database: 'test', generation: 1, stamp: 's', analyzer: 'a', schema: 1 };
function imageOf(index: { content: KeywordIndex['content'] }): KeywordSearch {
  const file = path.join(dir.path, `image-${Math.random().toString(36).slice(2)}.bin`);
  saveKeywordIndex(file, KEY, index);
  const loaded = loadKeywordIndex(file, KEY);
  if (!loaded.index) throw new Error(`image not opened: ${loaded.cause}`);
  return loaded.index;
}

describe('LayeredKeywordIndex: a saved image and the passages added and removed since', () => {
  const base = passages(300, 1);
  const more = passages(80, 1000);

  it('with passages added, ranks exactly as an index built from scratch (same ids, same scores)', () => {
    const layered = new LayeredKeywordIndex(imageOf(fresh(base)));
    for (const p of more) layered.add(p);
    expect(layered.size).toBe(380);
    expect(layered.added).toBe(80);
    expect(ranks(layered)).toEqual(ranks(fresh([...base, ...more])));
    layered.close();
  });

  it('never returns a removed passage, and merged into a new image ranks exactly as from scratch', () => {
    const layered = new LayeredKeywordIndex(imageOf(fresh(base)));
    for (const p of more) layered.add(p);
    const removed = new Set([...base.slice(0, 60), ...more.slice(0, 10)].map((p) => p.id));
    for (const id of removed) layered.remove(id);
    layered.remove(99999); // unknown: nothing happens
    const live = [...base, ...more].filter((p) => !removed.has(p.id));
    expect(layered.size).toBe(live.length);
    for (const hits of ids(layered)) for (const id of hits) expect(removed.has(id)).toBe(false);
    // Removed passages still count in a term's document frequency until the merge: same passages
    // found, scores may differ a little.
    expect(ids(layered).map((h) => h.length)).toEqual(ids(fresh(live)).map((h) => h.length));
    const merged = imageOf(layered);
    expect(merged.size).toBe(live.length);
    expect(ranks(merged)).toEqual(ranks(fresh(live)));
    for (const term of analyzeQuery(QUESTIONS[0]!).terms.keys())
      expect(merged.documentFrequency(term)).toBe(fresh(live).documentFrequency(term));
    merged.close();
    layered.close();
  });

  it('a passage added again (changed) replaces its earlier self; has() and forEachId() say what is searched', () => {
    const layered = new LayeredKeywordIndex(imageOf(fresh(base)));
    const changed = { ...base[5]!, text: 'Kế hoạch phòng chống thiên tai năm 2026' };
    layered.add(changed);
    const seen: number[] = [];
    layered.forEachId((id) => seen.push(id));
    expect(seen.sort((a, b) => a - b)).toEqual(base.map((p) => p.id));
    expect(layered.has(changed.id)).toBe(true);
    expect(layered.has(424242)).toBe(false);
    const expected = fresh([...base.filter((p) => p.id !== changed.id), changed]);
    expect(ids(layered)).toEqual(ids(expected));
    expect(ranks(imageOf(layered))).toEqual(ranks(expected));
    layered.close();
  });
});

describe('SearchEngine catches up with uploads instead of re-reading the archive', () => {
  let tmp: TempDir;
  let docs: string;
  let indexDir: string;
  let db: Db;
  const reports = fs.readdirSync(REPORT_FIXTURES);
  const imageFile = () => path.join(indexDir, KEYWORD_INDEX_FILE);
  const ranking = async (engine: SearchEngine) =>
    Promise.all(QUESTIONS.map(async (q) => (await engine.rank(q, 10)).map((r) => [r.passageId, r.score])));
  const fromScratch = async () => ranking(new SearchEngine(db, { keywordIndexFile: null }));
  const add = async (name: string) => {
    fs.copyFileSync(path.join(REPORT_FIXTURES, name), path.join(docs, name));
    await ingestPaths(db, [path.join(docs, name)], { dataDir: docs });
  };

  beforeEach(async () => {
    tmp = makeTempDir('chithi-catchup-engine-');
    docs = path.join(tmp.path, 'docs');
    fs.mkdirSync(docs);
    fs.copyFileSync(SEED_FILE, path.join(docs, path.basename(SEED_FILE)));
    indexDir = path.join(tmp.path, 'index');
    db = openDatabase(indexDir);
    await ingestPaths(db, [docs], { dataDir: docs });
  });

  afterEach(() => {
    db.close();
    tmp.remove();
  });

  it('an upload: only its passages are read, the image is saved merged, a new process loads it as is', async () => {
    const engine = new SearchEngine(db);
    engine.refresh();
    await add(reports[0]!);
    const uploaded = db
      .prepare(`SELECT p.id FROM passages p JOIN documents d ON d.id = p.document_id WHERE d.file = ?`)
      .pluck()
      .all(reports[0]) as number[];
    expect(uploaded.length).toBeGreaterThan(3);
    engine.refresh();
    expect(engine.lastRefresh).toEqual({ how: 'caught-up', passagesRead: uploaded.length });
    expect(engine.passageCount).toBe(db.prepare('SELECT COUNT(*) FROM passages').pluck().get());
    const expected = await fromScratch();
    expect(await ranking(engine)).toEqual(expected);
    // The saved image is the merged one: a new engine serves it without reading any passage.
    const written = fs.statSync(imageFile()).mtimeMs;
    const next = new SearchEngine(db);
    next.refresh();
    expect(next.lastRefresh).toEqual({ how: 'loaded', passagesRead: 0 });
    expect(fs.statSync(imageFile()).mtimeMs).toBe(written);
    expect(await ranking(next)).toEqual(expected);
  });

  it('a document removed: its passages are gone from answers, ranked as from scratch', async () => {
    await add(reports[1]!);
    const engine = new SearchEngine(db);
    engine.refresh();
    const doc = documents.listDocuments(db).find((d) => d.file === reports[1])!;
    removeDocument(db, doc);
    engine.refresh();
    expect(engine.lastRefresh).toEqual({ how: 'caught-up', passagesRead: 0 });
    const expected = await fromScratch();
    expect(await ranking(engine)).toEqual(expected);
    for (const results of await Promise.all(QUESTIONS.map((q) => engine.rank(q, 10))))
      for (const r of results) expect(r.documentId).not.toBe(doc.id);
  });

  it('another process saved an older image: a new engine catches up from it', async () => {
    new SearchEngine(db).refresh();
    const before = fs.readFileSync(imageFile());
    // A writer that keeps no image (as if it crashed before saving): the image on disk is older.
    await add(reports[2]!);
    new SearchEngine(db, { keywordIndexFile: null }).refresh();
    expect(fs.readFileSync(imageFile()).equals(before)).toBe(true);
    const openFiles = () => fs.readdirSync('/proc/self/fd').length;
    const filesBefore = openFiles();
    const engine = new SearchEngine(db);
    engine.refresh();
    expect(engine.lastRefresh?.how).toBe('caught-up');
    expect(await ranking(engine)).toEqual(await fromScratch());
    // The older image it caught up from is closed with the merge: only the new one stays open.
    expect(openFiles()).toBe(filesBefore + 1);
    engine.close();
    expect(openFiles()).toBe(filesBefore);
  });

  it('a restored backup is never caught up from a later image: new passages reuse its ids', async () => {
    // Served before the backup, as a bot's database is: the backup carries the database's id.
    new SearchEngine(db).refresh();
    db.close();
    const backup = path.join(tmp.path, 'backup.db');
    fs.copyFileSync(path.join(indexDir, 'chithi.db'), backup);
    db = openDatabase(indexDir);
    await add(reports[0]!);
    new SearchEngine(db).refresh();
    db.close();
    // The backup comes back; the image of the later state stays next to it.
    for (const f of fs.readdirSync(indexDir))
      if (f.startsWith('chithi.db')) fs.rmSync(path.join(indexDir, f));
    fs.copyFileSync(backup, path.join(indexDir, 'chithi.db'));
    db = openDatabase(indexDir);
    fs.rmSync(path.join(docs, reports[0]!));
    await add(reports[1]!);
    const engine = new SearchEngine(db);
    engine.refresh();
    expect(engine.lastRefresh?.how).toBe('rebuilt');
    expect(await ranking(engine)).toEqual(await fromScratch());
    expect(engine.passageCount).toBe(db.prepare('SELECT COUNT(*) FROM passages').pluck().get());
  });

  it('more changed than CATCH_UP allows: rebuilt from SQLite', async () => {
    const engine = new SearchEngine(db);
    engine.refresh();
    const saved = { ...CATCH_UP };
    Object.assign(CATCH_UP, { minPassages: 1, fraction: 0 });
    try {
      await add(reports[0]!);
      engine.refresh();
      expect(engine.lastRefresh?.how).toBe('rebuilt');
      expect(await ranking(engine)).toEqual(await fromScratch());
    } finally {
      Object.assign(CATCH_UP, saved);
    }
  });

  it('without an image file (a memory index), catches up in memory', async () => {
    const engine = new SearchEngine(db, { keywordIndexFile: null });
    engine.refresh();
    await add(reports[0]!);
    engine.refresh();
    expect(engine.lastRefresh?.how).toBe('caught-up');
    expect(await ranking(engine)).toEqual(await fromScratch());
  });
});
