/**
 * Vietnamese text normalization for matching, while display keeps the original text.
 *
 * - NFC composition (documents arrive in NFC or NFD).
 * - One tone-placement style: the traditional one (hòa, thúy, ủy, khỏe), so "hoà" and "hòa" match.
 * - Whitespace collapsed (including non-breaking and zero-width spaces).
 */
import { unitsToString } from './code-units';

const TONE_MARKS = new Set(['\u0300', '\u0301', '\u0303', '\u0309', '\u0323']);
/** Vowel-quality marks that stay with their vowel: circumflex, breve, horn. */
const QUALITY_MARKS = new Set(['\u0302', '\u0306', '\u031B']);
const PLAIN_VOWELS = new Set(['a', 'e', 'i', 'o', 'u', 'y']);

/** One letter in NFD: its base character and its vowel-quality mark (no tone). */
interface Letter {
  base: string;
  quality: string;
}

function isVowel(letter: Letter): boolean {
  return PLAIN_VOWELS.has(letter.base.toLowerCase());
}

/**
 * Index of the vowel that carries the tone in the traditional style, or -1.
 * Letters are the syllable without tone.
 */
function toneIndex(letters: Letter[]): number {
  const lower = letters.map((l) => l.base.toLowerCase());
  let start = 0;
  // "qu" and "gi" (before another vowel) are initial consonants, not part of the nucleus.
  if (lower[0] === 'q' && lower[1] === 'u') start = 2;
  else if (lower[0] === 'g' && lower[1] === 'i' && letters.length > 2 && isVowel(letters[2]!)) start = 2;
  else {
    while (start < letters.length && !isVowel(letters[start]!)) start++;
  }
  let end = start;
  while (end < letters.length && isVowel(letters[end]!)) end++;
  if (end <= start) {
    // "gì", "quý" handled here: the only vowel is inside the initial cluster.
    for (let i = letters.length - 1; i >= 0; i--) if (isVowel(letters[i]!)) return i;
    return -1;
  }
  const nucleus: number[] = [];
  for (let i = start; i < end; i++) nucleus.push(i);
  // A vowel with a quality mark (ê, ơ, ô, â, ă, ư) takes the tone; in "ươ" it is the ơ.
  const marked = nucleus.filter((i) => letters[i]!.quality !== '');
  if (marked.length > 0) return marked[marked.length - 1]!;
  const hasFinal = end < letters.length;
  if (hasFinal) return nucleus[nucleus.length - 1]!;
  if (nucleus.length >= 3) return nucleus[1]!;
  return nucleus[0]!;
}

/** A tone mark in an NFD word: only such words can need their tone moved. */
const HAS_TONE = /[\u0300\u0301\u0303\u0309\u0323]/;

function placeToneInWord(word: string): string {
  if (!HAS_TONE.test(word)) return word;
  // Syllables repeat (a few thousand cover Vietnamese): ingest and every highlighted answer place the
  // tones of every word, so short words are remembered. The result depends on the word only.
  if (word.length > TONE_MEMO_MAX_LENGTH) return placeTone(word);
  const hit = toneMemo.get(word);
  if (hit !== undefined) return hit;
  const out = placeTone(word);
  if (toneMemo.size >= TONE_MEMO_ENTRIES) toneMemo.clear();
  toneMemo.set(word, out);
  return out;
}

/** Words up to this length (in NFD code units: a syllable and its marks) are remembered. */
const TONE_MEMO_MAX_LENGTH = 16;
/** At most this many remembered words (about 1 MB); the memo starts over when full. */
const TONE_MEMO_ENTRIES = 20_000;
const toneMemo = new Map<string, string>();

function placeTone(word: string): string {
  // word is NFD; collect letters with their marks.
  const letters: Letter[] = [];
  let tone = '';
  for (const ch of word) {
    if (TONE_MARKS.has(ch)) {
      tone = ch;
    } else if (QUALITY_MARKS.has(ch)) {
      const last = letters[letters.length - 1];
      if (last) last.quality = ch;
    } else {
      letters.push({ base: ch, quality: '' });
    }
  }
  if (!tone) return word;
  const at = toneIndex(letters);
  if (at < 0) return word;
  let out = '';
  letters.forEach((l, i) => {
    out += l.base + l.quality + (i === at ? tone : '');
  });
  return out;
}

const WORD_NFD = /(?:[A-Za-zĐđ]|[\u0300-\u036f])+/g;

/**
 * Moves tone marks to the traditional position in every syllable: "hoà" → "hòa", "thuý" → "thúy",
 * "uỷ" → "ủy", "khoẻ" → "khỏe". Syllables with a final consonant ("hoàng", "quyết") and "qu"/"gi"
 * initials ("quý", "giá") are left as they are. Returns NFC.
 */
export function normalizeTonePlacement(text: string): string {
  const nfd = text.normalize('NFD');
  return nfd.replace(WORD_NFD, (w) => placeToneInWord(w)).normalize('NFC');
}

const SPACES = /[\s\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+/g;

/** Collapses every run of whitespace (and zero-width/non-breaking spaces) to one space; trims. */
export function collapseWhitespace(text: string): string {
  // Passages come from the parser with their whitespace collapsed: most texts have none to change,
  // and the replace alone matches every space of them.
  return SPACE_WORK.test(text) ? text.replace(SPACES, ' ').trim() : text;
}

/**
 * What collapseWhitespace would change: a space of SPACES other than a single inner " " (U+200B is
 * the one that is not \s).
 */
const SPACE_WORK = /[^\S ]|\u200b| {2}|^ | $/;

/** NFC + traditional tone placement + collapsed whitespace. Case is kept. */
export function normalizeText(text: string): string {
  return collapseWhitespace(normalizeTonePlacement(text));
}

/**
 * Removes every diacritic and lowercases: "Đảng ủy BĐBP" → "dang uy bdbp". Used for matching
 * questions typed without diacritics, as many people type in chat.
 */
export function foldDiacritics(text: string): string {
  // Words repeat: ingest folds every syllable of every passage (issue 14 measured this as the first
  // cost of ingest), so short inputs are remembered. The result depends on the input only.
  if (text.length > FOLD_MEMO_MAX_LENGTH) return foldByUnit(text) ?? foldWhole(text);
  const hit = foldMemo.get(text);
  if (hit !== undefined) return hit;
  const out = foldWhole(text);
  if (foldMemo.size >= FOLD_MEMO_ENTRIES) foldMemo.clear();
  foldMemo.set(text, out);
  return out;
}

function foldWhole(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}

/**
 * foldWhole of a long text, one code unit at a time, when every unit is Latin, Vietnamese, a combining
 * mark U+0300–U+036F or general punctuation: there the fold of a text is the folds of its units end to
 * end (their decompositions only add marks that are removed, and lower case needs no context), so
 * profiles and facts fold whole paragraphs without normalizing them. Else null (the caller folds whole).
 * The folded units go to a scratch array and become a string in a few calls: adding them to a string
 * one by one cost twice as much on a document's body.
 */
function foldByUnit(text: string): string | null {
  const n = text.length;
  if (foldScratch.length < n) foldScratch = new Uint16Array(Math.max(n, 2 * foldScratch.length));
  let units = foldScratch;
  let o = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      units[o++] = c >= 0x41 && c <= 0x5a ? c + 32 : c;
      continue;
    }
    if (!(c < 0x370 || (c >= 0x1e00 && c < 0x1f00) || (c >= 0x2000 && c < 0x2070))) return null;
    let code = unitCodes[c]!;
    if (code === UNIT_UNKNOWN) {
      const f = foldWhole(text[i]!);
      unitFolds[c] = f;
      code = unitCodes[c] = f.length === 1 ? f.charCodeAt(0) : -1;
    }
    if (code >= 0) {
      units[o++] = code;
      continue;
    }
    // A unit folded to nothing (a combining mark) or to more than one ("Ǆ" → "dz").
    const f = unitFolds[c]!;
    if (o + f.length + (n - i) > units.length) {
      const grown = new Uint16Array(2 * (o + f.length + (n - i)));
      grown.set(units.subarray(0, o));
      units = foldScratch = grown;
    }
    for (let k = 0; k < f.length; k++) units[o++] = f.charCodeAt(k);
  }
  return unitsToString(units, o);
}

/** foldWhole of single code units (see foldByUnit), worked out on first use. */
const unitFolds: Array<string | undefined> = [];
/** In unitCodes: not worked out yet. */
const UNIT_UNKNOWN = -2;
/** The same as one code unit, or -1 when a unit folds to none or to several (see unitFolds). */
const unitCodes = new Int32Array(0x2070).fill(UNIT_UNKNOWN);
/** Reused by every fold (synchronous, never shared); grows to the longest text folded. */
let foldScratch = new Uint16Array(1024);

/** Inputs up to this length (a syllable, a short word) are remembered by foldDiacritics. */
const FOLD_MEMO_MAX_LENGTH = 24;
/** At most this many remembered inputs (a few MB); the memo starts over when full. */
const FOLD_MEMO_ENTRIES = 100_000;
const foldMemo = new Map<string, string>();

/** True when the text has at least one Vietnamese diacritic (or đ). */
export function hasDiacritics(text: string): boolean {
  return /[\u0300-\u036fđĐ]/.test(text.normalize('NFD'));
}

/**
 * Folded text (lower case, no diacritics) with "i" ending a syllable after t, k, l, m, h, s or qu
 * written "y": one word in two spellings ("ti le" / "ty le", "ki hop" / "ky hop", "qui" / "quy") folds
 * alike, as tokens do (see tokenize). Same length as its input.
 */
export function spellIAsY(folded: string): string {
  return folded.includes('i') ? folded.replace(/(?<![a-z0-9])([tklmhs]|qu)i(?![a-z0-9])/g, '$1y') : folded;
}
