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
const WHOLE_TEXT_ONLY = /(?<![\p{L}\p{M}])\p{M}|\u037e/u;
/** Cheap first test: NFC Vietnamese has no combining mark at all, so the lookbehind rarely runs. */
const MAYBE_WHOLE_TEXT_ONLY = /[\p{M}\u037e]/u;

const SCAN_RE = new RegExp(TOKEN_RE.source, 'gu');

/** Raw word or number as written → its token forms; words repeat, so each is worked out once. */
const formMemo = new Map<string, TokenForm>();
/** At most this many remembered raw tokens (a few MB); the memo starts over when full. */
const FORM_MEMO_ENTRIES = 200_000;

function formOf(raw: string, isNumber: boolean): TokenForm {
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
  if (MAYBE_WHOLE_TEXT_ONLY.test(text) && WHOLE_TEXT_ONLY.test(text)) {
    for (const t of tokenize(text)) visit(t, t.gapBefore);
    return;
  }
  const re = SCAN_RE;
  re.lastIndex = 0;
  let gap = false;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    // Kept and put back, so a visit that scans another text does not move this scan.
    const after = re.lastIndex;
    if (m[1] !== undefined) {
      visit(formOf(m[1], true), gap);
      gap = false;
    } else if (m[2] !== undefined) {
      visit(formOf(m[2], false), gap);
      gap = false;
    } else if (GAP_RE.test(m[0])) {
      gap = true;
    }
    re.lastIndex = after;
  }
}

/** Years 1900–2100 mentioned in a text, sorted, unique. */
export function extractYears(text: string): number[] {
  const years = new Set<number>();
  for (const m of text.matchAll(/(?<![\d.,])(19\d\d|20\d\d|2100)(?!\d|[.,]\d)/g)) years.add(Number(m[1]));
  return [...years].sort((a, b) => a - b);
}
