import { parseEvalParts, formatGenreSetReport } from '../../src/commands/eval';
import { GenreSetReport } from '../../src/eval/genre';
import { asciiPunctuation, documentParagraphs, spreadSubset } from '../../src/eval/genre-formats';
import {
  answerNames,
  containsFolded,
  documentKey,
  foldForMatch,
  formatFormatsTable,
  GenreQuestion,
  limitPerType,
  matchScope,
  parseGenreQuestions,
  QuestionOutcome,
  rankMetrics,
  rankOfAnswer,
  summarize,
} from '../../src/eval/genre-score';
import {
  decodeTcvn3,
  decodeWindows1258,
  encodeTcvn3,
  encodeWindows1258,
} from '../../src/ingest/legacy-encodings';

describe('foldForMatch / containsFolded', () => {
  it.each([
    ['NFD input', 'Đảng ủy BĐBP tỉnh'.normalize('NFD'), 'đảng ủy bđbp', true],
    ['old tone placement in the text', 'kỳ họp HĐND tỉnh Khánh Hoà', 'Khánh Hòa', true],
    ['old tone placement in expect', 'Đảng uỷ Quân sự tỉnh', 'đảng ủy quân sự', true],
    ['typed without diacritics', 'Đồng chí Ngô Văn Lãng chủ trì hội nghị', 'ngo van lang chu tri', true],
    ['mixed case', 'NGHỊ QUYẾT số 62/NQ-HĐND', 'Nghị quyết số 62/nq-hđnd', true],
    ['đ folds to d', 'ĐẠI HỘI đại biểu', 'dai hoi dai bieu', true],
    ['thousands dot kept', 'giải quyết kịp thời 2.300 lượt tàu cá', '2.300 lượt', true],
    [
      'a number written otherwise is not the same',
      'giải quyết kịp thời 2.300 lượt tàu cá',
      '2300 lượt',
      false,
    ],
    ['decimal comma and percent', 'tăng trưởng GRDP đạt 9–9,5%', '9,5%', true],
    ['decimal point is another number', 'tăng trưởng GRDP đạt 9–9,5%', '9.5%', false],
    ['en dash is not a hyphen', 'tăng trưởng GRDP đạt 9–9,5%', '9-9,5%', false],
    ['hard wrap and non-breaking space', 'bắt giữ\n   45\u00a0vụ, 62 đối tượng', 'bắt giữ 45 vụ', true],
    ['another person', 'Đại tá Trần Minh Hoàng chủ trì', 'Trần Minh Hùng', false],
    // Known looseness: words differing only in tones match ("bão về" storm coming, "bảo vệ" protect).
    ['tones are ignored', 'cơn bão về biên giới', 'bảo vệ biên giới', true],
    ['letters are not', 'cơn bão về biên giới', 'bảo vệ biển đảo', false],
  ])('%s', (_name, text, wanted, result) => {
    expect(containsFolded(text, wanted)).toBe(result);
  });

  it('returns lower-case ASCII for Vietnamese letters', () => {
    expect(foldForMatch('  Thượng tá  NGUYỄN Đức\tThắng ')).toBe('thuong ta nguyen duc thang');
  });
});

describe('documentKey', () => {
  it.each([
    ['eval/genre/part-a/docs/bao-cao.txt', false, 'bao-cao.txt'],
    ['/tmp/x/bao-cao.docx', true, 'bao-cao'],
    ['bao-cao.v2.txt', true, 'bao-cao.v2'],
    ['bao-cao', true, 'bao-cao'],
  ])('%s (ignore extension: %s) → %s', (file, ignore, key) => {
    expect(documentKey(file, ignore)).toBe(key);
  });
});

const Q = { doc: 'kh.txt', expect: 'GRDP đạt 9–9,5%' };
const passage = (file: string, text: string) => ({ file, text });

describe('rankOfAnswer', () => {
  it.each([
    ['right passage first', [passage('docs/kh.txt', 'Tăng trưởng GRDP đạt 9–9,5%.')], 'passage', false, 1],
    [
      'same document, other passage, then the right one',
      [passage('kh.txt', 'Điều 1. Thông qua kế hoạch.'), passage('kh.txt', 'grdp dat 9–9,5%')],
      'passage',
      false,
      2,
    ],
    [
      'right text in another document does not count',
      [passage('bt.txt', 'GRDP đạt 9–9,5%'), passage('py.txt', 'x'), passage('kh.txt', 'GRDP đạt 9–9,5%')],
      'passage',
      false,
      3,
    ],
    ['not in the list', [passage('bt.txt', 'GRDP đạt 9–9,5%')], 'passage', false, 0],
    [
      'document scope: any passage of the document',
      [passage('x.txt', ''), passage('kh.txt', 'Điều 1.')],
      'document',
      false,
      2,
    ],
    ['another format of the same document', [passage('out/kh.docx', 'GRDP đạt 9–9,5%')], 'passage', true, 1],
    ['other extension without ignoring it', [passage('out/kh.docx', 'GRDP đạt 9–9,5%')], 'passage', false, 0],
  ] as const)('%s → %i', (_name, ranked, scope, ignoreExtension, rank) => {
    expect(rankOfAnswer(Q, ranked, { scope, ignoreExtension })).toBe(rank);
  });

  it('never ranks an absent question', () => {
    expect(rankOfAnswer({ doc: null, expect: null }, [passage('kh.txt', 'x')], { scope: 'document' })).toBe(
      0,
    );
  });
});

describe('matchScope', () => {
  const passages = new Map([
    ['kh.txt', ['tang truong grdp dat 9–9,5%.', 'dieu 1. thong qua']],
    ['bt.txt', ['bat giu 45 vu']],
  ]);
  it.each([
    ['expected text in a passage', { doc: 'kh.txt', expect: 'GRDP đạt 9–9,5%' }, 'passage'],
    ['expected text cut by the passage split', { doc: 'kh.txt', expect: '9,5%. Điều 1' }, 'document'],
    ['no expected text', { doc: 'bt.txt', expect: null }, 'document'],
    ['document not indexed', { doc: 'py.txt', expect: 'x' }, 'missing'],
  ] as const)('%s → %s', (_name, q, scope) => {
    expect(matchScope(q, passages)).toBe(scope);
  });
});

describe('answerNames (direct answers)', () => {
  it.each([
    ['Đồng chí Ngô Văn Lãng, Bí thư Đảng ủy, Chính ủy BĐBP tỉnh', 'Ngô Văn Lãng', true],
    ['Đồng chí Ngô Văn Lãng, Bí thư Đảng ủy', 'Ngo Van Lang', true],
    ['Đại tá LÊ VĂN THUỶ chủ trì', 'Lê Văn Thủy', true],
    ['Đại tá Lê Văn Thủy chủ trì', 'Lê Văn Thuận', false],
    [null, 'Ngô Văn Lãng', false],
    [undefined, 'Ngô Văn Lãng', false],
  ])('%s names %s: %s', (answer, name, result) => {
    expect(answerNames(answer, name)).toBe(result);
  });
});

const outcome = (o: Partial<QuestionOutcome> & Pick<QuestionOutcome, 'type' | 'rank'>): QuestionOutcome => ({
  id: 'x',
  nodiac: false,
  found: true,
  scope: 'passage',
  ...o,
});

describe('rankMetrics and summarize', () => {
  const outcomes = [
    outcome({ type: 'chair', rank: 1, direct: true }),
    outcome({ type: 'chair', rank: 2, direct: false, nodiac: true }),
    outcome({ type: 'target', rank: 3, found: false }),
    outcome({ type: 'target', rank: 0, nodiac: true, scope: 'document' }),
    outcome({ type: 'number', rank: 5, scope: 'missing' }),
    outcome({ type: 'absent', rank: 0, found: false, scope: 'missing' }),
    outcome({ type: 'absent', rank: 0, found: true, scope: 'missing' }),
    outcome({ type: 'attendee', rank: 1, direct: true }),
  ];

  it('computes hit@1, hit@3, MRR@5 and found over answerable questions only', () => {
    const m = rankMetrics('all', outcomes);
    expect(m.n).toBe(6);
    expect(m.hit1).toBeCloseTo(2 / 6, 12);
    expect(m.hit3).toBeCloseTo(4 / 6, 12);
    expect(m.mrr5).toBeCloseTo((1 + 1 / 2 + 1 / 3 + 0 + 1 / 5 + 1) / 6, 12);
    expect(m.found).toBeCloseTo(5 / 6, 12);
  });

  it('gives zeros, not NaN, for an empty group', () => {
    expect(rankMetrics('none', [])).toEqual({ label: 'none', n: 0, hit1: 0, hit3: 0, mrr5: 0, found: 0 });
  });

  it('groups per type (report order), per diacritics, and counts absent, direct and fallbacks', () => {
    const s = summarize(outcomes);
    expect(s.byType.map((m) => [m.label, m.n])).toEqual([
      ['chair', 2],
      ['attendee', 1],
      ['target', 2],
      ['number', 1],
    ]);
    expect(s.byType.find((m) => m.label === 'chair')).toMatchObject({ hit1: 0.5, hit3: 1, mrr5: 0.75 });
    expect(s.byDiacritics.map((m) => [m.label, m.n, m.hit1])).toEqual([
      ['diacritics', 4, 0.5],
      ['no-diacritics', 2, 0],
    ]);
    expect(s.overall.n).toBe(6);
    expect(s.absentRejected).toEqual({ n: 1, of: 2 });
    expect(s.chairsDirect).toEqual({ n: 1, of: 2 });
    expect(s.attendeesDirect).toEqual({ n: 1, of: 1 });
    expect(s.documentOnly).toBe(1);
    expect(s.missingDocument).toBe(1);
  });

  it('leaves out a diacritics group with no questions', () => {
    expect(summarize([outcome({ type: 'fact', rank: 1 })]).byDiacritics.map((m) => m.label)).toEqual([
      'diacritics',
    ]);
  });
});

describe('parseGenreQuestions', () => {
  const line = (o: object) => JSON.stringify(o);
  it('reads questions, defaulting nodiac to false', () => {
    const qs = parseGenreQuestions(
      [
        line({
          id: '1',
          q: 'Ai chủ trì?',
          type: 'chair',
          doc: 'a.txt',
          expect: 'chủ trì',
          chair: 'Ngô Văn Lãng',
        }),
        '',
        line({ id: '2', q: 'thoi tiet ha noi', type: 'absent', nodiac: true, doc: null, expect: null }),
      ].join('\n'),
      'q.jsonl',
    );
    expect(qs).toEqual<GenreQuestion[]>([
      {
        id: '1',
        q: 'Ai chủ trì?',
        type: 'chair',
        nodiac: false,
        doc: 'a.txt',
        expect: 'chủ trì',
        chair: 'Ngô Văn Lãng',
      },
      { id: '2', q: 'thoi tiet ha noi', type: 'absent', nodiac: true, doc: null, expect: null },
    ]);
  });

  it.each([
    ['not JSON', '{"id":', /q\.jsonl:2: not JSON/],
    ['unknown type', line({ id: '1', q: 'x', type: 'who', doc: 'a.txt', expect: null }), /q\.jsonl:2: type/],
    [
      'absent with a document',
      line({ id: '1', q: 'x', type: 'absent', doc: 'a.txt', expect: null }),
      /q\.jsonl:2/,
    ],
    [
      'answerable without a document',
      line({ id: '1', q: 'x', type: 'fact', doc: null, expect: 'y' }),
      /q\.jsonl:2/,
    ],
    ['missing question', line({ id: '1', type: 'fact', doc: 'a.txt', expect: 'y' }), /q\.jsonl:2: q/],
  ])('fails on %s with the line number', (_name, bad, message) => {
    const good = line({ id: '0', q: 'x', type: 'fact', doc: 'a.txt', expect: 'y' });
    expect(() => parseGenreQuestions(`${good}\n${bad}`, 'q.jsonl')).toThrow(message);
  });
});

describe('limitPerType', () => {
  const qs = ['chair', 'chair', 'target', 'chair', 'absent', 'target', 'absent'].map((type, i) => ({
    type,
    i,
  }));
  it.each([
    [undefined, [0, 1, 2, 3, 4, 5, 6]],
    [1, [0, 2, 4]],
    [2, [0, 1, 2, 4, 5, 6]],
  ])('limit %s keeps %j', (limit, kept) => {
    expect(limitPerType(qs, limit).map((q) => q.i)).toEqual(kept);
  });
});

describe('parseEvalParts (--only)', () => {
  it.each([
    [undefined, ['vilqa', 'genre', 'heldout', 'formats', 'facts']],
    [['genre'], ['genre']],
    [['facts,vilqa'], ['vilqa', 'facts']],
    [
      ['formats', 'genre, heldout'],
      ['genre', 'heldout', 'formats'],
    ],
  ])('%j → %j', (values, parts) => {
    expect(parseEvalParts(values)).toEqual(parts);
  });

  it.each([[['genres']], [['genre,ocr']], [[',']]])('refuses %j', (values) => {
    expect(() => parseEvalParts(values)).toThrow(/--only/);
  });
});

describe('report formatting', () => {
  const report: GenreSetReport = {
    ...summarize([
      outcome({ type: 'chair', rank: 1, direct: true }),
      outcome({ type: 'deadline', rank: 2, nodiac: true, scope: 'document' }),
      outcome({ type: 'absent', rank: 0, found: false, scope: 'missing' }),
    ]),
    documents: 3,
    failed: 0,
    passages: 41,
    mode: 'keyword',
    questions: 3,
    seconds: 0.5,
    duplicateNames: [],
  };

  it('prints a markdown table per type, per diacritics and overall, then the counts', () => {
    expect(formatGenreSetReport('genre (bộ phát triển)', report)).toEqual([
      'genre (bộ phát triển): 3 tài liệu, 41 đoạn, 3 câu hỏi, chế độ keyword',
      '',
      '| type | n | hit@1 | hit@3 | MRR@5 | found |',
      '|---|---|---|---|---|---|',
      '| chair | 1 | 1.000 | 1.000 | 1.000 | 1.000 |',
      '| deadline | 1 | 0.000 | 1.000 | 0.500 | 1.000 |',
      '| diacritics | 1 | 1.000 | 1.000 | 1.000 | 1.000 |',
      '| no-diacritics | 1 | 0.000 | 1.000 | 0.500 | 1.000 |',
      '| overall | 2 | 0.500 | 1.000 | 0.750 | 1.000 |',
      '',
      'absent rejected 1/1',
      'chairs answered directly 1/1',
      'attendees answered directly 0/0',
      'scored on the document only (expected text in none of its passages, or none given): 1',
      'questions/s: 6.0',
    ]);
  });

  it('says when files failed or names repeat', () => {
    const lines = formatGenreSetReport('x', { ...report, failed: 2, duplicateNames: ['a.txt'] });
    expect(lines).toContain('2 tệp không đọc được khi nạp');
    expect(lines).toContain('tên tệp trùng giữa các thư mục: a.txt');
  });

  it('prints the formats table', () => {
    expect(
      formatFormatsTable([
        {
          format: 'docx',
          documents: 40,
          failed: 0,
          passages: 900,
          n: 200,
          hit1: 0.9,
          hit3: 0.95,
          documentOnly: 3,
          ingestSeconds: 2.345,
        },
      ]),
    ).toEqual([
      '| format | documents | failed | passages | n | hit@1 | hit@3 | document only | ingest s |',
      '|---|---|---|---|---|---|---|---|---|',
      '| docx | 40 | 0 | 900 | 200 | 0.900 | 0.950 | 3 | 2.3 |',
    ]);
  });
});

describe('format copies', () => {
  it('finds paragraphs in hard-wrapped text without blank lines, as the text ingest does', () => {
    const text = [
      '\ufeffỦY BAN NHÂN DÂN HUYỆN TÂN PHÚ ĐÔNG',
      'Số: 298/BC-UBND',
      'I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ NĂM 2024',
      'Năm 2024, trong điều kiện còn nhiều khó khăn do hạn hán, xâm nhập mặn gay gắt',
      'đầu năm, UBND huyện đã tập trung chỉ đạo các ngành, các xã triển khai đồng bộ',
      'các giải pháp, tình hình kinh tế của huyện tiếp tục ổn định.',
      '1. Tổng giá trị sản xuất các ngành kinh tế ước đạt 5.240 tỷ đồng, tăng 7,8% so',
      'với năm 2023.',
      '2. Giải ngân vốn đầu tư công đạt 95,1% kế hoạch.',
    ].join('\r\n');
    expect(documentParagraphs(text).map((b) => b.text)).toEqual([
      'ỦY BAN NHÂN DÂN HUYỆN TÂN PHÚ ĐÔNG',
      'Số: 298/BC-UBND',
      'I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ NĂM 2024',
      'Năm 2024, trong điều kiện còn nhiều khó khăn do hạn hán, xâm nhập mặn gay gắt đầu năm, UBND huyện đã tập trung chỉ đạo các ngành, các xã triển khai đồng bộ các giải pháp, tình hình kinh tế của huyện tiếp tục ổn định.',
      '1. Tổng giá trị sản xuất các ngành kinh tế ước đạt 5.240 tỷ đồng, tăng 7,8% so với năm 2023.',
      '2. Giải ngân vốn đầu tư công đạt 95,1% kế hoạch.',
    ]);
  });

  it.each([
    'Tăng trưởng GRDP đạt 9–9,5%; “Đảng uỷ” chỉ đạo…',
    'NGHỊ QUYẾT VỀ KẾ HOẠCH PHÁT TRIỂN KINH TẾ - XÃ HỘI TỈNH KHÁNH HÒA NĂM 2026',
    'Đồng chí Ngô Văn Lãng, Bí thư Đảng ủy, Chính ủy BĐBP tỉnh chủ trì hội nghị',
  ])('TCVN3 and Windows-1258 copies decode back to the text: %s', (text) => {
    // Typed as ABC-font users did (toned capitals take lower-case codes), the decoder cannot always tell
    // an all-caps word ("VỀ" comes back "Về"): letters and tones survive, case may not.
    const tcvn3 = decodeTcvn3(encodeTcvn3(asciiPunctuation(text), { caps: 'vn3' }));
    expect(tcvn3.toLowerCase()).toBe(asciiPunctuation(text).toLowerCase());
    expect(decodeWindows1258(encodeWindows1258(text))).toBe(text);
  });

  it.each([
    [5, 12, [0, 1, 2, 3, 4]],
    [10, 4, [0, 2, 5, 7]],
    [12, 12, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]],
  ])('spreads a subset of %i items over %i picks', (count, n, picks) => {
    expect(spreadSubset([...Array(count).keys()], n)).toEqual(picks);
  });
});
