import { escapeHtml } from '../../src/text/html';
import {
  displayFile,
  formatAnswer,
  formatDate,
  formatDocumentCard,
  formatDocumentPage,
  formatFullText,
  formatHelp,
  formatNotFound,
  formatResult,
  SNIPPET_CHARS,
  snippet,
  formatSource,
  htmlToPlainText,
  packMessages,
  splitHtml,
  TELEGRAM_MESSAGE_LIMIT,
  truncate,
} from '../../src/bot/format';
import type { AskResult, SearchResult } from '../../src/search/types';
import { SAMPLE_DOCUMENTS, SAMPLE_RESULTS } from '../helpers/fake-bot-api';

/** Checks that tags nest properly and that only Telegram's tags appear. */
function assertWellFormed(html: string): void {
  const stack: string[] = [];
  for (const m of html.matchAll(/<(\/?)([a-zA-Z-]+)[^>]*>/g)) {
    const [, slash, name] = m;
    expect(['b', 'i', 'u', 's', 'code', 'pre', 'a', 'blockquote']).toContain(name);
    if (slash) expect(stack.pop()).toBe(name);
    else stack.push(name!);
  }
  expect(stack).toEqual([]);
  // No raw "<" or "&" outside tags and entities.
  const outside = html.replace(/<\/?[a-zA-Z-]+[^>]*>/g, '').replace(/&(amp|lt|gt|quot);/g, '');
  expect(outside).not.toMatch(/[<>&]/);
}

function ask(question: string, results: SearchResult[], extra: Partial<AskResult> = {}): AskResult {
  return { question, found: results.length > 0, mode: 'keyword', answer: null, results, ...extra };
}

const NFD = (s: string) => s.normalize('NFD');

describe('escapeHtml', () => {
  test.each([
    ['<b>chỉ tiêu</b>', '&lt;b&gt;chỉ tiêu&lt;/b&gt;'],
    ['BĐBP & Tỉnh ủy', 'BĐBP &amp; Tỉnh ủy'],
    ['đạt 9,5% > 2.300 "tấn"', 'đạt 9,5% &gt; 2.300 &quot;tấn&quot;'],
    ['&amp; đã escape', '&amp;amp; đã escape'],
    ['không có gì', 'không có gì'],
  ])('%s', (input, expected) => {
    expect(escapeHtml(input)).toBe(expected);
    expect(htmlToPlainText(escapeHtml(input))).toBe(input);
  });
});

describe('truncate', () => {
  test.each([
    ['Phấn đấu trong năm có 100% tổ chức đảng', 100, 'Phấn đấu trong năm có 100% tổ chức đảng'],
    ['Phấn đấu trong năm có 100% tổ chức đảng', 20, 'Phấn đấu trong năm…'],
    ['Bộđộibiênphòngtỉnhninhthuận', 10, 'Bộđộibiên…'],
  ])('%s (%i)', (text, max, expected) => {
    const out = truncate(text, max);
    expect(out).toBe(expected);
    expect(out.length).toBeLessThanOrEqual(max);
  });
});

describe('formatSource', () => {
  test.each([
    [
      { file: 'data/nq.txt', title: 'Nghị quyết 2025', section: 'Phương hướng', paragraph: 4, page: null },
      'Nghị quyết 2025 · Phương hướng · đoạn 4',
    ],
    [
      {
        file: '/srv/chithi/data/nq.txt',
        title: 'Nghị quyết về nhiệm vụ năm 2025',
        unit: 'Đảng ủy BĐBP tỉnh Kiên Giang',
        reference: 'số 306-NQ/ĐU, 23/12/2024',
        section: 'II. Phương hướng',
        paragraph: 7,
      },
      'Nghị quyết về nhiệm vụ năm 2025 · Đảng ủy BĐBP tỉnh Kiên Giang · số 306-NQ/ĐU, 23/12/2024 · II. Phương hướng · đoạn 7',
    ],
    [
      {
        file: 'x.txt',
        title: 'Đảng ủy BĐBP tỉnh Ninh Thuận: kết quả năm 2024',
        unit: 'Đảng ủy BĐBP tỉnh Ninh Thuận',
        section: null,
        paragraph: 3,
      },
      'Đảng ủy BĐBP tỉnh Ninh Thuận: kết quả năm 2024 · đoạn 3',
    ],
    [
      { file: 'data/bc.pdf', title: 'Báo cáo', section: null, paragraph: 12, page: 3, ocr: true },
      'Báo cáo · đoạn 12 · trang 3 (bản quét OCR)',
    ],
    [
      { file: 'data/a&b.docx', title: NFD('Chỉ thị <mật>'), section: 'Mục I', paragraph: 1 },
      'Chỉ thị &lt;mật&gt; · Mục I · đoạn 1',
    ],
  ])('%#', (source, expected) => {
    expect(formatSource(source)).toBe(expected);
  });
});

describe('snippet', () => {
  const long =
    'Mở đầu văn bản. '.repeat(80) +
    'Phấn đấu 100% tổ chức đảng hoàn thành nhiệm vụ. ' +
    'Phần cuối. '.repeat(80);
  test.each([
    [
      'short text, highlight bolded',
      'Đạt 9,5% & vượt 2.300 kg.',
      'vượt 2.300 kg.',
      'Đạt 9,5% &amp; <b>vượt 2.300 kg.</b>',
    ],
    [
      'highlight not found stays plain',
      'Giữ vững an ninh <biên giới>.',
      'không có',
      'Giữ vững an ninh &lt;biên giới&gt;.',
    ],
  ])('%s', (_name, text, highlight, expected) => {
    expect(snippet(text, highlight)).toBe(expected);
  });

  test('long text keeps the highlight inside the window, cut with ellipses', () => {
    const out = snippet(long, 'Phấn đấu 100% tổ chức đảng hoàn thành nhiệm vụ.', undefined, 300)!;
    expect(out).toContain('<b>Phấn đấu 100% tổ chức đảng hoàn thành nhiệm vụ.</b>');
    expect(out.startsWith('…')).toBe(true);
    expect(out.endsWith('…')).toBe(true);
    // The window of sentences, plus "… " before and " …" after.
    expect(htmlToPlainText(out).length).toBeLessThanOrEqual(304);
  });

  test('long text without highlight starts at the beginning', () => {
    const out = snippet(long, null, undefined, 200)!;
    expect(out.startsWith('Mở đầu văn bản.')).toBe(true);
    expect(out).not.toContain('<b>');
  });
});

describe('formatResult', () => {
  test('short passage: highlight bold inline, source line', () => {
    const html = formatResult(SAMPLE_RESULTS[3]!, 1);
    expect(html).toContain('<b>thu giữ 2.300 kg hàng lậu, giảm 9,5% so với năm 2023.</b>');
    expect(html).toContain('Kết quả năm 2024 · đoạn 1');
    expect(html).not.toContain('<blockquote');
    assertWellFormed(html);
  });

  test('a long passage is cut to the sentences around the answer; "Toàn văn" has the rest', () => {
    const filler = 'Tăng cường công tác biên phòng, phối hợp các lực lượng. ';
    const r: SearchResult = {
      ...SAMPLE_RESULTS[0]!,
      text: filler.repeat(20) + SAMPLE_RESULTS[0]!.text + ' ' + filler.repeat(20),
    };
    const html = formatResult(r, 2);
    expect(html).toMatch(/^<b>2\.<\/b> … /);
    expect(html).toContain('<b>Phấn đấu trong năm có 100% tổ chức đảng');
    expect(html).not.toContain('<blockquote');
    expect(htmlToPlainText(html.split('\n')[0]!).length).toBeLessThanOrEqual(SNIPPET_CHARS + 20);
    assertWellFormed(html);
  });

  test.each<[string, string | null, string]>([
    [
      'highlight first: it and what follows',
      'Phấn đấu 100% tổ chức đảng hoàn thành nhiệm vụ.',
      '<b>1.</b> <b>Phấn',
    ],
    ['no highlight: the opening sentences', null, '<b>1.</b> Tăng cường'],
    [
      'highlight deep inside: the sentences around it',
      'Giữ vững an ninh chính trị, trật tự an toàn xã hội.',
      '<b>1.</b> … ',
    ],
  ])('%s', (_name, highlight, start) => {
    const text =
      (highlight?.startsWith('Phấn') ? highlight + ' ' : '') +
      'Tăng cường công tác biên phòng, phối hợp các lực lượng. '.repeat(10) +
      'Giữ vững an ninh chính trị, trật tự an toàn xã hội.';
    const html = formatResult({ ...SAMPLE_RESULTS[0]!, text, highlight }, 1);
    expect(html.startsWith(start)).toBe(true);
    // The answering sentence appears once, in bold.
    if (highlight) expect(html.split(highlight).length - 1).toBe(1);
    if (highlight) expect(html).toContain(`<b>${highlight}</b>`);
    assertWellFormed(html);
  });

  test("a sentence already shown is not shown again; another document's same words are", () => {
    const seen = new Set<string>();
    const a = formatResult(SAMPLE_RESULTS[3]!, 1, undefined, seen);
    const again = formatResult({ ...SAMPLE_RESULTS[3]!, passageId: 99 }, 2, undefined, seen);
    expect(a).toContain('2.300 kg');
    expect(again).not.toContain('2.300 kg');
    expect(again).toContain('câu trả lời ở trên');
    const other = formatResult(
      { ...SAMPLE_RESULTS[3]!, passageId: 98, source: { ...SAMPLE_RESULTS[3]!.source, file: 'khac.txt' } },
      3,
      undefined,
      seen,
    );
    expect(other).toContain('2.300 kg');
  });

  test('NFD passage and highlight are shown composed and still bolded', () => {
    const r: SearchResult = {
      ...SAMPLE_RESULTS[3]!,
      text: NFD(SAMPLE_RESULTS[3]!.text),
      highlight: NFD(SAMPLE_RESULTS[3]!.highlight!),
    };
    const html = formatResult(r, 1);
    expect(html).toContain('<b>thu giữ 2.300 kg hàng lậu, giảm 9,5% so với năm 2023.</b>');
  });

  test('HTML in a passage is escaped', () => {
    const r: SearchResult = {
      ...SAMPLE_RESULTS[4]!,
      text: 'Dùng thẻ <b>đậm</b> & <script>x</script>',
      highlight: null,
    };
    const html = formatResult(r, 1);
    expect(html).toContain('&lt;b&gt;đậm&lt;/b&gt; &amp; &lt;script&gt;');
    assertWellFormed(html);
  });
});

describe('formatAnswer', () => {
  test('echoes the question escaped, then 3 passages with sources', () => {
    const [msg, ...rest] = formatAnswer(ask('<b>chỉ tiêu</b> 2025 là gì?', SAMPLE_RESULTS.slice(0, 4)));
    expect(rest).toEqual([]);
    expect(msg).toContain('&lt;b&gt;chỉ tiêu&lt;/b&gt; 2025 là gì?');
    expect(msg).toContain('100% tổ chức đảng');
    expect(msg).toContain('<b>3.</b>');
    expect(msg).not.toContain('<b>4.</b>');
    expect((msg!.match(/📄/g) ?? []).length).toBe(3);
    assertWellFormed(msg!);
  });

  test('direct answer first, with its source', () => {
    const result = ask('chỉ tiêu tổ chức đảng năm 2025?', SAMPLE_RESULTS.slice(0, 3), {
      answer: { text: '100% tổ chức đảng hoàn thành nhiệm vụ trở lên', passageId: 11, kind: 'target' },
    });
    const [msg] = formatAnswer(result);
    const answerAt = msg!.indexOf('Trả lời:');
    expect(answerAt).toBeGreaterThan(0);
    expect(answerAt).toBeLessThan(msg!.indexOf('<b>1.</b>'));
    expect(msg!.slice(answerAt)).toMatch(
      /Nguồn: Nghị quyết lãnh đạo năm 2025 · Phương hướng năm 2025 · đoạn 4/,
    );
  });

  test('second page numbers results from offset and skips the direct answer', () => {
    const result = ask('chỉ tiêu', SAMPLE_RESULTS.slice(3), {
      answer: { text: 'không được lặp lại', passageId: 5, kind: 'target' },
    });
    const [msg] = formatAnswer(result, { offset: 3 });
    expect(msg).toContain('<b>4.</b>');
    expect(msg).toContain('(4–5)');
    expect(msg).not.toContain('không được lặp lại');
  });

  test('not found: says so, suggests rephrasing, offers /tailieu', () => {
    const [msg] = formatAnswer(ask('lương tháng 13 <i>?</i>', []));
    expect(msg).toContain('chưa tìm thấy');
    expect(msg).toContain('/tailieu');
    expect(msg).toContain('lương tháng 13 &lt;i&gt;?&lt;/i&gt;');
    expect(msg).toBe(formatNotFound('lương tháng 13 <i>?</i>'));
  });

  test('not found, with the reason when it is known: a document number none of ours has', () => {
    const res = {
      ...ask('công văn số 9999 <b>giao</b> gì', []),
      scope: {
        asked: null,
        missing: false,
        message: 'Không có văn bản nào số 9999 trong các tài liệu đã nạp.',
        available: [],
      },
    };
    const [msg] = formatAnswer(res);
    expect(msg).toContain('chưa tìm thấy');
    expect(msg).toContain('ℹ️ Không có văn bản nào số 9999 trong các tài liệu đã nạp.');
    expect(msg).toContain('&lt;b&gt;giao&lt;/b&gt;');
    expect(msg).toContain('/tailieu');
  });

  test('huge passages still give messages within 4096, well formed', () => {
    const huge = (n: number): SearchResult => ({
      ...SAMPLE_RESULTS[0]!,
      passageId: n,
      // The answering "sentence" is longer than a snippet: it is cut, and results still fit.
      text:
        `Đoạn ${n}: ` +
        'Mở đầu về công tác biên phòng. '.repeat(8) +
        'Công tác xây dựng Đảng & chính quyền <cơ sở> đạt 9,5%. '.repeat(120),
      highlight: 'Công tác xây dựng Đảng & chính quyền <cơ sở> đạt 9,5%. '.repeat(60).trim(),
    });
    const messages = formatAnswer(ask('xây dựng Đảng', [huge(1), huge(2), huge(3)]), {});
    expect(messages.length).toBeGreaterThanOrEqual(1);
    for (const m of messages) {
      expect(m.length).toBeLessThanOrEqual(TELEGRAM_MESSAGE_LIMIT);
      assertWellFormed(m);
    }
  });
});

describe('splitHtml', () => {
  const cases: [string, string, number][] = [
    ['plain Vietnamese prose', 'Bộ đội Biên phòng tỉnh Ninh Thuận. '.repeat(300), 4096],
    ['bold spanning the cut', '<b>' + 'Phấn đấu 100% tổ chức đảng. '.repeat(400) + '</b>', 4096],
    [
      'expandable quote with entities',
      '<blockquote expandable>' + 'A &amp; B &lt;C&gt; đạt 2.300 kg. '.repeat(500) + '</blockquote>',
      4096,
    ],
    ['nested tags, small limit', '<b>Đậm <i>nghiêng ' + 'chữ '.repeat(50) + '</i> hết</b> sau', 60],
    [
      'lines preferred as cut points',
      Array.from({ length: 200 }, (_, i) => `Dòng ${i}: nhiệm vụ năm 2025`).join('\n'),
      500,
    ],
    ['no spaces at all', 'x'.repeat(9000), 4096],
    ['NFD text', NFD('Chỉ tiêu kết nạp đảng viên mới được giao. ').repeat(200), 1000],
  ];
  test.each(cases)('%s', (_name, html, limit) => {
    const pieces = splitHtml(html, limit);
    expect(pieces.length).toBeGreaterThan(1);
    for (const p of pieces) {
      expect(p.length).toBeLessThanOrEqual(limit);
      assertWellFormed(p);
    }
    // Nothing lost or duplicated (quote markers aside, which every piece repeats).
    const plain = (s: string) => htmlToPlainText(s).replace(/[\s│]+/g, '');
    expect(pieces.map(plain).join('')).toBe(plain(html));
  });

  test('line breaks are preferred over spaces', () => {
    const html = Array.from({ length: 100 }, (_, i) => `Dòng số ${i} về công tác biên phòng`).join('\n');
    for (const p of splitHtml(html, 300)) expect(p).toMatch(/công tác biên phòng$/);
  });

  test('short input is returned unchanged', () => {
    expect(splitHtml('<b>ngắn</b>', 4096)).toEqual(['<b>ngắn</b>']);
  });

  test('reopens tags with their attributes', () => {
    const pieces = splitHtml('<blockquote expandable>' + 'đoạn dài '.repeat(100) + '</blockquote>', 200);
    for (const p of pieces) expect(p.startsWith('<blockquote expandable>')).toBe(true);
  });
});

describe('packMessages', () => {
  test('joins small blocks into one message, starts a new one when full', () => {
    const block = 'Phấn đấu 100% tổ chức đảng hoàn thành nhiệm vụ. '.repeat(30);
    const messages = packMessages([block, block, block, block], 4096);
    expect(messages.length).toBe(2);
    for (const m of messages) expect(m.length).toBeLessThanOrEqual(4096);
  });
});

describe('/tailieu: pages of documents and a card per document', () => {
  test('a page lists titles escaped, with the count of documents and passages', () => {
    const { text, page, pages, shown } = formatDocumentPage(SAMPLE_DOCUMENTS, 0);
    expect([page, pages, shown.length]).toEqual([0, 1, 2]);
    expect(text).toContain('Tài liệu đã nạp: 2');
    expect(text).toContain('2.312 đoạn');
    expect(text).toContain('Báo cáo &lt;tổng kết&gt; công tác 2024 &amp; phương hướng');
    expect(text).not.toContain('trang 1/1');
    assertWellFormed(text);
  });

  test('no document: how to add some', () => {
    expect(formatDocumentPage([], 3)).toEqual(expect.objectContaining({ page: 0, pages: 0, shown: [] }));
    expect(formatDocumentPage([], 0).text).toContain('Chưa có tài liệu');
  });

  test('400 documents: pages of 8 under the message limit, numbered across pages, page clamped', () => {
    const many = Array.from({ length: 400 }, (_, i) => ({
      ...SAMPLE_DOCUMENTS[0]!,
      id: i,
      title: `Chỉ thị số ${i}/CT-BĐBP về công tác biên phòng ${'rất dài '.repeat(40)}`,
    }));
    const last = formatDocumentPage(many, 99);
    expect([last.page, last.pages]).toEqual([49, 50]);
    expect(last.text).toContain('trang 50/50');
    expect(last.text).toContain('400. <b>Chỉ thị số 399/CT-BĐBP');
    expect(formatDocumentPage(many, -1).page).toBe(0);
    for (let p = 0; p < 50; p++) expect(formatDocumentPage(many, p).text.length).toBeLessThanOrEqual(4096);
  });

  test('a card: passages, the date in the agency time zone, the OCR mark, the file name only', () => {
    const [plain, scanned] = SAMPLE_DOCUMENTS;
    const card = formatDocumentCard(
      { ...plain!, file: '/srv/data/nq.txt' },
      0,
      'Asia/Ho_Chi_Minh',
      '/srv/data',
    );
    expect(card).toContain('12 đoạn · cập nhật 06/01/2025'); // 17:30Z is past midnight in Hà Nội
    expect(card).toContain('<i>nq.txt</i>');
    expect(card).not.toContain('/srv/data');
    assertWellFormed(card);
    const other = formatDocumentCard(scanned!, 1, 'UTC');
    expect(other).toContain('2.300 đoạn');
    expect(other).toContain('bản quét OCR');
    expect(other).toContain('Báo cáo &lt;tổng kết&gt;');
    assertWellFormed(other);
  });
});

describe('formatDate', () => {
  test.each([
    ['2025-01-05T17:30:00.000Z', 'Asia/Ho_Chi_Minh', '06/01/2025'],
    ['2025-01-05T17:30:00.000Z', 'UTC', '05/01/2025'],
    ['không phải ngày', 'UTC', 'không phải ngày'],
  ])('%s %s', (iso, tz, expected) => {
    expect(formatDate(iso, tz)).toBe(expected);
  });
});

describe('formatFullText', () => {
  test('whole paragraph with highlight and source', () => {
    const [msg] = formatFullText(SAMPLE_RESULTS[0]!, 1);
    expect(msg).toContain('Toàn văn kết quả 1');
    expect(msg).toContain('Xây dựng các cấp ủy');
    expect(msg).toContain('<b>Phấn đấu trong năm có 100%');
    assertWellFormed(msg!);
  });
});

describe('formatHelp', () => {
  test.each([
    [false, ['cứ gõ câu hỏi', '/tailieu']],
    [true, ['/hoi câu hỏi', '@chithi_test_bot', 'trả lời (reply)']],
  ])('group=%s', (group, expected) => {
    const html = formatHelp({ group, botUsername: 'chithi_test_bot' });
    for (const e of expected) expect(html).toContain(e);
    expect(html).toContain('Ví dụ');
    assertWellFormed(html);
  });
});

describe("formatHelp lists the commands of the chat's scope", () => {
  const commands = [
    { command: 'hoi', description: 'Đặt câu hỏi', scopes: ['private', 'group'] as const },
    { command: 'chutri', description: 'Ai chủ trì <hội nghị>', scopes: ['private', 'group'] as const },
    { command: 'nhacviec', description: 'Đăng ký nhắc việc cho nhóm', scopes: ['group'] as const },
  ].map((c) => ({ ...c, scopes: [...c.scopes] }));
  test.each([
    [false, ['/hoi — Đặt câu hỏi', '/chutri — Ai chủ trì &lt;hội nghị&gt;'], ['/nhacviec']],
    [true, ['/hoi — Đặt câu hỏi', '/nhacviec — Đăng ký nhắc việc cho nhóm'], []],
  ])('group=%s', (group, shown, hidden) => {
    const html = formatHelp({ group, commands });
    for (const e of shown) expect(html).toContain(e);
    for (const e of hidden) expect(html).not.toContain(e);
    assertWellFormed(html);
  });

  test('without a list: the base commands', () => {
    expect(formatHelp({ group: false })).toContain('/tailieu — Danh sách tài liệu đã nạp');
  });
});

describe('htmlToPlainText', () => {
  test.each([
    ['<b>1.</b> Đạt &lt;90%&gt; &amp; hơn', '1. Đạt <90%> & hơn'],
    ['Trước\n<blockquote expandable>dòng 1\ndòng 2</blockquote>\nSau', 'Trước\n│ dòng 1\n│ dòng 2\n\nSau'],
    ['<a href="https://vi.wikipedia.org/?a=1&amp;b=2">Wiki</a>', 'Wiki (https://vi.wikipedia.org/?a=1&b=2)'],
    ['<i>nghiêng</i> &#273;&#x1EA1;t', 'nghiêng đạt'],
  ])('%#', (html, expected) => {
    expect(htmlToPlainText(html)).toBe(expected);
  });
});

describe('displayFile', () => {
  test.each([
    ['/srv/chithi/data/nq-2025.txt', '/srv/chithi/data', 'nq-2025.txt'],
    ['/srv/chithi/data/chỉ thị/ct-05.docx', '/srv/chithi/data', 'chỉ thị/ct-05.docx'],
    ['/srv/other/bc.pdf', '/srv/chithi/data', '/srv/other/bc.pdf'],
    ['data/nq.txt', '/srv/chithi/data', 'data/nq.txt'],
    ['/srv/chithi/data/nq.txt', undefined, '/srv/chithi/data/nq.txt'],
  ])('%s in %s', (file, dataDir, expected) => {
    expect(displayFile(file, dataDir)).toBe(expected);
  });

  test('source lines use it', () => {
    const source = { file: '/srv/data/nq.txt', title: 'Nghị quyết', section: null, paragraph: 2 };
    expect(formatSource(source, '/srv/data')).toBe('Nghị quyết · đoạn 2');
  });
});

describe('formatAnswer when the question names a unit, place or year no document covers', () => {
  const missing = (message: string, available: string[]): AskResult => ({
    question: 'chỉ tiêu năm 2025 của BĐBP tỉnh Quảng Ninh là gì?',
    found: false,
    mode: 'keyword',
    answer: null,
    results: [],
    scope: { asked: 'BĐBP tỉnh Quảng Ninh', missing: true, message, available },
  });
  it('says so first, then lists what the documents hold, escaped', () => {
    const [html] = formatAnswer(
      missing('Chưa có tài liệu nào về BĐBP tỉnh Quảng Ninh.', [
        'Đảng ủy BĐBP tỉnh Ninh Thuận (2024, 2025)',
        'A <b> & B',
      ]),
    );
    expect(html).toBe(
      [
        'Chưa có tài liệu nào về BĐBP tỉnh Quảng Ninh.',
        '',
        'Hiện có tài liệu về:',
        '• Đảng ủy BĐBP tỉnh Ninh Thuận (2024, 2025)',
        '• A &lt;b&gt; &amp; B',
        '',
        'Xem toàn bộ danh sách bằng lệnh /tailieu.',
      ].join('\n'),
    );
  });
  it('without holdings to offer, still says what is missing', () => {
    const [html] = formatAnswer(missing('Chưa có tài liệu nào về Công an tỉnh Cà Mau năm 2021.', []));
    expect(html).toContain('Chưa có tài liệu nào về Công an tỉnh Cà Mau năm 2021.');
    expect(html).not.toContain('Hiện có');
  });
  it('a merged province is said before the passages', () => {
    const [html] = formatAnswer({
      question: 'chỉ tiêu 2025 của BĐBP Khánh Hòa',
      found: true,
      mode: 'keyword',
      answer: null,
      results: [
        {
          passageId: 1,
          documentId: 1,
          text: 'Phấn đấu trong năm có 100% tổ chức đảng hoàn thành nhiệm vụ.',
          score: 1,
          highlight: null,
          source: {
            file: 'x.txt',
            title: 'Nghị quyết năm 2025',
            unit: 'Đảng ủy BĐBP tỉnh Ninh Thuận',
            section: null,
            paragraph: 3,
          },
        },
      ],
      scope: {
        asked: 'BĐBP tỉnh Khánh Hòa',
        missing: false,
        message: 'Ninh Thuận, nay thuộc Khánh Hòa',
        available: [],
      },
    });
    expect(html).toContain('ℹ️ Ninh Thuận, nay thuộc Khánh Hòa');
    expect(html).toContain('Nghị quyết năm 2025 · Đảng ủy BĐBP tỉnh Ninh Thuận · đoạn 3');
  });
});
