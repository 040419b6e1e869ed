/**
 * Private text helpers for fact extraction.
 *
 * Until `src/text/` lands, this module keeps its own minimal normalization: NFC + whitespace collapse
 * for display, and a *position-preserving* fold (lowercase, no diacritics, đ→d) for matching. The fold
 * maps each UTF-16 unit of the NFC text to exactly one unit, so an index found in the folded text is
 * also the index of the same words in the display text. Old and new tone placement (hoà/hòa, uỷ/ủy)
 * fold to the same letters, which is why rules match on the fold and never on the display form.
 */
import { unitsToString } from '../text/code-units';
import { foldDiacritics } from '../text/normalize';
import { matchesOf } from '../text/matches';

const foldCache = new Map<string, string>();
/**
 * The same, by UTF-16 code unit below U+2000 (Latin, Vietnamese, punctuation): the folded unit, or 0
 * when not worked out yet. Every fold goes through it (ingest folds every sentence of every passage).
 */
const foldCodes = new Uint16Array(0x2000);

/** The folded code unit of the unit at `i` (foldSlow always gives one unit for one unit). */
function foldUnit(text: string, i: number): number {
  const code = text.charCodeAt(i);
  if (code >= 0x2000) return foldSlow(text.charAt(i)).charCodeAt(0);
  const known = foldCodes[code]!;
  if (known !== 0) return known;
  return (foldCodes[code] = foldSlow(text.charAt(i)).charCodeAt(0));
}

function foldSlow(c: string): string {
  const hit = foldCache.get(c);
  if (hit !== undefined) return hit;
  let out: string;
  if (c === 'đ' || c === 'Đ') out = 'd';
  else {
    const lower = c.toLowerCase();
    const base = lower.length === 1 ? (lower.normalize('NFD')[0] ?? lower) : c;
    // A lone combining mark (left over by a broken NFD text) becomes a space: it is never a letter.
    out = /[\u0300-\u036f]/.test(base) ? ' ' : base;
  }
  foldCache.set(c, out);
  return out;
}

/** NFC, whitespace collapsed and trimmed: the display form facts are returned in. */
export function prepareText(s: string): string {
  const nfc = s.normalize('NFC');
  // Passages come from the parser with their whitespace collapsed: most texts have none to change.
  return SPACE_WORK.test(nfc) ? nfc.replace(/\s+/g, ' ').trim() : nfc;
}

/** Whitespace that collapsing and trimming would change: any but a single inner space. */
const SPACE_WORK = /[^\S ]| {2}|^ | $/;

/**
 * By UTF-16 code unit: 1 for the whitespace SPACE_WORK's [^\S ] takes (any but " "); built on first use
 * from the expression itself.
 */
let otherSpaces: Uint8Array | undefined;
function otherSpaceTable(): Uint8Array {
  if (otherSpaces) return otherSpaces;
  const table = new Uint8Array(0x10000);
  for (let code = 0; code < 0x10000; code++) if (/[^\S ]/.test(String.fromCharCode(code))) table[code] = 1;
  return (otherSpaces = table);
}

/**
 * prepareText and foldAligned of it in one: the fold's pass over the units also tells whether there is
 * whitespace to collapse (SPACE_WORK), which most texts have not; only then are they collapsed and
 * folded again (issue 14: the expression's own pass over every block was a few percent of ingest).
 */
function prepareAndFold(s: string): Folded {
  const nfc = s.normalize('NFC');
  const fold = foldUnits(nfc, true);
  if (fold !== null) return { text: nfc, fold };
  const t = nfc.replace(/\s+/g, ' ').trim();
  return { text: t, fold: foldAligned(t) };
}

/** Lowercase, no diacritics, đ→d, "i" after t, k, l, m, h, s, qu as "y"; same length as its NFC input. */
export function foldAligned(nfc: string): string {
  return foldUnits(nfc, false)!;
}

/**
 * foldAligned; with `stopAtSpaceWork`, null as soon as the text shows whitespace prepareText would
 * change (a leading or trailing space, two in a row, any other whitespace).
 */
function foldUnits(nfc: string, stopAtSpaceWork: boolean): string | null {
  const n = nfc.length;
  if (foldScratch.length < n) foldScratch = new Uint16Array(Math.max(n, 2 * foldScratch.length));
  const units = foldScratch;
  if (stopAtSpaceWork) {
    const other = otherSpaceTable();
    // A space before the first unit would be a leading one.
    let afterSpace = true;
    for (let i = 0; i < n; i++) {
      const code = nfc.charCodeAt(i);
      if (code === 0x20) {
        if (afterSpace) return null;
        afterSpace = true;
      } else {
        if (other[code] === 1) return null;
        afterSpace = false;
      }
      units[i] = foldUnit(nfc, i);
    }
    if (afterSpace && n > 0) return null;
  } else {
    for (let i = 0; i < n; i++) units[i] = foldUnit(nfc, i);
  }
  // One word in two spellings folds alike ("kì họp" / "kỳ họp"); the length is kept.
  spellUnitsIAsY(units, n);
  return unitsToString(units, n);
}

/**
 * spellIAsY (src/text/normalize) on the first `n` folded code units, in place: an "i" ending a word
 * that t, k, l, m, h, s or qu begins becomes "y" (a word: a run of a–z and 0–9). On the units, before
 * they become a string, it costs a fraction of spellIAsY's expression over the string, and facts fold
 * every block; tests/unit/facts-fold.test.ts checks that the two agree. Its matches never overlap
 * (each ends a word), so changing one "i" changes no test of another.
 */
function spellUnitsIAsY(units: Uint16Array, n: number): void {
  for (let i = 1; i < n; i++) {
    if (units[i] !== LETTER_I || (i + 1 < n && isWordUnit(units[i + 1]!))) continue;
    const before = units[i - 1]!;
    const head =
      before < 0x80 && I_HEADS[before] === 1
        ? i - 1
        : before === LETTER_U && i >= 2 && units[i - 2] === LETTER_Q
          ? i - 2
          : -1;
    if (head >= 0 && (head === 0 || !isWordUnit(units[head - 1]!))) units[i] = LETTER_Y;
  }
}

/** A unit of spellIAsY's words: a–z or 0–9. */
function isWordUnit(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);
}

const LETTER_I = 0x69;
const LETTER_Q = 0x71;
const LETTER_U = 0x75;
const LETTER_Y = 0x79;
/** By ASCII code: 1 for the one-letter heads of spellIAsY (t, k, l, m, h, s). */
const I_HEADS = new Uint8Array(0x80);
for (const c of 'tklmhs') I_HEADS[c.charCodeAt(0)] = 1;

/** Reused by every fold (synchronous, never shared); grows to the longest text folded. */
let foldScratch = new Uint16Array(1024);

/** Folds any text (NFD, old tone placement, mixed case) for comparisons. */
export function foldText(s: string): string {
  return prepareAndFold(s).fold;
}

/** A piece of text with its fold, index-aligned. */
export interface Folded {
  text: string;
  fold: string;
}

export function folded(text: string): Folded {
  // Every extractor folds the same block in turn (extractFacts): the last two are remembered (two,
  // because extractMeeting folds the document's title between the block's extractors). Folded values
  // are never changed by their users, so sharing one is safe.
  if (lastFolded?.input === text) return lastFolded.value;
  if (olderFolded?.input === text) {
    [lastFolded, olderFolded] = [olderFolded, lastFolded];
    return lastFolded.value;
  }
  const value = prepareAndFold(text);
  olderFolded = lastFolded;
  lastFolded = { input: text, value };
  return value;
}

let lastFolded: { input: string; value: Folded } | undefined;
let olderFolded: { input: string; value: Folded } | undefined;

/**
 * foldText of a block's section heading. Every extractor folds the section of the block it reads, and
 * blocks in a row share their section: the last one is remembered.
 */
export function foldSection(section: string): string {
  if (lastSection?.input !== section) lastSection = { input: section, fold: foldText(section) };
  return lastSection.fold;
}

let lastSection: { input: string; fold: string } | undefined;

/**
 * True when `piece` (a sentence of a block, an item of a sentence: a slice of `whole`) is all of it.
 * Then what was tested of the whole holds for the piece, and the extractors do not test it again.
 */
export function isWhole(piece: Folded, whole: Folded): boolean {
  return piece.fold.length === whole.fold.length;
}

/** Slices both views at the same offsets, trimming spaces. */
export function sliceFolded(f: Folded, start: number, end = f.text.length): Folded {
  let s = start;
  let e = end;
  while (s < e && f.text[s] === ' ') s++;
  while (e > s && f.text[e - 1] === ' ') e--;
  return { text: f.text.slice(s, e), fold: f.fold.slice(s, e) };
}

/** A sentence of a block, with its offset in the block. */
export interface Sentence extends Folded {
  start: number;
}

/**
 * Academic and professional titles written before a name, alone or joined ("PGS.TS", "TS.BS", "ThS.
 * BSCKII", "NGƯT"): GS, PGS, TS, TSKH, ThS, BS, BSCKI/II, CKI/II, DS (dược sĩ), KS, LS, NGƯT, NGND,
 * TTƯT, TTND, NSƯT, NSND. Longer forms first.
 */
const TITLES =
  'TSKH TS PGS GS ThS BSCKII BSCKI BSCK2 BSCK1 BS CKII CKI CK2 CK1 DS KS LS NGƯT NGND TTƯT TTND NSƯT NSND'.split(
    ' ',
  );
/** The titles folded as a block's `fold` writes them ("ngut"), as alternatives for expressions over it. */
export const TITLE_PARTS = TITLES.map((t) => foldDiacritics(t).toLowerCase()).join('|');
/** A title's abbreviation as written: its period ("PGS. TS. Lê Thị Mai") ends no sentence. */
const TITLE_ABBREVIATION = `(?:${TITLES.join('|')})`;
const SENTENCE_END = new RegExp(
  `(?<!(?:^|[\\s.(])${TITLE_ABBREVIATION})[.!?…]+(?:\\/\\.)?\\s+(?=[\\p{Lu}\\d(“"-])`,
  'gu',
);

/**
 * Splits a prepared block into sentences at . ! ? followed by a space and an upper-case letter,
 * a digit or an opening bracket, except after a title's abbreviation (TITLE_ABBREVIATION). Decimal
 * points (2.300, 9,5) are never followed by a space, so they stay inside their sentence.
 */
export function splitSentences(block: Folded): readonly Sentence[] {
  // The same block is split by every extractor in turn (see folded): the last split is remembered.
  if (lastSplit?.block === block) return lastSplit.sentences;
  const out: Sentence[] = [];
  const re = SENTENCE_END;
  re.lastIndex = 0;
  let start = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(block.text)) !== null) {
    const end = m.index + m[0].trimEnd().length;
    pushSentence(out, block, start, end);
    start = m.index + m[0].length;
  }
  pushSentence(out, block, start, block.text.length);
  lastSplit = { block, sentences: out };
  return out;
}

let lastSplit: { block: Folded; sentences: readonly Sentence[] } | undefined;

/** What sliceFolded(block, start, end) gives, with its start, when it is not empty. */
function pushSentence(out: Sentence[], block: Folded, start: number, end: number): void {
  const text = block.text;
  let s = start;
  let e = end;
  while (s < e && text.charCodeAt(s) === SPACE) s++;
  while (e > s && text.charCodeAt(e - 1) === SPACE) e--;
  if (e > s) out.push({ text: text.slice(s, e), fold: block.fold.slice(s, e), start: s });
}

const SPACE = 0x20;

/**
 * Years 1900-2100 written as standalone numbers, in order; a year compared with ("so với năm 2023",
 * "so với cùng kỳ 2023") is left out: the text is about another year.
 */
export function yearsIn(fold: string): number[] {
  const out: number[] = [];
  if (!YEAR_DIGITS.test(fold)) return out;
  for (const m of matchesOf(PLAIN_YEAR, fold)) out.push(Number(m[1]));
  return out;
}

/** "năm 2025" written as such, in order, without the years compared with (see yearsIn). */
export function namedYears(fold: string): number[] {
  const out: number[] = [];
  if (!YEAR_DIGITS.test(fold)) return out;
  for (const m of matchesOf(NAMED_YEAR, fold)) out.push(Number(m[1]));
  return out;
}

const COMPARED = '(?<!\\bso voi (?:cung ky |nam |cung ky nam )?)';
const PLAIN_YEAR = new RegExp(`${COMPARED}(?<![\\d/.,-])(19\\d\\d|20\\d\\d|2100)(?![\\d%]|[.,]\\d)`, 'g');
const NAMED_YEAR = new RegExp(`(?<!\\bso voi (?:cung ky )?)\\bnam (19\\d\\d|20\\d\\d)\\b`, 'g');
/**
 * Four digits every year of PLAIN_YEAR and NAMED_YEAR is written with: a text without them has none,
 * and this plain scan is much cheaper than their lookbehinds at every position (most sentences name
 * no year).
 */
const YEAR_DIGITS = /19\d\d|20\d\d|2100/;

/**
 * Where a folded text first writes four digits a year may be (YEAR_DIGITS), or -1: no text before
 * that offset names a year. The block's is asked for every sentence (yearFor): the last is remembered.
 */
export function firstYearDigits(fold: string): number {
  if (lastYearDigits?.fold !== fold) lastYearDigits = { fold, at: fold.search(YEAR_DIGITS) };
  return lastYearDigits.at;
}

let lastYearDigits: { fold: string; at: number } | undefined;

/** The year a passage is about: "năm 2025", "đến năm 2030", or a plain year (not one compared with). */
export function mainYear(fold: string): number | undefined {
  if (!YEAR_DIGITS.test(fold)) return undefined;
  return namedYears(fold)[0] ?? yearsIn(fold)[0];
}

/** Upper-cases the first letter for display. */
export function capitalize(s: string): string {
  return s ? s.charAt(0).toUpperCase() + s.slice(1) : s;
}

/** Removes trailing punctuation and closing brackets that are not part of the statement. */
export function trimStatement(s: string): string {
  const t = s.replace(/^[\s\-–—+•*:;,]+/, '');
  // STATEMENT_END matches only characters of STATEMENT_END_CHAR: it is looked for in the run of them
  // that ends the text, not tried at every position of the text (it has no lookbehind and ends at
  // the text's end, so its first match there is the one in the whole text).
  let tail = t.length;
  while (tail > 0 && STATEMENT_END_CHAR.test(t.charAt(tail - 1))) tail--;
  return (t.slice(0, tail) + t.slice(tail).replace(STATEMENT_END, '')).trim();
}

const STATEMENT_END = /[\s;,:.]*(?:\/\.)?\s*$/;
const STATEMENT_END_CHAR = /^[\s;,:./]$/;

/** Folded number words of an ordinal, 1–9, and their value ("mốt" after "mươi", "lăm" for five, "tư"). */
const DIGIT_WORDS: Record<string, number> = {
  nhat: 1,
  mot: 1,
  hai: 2,
  ba: 3,
  bon: 4,
  tu: 4,
  nam: 5,
  lam: 5,
  sau: 6,
  bay: 7,
  tam: 8,
  chin: 9,
};
const ORDINAL_WORDS = /\bthu((?: (?:nhat|mot|hai|ba|bon|tu|nam|lam|sau|bay|tam|chin|muoi)){1,3})\b/g;

/**
 * Ordinals written in words, in folded text, as digits: "lần thứ hai mươi tám" → "lần thứ 28", "kỳ họp
 * thứ mười lăm" → "thứ 15", "thứ tư" → "thứ 4". Words that make no number (1–99) are left as they are.
 */
export function ordinalsAsDigits(fold: string): string {
  return fold.replace(ORDINAL_WORDS, (all, words: string) => {
    const w = words.trim().split(' ');
    const tens = w.indexOf('muoi');
    let value: number | undefined;
    if (tens < 0) value = w.length === 1 && w[0] !== 'mot' ? DIGIT_WORDS[w[0]!] : undefined;
    else {
      const before = w.slice(0, tens);
      const after = w.slice(tens + 1);
      const t = before.length === 0 ? 1 : before.length === 1 ? DIGIT_WORDS[before[0]!] : undefined;
      const u = after.length === 0 ? 0 : after.length === 1 ? DIGIT_WORDS[after[0]!] : undefined;
      // "mười một" is 11; "hai mươi mốt" 21; "nhất" only alone.
      if (t !== undefined && u !== undefined && before[0] !== 'nhat' && after[0] !== 'nhat')
        value = t * 10 + u;
    }
    return value === undefined ? all : `thu ${value}`;
  });
}

/** A meeting's ordinal said after its name ("kỳ họp thứ 23", "hội nghị lần thứ 28"), folded. */
const MEETING_ORDINAL = /\b(?:ky hop|hoi nghi|dai hoi|phien hop|phien|lan) thu (\d{1,3})\b/g;

/** The meetings' ordinals a folded text names, in digits or in words ("lần thứ hai mươi tám" → 28). */
export function meetingOrdinals(fold: string): number[] {
  return [...matchesOf(MEETING_ORDINAL, ordinalsAsDigits(fold))].map((m) => Number(m[1]));
}
