import iconv from 'iconv-lite';
import { decodeUtf8 } from '../text/code-units';

/**
 * Vietnamese text from before Unicode: TCVN3 (ABC), VNI-Windows and Windows-1258. Files arrive either
 * as raw legacy bytes (not valid UTF-8) or as UTF-8 "mojibake": legacy bytes that some program read as
 * Windows-1252 and saved again as UTF-8 ("Bé ®éi Biªn phßng" for "Bộ đội Biên phòng"). Both are
 * detected by decoding every candidate and scoring how many words come out as Vietnamese syllables.
 */

export type TextEncoding = 'utf-8' | 'utf-16' | 'tcvn3' | 'vni' | 'windows-1258';
export type LegacyEncoding = 'tcvn3' | 'vni' | 'windows-1258';

export interface DecodedText {
  text: string;
  encoding: TextEncoding;
  /** Vietnamese note for the ingest report when the text was converted. */
  note?: string;
}

/** Why bytes could not be turned into text; read-document maps it to a ChithiError naming the file. */
export class UndecodableTextError extends Error {
  constructor(readonly reason: 'binary' | 'unknown-encoding') {
    super(reason === 'binary' ? 'binary content' : 'no known Vietnamese encoding fits');
    this.name = 'UndecodableTextError';
  }
}

const ENCODING_LABELS: Record<LegacyEncoding, string> = {
  tcvn3: 'TCVN3 (ABC)',
  vni: 'VNI',
  'windows-1258': 'Windows-1258',
};

// ---------------------------------------------------------------------------------------------
// TCVN3: TCVN 5712:1993. The ABC fonts (.VnTime) use the VN3 subset, which has no upper-case toned
// vowels (all-caps text used the .VnTimeH fonts, which draw the lower-case codes as capitals); the
// full VN1 table adds them in 0x80-0x9F and a few C0 slots. Decoding with VN1 accepts both.

/** Bytes 0x80-0xFF of TCVN 5712 VN1, one character each (0xB0-0xB4 are combining tone marks). */
const TCVN3_HIGH =
  'ÀẢÃÁẠẶẬÈẺẼÉẸỆÌỈĨ' + // 0x80
  'ÍỊÒỎÕÓỌỘỜỞỠỚỢÙỦŨ' + // 0x90
  '\u00a0ĂÂÊÔƠƯĐăâêôơưđẰ' + // 0xA0
  '\u0300\u0309\u0303\u0301\u0323àảãáạẲằẳẵắẴ' + // 0xB0
  'ẮẦẨẪẤỀặầẩẫấậèỂẻẽ' + // 0xC0
  'éẹềểễếệìỉỄẾỒĩíịò' + // 0xD0
  'Ổỏõóọồổỗốộờởỡớợù' + // 0xE0
  'ỖủũúụừửữứựỳỷỹýỵỐ'; // 0xF0

/** The C0 slots VN1 reuses for upper-case letters that did not fit in 0x80-0x9F. */
const TCVN3_LOW: Record<number, string> = {
  0x01: 'Ú',
  0x02: 'Ụ',
  0x04: 'Ừ',
  0x05: 'Ử',
  0x06: 'Ữ',
  0x11: 'Ứ',
  0x12: 'Ự',
  0x13: 'Ỳ',
  0x14: 'Ỷ',
  0x15: 'Ỹ',
  0x16: 'Ý',
  0x17: 'Ỵ',
};

const TCVN3_DECODE: string[] = buildTcvn3Table();

function buildTcvn3Table(): string[] {
  const high = [...TCVN3_HIGH];
  if (high.length !== 128) throw new Error(`TCVN3 table has ${high.length} entries, expected 128`);
  const table: string[] = [];
  for (let b = 0; b < 256; b++)
    table.push(b < 0x80 ? (TCVN3_LOW[b] ?? String.fromCharCode(b)) : high[b - 0x80]!);
  return table;
}

/** Decodes TCVN3 bytes; all-caps words typed with the lower-case codes are restored to capitals. */
export function decodeTcvn3(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += TCVN3_DECODE[b];
  return restoreAllCaps(out.normalize('NFC'));
}

const ASCII_UPPER = /[A-Z]/g;
const ASCII_LOWER = /[a-z]/;

/**
 * VN3 text in .VnTimeH fonts stores "NGHỊ QUYẾT" as "NGHÞ QUYÕT", which decodes to "NGHị QUYếT". Vietnamese
 * words are never camel-cased, so a word with a capital after a small letter ("ĐộI"), or whose ASCII
 * letters are all capitals (at least two) yet holds a small letter ("QUYếT"), is an all-caps word. A
 * word like "Bộ" (a capital, then only non-ASCII small letters) is ambiguous: it becomes all-caps when its
 * neighbours on the line are all-caps and one of them was repaired.
 */
function restoreAllCaps(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      if (!/\p{Ll}/u.test(line)) return line;
      const parts = line.split(/([\p{L}\p{M}]+)/u);
      // Odd indexes hold words, even ones the text between them.
      const words = parts.filter((_, i) => i % 2 === 1);
      // 'fixed' marks words repaired here, and capitals with a letter only words typed in capitals
      // have ("THƯ", "NHÂN"): evidence of VN3 all-caps typing, unlike acronyms ("BĐBP", "CHQS").
      const evidence = (w: string) => isBrokenCaps(w) || (isAllCaps(w) && VN3_CAPITAL_VOWEL.test(w));
      // A line whose every word is in capitals or like "Sở", "Tế" (a capital, then toned small letters
      // only) was typed in capitals when one word is evidence ("Uỷ BAN NHÂN DÂN HUYỆN TÂN PHÚ ĐÔNG",
      // "Bí THƯ"), or two are such words and no small ASCII letter is written: "SỞ Y TẾ" in .VnTimeH
      // decodes to "Sở Y Tế", which no Unicode text writes ("Số: 85/KH-SYT" has one).
      const ambiguous = words.filter(isAmbiguousCaps).length;
      if (
        ambiguous > 0 &&
        words.every((w) => isAllCaps(w) || isAmbiguousCaps(w) || isBrokenCaps(w)) &&
        (words.some(evidence) || (ambiguous >= 2 && !ASCII_LOWER.test(line)))
      )
        return line.toUpperCase();
      const caps = words.map((w) => (evidence(w) ? 'fixed' : isAllCaps(w) ? 'source' : undefined));
      const fixed = words.map((w) => (isBrokenCaps(w) ? w.toUpperCase() : w));
      for (let i = 0; i < words.length; i++) {
        if (!isAmbiguousCaps(words[i]!)) continue;
        const neighbours = [i > 0 ? caps[i - 1] : null, i + 1 < words.length ? caps[i + 1] : null].filter(
          (c) => c !== null,
        );
        if (neighbours.every((c) => c !== undefined) && neighbours.includes('fixed')) {
          fixed[i] = words[i]!.toUpperCase();
          caps[i] = 'fixed';
        }
      }
      return parts.map((p, i) => (i % 2 === 1 ? fixed[(i - 1) / 2]! : p)).join('');
    })
    .join('\n');
}

/** The toneless Vietnamese capitals VN3 has codes for, which no acronym writes (unlike Đ). */
const VN3_CAPITAL_VOWEL = /[ĂÂÊÔƠƯ]/u;

function isAllCaps(word: string): boolean {
  return !/\p{Ll}/u.test(word) && /\p{Lu}/u.test(word);
}

function isBrokenCaps(word: string): boolean {
  if (!/\p{Ll}/u.test(word)) return false;
  if (/\p{Ll}\p{M}*\p{Lu}/u.test(word)) return true;
  return !ASCII_LOWER.test(word) && (word.match(ASCII_UPPER)?.length ?? 0) >= 2;
}

function isAmbiguousCaps(word: string): boolean {
  return /^\p{Lu}/u.test(word) && !ASCII_LOWER.test(word) && /\p{Ll}/u.test(word) && !isBrokenCaps(word);
}

const TCVN3_ENCODE: Map<string, number> = (() => {
  const map = new Map<string, number>();
  TCVN3_DECODE.forEach((ch, b) => {
    if (b >= 0x20 || TCVN3_LOW[b]) map.set(ch, b);
  });
  return map;
})();

/**
 * Encodes Unicode text as TCVN3 (the inverse table), for tests and fixtures. With `caps: 'vn3'` the
 * upper-case toned vowels get their lower-case codes, as typists of the ABC fonts did; with `'vn1'`
 * (default) they get the VN1 capital codes. Characters outside the table become "?".
 */
export function encodeTcvn3(text: string, options: { caps?: 'vn1' | 'vn3' } = {}): Buffer {
  const bytes: number[] = [];
  for (const ch of text.normalize('NFC')) {
    // VN3 keeps only A-Z and ĂÂÊÔƠƯĐ (0xA1-0xA7) as capitals; toned capitals take lower-case codes.
    const vn3Lower = options.caps === 'vn3' && ch !== ch.toLowerCase() && !/[A-ZĂÂÊÔƠƯĐ]/.test(ch);
    const code = TCVN3_ENCODE.get(vn3Lower ? ch.toLowerCase() : ch) ?? CP1252_BYTES.get(ch);
    bytes.push(code ?? 0x3f);
  }
  return Buffer.from(bytes);
}

// ---------------------------------------------------------------------------------------------
// VNI-Windows: a base letter followed by a modifier byte. Shown here as the Windows-1252 characters
// the bytes stand for (all modifiers are Latin-1 letters, so the file reads as "Xin chaøo").

const COMBINING = { acute: '\u0301', grave: '\u0300', hook: '\u0309', tilde: '\u0303', dot: '\u0323' };
const CIRCUMFLEX = '\u0302';
const BREVE = '\u0306';
const HORN = '\u031b';

/** Tone modifiers, lower and upper case: ù ø û õ ï. */
const VNI_TONES: Record<string, string> = {
  ù: COMBINING.acute,
  ø: COMBINING.grave,
  û: COMBINING.hook,
  õ: COMBINING.tilde,
  ï: COMBINING.dot,
  Ù: COMBINING.acute,
  Ø: COMBINING.grave,
  Û: COMBINING.hook,
  Õ: COMBINING.tilde,
  Ï: COMBINING.dot,
};

/** Circumflex with a tone (after a, e, o): â á à å ã ä. */
const VNI_CIRCUMFLEX: Record<string, string> = {
  â: '',
  á: COMBINING.acute,
  à: COMBINING.grave,
  å: COMBINING.hook,
  ã: COMBINING.tilde,
  ä: COMBINING.dot,
};

/** Breve with a tone (after a only): ê é è ú ü ë. */
const VNI_BREVE: Record<string, string> = {
  ê: '',
  é: COMBINING.acute,
  è: COMBINING.grave,
  ú: COMBINING.hook,
  ü: COMBINING.tilde,
  ë: COMBINING.dot,
};

/** Letters VNI stores in one byte: ơ ư đ and the toned i / ỵ. */
const VNI_SINGLE: Record<string, string> = {
  ô: 'ơ',
  Ô: 'Ơ',
  ö: 'ư',
  Ö: 'Ư',
  ñ: 'đ',
  Ñ: 'Đ',
  í: 'í',
  Í: 'Í',
  ì: 'ì',
  Ì: 'Ì',
  æ: 'ỉ',
  Æ: 'Ỉ',
  ó: 'ĩ',
  Ó: 'Ĩ',
  ò: 'ị',
  Ò: 'Ị',
  î: 'ỵ',
  Î: 'Ỵ',
};

function lowerKey(ch: string): string {
  return ch.toLowerCase();
}

/** Decodes VNI-Windows text given as one character per byte (Windows-1252 / Latin-1 reading). */
export function decodeVniChars(chars: string): string {
  let out = '';
  const list = [...chars];
  for (let i = 0; i < list.length; i++) {
    const ch = list[i]!;
    const next = list[i + 1];
    const base = ch.toLowerCase();
    if ('aeouy'.includes(base) || 'ôö'.includes(base)) {
      const letter = VNI_SINGLE[ch] ?? ch;
      const key = next === undefined ? undefined : lowerKey(next);
      if (key !== undefined && 'aeo'.includes(base) && VNI_CIRCUMFLEX[key] !== undefined) {
        out += letter + CIRCUMFLEX + VNI_CIRCUMFLEX[key];
        i++;
      } else if (key !== undefined && base === 'a' && VNI_BREVE[key] !== undefined) {
        out += letter + BREVE + VNI_BREVE[key];
        i++;
      } else if (next !== undefined && VNI_TONES[next] !== undefined) {
        out += letter + VNI_TONES[next];
        i++;
      } else {
        out += letter;
      }
    } else {
      out += VNI_SINGLE[ch] ?? ch;
    }
  }
  return out.normalize('NFC');
}

const VNI_TONE_BYTES: Record<string, [string, string]> = {
  [COMBINING.acute]: ['ù', 'Ù'],
  [COMBINING.grave]: ['ø', 'Ø'],
  [COMBINING.hook]: ['û', 'Û'],
  [COMBINING.tilde]: ['õ', 'Õ'],
  [COMBINING.dot]: ['ï', 'Ï'],
};

function invert(table: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(table).map(([k, v]) => [v, k]));
}
const VNI_CIRCUMFLEX_BY_TONE = invert(VNI_CIRCUMFLEX);
const VNI_BREVE_BY_TONE = invert(VNI_BREVE);
const VNI_SINGLE_BY_LETTER = invert(VNI_SINGLE);

/**
 * Encodes Unicode text as VNI-Windows bytes (the inverse of {@link decodeVniChars}), for tests and
 * fixtures. Characters VNI cannot hold become "?".
 */
export function encodeVni(text: string): Buffer {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const single = VNI_SINGLE_BY_LETTER[ch];
    if (single !== undefined) {
      out += single;
      continue;
    }
    const parts = [...ch.normalize('NFD')];
    const letter = parts[0]!;
    const marks = parts.slice(1);
    const upper = letter !== letter.toLowerCase();
    const tone = marks.find((m) => VNI_TONE_BYTES[m] !== undefined) ?? '';
    const shape = marks.find((m) => m === CIRCUMFLEX || m === BREVE || m === HORN);
    let encoded: string;
    if (marks.length === 0) encoded = letter;
    else if (shape === CIRCUMFLEX) encoded = letter + VNI_CIRCUMFLEX_BY_TONE[tone]!;
    else if (shape === BREVE) encoded = letter + VNI_BREVE_BY_TONE[tone]!;
    else {
      const base =
        shape === HORN ? (VNI_SINGLE_BY_LETTER[(letter + HORN).normalize('NFC')] ?? letter) : letter;
      const toneByte = VNI_TONE_BYTES[tone];
      encoded = toneByte ? base + toneByte[upper ? 1 : 0] : base;
    }
    // Upper-case shape modifiers mirror the letter's case, as VNI fonts expect.
    if (upper && encoded.length > 1) encoded = encoded[0] + encoded.slice(1).toUpperCase();
    out += encoded;
  }
  return Buffer.from([...out].map((c) => CP1252_BYTES.get(c) ?? 0x3f));
}

// ---------------------------------------------------------------------------------------------
// Windows-1258: precomposed ă â ê ô ơ ư đ plus combining tone marks; iconv-lite has the table.

export function decodeWindows1258(bytes: Uint8Array): string {
  return iconv.decode(Buffer.from(bytes), 'windows1258').normalize('NFC');
}

/** Encodes text as Windows-1258 the way Windows does: shaped letter precomposed, tone combining. */
export function encodeWindows1258(text: string): Buffer {
  const split = [...text.normalize('NFC')]
    .map((ch) => {
      const parts = [...ch.normalize('NFD')];
      const tones = parts.filter((p) => VNI_TONE_BYTES[p] !== undefined);
      if (tones.length === 0) return ch;
      const rest = parts.filter((p) => VNI_TONE_BYTES[p] === undefined).join('');
      return rest.normalize('NFC') + tones.join('');
    })
    .join('');
  return iconv.encode(split, 'windows1258');
}

// ---------------------------------------------------------------------------------------------
// Windows-1252 reading of bytes: how legacy bytes turn into UTF-8 mojibake, and back.

const CP1252_CHARS: string[] = (() => {
  const all = Buffer.alloc(256);
  for (let b = 0; b < 256; b++) all[b] = b;
  const chars = [...iconv.decode(all, 'windows1252')];
  // Bytes 0x81, 0x8D, 0x8F, 0x90, 0x9D are unassigned; programs pass them through as C1 controls.
  return chars.map((c, b) => (c === '\ufffd' ? String.fromCharCode(b) : c));
})();
const CP1252_BYTES = new Map<string, number>(CP1252_CHARS.map((c, b) => [c, b]));

/** The bytes a Windows-1252 reader turned into `text`, or null if some character has no such byte. */
export function windows1252Bytes(text: string): Buffer | null {
  const bytes: number[] = [];
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    const b = CP1252_BYTES.get(ch) ?? (code >= 0x80 && code <= 0x9f ? code : undefined);
    if (b === undefined) return null;
    bytes.push(b);
  }
  return Buffer.from(bytes);
}

// ---------------------------------------------------------------------------------------------
// Scoring: the share of words with non-ASCII letters that are well-formed Vietnamese syllables.

const TONE_MARKS = new Set(Object.values(COMBINING));
const SYLLABLE =
  /^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?(oai|oay|oao|oeo|uây|uôi|uya|uyê|uyu|ươi|ươu|iêu|yêu|ai|ao|au|ay|âu|ây|eo|êu|ia|iê|iu|oa|oă|oe|oi|oo|ôi|ơi|ua|uâ|uê|ui|uô|uơ|uy|ưa|ưi|ưu|ươ|ya|yê|[aăâeêioôơuưy])(ch|nh|ng|[cmnpt])?$/;

/** True when `word` (any case, any normalization) is a well-formed Vietnamese syllable. */
export function isVietnameseSyllable(word: string): boolean {
  const parts = [...word.toLowerCase().normalize('NFD')];
  const tones = parts.filter((p) => TONE_MARKS.has(p)).length;
  if (tones > 1) return false;
  const bare = parts
    .filter((p) => !TONE_MARKS.has(p))
    .join('')
    .normalize('NFC');
  return SYLLABLE.test(bare);
}

const NON_ASCII = /\P{ASCII}/u;

/** Punctuation outside ASCII that real Vietnamese UTF-8 text uses; other symbols count against. */
const ALLOWED_SYMBOLS = /[\u00a0\u2013\u2014\u2018\u2019\u201c\u201d\u2026\u2022\u00b0\u00ab\u00bb\u00a7]/u;

/**
 * Share (0-1) of whitespace-separated tokens containing non-ASCII characters whose letter runs are all
 * Vietnamese syllables (or plain ASCII) and whose other characters are ordinary punctuation. Returns
 * the token count too: text with no such token gives no evidence either way.
 */
export function vietnameseScore(text: string): { score: number; tokens: number } {
  let tokens = 0;
  let good = 0;
  for (const token of text.split(/\s+/)) {
    if (!NON_ASCII.test(token)) continue;
    tokens++;
    const runs = token.match(/[\p{L}\p{M}]+/gu) ?? [];
    const lettersOk = runs.every((run) => /^[A-Za-z]+$/.test(run) || isVietnameseSyllable(run));
    const others = token.replace(/[\p{L}\p{M}\p{ASCII}]/gu, '');
    const symbolsOk = [...others].every((c) => ALLOWED_SYMBOLS.test(c));
    if (lettersOk && symbolsOk) good++;
  }
  return { score: tokens === 0 ? 0 : good / tokens, tokens };
}

// ---------------------------------------------------------------------------------------------

/** A legacy reading must reach this score to be accepted (tuned on the seed report: see tests). */
const MIN_LEGACY_SCORE = 0.6;
/** …and beat the UTF-8 reading by this much, so real UTF-8 text with a few odd words stays as is. */
const MIN_MARGIN = 0.15;

/**
 * Bytes below 0x20 that text has: tab, LF, FF, CR, and the C0 slots TCVN3 (VN1) uses for capitals.
 * A table, not a lookup per byte in TCVN3_LOW: every file's first 64 KB pass through here.
 */
const TEXT_CONTROLS = new Uint8Array(0x20);
for (const b of [0x09, 0x0a, 0x0c, 0x0d]) TEXT_CONTROLS[b] = 1;
for (const b of Object.keys(TCVN3_LOW)) TEXT_CONTROLS[Number(b)] = 1;

function looksBinary(bytes: Uint8Array): boolean {
  const length = Math.min(bytes.length, 64 * 1024);
  let controls = 0;
  for (let i = 0; i < length; i++) {
    const b = bytes[i]!;
    if (b >= 0x20) continue;
    if (b === 0) return true;
    if (TEXT_CONTROLS[b] === 0) controls++;
  }
  return controls > length * 0.02;
}

function decodeUtf16(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  return null;
}

function legacyCandidates(bytes: Uint8Array): Array<{ encoding: LegacyEncoding; text: string }> {
  return [
    { encoding: 'tcvn3', text: decodeTcvn3(bytes) },
    { encoding: 'vni', text: decodeVniChars([...bytes].map((b) => CP1252_CHARS[b]).join('')) },
    { encoding: 'windows-1258', text: decodeWindows1258(bytes) },
  ];
}

function conversionNote(encoding: LegacyEncoding, viaMojibake: boolean): string {
  const label = ENCODING_LABELS[encoding];
  return viaMojibake
    ? `đã chuyển từ mã ${label} (bị lưu nhầm thành UTF-8) sang Unicode`
    : `đã chuyển từ mã ${label} sang Unicode`;
}

/**
 * Turns file bytes into Unicode text (NFC), detecting UTF-8 (with or without BOM), UTF-16 with BOM,
 * TCVN3, VNI and Windows-1258, including legacy bytes that were saved again as UTF-8 through
 * Windows-1252. Line endings are left as they are.
 *
 * @throws UndecodableTextError for binary content or text no encoding turns into Vietnamese.
 */
export function detectAndDecode(input: Uint8Array): DecodedText {
  const utf16 = decodeUtf16(input);
  if (utf16 !== null) return { text: utf16.normalize('NFC'), encoding: 'utf-16' };

  let bytes = input;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
  if (looksBinary(bytes)) throw new UndecodableTextError('binary');

  const asUtf8 = decodeUtf8(bytes);

  if (asUtf8 !== null) {
    // Mojibake is possible only if every character maps back to one Windows-1252 byte.
    const reread = NON_ASCII.test(asUtf8) ? windows1252Bytes(asUtf8) : null;
    if (reread === null) return { text: asUtf8.normalize('NFC'), encoding: 'utf-8' };
    const base = vietnameseScore(asUtf8).score;
    const best = pickBest(legacyCandidates(reread));
    if (best && best.score >= MIN_LEGACY_SCORE && best.score >= base + MIN_MARGIN) {
      return { text: best.text, encoding: best.encoding, note: conversionNote(best.encoding, true) };
    }
    return { text: asUtf8.normalize('NFC'), encoding: 'utf-8' };
  }

  const best = pickBest(legacyCandidates(bytes));
  if (!best || best.score < MIN_LEGACY_SCORE) throw new UndecodableTextError('unknown-encoding');
  return { text: best.text, encoding: best.encoding, note: conversionNote(best.encoding, false) };
}

function pickBest(
  candidates: Array<{ encoding: LegacyEncoding; text: string }>,
): { encoding: LegacyEncoding; text: string; score: number } | undefined {
  let best: { encoding: LegacyEncoding; text: string; score: number } | undefined;
  for (const c of candidates) {
    const { score, tokens } = vietnameseScore(c.text);
    if (tokens === 0) continue;
    // Earlier candidates win ties: TCVN3 was by far the most common legacy encoding in agencies.
    if (!best || score > best.score) best = { ...c, score };
  }
  return best;
}
