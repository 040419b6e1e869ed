import fs from 'node:fs';
import path from 'node:path';
import { ingestPaths } from '../../src/ingest/ingest';
import { IndexablePassage, KeywordIndex, KeywordSearch } from '../../src/search/keyword';
import { KEYWORD_INDEX_FILE, loadKeywordIndex, saveKeywordIndex } from '../../src/search/keyword-file';
import { SearchEngine } from '../../src/search/retriever';
import { Db, openDatabase } from '../../src/store/db';
import { analyzeQuery, textTerms } from '../../src/text/terms';
import { makeTempDir, REPORT_FIXTURES, SEED_FILE, TempDir } from '../helpers/temp-dir';

/** The BM25 of the first, array-per-term implementation, kept as the reference the compact one must equal. */
function referenceSearch(passages: IndexablePassage[], question: string, k: number) {
  const { k1, b, contextWeight } = { k1: 1.2, b: 0.75, contextWeight: 1 };
  const docs = passages.map((p) => {
    const body = textTerms(p.text);
    let len = 0;
    for (const [t, v] of body) if (t.startsWith('e:')) len += v;
    return { id: p.id, body, context: textTerms(p.context), len };
  });
  const avgdl = Math.max(1, docs.reduce((n, d) => n + d.len, 0) / Math.max(1, docs.length));
  const scores = new Map<number, number>();
  for (const [term, weight] of analyzeQuery(question).terms) {
    const having = docs.filter((d) => d.body.has(term) || d.context.has(term));
    if (having.length === 0 || weight <= 0) continue;
    const idf = Math.log(1 + (docs.length - having.length + 0.5) / (having.length + 0.5)) * weight;
    for (const d of having) {
      const tf =
        (d.body.get(term) ?? 0) / (1 - b + (b * Math.max(avgdl, d.len)) / avgdl) +
        contextWeight * (d.context.get(term) ?? 0);
      scores.set(d.id, (scores.get(d.id) ?? 0) + (idf * tf * (k1 + 1)) / (tf + k1));
    }
  }
  // Typed without diacritics, a passage's score is multiplied by the share of the question's distinct
  // syllables it holds (an abbreviation's syllable also by its expansion's last two syllables).
  const query = analyzeQuery(question);
  const syllables = new Map<string, string[]>();
  for (const s of query.syllables) {
    const forms = (s.alternatives ?? []).map((alt) =>
      alt.length < 2
        ? alt[0]!
        : `F:${alt
            .slice(-2)
            .map((t) => t.slice(2))
            .join(' ')}`,
    );
    syllables.set(s.folded, [s.folded, ...forms]);
  }
  if (!query.hasDiacritics && syllables.size > 1)
    for (const d of docs) {
      if (!scores.has(d.id)) continue;
      const holds = (t: string) => d.body.has(t) || d.context.has(t);
      const held = [...syllables.values()].filter((forms) => forms.some(holds)).length;
      scores.set(d.id, scores.get(d.id)! * (held / syllables.size));
    }
  return [...scores]
    .map(([id, score]) => ({ id, score }))
    .sort((x, y) => y.score - x.score || x.id - y.id)
    .slice(0, k);
}

const WORDS =
  'chỉ tiêu năm 2025 hoàn thành kế hoạch đảng ủy biên phòng tỉnh công tác huấn luyện 100% nhiệm vụ ngân sách hội nghị chủ trì sẵn sàng chiến đấu SSCĐ tàu cá 2.300 lượt'.split(
    ' ',
  );

/** Deterministic pseudo-random passages (a linear congruential generator: the test needs no quality). */
function passages(count: number, seed: number): IndexablePassage[] {
  let s = seed;
  const next = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  return Array.from({ length: count }, (_, i) => {
    const len = 3 + Math.floor(next() * 40);
    const words = Array.from({ length: len }, () => WORDS[Math.floor(next() * WORDS.length)]!);
    // Some words repeated many times, so body frequencies above one are encoded too.
    if (i % 7 === 0) words.push(...Array<string>(20).fill('chỉ'));
    return {
      id: 1000 + i * 3,
      text: words.join(' ') + '.',
      context: i % 5 === 0 ? `năm ${2020 + (i % 6)}` : '',
    };
  });
}

const QUESTIONS = [
  'chỉ tiêu năm 2025 là gì?',
  'chi tieu nam 2025',
  'đảng ủy biên phòng',
  'SSCĐ',
  'sẵn sàng chiến đấu',
  '2300 lượt tàu cá',
  'ngân sách hội nghị',
  'huấn luyện',
  // Typed without diacritics: scattered words, an abbreviation among them (coordination).
  'ke hoach tau ca chien dau',
  'sscd bien phong 2025 nhiem vu',
  'HUAN LUYEN hoi nghi tinh',
];

describe('KeywordIndex, compact postings and binary image', () => {
  const corpus = passages(600, 7);

  it('ranks exactly as the reference BM25 (same ids, same scores)', () => {
    const index = new KeywordIndex();
    for (const p of corpus) index.add(p);
    for (const q of QUESTIONS)
      expect(index.search(analyzeQuery(q), 20)).toEqual(referenceSearch(corpus, q, 20));
  });

  it('round trip: the image served from its file answers exactly as the index it was written from', () => {
    const index = addAll(corpus);
    const copy = imageOf(index);
    expect(copy.size).toBe(index.size);
    for (const q of QUESTIONS) {
      expect(copy.search(analyzeQuery(q), 50)).toEqual(index.search(analyzeQuery(q), 50));
      for (const term of analyzeQuery(q).terms.keys())
        expect(copy.documentFrequency(term)).toBe(index.documentFrequency(term));
    }
    expect(copy.documentFrequency('e:không-có-từ-này')).toBe(0);
    expect(copy.documentFrequency('')).toBe(0);
    copy.close();
  });

  it('passages added and removed rank as in a fresh index, in memory and from a file saved in between', () => {
    const index = addAll(corpus.slice(0, 400));
    for (const p of corpus.slice(400)) index.add(p);
    const more = passages(1001, 11).map((p) => ({ ...p, id: p.id + 100000 }));
    for (const p of more) index.add(p);
    for (const p of more.slice(0, 500)) index.remove(p.id);
    // Saved with 500 tombstones: the image holds only the live passages, with exact frequencies.
    const live = [...corpus, ...more.slice(500)];
    const saved = imageOf(index);
    expect(saved.size).toBe(live.length);
    for (const q of QUESTIONS)
      expect(saved.search(analyzeQuery(q), 20)).toEqual(referenceSearch(live, q, 20));
    saved.close();
    // 1001 removals after a fresh start: the last one triggers compaction (over 1000 and a quarter of
    // the slots), leaving no tombstone, so document frequencies are exact again.
    const again = addAll(corpus);
    for (const p of more) again.add(p);
    for (const p of more) again.remove(p.id);
    expect(again.size).toBe(corpus.length);
    for (const q of QUESTIONS)
      expect(again.search(analyzeQuery(q), 20)).toEqual(referenceSearch(corpus, q, 20));
  });

  it('an empty index makes an image that answers nothing', () => {
    const empty = imageOf(new KeywordIndex());
    expect(empty.size).toBe(0);
    expect(empty.search(analyzeQuery('chỉ tiêu'), 5)).toEqual([]);
    empty.close();
  });

  it.each([
    ['truncated', (b: Buffer) => b.subarray(0, b.length - 10)],
    // After the key (its length, then its JSON): a byte of the image's header.
    ['header byte changed', (b: Buffer) => flip(b, 4 + Buffer.byteLength(JSON.stringify(KEY)) + 10)],
    ['empty', () => Buffer.alloc(0)],
    ['foreign', () => Buffer.from('SQLite format 3\u0000 and more bytes than a header')],
  ])('%s image: refused at open with KeywordIndexFormatError', (_, damage) => {
    const file = path.join(dir.path, 'damaged.bin');
    saveKeywordIndex(file, KEY, addAll(corpus.slice(0, 50)));
    fs.writeFileSync(file, damage(fs.readFileSync(file)));
    expect(loadKeywordIndex(file, KEY)).toEqual(expect.objectContaining({ index: null, cause: 'corrupt' }));
  });

  it('is read where questions reach it: a damaged term is refused when it is read, the rest answers', () => {
    const file = path.join(dir.path, 'lazy.bin');
    const index = addAll(corpus.slice(0, 50));
    saveKeywordIndex(file, KEY, index);
    const image = fs.readFileSync(file);
    // The last bytes are the postings of the last term in code-unit order.
    const lastTerm = index.content().terms.at(-1)!.term;
    fs.writeFileSync(file, flip(image, image.length - 1));
    const loaded = loadKeywordIndex(file, KEY);
    if (!loaded.index) throw new Error(`not opened: ${loaded.cause}`);
    const only = (term: string) => ({ ...analyzeQuery('x'), terms: new Map([[term, 1]]) });
    expect(loaded.index.search(only('e:chỉ'), 5)).toEqual(index.search(only('e:chỉ'), 5));
    expect(() => loaded.index.search(only(lastTerm), 5)).toThrow(
      expect.objectContaining({ name: 'KeywordIndexFormatError' }),
    );
    loaded.index.close();
  });

  it('every byte of the dictionary and postings is checked: each of 40 flipped bytes is refused somewhere', () => {
    const file = path.join(dir.path, 'flip.bin');
    const ps = corpus.slice(0, 50);
    saveKeywordIndex(file, KEY, addAll(ps));
    const image = fs.readFileSync(file);
    // Every term of the 50 passages, as one query each: together they read the whole image.
    const everyTerm = ps.map((p) => ({
      ...analyzeQuery('x'),
      terms: new Map([...textTerms(p.text).keys(), ...textTerms(p.context).keys()].map((t) => [t, 1])),
    }));
    for (let n = 1; n <= 40; n++) {
      const at = Math.floor((image.length * n) / 41);
      fs.writeFileSync(file, flip(image, at));
      const loaded = loadKeywordIndex(file, KEY);
      if (!loaded.index) continue;
      const readAll = () => everyTerm.forEach((q) => loaded.index.search(q, 5));
      expect(readAll).toThrow(expect.objectContaining({ name: 'KeywordIndexFormatError' }));
      loaded.index.close();
    }
  });
});

const KEY = { database: 'test', generation: 1, stamp: 's', analyzer: 'a', schema: 1 };
let dir: TempDir;
beforeAll(() => {
  dir = makeTempDir('chithi-kwimage-');
});
afterAll(() => dir.remove());

const flip = (b: Buffer, at: number) => Buffer.from(b.map((x, i) => (i === at ? x ^ 0xff : x)));

/** The index written to an image file and opened from it, as a server does. */
function imageOf(index: KeywordIndex): KeywordSearch {
  const file = path.join(dir.path, `image-${Math.random().toString(36).slice(2)}.bin`);
  saveKeywordIndex(file, KEY, index);
  const loaded = loadKeywordIndex(file, KEY);
  if (!loaded.index) throw new Error(`image not opened: ${loaded.cause} ${loaded.reason ?? ''}`);
  return loaded.index;
}

function addAll(ps: IndexablePassage[]): KeywordIndex {
  const index = new KeywordIndex();
  for (const p of ps) index.add(p);
  return index;
}

describe('SearchEngine keeps the keyword index next to the database', () => {
  let tmp: TempDir;
  let docs: string;
  let indexDir: string;
  let db: Db;
  const imageFile = () => path.join(indexDir, KEYWORD_INDEX_FILE);
  const ranking = async (engine: SearchEngine) =>
    Promise.all(QUESTIONS.map(async (q) => (await engine.rank(q, 10)).map((r) => [r.passageId, r.score])));

  beforeEach(async () => {
    tmp = makeTempDir('chithi-kwfile-');
    docs = path.join(tmp.path, 'docs');
    fs.mkdirSync(docs);
    fs.copyFileSync(SEED_FILE, path.join(docs, path.basename(SEED_FILE)));
    for (const f of fs.readdirSync(REPORT_FIXTURES).slice(0, 2))
      fs.copyFileSync(path.join(REPORT_FIXTURES, f), path.join(docs, f));
    indexDir = path.join(tmp.path, 'index');
    db = openDatabase(indexDir);
    await ingestPaths(db, [docs]);
  });

  afterEach(() => {
    db.close();
    tmp.remove();
  });

  it('writes the image on the first refresh and a new engine loads it instead of re-reading passages', async () => {
    const first = new SearchEngine(db);
    first.refresh();
    expect(fs.existsSync(imageFile())).toBe(true);
    const expected = await ranking(first);
    const written = fs.statSync(imageFile()).mtimeMs;
    const second = new SearchEngine(db);
    second.refresh();
    expect(await ranking(second)).toEqual(expected);
    expect(fs.statSync(imageFile()).mtimeMs).toBe(written);
    // Emptied behind its back (no generation bump): a rebuild would find no passage, the image has them all.
    const rows = db.prepare('SELECT COUNT(*) FROM passages').pluck().get() as number;
    db.prepare('DELETE FROM passages').run();
    const third = new SearchEngine(db);
    third.refresh();
    expect(third.passageCount).toBe(rows);
    expect(rows).toBeGreaterThan(10);
  });

  it('a stale image (the documents changed) is rebuilt and rewritten', async () => {
    new SearchEngine(db).refresh();
    const before = fs.readFileSync(imageFile());
    for (const f of fs.readdirSync(REPORT_FIXTURES).slice(2))
      fs.copyFileSync(path.join(REPORT_FIXTURES, f), path.join(docs, f));
    await ingestPaths(db, [docs]);
    const engine = new SearchEngine(db);
    engine.refresh();
    expect(engine.passageCount).toBe(db.prepare('SELECT COUNT(*) FROM passages').pluck().get());
    expect(fs.readFileSync(imageFile()).equals(before)).toBe(false);
    const fresh = new SearchEngine(db, { keywordIndexFile: null });
    expect(await ranking(engine)).toEqual(await ranking(fresh));
  });

  it.each([
    ['truncated', (b: Buffer) => b.subarray(0, Math.floor(b.length / 2))],
    ['garbled', (b: Buffer) => Buffer.from(b.map((x, i) => (i > 200 && i % 97 === 0 ? x ^ 0x5a : x)))],
    ['empty', () => Buffer.alloc(0)],
  ])('%s image: rebuilt with a notice, not a crash', async (_, damage) => {
    const reference = new SearchEngine(db);
    reference.refresh();
    const expected = await ranking(reference);
    fs.writeFileSync(imageFile(), damage(fs.readFileSync(imageFile())));
    const notices: string[] = [];
    const engine = new SearchEngine(db, { onIndexNotice: (m) => notices.push(m) });
    engine.refresh();
    expect(await ranking(engine)).toEqual(expected);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain('bị hỏng');
    // The rebuilt image is whole again.
    const reloaded = new SearchEngine(db, { onIndexNotice: (m) => notices.push(`again: ${m}`) });
    reloaded.refresh();
    expect(notices.filter((m) => m.startsWith('again'))).toEqual([]);
  });

  it('postings found damaged by a question: rebuilt with one notice, and the question answered as before', async () => {
    const reference = new SearchEngine(db);
    reference.refresh();
    const expected = await ranking(reference);
    reference.close();
    const image = fs.readFileSync(imageFile());
    // The last 40% of the file is postings: opening reads none of it, questions do.
    const from = Math.floor(image.length * 0.6);
    fs.writeFileSync(
      imageFile(),
      Buffer.from(image.map((x, i) => (i > from && i % 97 === 0 ? x ^ 0x5a : x))),
    );
    const notices: string[] = [];
    const engine = new SearchEngine(db, { onIndexNotice: (m) => notices.push(m) });
    engine.refresh();
    expect(notices).toEqual([]);
    expect(await ranking(engine)).toEqual(expected);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain('bị hỏng');
    expect(await ranking(engine)).toEqual(expected);
    expect(notices).toHaveLength(1);
    engine.close();
  });

  it("another database's image with the same generation is not used", async () => {
    new SearchEngine(db).refresh();
    const otherDir = path.join(tmp.path, 'other');
    const other = openDatabase(otherDir);
    try {
      fs.writeFileSync(path.join(otherDir, 'only.txt'), 'Kế hoạch huấn luyện năm 2026 của đơn vị bộ binh.');
      await ingestPaths(other, [path.join(otherDir, 'only.txt')]);
      const generation = db.prepare(`SELECT value FROM meta WHERE key = 'generation'`).pluck().get();
      other.prepare(`UPDATE meta SET value = ? WHERE key = 'generation'`).run(generation);
      fs.copyFileSync(imageFile(), path.join(otherDir, KEYWORD_INDEX_FILE));
      const engine = new SearchEngine(other);
      engine.refresh();
      expect(engine.passageCount).toBe(other.prepare('SELECT COUNT(*) FROM passages').pluck().get());
    } finally {
      other.close();
    }
  });
});
