import { foldDiacritics, normalizeText } from './normalize';

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
      const t = canonicalNumber(m[1]);
      out.push({ text: t, folded: t, gapBefore: gap, isNumber: true, capitals: false });
      gap = false;
    } else if (m[2]) {
      const word = m[2];
      const lower = word.toLowerCase();
      const capitals = lower !== word && word.length > 1 && word === word.toUpperCase();
      out.push({ text: lower, folded: foldDiacritics(lower), gapBefore: gap, isNumber: false, capitals });
      gap = false;
    } else if (m[3] && /[.,;:!?()[\]{}"“”'‘’…/|–—-]/.test(m[3])) {
      gap = true;
    }
  }
  return out;
}

/** Years 1900–2100 mentioned in a text, sorted, unique. */
export function extractYears(text: string): number[] {
  const years = new Set<number>();
  for (const m of text.matchAll(/(?<![\d.,])(19\d\d|20\d\d|2100)(?!\d|[.,]\d)/g)) years.add(Number(m[1]));
  return [...years].sort((a, b) => a - b);
}
