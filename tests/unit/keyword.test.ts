import fs from 'node:fs';
import path from 'node:path';
import { coordination, decodeRange, IndexablePassage, KeywordIndex } from '../../src/search/keyword';
import { analyzeQuery, EXACT, FOLDED, FOLDED_BIGRAM, textTerms } from '../../src/text/terms';

const PASSAGES = [
  {
    id: 1,
    text: 'Phấn đấu trong năm có 100% tổ chức đảng hoàn thành nhiệm vụ; hoàn thành chỉ tiêu kết nạp đảng viên.',
    context: 'bdbp ninh thuan . . năm 2025',
  },
  {
    id: 2,
    text: 'Công tác huấn luyện, xây dựng nề nếp chính quy có những tiến bộ rõ nét.',
    context: 'bdbp ninh thuan . . năm 2024',
  },
  { id: 3, text: 'Hướng dẫn ngư dân 2.300 lượt tàu cá ra vào bến.', context: 'binh thuan' },
  { id: 4, text: 'Chi tiêu ngân sách năm 2025 vượt dự toán.', context: 'khanh hoa' },
  { id: 5, text: 'Trực SSCĐ nghiêm túc; đảm bảo công tác hậu cần.', context: '' },
  { id: 6, text: 'Duy trì chế độ sẵn sàng chiến đấu ở các đồn biên phòng.', context: '' },
  { id: 7, text: 'Đảng uỷ Quân sự tỉnh hoà nhập cộng đồng.', context: '' },
];

function build(): KeywordIndex {
  const index = new KeywordIndex();
  for (const p of PASSAGES) index.add(p);
  return index;
}

const ids = (index: KeywordIndex, q: string, k = 3) => index.search(analyzeQuery(q), k).map((h) => h.id);

describe('KeywordIndex (BM25)', () => {
  const index = build();

  it('an exact-diacritic match ranks above a folded-only one for a question with diacritics', () => {
    // "chỉ tiêu" (target) vs "chi tiêu" (spending): the same folded, different exact
    expect(ids(index, 'chỉ tiêu 2025 là gì?')[0]).toBe(1);
    expect(ids(index, 'chi tiêu ngân sách')[0]).toBe(4);
  });

  it.each(['chỉ tiêu 2025', 'chi tieu 2025', 'CHỈ TIÊU 2025', 'chỉ tiêu 2025'.normalize('NFD')])(
    '"%s" finds what "chỉ tiêu 2025" finds',
    (q) => {
      expect(new Set(ids(index, q, 10))).toEqual(new Set(ids(index, 'chỉ tiêu 2025', 10)));
    },
  );

  it.each([
    ['2.300 lượt tàu', 3],
    ['2300 luot tau', 3],
    ['100% tổ chức đảng', 1],
    ['Đảng ủy Quân sự hòa nhập', 7],
    ['dang uy quan su hoa nhap', 7],
    ['sẵn sàng chiến đấu', 6],
  ])('%s → passage %s first', (q, id) => {
    expect(ids(index, q)[0]).toBe(id);
  });

  it('abbreviations find their expansion and back', () => {
    expect(ids(index, 'SSCĐ', 5)).toEqual(expect.arrayContaining([5, 6]));
    expect(ids(index, 'sẵn sàng chiến đấu', 5)).toEqual(expect.arrayContaining([5, 6]));
  });

  it('question words alone do not pull in passages', () => {
    expect(ids(index, 'giá vàng hôm nay là bao nhiêu?')).toEqual([]);
  });

  it('context (title, section, year) counts but does not beat a body match', () => {
    expect(ids(index, 'năm 2024 huấn luyện')[0]).toBe(2);
  });

  it('removes and re-adds passages', () => {
    const idx = build();
    idx.remove(3);
    expect(idx.size).toBe(PASSAGES.length - 1);
    expect(idx.has(3)).toBe(false);
    expect(ids(idx, '2.300 lượt tàu')).not.toContain(3);
    idx.add({ id: 3, text: 'Hướng dẫn 2.300 lượt tàu.', context: '' });
    expect(ids(idx, '2.300 lượt tàu')[0]).toBe(3);
  });

  it('compacts after many removals and keeps ranking', () => {
    const idx = new KeywordIndex();
    for (let i = 1; i <= 3000; i++)
      idx.add({ id: i, text: `Đồn biên phòng số ${i} trực SSCĐ.`, context: '' });
    for (let i = 1; i <= 2500; i++) idx.remove(i);
    expect(idx.size).toBe(500);
    expect(ids(idx, 'đồn biên phòng số 2999')[0]).toBe(2999);
  });

  it('returns nothing on an empty index or k = 0', () => {
    expect(new KeywordIndex().search(analyzeQuery('chỉ tiêu'), 3)).toEqual([]);
    expect(index.search(analyzeQuery('chỉ tiêu'), 0)).toEqual([]);
  });
});

describe('coordination of a question typed without diacritics', () => {
  it.each<[string, number | null]>([
    // Scattered words as someone recalls a passage: every distinct syllable counts once.
    ['tren vung gioi phong', 4],
    ['TREN Vung GIOI phong', 4],
    ['cong an cong tac', 3],
    ['2.300 luot tau ca', 4],
    ['ty le 9,5% nam 2025', 5],
    ['chi tieu nam 2025 la gi?', 4],
    // With diacritics (NFC, NFD, old tone placement) the exact syllables tell passages apart.
    ['trên vùng giới phòng', null],
    ['trên vùng giới phòng'.normalize('NFD'), null],
    ['hoà nhập cộng đồng', null],
    // One syllable: every passage that matches holds all of it.
    ['bdbp', null],
    ['là gì?', null],
  ])('"%s" → %s syllables', (q, n) => {
    expect(coordination(analyzeQuery(q))?.syllables ?? null).toBe(n);
  });

  it('an abbreviation counts as held by its expansion', () => {
    const c = coordination(analyzeQuery('bdbp quang ninh'))!;
    const bdbp = c.bits.get(`${FOLDED}bdbp`);
    expect(bdbp).toBeDefined();
    expect(c.bits.get(`${FOLDED_BIGRAM}bien phong`)).toBe(bdbp);
    expect(c.bits.get(`${FOLDED}quang`)).not.toBe(bdbp);
  });

  it('the passage holding every word ranks above one where two of them meet by chance', () => {
    const index = new KeywordIndex();
    [
      // The source: every word of the question, none of them side by side as typed, in a long passage.
      'Lực lượng biên phòng duy trì tuần tra trên các tuyến biên giới đất liền, phòng chống buôn lậu, ' +
        'gian lận thương mại ở vùng cao và khu vực cửa khẩu.',
      // "trên vùng" side by side, as the question happens to put them, and nothing else of it: without
      // the coordination this short passage ranks first.
      'Tàu cá hoạt động trên vùng biển của tỉnh.',
      'Phòng Tham mưu chủ trì công tác huấn luyện.',
      'Các đồn biên phòng quản lý chặt chẽ đường biên giới.',
      'Phòng chống thiên tai và tìm kiếm cứu nạn.',
      'Bảo vệ chủ quyền biên giới quốc gia.',
    ].forEach((text, i) => index.add({ id: i + 1, text, context: '' }));
    expect(ids(index, 'tren vung gioi phong')[0]).toBe(1);
    expect(ids(index, 'TREN VUNG GIOI PHONG')[0]).toBe(1);
    expect(ids(index, 'cho biet tren vung gioi phong')[0]).toBe(1);
    // A phrase typed as it is written still finds its passage first.
    expect(ids(index, 'tren vung bien')[0]).toBe(2);
    expect(ids(index, 'trên vùng biển')[0]).toBe(2);
  });
});

/** Per term, per passage id: [body tf, context tf], and per passage id its length, as the index holds them. */
function held(index: KeywordIndex) {
  const content = index.content();
  const postings = new Map<string, Map<number, [number, number]>>();
  for (const t of content.terms) {
    const byId = new Map<number, [number, number]>();
    decodeRange(t.postings, 0, t.postings.length, -1, (slot, tf, ctx) =>
      byId.set(content.docIds[slot]!, [tf, ctx]),
    );
    expect(byId.size).toBe(t.df);
    // A compaction keeps the terms of removed passages, with no postings: nothing to compare.
    if (byId.size > 0) postings.set(t.term, byId);
  }
  const lengths = new Map<number, number>();
  Array.from(content.docIds).forEach((id, slot) => lengths.set(id, content.docLens[slot]!));
  return { postings, lengths };
}

/** The same, worked out from textTerms (src/text/terms.ts), the definition of a passage's terms. */
function expected(passages: IndexablePassage[]) {
  const postings = new Map<string, Map<number, [number, number]>>();
  const lengths = new Map<number, number>();
  const at = (term: string) => postings.get(term) ?? postings.set(term, new Map()).get(term)!;
  for (const p of passages) {
    const body = textTerms(p.text);
    const context = textTerms(p.context);
    for (const [term, tf] of body) at(term).set(p.id, [tf, context.get(term) ?? 0]);
    for (const [term, ctx] of context) if (!body.has(term)) at(term).set(p.id, [0, ctx]);
    lengths.set(
      p.id,
      [...body].filter(([k]) => k.startsWith(EXACT)).reduce((n, [, v]) => n + v, 0),
    );
  }
  return { postings, lengths };
}

describe('KeywordIndex terms are the terms textTerms defines', () => {
  // Every line of the sample and fixture reports, in NFC and NFD, as passages that share their context
  // section by section, as ingest adds them.
  const lines = [path.join(__dirname, '../fixtures/reports'), path.join(__dirname, '../../data')].flatMap(
    (dir) =>
      fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('.txt'))
        .flatMap((f) => fs.readFileSync(path.join(dir, f), 'utf8').split('\n')),
  );
  const passages: IndexablePassage[] = [
    ...lines.map((line, i) => ({
      id: i + 1,
      text: line,
      context: `báo cáo tổng kết . ${lines[i - (i % 7)]} . năm 2025`,
    })),
    ...lines.map((line, i) => ({
      id: lines.length + i + 1,
      text: line.normalize('NFD'),
      context: 'Tỉnh uỷ Khánh Hoà'.normalize('NFD'),
    })),
  ];

  it('on real report lines: every term, frequency and length', () => {
    const index = new KeywordIndex();
    passages.forEach((p) => index.add(p));
    expect(passages.length).toBeGreaterThan(200);
    expect(held(index)).toEqual(expected(passages));
  });

  it('after removals compact the index, new passages still get the right terms', () => {
    const index = new KeywordIndex();
    passages.forEach((p) => index.add(p));
    // More than 1,000 removed and over a quarter of the index: compaction renumbers every term.
    const many = Array.from({ length: 2 * passages.length }, (_, i) => ({
      id: 100_000 + i,
      text: `Đồn biên phòng số ${i} trực SSCĐ, hoàn thành ${i % 50} chỉ tiêu.`,
      context: 'báo cáo quý IV',
    }));
    many.forEach((p) => index.add(p));
    many.forEach((p) => index.remove(p.id));
    expect(index.size).toBe(passages.length);
    const later = [
      {
        id: 900_001,
        text: 'Đồn biên phòng số 7 hoàn thành chỉ tiêu năm 2025; mới: thao trường.',
        context: 'báo cáo quý IV',
      },
      { id: 900_002, text: 'Hội nghị do đồng chí Chủ tịch UBND tỉnh chủ trì.', context: '' },
    ];
    later.forEach((p) => index.add(p));
    expect(held(index)).toEqual(expected([...passages, ...later]));
  });
});
