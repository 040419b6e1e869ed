import { Block, BlockKind, ExtractedSegment } from './types';

/**
 * Reflows hard-wrapped text (pasted from a PDF or a web page) into logical blocks, and recognizes
 * titles, date lines, section headings, numbered list items and photo captions in parentheses.
 *
 * The wrap width is estimated per segment (a high percentile of line lengths): a line that ends a
 * sentence well short of it ends a paragraph; a line close to it was wrapped and continues.
 */

const TERMINAL = /(?:[.!?…:;]|\.\/\.)["”’)]?$/;
/** The end of a sentence (not of a clause: ":" and ";" lead on). */
const SENTENCE_END = /[.!?…]["”’)]?$/;
const LIST_MARKER = /^(?:\d{1,2}(?:\.\d{1,2})*[.)]|[a-zđ][)]|[-–•+*▪●]|\(\d{1,2}\))\s+\S/u;
const ROMAN_HEADING = /^(?:[IVXLC]{1,6})[.)]\s+\S/;
const MD_HEADING = /^#{1,6}\s+\S/;
const ARTICLE_HEADING = /^(?:Điều|Chương|Mục|Phần)\s+(?:\d+|[IVXLC]+)\b/u;
const DATE_LINE =
  /^(?:[\p{L} .]+,\s*)?ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}\.?$|^(?:Sáng|Chiều|Tối|Trưa)?\s*(?:ngày\s+)?\d{1,2}\/\d{1,2}(?:\/\d{4})?\s*$/iu;

/**
 * DATE_LINE.test(text), without running the expression over a paragraph: every date line ends in a
 * digit (the year, day or month), or in a "." after the year, with nothing but whitespace after it.
 * trimEnd removes what `\s` matches.
 */
function isDateLine(text: string): boolean {
  const t = text.trimEnd();
  const last = t.charCodeAt(t.length - 1);
  const digitEnd = isDigit(last) || (last === 0x2e && isDigit(t.charCodeAt(t.length - 2)));
  return digitEnd && DATE_LINE.test(text);
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** How many times `c` occurs in `s`. */
function countOf(s: string, c: string): number {
  let n = 0;
  for (let at = s.indexOf(c); at >= 0; at = s.indexOf(c, at + 1)) n++;
  return n;
}

function isUpperStart(s: string): boolean {
  const c = s.trimStart()[0] ?? '';
  return c !== c.toLowerCase() || /\d/.test(c);
}

function isAllCaps(s: string): boolean {
  const letters = s.replace(/[^\p{L}]/gu, '');
  return letters.length >= 4 && letters === letters.toUpperCase();
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * (sorted.length - 1)))]!;
}

/** A news item's dated lead ("Sáng 14/12/2022, …", "Trong 2 ngày 10 và 11/6/2025, …"): a new paragraph. */
const NEWS_LEAD =
  /^(?:Sáng|Chiều|Tối|Trưa|Ngày|Hôm nay|Trong(?: \d+| hai| ba)? ngày)\b[^.]{0,25}?\d{1,2}\/\d{1,2}/u;

/**
 * The first line of a signing block: who signs on whose behalf ("TM. ỦY BAN NHÂN DÂN", "T/M ĐẢNG
 * ỦY", "KT. GIÁM ĐỐC", "Q. CHỦ TỊCH", "TL. CHỦ TỊCH", "TUQ. CHỦ TỊCH"), in capitals.
 */
const SIGN_ON_BEHALF = /^(?:T\.?\s?M|T\/M|KT|TL|TUQ|Q)\.?\s+\p{Lu}/u;

/** Ranks and academic titles before a signer's name. */
const SIGNER_RANK =
  /^(?:(?:Đại|Thượng|Trung|Thiếu)\s+(?:tướng|tá|úy|uý)|Chuẩn\s+đô\s+đốc|Phó\s+Đô\s+đốc|Đô\s+đốc|TS\.|ThS\.|PGS\.?\s*TS\.|GS\.?\s*TS\.|BS\.?(?:\s*CKII|\s*CKI)?\.?|Bác\s+sĩ|Luật\s+sư|Kỹ\s+sư|Kĩ\s+sư)\s+/u;

/** A person's name as it closes a signing block: 2 to 5 capitalized words, a rank before it allowed. */
export function isSignerName(text: string): boolean {
  const name = text.trim().normalize('NFC').replace(SIGNER_RANK, '');
  if (name.length > 40 || /[\d,;:()]/.test(name) || isAllCaps(name)) return false;
  const words = name.split(/\s+/);
  return words.length >= 2 && words.length <= 5 && words.every((w) => /^\p{Lu}\p{Ll}*$/u.test(w));
}

/** A line of a signing block above the name: "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "BÍ THƯ". */
function isSigningRole(text: string): boolean {
  const t = text.trim();
  return (SIGN_ON_BEHALF.test(t) || isAllCaps(t)) && t.split(/\s+/).length <= 10 && !/[.;!?]$/u.test(t);
}

/** How far from the end of a document a signing block is looked for, in blocks ("Nơi nhận" may follow). */
const SIGNATURE_WINDOW = 12;

/**
 * Joins the signing block of an official document (role lines in capitals, then the signer's name)
 * into one `signature` block, so "ai ký nghị quyết này" finds one passage that says who signed, and
 * the role lines do not become headings of nothing.
 */
export function markSignature(blocks: Block[]): Block[] {
  const from = Math.max(0, blocks.length - SIGNATURE_WINDOW);
  for (let end = blocks.length - 1; end > from; end--) {
    if (!isSignerName(blocks[end]!.text)) continue;
    let start = end;
    while (start - 1 >= from && end - (start - 1) <= 3 && isSigningRole(blocks[start - 1]!.text)) start--;
    if (start === end) continue;
    const part = blocks.slice(start, end + 1);
    const text = part.map((b) => b.text.trim().replace(/[.,:]$/u, '')).join(', ');
    const page = part[0]!.page;
    const signature: Block =
      page === undefined ? { kind: 'signature', text } : { kind: 'signature', text, page };
    return [...blocks.slice(0, start), signature, ...blocks.slice(end + 1)];
  }
  return blocks;
}

/** A rule between a header and the text ("-----", "***", "*"): it ends a block and is no text. */
const SEPARATOR = /^[-–—_=*~.•·\s]+$/u;

/**
 * Lines of an official header that stand alone, whatever the line before (two-column headers flatten
 * into lines that run on): the national and the Party's mottoes, and the document's kind in capitals.
 */
const HEADER_LINE =
  /^(?:CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM|CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM|Độc lập\s*[-–]\s*Tự do\s*[-–]\s*Hạnh phúc|ĐẢNG CỘNG SẢN VIỆT NAM|NGHỊ QUYẾT|CHỈ THỊ|KẾT LUẬN|BÁO CÁO|KẾ HOẠCH|THÔNG BÁO|QUYẾT ĐỊNH|CÔNG VĂN|HƯỚNG DẪN|CHƯƠNG TRÌNH|TỜ TRÌNH)$/u;

/**
 * In a header, what opens the text after the subject line ("Căn cứ Luật …", "Thực hiện Kế hoạch số
 * …", "Kính gửi: …"): the subject ends there even when it filled its line.
 */
const OPENING = /^(?:Căn cứ|Thực hiện|Kính gửi|Xét đề nghị|Theo đề nghị)(?=[\s:,]|$)/u;
/** How many blocks count as the header for OPENING. */
const HEADER_BLOCKS = 10;

/**
 * "Nơi nhận:" alone, or with its recipients on the same line ("Nơi nhận: - Như trên;", "Nơi nhận: UBND
 * tỉnh Tiền Giang; Thường trực Huyện uỷ; …"). Not "Nơi nhận hồ sơ: …" (where to hand in a file).
 */
export const RECIPIENTS = /^Nơi nhận\s*(?::|$)/iu;

/** A line that starts a block of its own whatever came before. */
function startsBlock(line: string): boolean {
  return (
    HEADER_LINE.test(line) ||
    // Recipients follow the body's last line, which runs to the margin as often as not ("… trước Chủ
    // tịch UBND phường./." / "Nơi nhận:").
    RECIPIENTS.test(line) ||
    (SIGN_ON_BEHALF.test(line) && isAllCaps(line)) ||
    NEWS_LEAD.test(line) ||
    LIST_MARKER.test(line) ||
    ROMAN_HEADING.test(line) ||
    MD_HEADING.test(line) ||
    ARTICLE_HEADING.test(line) ||
    isDateLine(line)
  );
}

function looksLikeHeading(line: string, width: number): boolean {
  if (TERMINAL.test(line) && !line.endsWith(':')) return false;
  if (MD_HEADING.test(line) || ROMAN_HEADING.test(line) || ARTICLE_HEADING.test(line)) return true;
  const words = line.split(/\s+/).length;
  // An all-caps title ("NGHỊ QUYẾT VỀ KẾ HOẠCH PHÁT TRIỂN KINH TẾ - XÃ HỘI … NĂM 2026") runs longer.
  if (words > (isAllCaps(line) ? 30 : 16) || /,\s*$/.test(line)) return false;
  return isAllCaps(line) || (isUpperStart(line) && line.length < Math.max(30, width * 0.7));
}

function classify(text: string, lines: number, width: number, first: boolean): BlockKind {
  if (/^\(.*\)$/su.test(text) && text.length < 500) return 'caption';
  if (isDateLine(text)) return 'date';
  if (lines === 1 && looksLikeHeading(text, width)) return first ? 'title' : 'heading';
  // A news headline runs longer than a heading: the document's first block, unpunctuated (wrapped
  // over two or three lines in a PDF).
  if (first && lines <= 3 && !TERMINAL.test(text) && text.length <= 200 && isUpperStart(text)) return 'title';
  if (LIST_MARKER.test(text)) return 'list-item';
  return 'paragraph';
}

/**
 * A line of a block as the block's text has it: no Markdown heading marks, every run of whitespace one
 * space. `line` is trimmed (so is what is left of it: the marks take the whitespace after them).
 */
function cleanLine(line: string): string {
  const text = line.charCodeAt(0) === 0x23 ? line.replace(/^#{1,6}\s+/, '') : line;
  // Most lines have no whitespace to change, and the replace matches every space of a line.
  return SPACE_WORK.test(text) ? text.replace(/\s+/g, ' ') : text;
}

/** Whitespace other than single spaces. */
const SPACE_WORK = /[^\S ]| {2}/;

/** Whitespace a line ends with, removed before the lines are measured. */
const TRAILING_SPACE = /[\t \u00a0]+$/g;

function trimLineEnd(line: string): string {
  if (line.length === 0) return line;
  const last = line.charCodeAt(line.length - 1);
  // Only a line ending in one of these can match; the expression alone tries every space in it.
  return last === 0x20 || last === 0x09 || last === 0xa0 ? line.replace(TRAILING_SPACE, '') : line;
}

/** Lines of a document's top where a two-column header may be. */
const COLUMN_LINES = 8;
/** A gap between a header's two columns ("ỦY BAN NHÂN DÂN        CỘNG HÒA XÃ HỘI …"). */
const COLUMN_GAP = /\S(\s{3,})\S/;
/** Indentation that puts a line in the right column alone ("          ---------------"). */
const RIGHT_ONLY = /^\s{10,}\S/;

/**
 * An official header laid out in two columns (issuer and number on the left, motto, place and date on
 * the right) arrives as lines that hold both: each column is put back together, the left one first,
 * so "ỦY BAN NHÂN DÂN" / "PHƯỜNG BẢO AN" read as one issuer and the motto as lines of its own. Only
 * in the first lines, and only when some line there has a wide gap.
 */
export function unfoldColumns(lines: string[]): string[] {
  const top = lines.slice(0, COLUMN_LINES);
  if (!top.some((l) => COLUMN_GAP.test(l.trim()))) return lines;
  const out: string[] = [];
  let left: string[] = [];
  let right: string[] = [];
  const flush = () => {
    out.push(...left, ...right);
    left = [];
    right = [];
  };
  for (const line of top) {
    const gap = COLUMN_GAP.exec(line.trim());
    if (RIGHT_ONLY.test(line)) right.push(line.trim());
    else if (gap) {
      const t = line.trim();
      const at = gap.index + 1;
      left.push(t.slice(0, at));
      right.push(t.slice(at + gap[1]!.length));
    } else {
      // A blank line or one across the page ends the columns above it.
      flush();
      out.push(line);
    }
  }
  flush();
  return [...out, ...lines.slice(COLUMN_LINES)];
}

/** Splits one segment of raw text into blocks. `first` marks the document's first segment (title). */
export function reflowSegment(raw: string, first = true, page?: number): Block[] {
  const unmarked = raw.replace(/^\uFEFF/, '');
  // The line-end expression is run only over a text with a "\r" in it (it would change nothing else).
  const text = (unmarked.includes('\r') ? unmarked.replace(/\r\n?/g, '\n') : unmarked).normalize('NFC');
  const lines = unfoldColumns(text.split('\n').map(trimLineEnd));
  const lengths = lines.map((l) => l.trim().length).filter((n) => n > 0);
  const width = Math.max(40, percentile(lengths, 0.9));

  const blocks: Block[] = [];
  let current: string[] = [];
  let openParens = 0;

  const flush = () => {
    if (current.length === 0) return;
    // Lines are trimmed and non-empty, and so are their cleaned forms (whitespace inside collapsed):
    // joined with single spaces they need no collapsing or trimming.
    const joined = current.map(cleanLine).join(' ');
    const rawLines = current.length;
    current = [];
    openParens = 0;
    if (!joined) return;
    const kind = classify(joined, rawLines, width, first && blocks.length === 0);
    blocks.push(page === undefined ? { kind, text: joined } : { kind, text: joined, page });
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line || (SEPARATOR.test(line) && openParens <= 0)) {
      if (openParens <= 0) flush();
      continue;
    }
    const prev = current[current.length - 1];
    if (prev !== undefined && openParens <= 0) {
      const prevEnds =
        (TERMINAL.test(prev) && prev.length < width * 0.85) ||
        // "./." closes an official document's body, however long its line.
        /\.\/\.$/.test(prev) ||
        // A short unpunctuated line before a capital is a header line, a title or a subject line
        // ("NGHỊ QUYẾT" / "về nhiệm vụ năm 2025" / "Tại hội nghị …"), never a wrapped one.
        (prev.length < width * 0.6 &&
          !/[,;:(–-]$/.test(prev) &&
          /^\p{Lu}/u.test(line) &&
          !/^\(/.test(prev)) ||
        (isAllCaps(prev) && prev.length < 80 && !isAllCaps(line) && !/^\d+$/.test(line)) ||
        // A line in capitals after a finished sentence is a heading or a signing block ("CHỈ HUY
        // TRƯỞNG"), also when the sentence filled its line (a PDF's text has no blank lines).
        (SENTENCE_END.test(prev) && isAllCaps(line) && line.length < 80) ||
        // A line closing a bracket ends its block, unless the sentence runs on in lower case: "báo
        // cáo về Bộ Chỉ huy (qua Phòng Tham mưu)" / "trước ngày 25 hằng tháng; …".
        (/\)$/.test(prev.trim()) && !/^\p{Ll}/u.test(line)) ||
        (current.length === 1 && looksLikeHeading(prev, width) && /^\p{Lu}/u.test(line));
      // An all-caps headline that fills its line and goes on in capitals on the next ("KỲ HỌP THỨ 29
      // … KẾ HOẠCH PHÁT TRIỂN KT-XH" / "NĂM 2025") is one title, wrapped: not a title and a heading.
      const titleWraps =
        first &&
        blocks.length === 0 &&
        current.length < 3 &&
        prev.length >= width * 0.85 &&
        !TERMINAL.test(prev) &&
        isAllCaps(prev) &&
        /\p{Lu}/u.test(line) &&
        !/\p{Ll}/u.test(line) &&
        !startsBlock(line);
      const captionStarts = line.startsWith('(') && TERMINAL.test(prev);
      const bodyOpens = blocks.length < HEADER_BLOCKS && OPENING.test(line) && !/[,;:(–-]$/.test(prev);
      // The subject under a document's kind ("CHỈ THỊ" / "Về tăng cường … (IUU) năm 2025") goes on in
      // small letters; a capital after it opens the body, blank line or not (a PDF's text has none).
      const subjectEnds =
        blocks.length < HEADER_BLOCKS &&
        HEADER_LINE.test(blocks[blocks.length - 1]?.text ?? '') &&
        /^Về\s/u.test(current[0]!) &&
        /^\p{Lu}/u.test(line) &&
        !/[,;:(–-]$/.test(prev);
      if (!titleWraps && (prevEnds || startsBlock(line) || captionStarts || bodyOpens || subjectEnds))
        flush();
    }
    current.push(line);
    // Only the balance is read, after the whole line: counted by indexOf, not character by character.
    openParens += countOf(line, '(') - countOf(line, ')');
    // A caption ends with its closing parenthesis.
    if (line.endsWith(')') && current[0]!.startsWith('(') && openParens <= 0) flush();
  }
  flush();
  return blocks;
}

/** Reflows every segment; segments whose kind is known (docx) become one block each. */
export function reflow(segments: ExtractedSegment[]): Block[] {
  const out: Block[] = [];
  segments.forEach((seg, i) => {
    if (seg.kind) {
      const text = seg.text.normalize('NFC').replace(/\s+/g, ' ').trim();
      // A paragraph typed with its own list marker ("- Chủ trì …", "2. Bộ Chỉ huy Quân sự tỉnh:", as
      // Word users type lists) is a list item, as the same line of a text file is.
      const kind = seg.kind === 'paragraph' && LIST_MARKER.test(text) ? 'list-item' : seg.kind;
      if (text) out.push(seg.page === undefined ? { kind, text } : { kind, text, page: seg.page });
      return;
    }
    const blocks = reflowSegment(seg.text, i === 0 && out.length === 0, seg.page);
    // A sentence that runs on to the next page ("… trình UBND tỉnh trước" / "ngày 10/8/2025."): the
    // page's first block, in small letters, ends the last one of the page before.
    const last = out[out.length - 1];
    const first = blocks[0];
    if (
      last &&
      first &&
      (last.kind === 'paragraph' || last.kind === 'list-item') &&
      first.kind === 'paragraph' &&
      !TERMINAL.test(last.text) &&
      /^\p{Ll}/u.test(first.text)
    ) {
      last.text = `${last.text} ${first.text}`;
      blocks.shift();
    }
    out.push(...blocks);
  });
  return markSignature(out);
}
