import { matchesOf } from './matches';
import { foldDiacritics, normalizeText, normalizeTonePlacement } from './normalize';

/**
 * A token of Vietnamese text: one syllable, number or symbol-number ("100%"). `start` is the offset in
 * the normalized string; `gapBefore` is true when punctuation separates it from the previous token, so
 * bigrams do not cross clause boundaries.
 */
export interface Token {
  /** Lowercase, NFC, traditional tone placement. */
  text: string;
  /** Lowercase without diacritics (đ → d). */
  folded: string;
  gapBefore: boolean;
  isNumber: boolean;
  /** Written in capitals, two letters or more ("TƯ", "BĐBP"): read as an abbreviation, not a word. */
  capitals: boolean;
}

// Numbers keep Vietnamese separators: "2.300" (thousands), "9,5" (decimal), "9–9,5%" splits at the dash.
const TOKEN_RE = /(\d+(?:[.,]\d+)*%?)|([\p{L}\p{M}]+)|([^\s\p{L}\p{M}\d]+)/gu;

/** Punctuation that separates clauses: bigrams do not cross it. */
const GAP_RE = /[.,;:!?()[\]{}"“”'‘’…/|–—-]/;

/**
 * Canonical form of a number as written: thousands dots removed ("2.300" → "2300", "1.000.000" →
 * "1000000") so that "2.300" and "2300" match; decimal commas kept ("9,5"); a trailing "%" kept.
 */
export function canonicalNumber(raw: string): string {
  const pct = raw.endsWith('%') ? '%' : '';
  let body = pct ? raw.slice(0, -1) : raw;
  if (/^\d{1,3}(\.\d{3})+$/.test(body)) body = body.replace(/\./g, '');
  else if (/^\d+\.\d+$/.test(body)) body = body.replace('.', ',');
  return body + pct;
}

/** Splits text into syllable and number tokens. Punctuation only marks gaps. */
export function tokenize(text: string): Token[] {
  const norm = normalizeText(text);
  const out: Token[] = [];
  let gap = false;
  for (const m of norm.matchAll(TOKEN_RE)) {
    if (m[1]) {
      out.push({ ...numberForm(m[1]), gapBefore: gap });
      gap = false;
    } else if (m[2]) {
      out.push({ ...wordForm(m[2]), gapBefore: gap });
      gap = false;
    } else if (m[3] && GAP_RE.test(m[3])) {
      gap = true;
    }
  }
  return out;
}

/** A token's forms without its position: what `scanTokens` reports for each token. */
export type TokenForm = Omit<Token, 'gapBefore'>;

function numberForm(raw: string): TokenForm {
  const t = canonicalNumber(raw);
  return { text: t, folded: t, isNumber: true, capitals: false };
}

/**
 * One word in two spellings, "i" or "y" after t, k, l, m, h, s or qu ending the syllable: "tỉ lệ" /
 * "tỷ lệ", "kĩ" / "kỹ", "lí" / "lý", "Mĩ" / "Mỹ", "hi sinh" / "hy sinh", "chiến sĩ" / "chiến sỹ", "quí" /
 * "quý", "kì họp" / "kỳ họp": written with "y", as official documents mostly do.
 */
const I_OR_Y = /^(?:[tklmhs]|qu)[iíìỉĩị]$/;
const AS_Y: Record<string, string> = { i: 'y', í: 'ý', ì: 'ỳ', ỉ: 'ỷ', ĩ: 'ỹ', ị: 'ỵ' };

/** The forms of a normalized word (NFC, traditional tone placement). */
function wordForm(word: string): TokenForm {
  let lower = word.toLowerCase();
  if (I_OR_Y.test(lower)) lower = lower.slice(0, -1) + AS_Y[lower.slice(-1)]!;
  const capitals = lower !== word && word.length > 1 && word === word.toUpperCase();
  return { text: lower, folded: foldDiacritics(lower), isNumber: false, capitals };
}

/**
 * Text where normalizing the whole text and normalizing each token apart could differ: a combining
 * mark after something that is not a letter (NFC may compose it with a space or a symbol), or the Greek
 * question mark, which NFC turns into ";" (a clause break). Such text takes `tokenize`'s path.
 */
export const WHOLE_TEXT_ONLY = /(?<![\p{L}\p{M}])\p{M}|\u037e/u;

/** Raw word or number as written → its token forms; words repeat, so each is worked out once. */
const formMemo = new Map<string, TokenForm>();
/** At most this many remembered raw tokens (a few MB); the memo starts over when full. */
const FORM_MEMO_ENTRIES = 200_000;

export function formOf(raw: string, isNumber: boolean): TokenForm {
  let form = formMemo.get(raw);
  if (form !== undefined) return form;
  form = isNumber ? numberForm(raw) : wordForm(normalizeTonePlacement(raw));
  if (formMemo.size >= FORM_MEMO_ENTRIES) formMemo.clear();
  formMemo.set(raw, form);
  return form;
}

/**
 * The tokens `tokenize(text)` returns, in order, without normalizing the whole text first: each word
 * is normalized on its own (NFC, tone placement and case apply within a word, and whitespace only
 * separates), and a word seen before costs one lookup. Indexing an archive tokenizes every passage;
 * this is its path (issue 14: normalizing whole passages was a third of building the keyword index).
 * `visit` receives shared forms: they must not be changed.
 */
export function scanTokens(text: string, visit: (form: TokenForm, gapBefore: boolean) => void): void {
  if (scanRawTokens(text, (raw, isNumber, gapBefore) => visit(formOf(raw, isNumber), gapBefore))) return;
  for (const t of tokenize(text)) visit(t, t.gapBefore);
}

/**
 * What a UTF-16 unit is to TOKEN_RE: a letter, a combining mark (TOKEN_RE's letters too), an ASCII
 * digit, whitespace, the Greek question mark (see WHOLE_TEXT_ONLY), or anything else.
 */
const OTHER = 0;
const LETTER = 1;
const DIGIT = 2;
const SPACE = 3;
const SURROGATE = 4;
const MARK = 5;
const GREEK_QUESTION_MARK = 6;

/**
 * The class of every unit of the Basic Multilingual Plane, from the same character classes as TOKEN_RE;
 * worked out on first use (a few milliseconds), so a process that only answers never pays for it.
 */
let unitClasses: Uint8Array | undefined;
const unitClassTable = (): Uint8Array => (unitClasses ??= buildUnitClasses());

function buildUnitClasses(): Uint8Array {
  const table = new Uint8Array(0x10000);
  const letter = /\p{L}/u;
  const mark = /\p{M}/u;
  const space = /\s/u;
  for (let code = 0; code < 0x10000; code++) {
    if (code >= 0xd800 && code <= 0xdfff) table[code] = SURROGATE;
    else if (code >= 0x30 && code <= 0x39) table[code] = DIGIT;
    else if (code === 0x037e) table[code] = GREEK_QUESTION_MARK;
    else {
      const c = String.fromCharCode(code);
      table[code] = letter.test(c) ? LETTER : mark.test(c) ? MARK : space.test(c) ? SPACE : OTHER;
    }
  }
  return table;
}

/** A code point outside the table (a surrogate pair, or a lone surrogate): its class, by TOKEN_RE's classes. */
function pointClass(text: string, at: number): { cls: number; width: number } {
  const cp = text.codePointAt(at)!;
  const width = cp > 0xffff ? 2 : 1;
  const c = String.fromCodePoint(cp);
  return { cls: /\p{L}/u.test(c) ? LETTER : /\p{M}/u.test(c) ? MARK : /\s/u.test(c) ? SPACE : OTHER, width };
}

/** Units that make a run of punctuation a clause break (GAP_RE's), by code. */
const GAP_UNITS = new Set([...'.,;:!?()[]{}"“”\'‘’…/|–—-'].map((c) => c.charCodeAt(0)));

/** Flags of a token span: a number (else a word), and punctuation before it (see Token.gapBefore). */
export const SPAN_NUMBER = 1;
export const SPAN_GAP = 2;

/**
 * The tokens of a text as spans, filled by `scanSpans`: for token k, `data[4k]` is its start,
 * `data[4k + 1]` its end, `data[4k + 2]` a hash of its units (`hashUnits`), `data[4k + 3]` its flags.
 * One buffer serves text after text: a caller that remembers tokens looks them up by span and hash,
 * and cuts a string only for a token it has not seen (issue 14).
 */
export class TokenSpans {
  data = new Int32Array(4 * 256);
  count = 0;

  push(start: number, end: number, hash: number, flags: number): void {
    const at = 4 * this.count++;
    if (at + 4 > this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[at] = start;
    this.data[at + 1] = end;
    this.data[at + 2] = hash;
    this.data[at + 3] = flags;
  }
}

const HASH_SEED = 0x811c9dc5 | 0;
const HASH_PRIME = 0x01000193;

/** The hash `scanSpans` gives the units text[start, end) (FNV-1a over UTF-16 units). */
export function hashUnits(text: string, start: number, end: number): number {
  let h = HASH_SEED;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), HASH_PRIME);
  return h;
}

/**
 * The tokens of `text` as written, as spans (see TokenSpans): the same tokens as TOKEN_RE finds, read
 * unit by unit from a table of what each unit is to it instead of by the expression (issue 14: the
 * expression and its match objects were a fifth of building the keyword index). Returns false when
 * the text must be normalized whole first (see WHOLE_TEXT_ONLY): a combining mark that does not
 * follow a letter or mark, or the Greek question mark; `out` then holds nothing to use.
 */
export function scanSpans(text: string, out: TokenSpans): boolean {
  const UNIT_CLASS = unitClassTable();
  const n = text.length;
  out.count = 0;
  let gap = false;
  let i = 0;
  while (i < n) {
    let cls = UNIT_CLASS[text.charCodeAt(i)]!;
    let width = 1;
    if (cls === SURROGATE) ({ cls, width } = pointClass(text, i));
    if (cls === SPACE) {
      i += width;
    } else if (cls === LETTER) {
      // [\p{L}\p{M}]+, hashed as it is read.
      const start = i;
      let h = HASH_SEED;
      for (const end = i + width; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), HASH_PRIME);
      while (i < n) {
        const code = text.charCodeAt(i);
        const next = UNIT_CLASS[code]!;
        if (next === LETTER || next === MARK) {
          h = Math.imul(h ^ code, HASH_PRIME);
          i++;
          continue;
        }
        if (next !== SURROGATE) break;
        const point = pointClass(text, i);
        if (point.cls !== LETTER && point.cls !== MARK) break;
        for (const end = i + point.width; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), HASH_PRIME);
      }
      out.push(start, i, h, gap ? SPAN_GAP : 0);
      gap = false;
    } else if (cls === DIGIT) {
      // \d+(?:[.,]\d+)*%?
      // Every read is inside the text: reading past its end costs the optimized code of this loop.
      const start = i;
      i = digitsEnd(text, i, n);
      while (i + 1 < n) {
        const sep = text.charCodeAt(i);
        if ((sep === 0x2e || sep === 0x2c) && isDigit(text.charCodeAt(i + 1))) i = digitsEnd(text, i + 1, n);
        else break;
      }
      if (i < n && text.charCodeAt(i) === 0x25) i++;
      out.push(start, i, hashUnits(text, start, i), SPAN_NUMBER | (gap ? SPAN_GAP : 0));
      gap = false;
    } else if (cls === OTHER) {
      // A run of anything else: a clause break when it holds one of GAP_RE's units.
      while (i < n) {
        let next = UNIT_CLASS[text.charCodeAt(i)]!;
        let w = 1;
        if (next === SURROGATE) ({ cls: next, width: w } = pointClass(text, i));
        if (next !== OTHER) break;
        if (!gap && GAP_UNITS.has(text.charCodeAt(i))) gap = true;
        i += w;
      }
    } else {
      // A mark after something that is not a letter or mark, or the Greek question mark.
      return false;
    }
  }
  return true;
}

/**
 * The tokens of `text` as written, for a caller that remembers what each raw token means: one string
 * per token (the keyword index reads spans instead, see scanSpans). Returns false, visiting nothing,
 * when the text must be normalized whole first (see WHOLE_TEXT_ONLY): use `scanTokens`.
 */
export function scanRawTokens(
  text: string,
  visit: (raw: string, isNumber: boolean, gapBefore: boolean) => void,
): boolean {
  // A buffer per call: a visit may scan another text.
  const spans = new TokenSpans();
  if (!scanSpans(text, spans)) return false;
  const data = spans.data;
  for (let k = 0; k < spans.count; k++) {
    const flags = data[4 * k + 3]!;
    visit(text.slice(data[4 * k]!, data[4 * k + 1]!), (flags & SPAN_NUMBER) !== 0, (flags & SPAN_GAP) !== 0);
  }
  return true;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** The end of the run of ASCII digits from `from`, at most `n` (the text's length). */
function digitsEnd(text: string, from: number, n: number): number {
  let i = from;
  while (i < n && isDigit(text.charCodeAt(i))) i++;
  return i;
}

/** A year 1900–2100, not part of a longer number ("2.025", "2025,5"). */
const YEAR = /(?<![\d.,])(19\d\d|20\d\d|2100)(?!\d|[.,]\d)/g;

/** Years 1900–2100 mentioned in a text, sorted, unique. */
export function extractYears(text: string): number[] {
  const years = new Set<number>();
  for (const m of matchesOf(YEAR, text)) years.add(Number(m[1]));
  return [...years].sort((a, b) => a - b);
}
