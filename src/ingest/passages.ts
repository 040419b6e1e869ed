import { extractYears } from '../text/tokenize';
import { splitSentences } from '../text/sentences';
import { collapseWhitespace } from '../text/normalize';
import { RECIPIENTS } from './reflow';
import { Block, PassageDraft } from './types';

/**
 * Passage size, in characters. A paragraph up to MAX_PASSAGE_CHARS stays whole; a longer one is cut at
 * sentence boundaries into pieces of about equal size. 700 characters is about 150 Vietnamese
 * syllables: short enough that BM25 and a small embedding model (e5-small reads 512 tokens) see one
 * topic, long enough to read as an answer in a chat bubble without opening the whole paragraph.
 */
export const MAX_PASSAGE_CHARS = 700;

/** A line ending in ":" with this many words introduces a list; a shorter one is a heading. */
const LEAD_IN_WORDS = 8;

/** The section of a document's signing block, as citations show it. */
export const SIGNATURE_SECTION = 'Người ký';

export type ListMarker = 'roman' | 'number' | 'letter' | 'bullet';
/** How deep each kind of list marker sits: "I." over "1." over "a)" over "-". */
const MARKER_LEVEL: Record<ListMarker, number> = { roman: 0, number: 1, letter: 2, bullet: 3 };

/** The list marker a block starts with ("II.", "2.", "2.1.", "a)", "-"), or null. */
export function listMarker(text: string): ListMarker | null {
  const t = text.trimStart();
  if (/^[IVXL]{1,6}[.)]\s/u.test(t)) return 'roman';
  if (/^\d{1,3}(?:\.\d{1,3})*[.)]\s/u.test(t)) return 'number';
  if (/^[a-zđ][.)]\s/u.test(t)) return 'letter';
  if (/^[-–•+*▪●]\s/u.test(t)) return 'bullet';
  return null;
}

/** What joins the headings of an outline ("II. PHƯƠNG HƯỚNG … › 2. Các chỉ tiêu chủ yếu"). */
export const OUTLINE_SEPARATOR = ' › ';

/**
 * How deep a heading sits, smaller is outer: "Phần"/"Chương" over "Mục" over an unnumbered heading in
 * capitals over "II." over "2." over "2.1." over "a)" over "-" over an unnumbered heading in lower case
 * (a sub-heading of whatever is above it).
 */
export function headingLevel(text: string): number {
  const t = text.trimStart();
  const marker = listMarker(t);
  if (marker === 'number')
    return MARKER_LEVEL.number + 0.1 * (/^[\d.]*/u.exec(t)![0].replace(/\.$/, '').split('.').length - 1);
  if (marker) return MARKER_LEVEL[marker];
  if (/^(?:phần|chương)\s+(?:thứ\s|[IVXL]+\b|\d+\b)/iu.test(t)) return -3;
  if (/^mục\s+(?:[IVXL]+|\d+)\b/iu.test(t)) return -2;
  return /\p{Ll}/u.test(t) ? 4 : -1;
}

/** Packs sentences into pieces of about equal length, none over `max` unless one sentence is. */
export function packSentences(sentences: string[], max = MAX_PASSAGE_CHARS): string[] {
  const total = sentences.reduce((n, s) => n + s.length + 1, 0);
  if (total <= max) return [sentences.join(' ')];
  const pieces = Math.ceil(total / max);
  const target = total / pieces;
  const out: string[] = [];
  let cur: string[] = [];
  let len = 0;
  for (const s of sentences) {
    if (cur.length > 0 && (len + s.length > max || len >= target)) {
      out.push(cur.join(' '));
      cur = [];
      len = 0;
    }
    cur.push(s);
    len += s.length + 1;
  }
  if (cur.length) out.push(cur.join(' '));
  return out;
}

/**
 * Turns blocks into passages: headings become the section of what follows (and passages of their own,
 * so a question about a heading finds it); titles and date lines are document metadata.
 */
export function blocksToPassages(blocks: Block[]): PassageDraft[] {
  const out: PassageDraft[] = [];
  let section: string | null = null;
  // The headings open at this point, outermost first: the last is the section, the others its outline
  // (a passage under "2. Các chỉ tiêu chủ yếu" is found by the year and words of "II. PHƯƠNG HƯỚNG,
  // NHIỆM VỤ NĂM 2025" above it too).
  const headings: Array<{ text: string; level: number }> = [];
  const outline = () =>
    headings.length > 1
      ? headings
          .slice(0, -1)
          .map((h) => h.text)
          .join(OUTLINE_SEPARATOR)
      : null;
  let paragraph = 0;
  // A document's header (issuer, "Số: 312/BC-UBND", place and date, kind, subject) is one passage,
  // so "báo cáo … số mấy, ngày nào" finds it; its lines are short blocks before the body.
  const header = headerBlocks(blocks);
  if (header.length > 0) {
    paragraph++;
    const text = collapseWhitespace(header.map((b) => b.text.replace(/[.:;,]$/, '')).join('. '));
    out.push({
      ordinal: 0,
      paragraph,
      kind: 'heading',
      section: null,
      lead: null,
      page: header[0]!.page ?? null,
      text: text.length > MAX_PASSAGE_CHARS ? text.slice(0, MAX_PASSAGE_CHARS) : text,
      years: extractYears(text),
    });
  }
  // The sentence that introduces a list ("Các địa phương được giao mục tiêu … từ 10% trở lên:"), or a
  // numbered item that heads items of its own ("2. Bộ Chỉ huy Quân sự tỉnh:" over "- Chủ trì …"): its
  // items keep the real heading as their section and are found by the lead's words too. Leads nest
  // by list marker: the next item of the same marker ("3. Bộ Chỉ huy BĐBP tỉnh:") closes "2." and its
  // items, and is led by what led "2.".
  let leads: Array<{ text: string; marker: ListMarker | null }> = [];
  // Lists of names that are no passage, from their opening line to the last item. The recipients of an
  // official document ("Nơi nhận:", "- Bộ GD&ĐT (b/c);", "- Lưu: VT.") answer nothing and match every
  // question naming a recipient; so do the addressees of a letter under its header ("Kính gửi:",
  // "- Công an phường;"): each name alone was the best match of any question naming that unit ("Ban
  // Chỉ huy quân sự phường được giao gì"), above the item that says what it is to do.
  let names: 'recipients' | 'addressees' | null = ADDRESSEES.test(header[header.length - 1]?.text ?? '')
    ? 'addressees'
    : null;
  for (let i = header.length; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (b.kind === 'title' || b.kind === 'date') continue;
    const opening = RECIPIENTS.test(b.text) ? 'recipients' : ADDRESSEES.test(b.text) ? 'addressees' : null;
    if (opening) {
      names = opening;
      continue;
    }
    if (names && (/^[-+•]\s/u.test(b.text) || (names === 'recipients' && /^Lưu\b/iu.test(b.text)))) continue;
    names = null;
    paragraph++;
    const colon = b.text.trimEnd().endsWith(':');
    const marker = listMarker(b.text);
    const itemHeading = colon && marker !== null && marker !== 'roman';
    const leadIn = colon && (itemHeading || b.text.split(/\s+/).length >= LEAD_IN_WORDS);
    const clean = collapseWhitespace(b.text);
    // A paragraph of several sentences leads its list by the last ("… UBND tỉnh yêu cầu:"): what the
    // sentences before it say ("2 đến 3 cơn bão ảnh hưởng trực tiếp đến tỉnh") is not said of each item.
    const leading = leadIn && !itemHeading ? (splitSentences(clean).pop() ?? clean) : clean;
    const leadText = withoutEndColon(leading);
    let lead: string | null = null;
    if (b.kind === 'list-item' || itemHeading) {
      if (marker) {
        const level = MARKER_LEVEL[marker];
        while (leads.length > 0) {
          const top = leads[leads.length - 1]!;
          if (!top.marker || MARKER_LEVEL[top.marker] < level) break;
          leads.pop();
        }
      }
      lead = leads[leads.length - 1]?.text ?? null;
      if (leadIn) leads.push({ text: leadText, marker });
    } else {
      if (b.kind === 'heading' && !leadIn) {
        section = b.text;
        const level = headingLevel(b.text);
        while (headings.length > 0 && headings[headings.length - 1]!.level >= level) headings.pop();
        headings.push({ text: b.text, level });
      }
      leads = leadIn ? [{ text: leadText, marker: null }] : [];
    }
    if (b.kind === 'signature') {
      // Who signed, under a section that says so ("Người ký"), outside the last section's lists.
      leads = [];
      const text = clean;
      out.push({
        ordinal: out.length,
        paragraph,
        kind: 'signature',
        section: SIGNATURE_SECTION,
        lead: null,
        page: b.page ?? null,
        text,
        years: [],
      });
      continue;
    }
    const text = clean;
    const pieces = text.length > MAX_PASSAGE_CHARS ? packSentences(splitSentences(text)) : [text];
    // The years of the whole paragraph: a piece about "trong năm" belongs to the paragraph's year.
    const paragraphYears = extractYears(text);
    for (const piece of pieces) {
      const own = piece === text ? paragraphYears : extractYears(piece);
      out.push({
        ordinal: out.length,
        paragraph,
        kind: b.kind === 'heading' && leadIn ? 'paragraph' : b.kind,
        section: b.kind === 'heading' && !leadIn ? null : section,
        outline: outline(),
        lead,
        page: b.page ?? null,
        text: piece,
        years: own.length ? own : paragraphYears,
      });
    }
  }
  return out;
}

/**
 * The text without the colon that ends it and the whitespace after that (what replacing /:\s*$/ does,
 * without trying the expression at every colon of a paragraph).
 */
function withoutEndColon(text: string): string {
  const trimmed = text.trimEnd();
  return trimmed.endsWith(':') ? trimmed.slice(0, -1) : text;
}

/** "Kính gửi:" alone, or with its first addressee on the same line (a sentence "Kính gửi …" is none). */
const ADDRESSEES = /^Kính gửi\s*(?::|$)/iu;

/** The header lines of a document with a number ("Số: …"): the short blocks before its body. */
function headerBlocks(blocks: Block[]): Block[] {
  const head: Block[] = [];
  for (const b of blocks.slice(0, 10)) {
    if (b.text.length > 250 || b.kind === 'list-item' || b.kind === 'caption') break;
    // The body starts at the first sentence ("Năm 2025, công tác tuyển quân … đạt 100% chỉ tiêu."):
    // header lines (issuer, number, place and date, kind, subject) are not sentences.
    if (/[.;!?]["”)]?$/u.test(b.text.trim()) && b.text.trim().split(/\s+/).length >= 10) break;
    if (/^(?:[IVX]+|\d+)[.)]\s/u.test(b.text)) break;
    head.push(b);
  }
  return head.some((b) => /^Số\s*:?\s*\d/u.test(b.text)) ? head : [];
}
