/**
 * Pure formatting of bot messages in Telegram HTML parse mode. Every piece of text that comes from a
 * person or a document goes through escapeHtml; the only tags are the ones written here.
 */
import path from 'node:path';
import type { AskResult, DirectAnswer, ResultSource, SearchResult } from '../search/types';
import { BOT_COMMANDS, type BotCommandSpec } from './commands';
import type { DocumentSummary } from './context';
import { askedUnit, documentLine, type Holdings } from './catalog';
import { escapeHtml } from '../text/html';
import { otherDocumentsLine } from '../facts/format';
import { foldDiacritics } from '../text/normalize';
import { splitSentences } from '../text/sentences';

/** Telegram's limit for one text message, in UTF-16 code units after entity parsing. */
/** Documents per /tailieu page. */
export const DOCUMENTS_PER_PAGE = 8;

const NO_DOCUMENTS =
  'Chưa có tài liệu nào được nạp. Hãy chép văn bản vào thư mục dữ liệu (DATA_DIR) rồi nhờ quản trị viên chạy /reindex.';

/**
 * One page of /tailieu: the documents numbered as everywhere else (/xoa N), each with what it is
 * about; `page` is clamped to the pages there are.
 */
export function formatDocumentPage(
  documents: DocumentSummary[],
  page: number,
): { text: string; page: number; pages: number; shown: Array<{ index: number; doc: DocumentSummary }> } {
  if (documents.length === 0) return { text: NO_DOCUMENTS, page: 0, pages: 0, shown: [] };
  const pages = Math.ceil(documents.length / DOCUMENTS_PER_PAGE);
  const at = Math.min(Math.max(0, page), pages - 1);
  const total = documents.reduce((sum, d) => sum + d.passages, 0);
  const shown = documents
    .map((doc, index) => ({ index, doc }))
    .slice(at * DOCUMENTS_PER_PAGE, (at + 1) * DOCUMENTS_PER_PAGE);
  const lines = [
    `📚 <b>Tài liệu đã nạp: ${numberFormat.format(documents.length)}</b> (${numberFormat.format(total)} đoạn)` +
      (pages > 1 ? ` · trang ${at + 1}/${pages}` : ''),
  ];
  for (const { index, doc } of shown) {
    const about = doc.about ? `\n   ${escapeHtml(truncate(clean(doc.about), 200))}` : '';
    lines.push(`${index + 1}. <b>${escapeHtml(truncate(clean(doc.title), 160))}</b>${about}`);
  }
  lines.push('', 'Bấm số thứ tự để xem tài liệu, hỏi riêng trong tài liệu đó hoặc tải bản gốc.');
  return { text: lines.join('\n'), page: at, pages, shown };
}

/** One document: title, what it is about, size, when it was updated, file name (never its path). */
export function formatDocumentCard(
  doc: DocumentSummary,
  index: number,
  timeZone: string,
  dataDir?: string,
): string {
  const ocr = doc.ocr ? ' · bản quét OCR' : '';
  return [
    `📄 <b>${index + 1}. ${escapeHtml(truncate(clean(doc.title), 300))}</b>`,
    ...(doc.about ? [escapeHtml(truncate(clean(doc.about), 400))] : []),
    `${numberFormat.format(doc.passages)} đoạn · cập nhật ${formatDate(doc.updatedAt, timeZone)}${ocr}`,
    `Tệp: <i>${escapeHtml(path.basename(displayFile(doc.file, dataDir)))}</i>`,
  ].join('\n');
}

/** /moi: the newest documents matching what was asked, each on one line with its number and date. */
export function formatRecentDocuments(
  found: Array<{ index: number; doc: DocumentSummary }>,
  asked: string,
): string {
  if (found.length === 0)
    return asked
      ? `Chưa có tài liệu nào khớp "${escapeHtml(truncate(clean(asked), 80))}". Xem tất cả: /tailieu`
      : 'Chưa có tài liệu nào được nạp.';
  const head = asked
    ? `🆕 <b>Tài liệu khớp "${escapeHtml(truncate(clean(asked), 80))}"</b>, mới nhất trước:`
    : '🆕 <b>Tài liệu mới nhất</b> (theo ngày của văn bản):';
  return [
    head,
    ...found.map(({ index, doc }) => {
      const line = documentLine(doc);
      const title = line === doc.title ? '' : `\n   ${escapeHtml(truncate(clean(doc.title), 160))}`;
      return `${index + 1}. <b>${escapeHtml(truncate(clean(line), 200))}</b>${title}`;
    }),
    '',
    'Gõ /moi 2025, /moi 12/2024 hoặc /moi 218-NQ để lọc theo năm, tháng hoặc số hiệu.',
  ].join('\n');
}

export const TELEGRAM_MESSAGE_LIMIT = 4096;

/** NFC and collapsed whitespace: user input may arrive decomposed (NFD) or with stray line breaks. */
function clean(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** Cuts text to at most max characters at a word boundary, adding an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return (space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd() + '…';
}

/**
 * The file as people should see it: relative to DATA_DIR when it lies inside it (ingest may store
 * absolute paths, which are long and reveal the server's layout), else as stored.
 */
export function displayFile(file: string, dataDir?: string): string {
  if (!dataDir || !path.isAbsolute(file)) return file;
  const relative = path.relative(dataDir, file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

/**
 * "Title · unit · số 125-NQ/ĐU, 20/12/2024 · Section · đoạn 3 · trang 2 (bản quét OCR)", escaped.
 * Never a server path: people cite a document by its title, unit, number and date. A document
 * whose title is only its file name shows that name (relative to DATA_DIR), not where it lies.
 */
export function formatSource(source: ResultSource, dataDir?: string): string {
  const title = clean(source.title);
  const parts = [truncate(title, 90)];
  const unit = source.unit ? clean(source.unit) : null;
  if (unit && !foldDiacritics(title).includes(foldDiacritics(unit))) parts.push(truncate(unit, 60));
  if (source.reference) parts.push(clean(source.reference));
  if (source.section) parts.push(truncate(clean(source.section), 50));
  parts.push(`đoạn ${source.paragraph}`);
  if (source.page != null) parts.push(`trang ${source.page}`);
  void dataDir;
  const line = parts.join(' · ') + (source.ocr ? ' (bản quét OCR)' : '');
  return escapeHtml(line);
}

/** Escaped text with the first occurrence of `highlight` in bold. */
function boldHighlight(text: string, highlight: string | null): string {
  const at = highlight ? text.indexOf(highlight) : -1;
  if (!highlight || at < 0) return escapeHtml(text);
  return (
    escapeHtml(text.slice(0, at)) +
    '<b>' +
    escapeHtml(highlight) +
    '</b>' +
    escapeHtml(text.slice(at + highlight.length))
  );
}

/** Characters of a passage an answer shows around its answering sentence; "Toàn văn" has the rest. */
export const SNIPPET_CHARS = 200;

/** A sentence as compared for "already shown": NFC, no spacing or case differences. */
function sentenceKey(s: string): string {
  return clean(s)
    .toLowerCase()
    .replace(/[.;:,!?…]+$/u, '');
}

/** A sentence of one document, as remembered once shown (another unit's same words are news). */
function shownKey(file: string, sentence: string): string {
  return `${file}\u0000${sentenceKey(sentence)}`;
}

/**
 * The sentences of a passage around its answering sentence, at most `max` characters, with the
 * answering sentence in bold: the answer first, then what follows it, then what precedes it.
 * Sentences already shown (`seen`: by the direct answer or earlier results, of the same document)
 * are left out, so no sentence appears twice; an answering sentence already shown is not bolded again. Null when the passage has
 * nothing that was not shown. Escaped.
 */
export function snippet(
  text: string,
  highlight: string | null,
  seen: (sentence: string) => boolean = () => false,
  max = SNIPPET_CHARS,
): string | null {
  const sentences = splitSentences(text);
  if (sentences.length === 0) return null;
  const fresh = (i: number) => !seen(sentences[i]!);
  let at = highlight ? sentences.findIndex((x) => x.includes(highlight) || highlight.includes(x)) : -1;
  const bold = at >= 0 && fresh(at);
  if (at < 0 || !fresh(at)) {
    // Start from the first sentence not yet shown, nearest after the answer's place.
    const from = Math.max(0, at);
    const order = [...sentences.keys()].sort((x, y) => {
      const dx = x >= from ? x - from : sentences.length + from - x;
      const dy = y >= from ? y - from : sentences.length + from - y;
      return dx - dy;
    });
    at = order.find(fresh) ?? -1;
    if (at < 0) return null;
  }
  let lo = at;
  let hi = at;
  let length = sentences[at]!.length;
  for (;;) {
    const next = hi + 1 < sentences.length && fresh(hi + 1) ? sentences[hi + 1]!.length + 1 : Infinity;
    const prev = lo > 0 && fresh(lo - 1) ? sentences[lo - 1]!.length + 1 : Infinity;
    if (length + next <= max) {
      hi++;
      length += next;
    } else if (length + prev <= max) {
      lo--;
      length += prev;
    } else break;
  }
  const parts = sentences.slice(lo, hi + 1).map((x, i) => {
    const sentence = lo + i === at && length > max ? truncate(x, max) : x;
    if (lo + i !== at || !bold) return escapeHtml(sentence);
    // The answering words in bold: the highlight itself when it is part of the sentence.
    return highlight && sentence.includes(highlight)
      ? boldHighlight(sentence, highlight)
      : `<b>${escapeHtml(sentence)}</b>`;
  });
  const cut = length > max;
  return (lo > 0 ? '… ' : '') + parts.join(' ') + (hi < sentences.length - 1 && !cut ? ' …' : '');
}

/**
 * One result, compact: the sentences around the answer (answering sentence in bold, nothing shown
 * twice), then a short source line. The whole passage is behind its "Toàn văn" button. `seen`
 * collects the sentences shown, so the next result does not repeat them.
 */
export function formatResult(
  result: SearchResult,
  rank: number,
  dataDir?: string,
  seen: Set<string> = new Set(),
): string {
  const text = clean(result.text);
  const highlight = result.highlight ? clean(result.highlight) : null;
  const source = `📄 <i>${formatSource(result.source, dataDir)}</i>`;
  const key = (x: string) => shownKey(result.source.file, x);
  const body =
    snippet(text, highlight, (x) => seen.has(key(x))) ?? '<i>(câu trả lời ở trên lấy từ đoạn này)</i>';
  const plain = body.replace(/<[^>]+>/g, '');
  for (const x of splitSentences(text)) if (plain.includes(escapeHtml(x))) seen.add(key(x));
  return `<b>${rank}.</b> ${body}\n${source}`;
}

function formatDirectAnswer(
  answer: DirectAnswer,
  results: SearchResult[],
  dataDir?: string,
  seen: Set<string> = new Set(),
): string {
  const lines = [`💡 <b>Trả lời:</b> ${escapeHtml(truncate(clean(answer.text), 1200))}`];
  // The passage sentences the answer already says ("Phấn đấu 100% …" after "Chỉ tiêu năm 2025: ")
  // are not shown again under the results.
  // A fact is often the start of its sentence ("… trở lên" of "… trở lên; hoàn thành …").
  const said = sentenceKey(answer.text);
  const file = results.find((r) => r.passageId === answer.passageId)?.source.file;
  for (const r of results.filter((x) => x.source.file === file))
    for (const x of splitSentences(clean(r.text))) {
      const k = sentenceKey(x);
      const head = sentenceKey(k.split(/[;:]/)[0]!.replace(/^[-–•+*\s]+/u, ''));
      if ((k.length >= 12 && said.includes(k)) || (head.length >= 24 && said.includes(head)))
        seen.add(shownKey(r.source.file, x));
    }
  if (answer.candidates && answer.candidates.length > 1) {
    lines.push('Có thể là một trong các ý sau:');
    for (const c of answer.candidates.slice(0, 5)) lines.push(`• ${escapeHtml(truncate(clean(c), 300))}`);
  }
  const from = results.find((r) => r.passageId === answer.passageId);
  if (from) lines.push(`<i>Nguồn: ${formatSource(from.source, dataDir)}</i>`);
  const others = otherDocumentsLine(answer.others);
  if (others) lines.push(`<i>${escapeHtml(others)}</i>`);
  return lines.join('\n');
}

export interface FormatAnswerOptions {
  /** Rank of the first result (paging): 0 for the first page. */
  offset?: number;
  /** How many results to show (default 3). */
  top?: number;
  /** DATA_DIR, so files are shown relative to it. */
  dataDir?: string;
}

/**
 * The answer to a question as one or more HTML messages, each within Telegram's limit. The
 * direct answer (first page only) comes first, then the passages.
 */
export function formatAnswer(result: AskResult, options: FormatAnswerOptions = {}): string[] {
  const offset = options.offset ?? 0;
  const top = options.top ?? 3;
  if (!result.found || result.results.length === 0) {
    if (offset === 0 && result.scope?.missing) return [formatScopeMissing(result)];
    return offset > 0
      ? [formatNoMoreResults(result.question)]
      : [formatNotFound(result.question, result.scope?.message ?? undefined)];
  }
  const shown = result.results.slice(0, top);
  const question = escapeHtml(truncate(clean(result.question), 120));
  const header =
    offset === 0
      ? `🔎 <b>Câu hỏi:</b> <i>${question}</i>`
      : `🔎 <b>Thêm kết quả (${offset + 1}–${offset + shown.length})</b> cho: <i>${question}</i>`;
  const blocks = [header];
  const seen = new Set<string>();
  if (offset === 0 && result.scope?.message) blocks.push(`ℹ️ ${escapeHtml(result.scope.message)}`);
  if (offset === 0 && result.answer)
    blocks.push(formatDirectAnswer(result.answer, result.results, options.dataDir, seen));
  shown.forEach((r, i) => blocks.push(formatResult(r, offset + i + 1, options.dataDir, seen)));
  return packMessages(blocks);
}

/**
 * The question names a unit, place or year no document is about: say so first, then what the
 * documents do hold, rather than answer from another unit's report.
 */
export function formatScopeMissing(result: AskResult): string {
  const scope = result.scope!;
  const lines = [escapeHtml(scope.message ?? 'Chưa có tài liệu nào về nội dung này.')];
  if (scope.available.length > 0) {
    lines.push('', 'Hiện có tài liệu về:');
    for (const a of scope.available) lines.push(`• ${escapeHtml(a)}`);
  }
  lines.push('', 'Xem toàn bộ danh sách bằng lệnh /tailieu.');
  return lines.join('\n');
}

export function formatNotFound(question: string, why?: string): string {
  const q = escapeHtml(truncate(clean(question), 300));
  return [
    `Xin lỗi, tôi chưa tìm thấy đoạn nào trong tài liệu trả lời câu hỏi: <i>${q}</i>`,
    // Why, when it is known ("Không có văn bản nào số 125 trong các tài liệu đã nạp.").
    ...(why ? [`ℹ️ ${escapeHtml(why)}`] : []),
    '',
    'Anh/chị có thể thử:',
    '• dùng từ ngữ có trong văn bản, ví dụ "chỉ tiêu năm 2025", "nhiệm vụ trọng tâm";',
    '• hỏi ngắn gọn, mỗi câu một ý;',
    '• xem danh sách tài liệu đã nạp bằng lệnh /tailieu.',
  ].join('\n');
}

export function formatNoMoreResults(question: string): string {
  const q = escapeHtml(truncate(clean(question), 300));
  return `Không còn kết quả nào khác cho câu hỏi: <i>${q}</i>`;
}

/** The whole paragraph behind a result (the "Toàn văn" button), split if very long. */
export function formatFullText(result: SearchResult, rank: number, dataDir?: string): string[] {
  const text = clean(result.text);
  const highlight = result.highlight ? clean(result.highlight) : null;
  return packMessages([
    `📖 <b>Toàn văn kết quả ${rank}</b>`,
    boldHighlight(text, highlight),
    `📄 <i>${formatSource(result.source, dataDir)}</i>`,
  ]);
}

/** dd/MM/yyyy in the agency's time zone; the raw value when it is not a date. */
export function formatDate(iso: string, timeZone: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat('vi-VN', {
    timeZone,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(d);
}

const numberFormat = new Intl.NumberFormat('vi-VN');

/** What the documents hold and questions about them, for /start and /help (see catalog.ts). */
export interface HelpCatalog {
  holdings: Holdings;
  examples: string[];
}

/** Examples when no document is loaded: how officers ask. */
const GENERIC_EXAMPLES = [
  'chỉ tiêu năm 2025 là gì?',
  'ai chủ trì hội nghị tổng kết?',
  'phương hướng nhiệm vụ năm 2025',
];

/** Commands shown first in /help, in this order: asking, then the three look-ups, then documents. */
const COMMAND_ORDER = ['hoi', 'chutri', 'chitieu', 'nhiemvu', 'hanchot', 'tailieu', 'moi', 'lienhe'];
/** Commands /help does not list: itself and the greeting. */
const NOT_IN_HELP = new Set(['help', 'start', 'trogiup']);
/** Units named in the holdings line before "và N đơn vị khác". */
const UNITS_SHOWN = 4;

/** "📚 43 tài liệu về 12 đơn vị, năm 2022–2026: BĐBP tỉnh Ninh Thuận (5), … và 8 đơn vị khác." */
export function formatHoldings(h: Holdings): string {
  if (h.documents === 0)
    return '📚 Chưa có tài liệu nào được nạp; quản trị viên chép văn bản vào thư mục dữ liệu rồi chạy /reindex.';
  const years = h.years
    ? h.years[0] === h.years[1]
      ? `, năm ${h.years[0]}`
      : `, năm ${h.years[0]}–${h.years[1]}`
    : '';
  const units = h.units.length > 0 ? ` về ${numberFormat.format(h.units.length)} đơn vị` : '';
  const named = h.units.slice(0, UNITS_SHOWN).map((u) => `${escapeHtml(askedUnit(u.unit))} (${u.documents})`);
  const rest = h.units.length - named.length;
  const list = named.length > 0 ? `: ${named.join(', ')}${rest > 0 ? ` và ${rest} đơn vị khác` : ''}` : '';
  return `📚 Đang có ${numberFormat.format(h.documents)} tài liệu${units}${years}${list}. Danh sách: /tailieu`;
}

function howToAsk(group: boolean, botUsername?: string): string[] {
  const mention = botUsername ? `@${escapeHtml(botUsername)}` : 'tên bot';
  return group
    ? [
        'Trong nhóm, anh/chị hỏi bằng một trong các cách:',
        '• gõ <code>/hoi câu hỏi</code>;',
        `• nhắc tên ${mention} kèm câu hỏi;`,
        '• trả lời (reply) một tin nhắn của bot.',
      ]
    : ['Anh/chị cứ gõ câu hỏi bằng tiếng Việt, tôi sẽ tìm đúng đoạn văn bản và ghi rõ nguồn.'];
}

function exampleLines(group: boolean, catalog?: HelpCatalog): string[] {
  const examples = catalog && catalog.examples.length > 0 ? catalog.examples : GENERIC_EXAMPLES;
  return ['<b>Ví dụ:</b>', ...examples.map((e) => `• <code>${group ? '/hoi ' : ''}${escapeHtml(e)}</code>`)];
}

/** /start: who the bot is, what it holds, how to ask, examples from the documents; /help for the rest. */
export function formatStart(options: {
  group: boolean;
  botUsername?: string;
  catalog?: HelpCatalog;
}): string {
  return [
    '👋 <b>Xin chào! Tôi là trợ lý tra cứu văn bản của đơn vị.</b>',
    'Tôi trả lời bằng chính các đoạn trích trong chỉ thị, nghị quyết, báo cáo đã nạp, kèm tên văn bản và vị trí đoạn.',
    ...(options.catalog ? ['', formatHoldings(options.catalog.holdings)] : []),
    '',
    ...howToAsk(options.group, options.botUsername),
    '',
    ...exampleLines(options.group, options.catalog),
    '',
    'Các lệnh tra cứu nhanh: /help',
  ].join('\n');
}

/**
 * /help: how to ask, the commands of the chat's scope (asking and the look-ups first; /help and
 * /start left out), examples from the documents, and what they hold.
 */
export function formatHelp(options: {
  group: boolean;
  botUsername?: string;
  /** The commands to list (those of the chat's scope are shown); defaults to BOT_COMMANDS. */
  commands?: readonly BotCommandSpec[];
  catalog?: HelpCatalog;
}): string {
  const scope = options.group ? 'group' : 'private';
  const rank = (c: BotCommandSpec) => {
    const at = COMMAND_ORDER.indexOf(c.command);
    return at < 0 ? COMMAND_ORDER.length : at;
  };
  const commands = (options.commands ?? BOT_COMMANDS)
    .filter((c) => c.scopes.includes(scope) && !NOT_IN_HELP.has(c.command))
    .map((c, i) => ({ c, i }))
    .sort((a, b) => rank(a.c) - rank(b.c) || a.i - b.i)
    .map(({ c }) => `/${c.command} — ${escapeHtml(c.description)}`);
  return [
    '<b>Hướng dẫn</b>',
    ...howToAsk(options.group, options.botUsername),
    '',
    '<b>Lệnh:</b>',
    ...commands,
    '',
    ...exampleLines(options.group, options.catalog),
    ...(options.catalog ? ['', formatHoldings(options.catalog.holdings)] : []),
    '',
    'Dưới mỗi câu trả lời: "Xem thêm" cho kết quả tiếp theo, "Toàn văn" để đọc cả đoạn, 👍/👎 để góp ý.',
  ].join('\n');
}

/** Short guidance for /hoi without a question. */
export function formatAskUsage(): string {
  return [
    'Anh/chị hãy gõ câu hỏi ngay sau lệnh, ví dụ:',
    '<code>/hoi chỉ tiêu năm 2025 là gì?</code>',
    'Xem thêm hướng dẫn: /help',
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Splitting HTML at safe boundaries

interface Atom {
  kind: 'open' | 'close' | 'text';
  /** Lowercase tag name; empty for text. */
  name: string;
  raw: string;
}

const TOKEN = /<\/?([a-zA-Z][a-zA-Z0-9-]*)[^>]*>|&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);|[^<&]|[<&]/g;

function atomize(html: string): Atom[] {
  const atoms: Atom[] = [];
  for (const m of html.matchAll(TOKEN)) {
    const raw = m[0];
    if (m[1]) {
      const name = m[1].toLowerCase();
      atoms.push(raw.startsWith('</') ? { kind: 'close', name, raw } : { kind: 'open', name, raw });
    } else {
      atoms.push({ kind: 'text', name: '', raw });
    }
  }
  return atoms;
}

/**
 * Splits well-formed Telegram HTML into pieces of at most `limit` characters, each well-formed:
 * tags open at a cut are closed at the end of one piece and reopened (with their attributes) at the
 * start of the next. Cuts prefer a line break, then a space; entities (&amp;) are never cut.
 */
export function splitHtml(html: string, limit = TELEGRAM_MESSAGE_LIMIT): string[] {
  if (html.length <= limit) return [html];
  const atoms = atomize(html);
  // Open-tag stack before each atom.
  const stacks: Atom[][] = [];
  let stack: Atom[] = [];
  for (const atom of atoms) {
    stacks.push(stack);
    if (atom.kind === 'open') stack = [...stack, atom];
    else if (atom.kind === 'close') {
      const i = stack.map((a) => a.name).lastIndexOf(atom.name);
      if (i >= 0) stack = stack.slice(0, i);
    }
  }
  stacks.push(stack);
  const opening = (s: Atom[]) => s.map((a) => a.raw).join('');
  const closing = (s: Atom[]) =>
    s
      .map((a) => `</${a.name}>`)
      .reverse()
      .join('');

  const pieces: string[] = [];
  let start = 0;
  while (start < atoms.length) {
    const prefix = opening(stacks[start]!);
    let length = prefix.length;
    let end = start;
    let lastBreak = -1;
    let lastSpace = -1;
    while (end < atoms.length) {
      const next = length + atoms[end]!.raw.length;
      if (next + closing(stacks[end + 1]!).length > limit) break;
      length = next;
      end++;
      const raw = atoms[end - 1]!.raw;
      if (raw === '\n') lastBreak = end;
      else if (raw === ' ') lastSpace = end;
    }
    if (end === start) throw new RangeError(`splitHtml: limit ${limit} is too small for the markup`);
    if (end < atoms.length) {
      // Do not cut in the first half of a piece just to land on a nicer boundary.
      const half = start + (end - start) / 2;
      if (lastBreak > half) end = lastBreak;
      else if (lastSpace > half) end = lastSpace;
    }
    const body = atoms
      .slice(start, end)
      .map((a) => a.raw)
      .join('');
    const piece = prefix + body + closing(stacks[end]!);
    if (htmlToPlainText(piece).trim()) pieces.push(piece.trim());
    start = end;
  }
  return pieces;
}

/**
 * Packs blocks of HTML into as few messages as possible, joined by `separator`; a block longer than
 * the limit is split with splitHtml.
 */
export function packMessages(blocks: string[], limit = TELEGRAM_MESSAGE_LIMIT, separator = '\n\n'): string[] {
  const messages: string[] = [];
  let current = '';
  for (const block of blocks.flatMap((b) => splitHtml(b, limit))) {
    if (!current) current = block;
    else if (current.length + separator.length + block.length <= limit) current += separator + block;
    else {
      messages.push(current);
      current = block;
    }
  }
  if (current) messages.push(current);
  return messages;
}

// ---------------------------------------------------------------------------------------------
// Plain text for the terminal chat

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

export function unescapeHtml(text: string): string {
  return text.replace(/&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);/g, (whole, name: string) => {
    if (name.startsWith('#x')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/**
 * Renders a Telegram HTML message as plain terminal text: tags dropped, entities decoded, quoted
 * blocks indented with "│ ", links followed by their address.
 */
export function htmlToPlainText(html: string): string {
  let out = '';
  let quoteDepth = 0;
  let href: string | null = null;
  for (const m of html.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>|[^<]+|</g)) {
    const [whole, slash, rawName, attrs] = m;
    if (!rawName) {
      const text = unescapeHtml(whole);
      out += quoteDepth > 0 ? text.replace(/\n/g, '\n│ ') : text;
      continue;
    }
    const name = rawName.toLowerCase();
    if (name === 'blockquote') {
      if (slash) {
        quoteDepth = Math.max(0, quoteDepth - 1);
        if (!out.endsWith('\n')) out += '\n';
      } else {
        quoteDepth++;
        if (out && !out.endsWith('\n')) out += '\n';
        out += '│ ';
      }
    } else if (name === 'a') {
      if (slash) {
        if (href) out += ` (${href})`;
        href = null;
      } else {
        href = unescapeHtml(/href="([^"]*)"/.exec(attrs ?? '')?.[1] ?? '') || null;
      }
    } else if (name === 'br') {
      out += '\n';
    }
  }
  return out.replace(/\n{3,}/g, '\n\n').trim();
}
