import entries from './provinces.json';
import { foldDiacritics, hasDiacritics, normalizeTonePlacement } from '../text/normalize';
import { matchesOf } from '../text/matches';

/**
 * Vietnam's provinces (the 63 before 1 July 2025, each with the unit it was merged into) and the
 * districts and communes a text names. Built from ../shared/reference/provinces.tsv by
 * scripts/build-provinces.ts.
 */
export interface Province {
  /** Name before the July 2025 merger, NFC with traditional tone placement: "Khánh Hòa". */
  name: string;
  /** "tỉnh" or "thành phố". */
  kind: string;
  /** The province it belongs to since 1 July 2025 (itself when unchanged or when it absorbed others). */
  since2025: string;
  variants: string[];
}

const norm = (s: string): string => normalizeTonePlacement(s.normalize('NFC'));

export const PROVINCES: readonly Province[] = (entries as Province[]).map((p) => ({
  name: norm(p.name),
  kind: p.kind,
  since2025: norm(p.since2025),
  variants: p.variants.map(norm),
}));

const BY_NAME = new Map(PROVINCES.map((p) => [p.name, p]));

export function provinceByName(name: string): Province | undefined {
  return BY_NAME.get(norm(name));
}

/** "tỉnh" or "thành phố": how a province is named ("thành phố Hồ Chí Minh"); "tỉnh" when unknown. */
export function provinceKind(name: string): string {
  return provinceByName(name)?.kind ?? 'tỉnh';
}

/** Provinces merged into `name` on 1 July 2025 (not counting itself). */
export function mergedInto(name: string): Province[] {
  const n = norm(name);
  return PROVINCES.filter((p) => p.since2025 === n && p.name !== n);
}

/**
 * Forms a province is written in. The bare "Hồ Chí Minh" is left out: in these documents it is far
 * more often the President ("tư tưởng Hồ Chí Minh") than the city, which is written "TP. Hồ Chí Minh".
 * Short all-capital forms (HN, HP, ĐN, HCM) are matched only as written in capitals.
 */
interface Form {
  province: string;
  text: string;
  folded: string;
  capsOnly: boolean;
}

const NOT_BARE = new Set(['Hồ Chí Minh']);

/**
 * The old tone placement of a name ("Khánh Hòa" → "Khánh Hoà", "Thủy" → "Thuỷ"): documents are
 * matched as written, without normalizing every word of them first (which costs more than the match).
 */
function oldTonePlacement(name: string): string {
  return name
    .normalize('NFD')
    .replace(/([oOuU])([\u0300\u0301\u0303\u0309\u0323])([aAeEyY])(?![\p{L}\p{M}])/gu, '$1$3$2')
    .normalize('NFC');
}

const FORMS: Form[] = PROVINCES.flatMap((p) =>
  [...new Set([p.name, ...p.variants].flatMap((f) => [f, oldTonePlacement(f)]))]
    .filter((f) => !NOT_BARE.has(f))
    .map((f) => ({
      province: p.name,
      text: f,
      folded: foldDiacritics(f)
        .replace(/[^a-z0-9]+/g, ' ')
        .trim(),
      capsOnly: f.replace(/[^\p{L}]/gu, '').length <= 3 && f === f.toUpperCase(),
    })),
).sort((a, b) => b.text.length - a.text.length);

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const WORD_BEFORE = '(?<![\\p{L}\\p{M}\\d])';
const WORD_AFTER = '(?![\\p{L}\\p{M}\\d])';

/** A form as a pattern: its spaces, dots and dashes may be written with any spacing ("TP.HCM", "BR - VT"). */
function formPattern(text: string): string {
  return text
    .split(/[\s.\-–]+/)
    .filter(Boolean)
    .map(escape)
    .join('[\\s.\\-–]*');
}

function buildMatcher(forms: Form[], flags: string, pick: (f: Form) => string): RegExp {
  return new RegExp(
    `${WORD_BEFORE}(?:${forms.map((f) => `(${formPattern(pick(f))})`).join('|')})${WORD_AFTER}`,
    flags,
  );
}

const caseForms = FORMS.filter((f) => !f.capsOnly);
const capsForms = FORMS.filter((f) => f.capsOnly);
/** Documents: names as capitalized in running text, and in all-capital titles. */
const DOC_EXACT = buildMatcher(caseForms, 'gu', (f) => f.text);
const DOC_UPPER = buildMatcher(caseForms, 'gu', (f) => f.text.toUpperCase());
const CAPS = buildMatcher(capsForms, 'gu', (f) => f.text);
/** Questions: any case, with diacritics as typed or without them. */
const Q_LOWER = buildMatcher(caseForms, 'gu', (f) => f.text.toLowerCase());
const Q_FOLDED = buildMatcher(
  caseForms.filter((f) => f.folded.length >= 3),
  'gu',
  (f) => f.folded,
);

export interface PlaceMention {
  /** Province name (before the merger). */
  province: string;
  /** Offset in the text as given to the matcher (normalized). */
  index: number;
  /** Length of the matched span. */
  length: number;
}

function collect(re: RegExp, text: string, forms: Form[], out: PlaceMention[]): void {
  re.lastIndex = 0;
  for (const m of matchesOf(re, text)) {
    const i = m.slice(1).findIndex((g) => g !== undefined);
    const form = forms[i];
    if (form) out.push({ province: form.province, index: m.index ?? 0, length: m[0].length });
  }
}

/** Keeps the longest of overlapping mentions ("TP.HCM" once, not also its "HCM"), in text order. */
function distinctSpans(mentions: PlaceMention[]): PlaceMention[] {
  const sorted = [...mentions].sort((a, b) => a.index - b.index || b.length - a.length);
  const out: PlaceMention[] = [];
  let end = -1;
  for (const m of sorted) {
    if (m.index < end) continue;
    out.push(m);
    end = m.index + m.length;
  }
  return out;
}

/**
 * A province name that is also a common word: "hòa bình" (peace: "diễn biến hòa bình"). In a
 * question it counts only capitalized or after "tỉnh".
 */
const COMMON_WORD_NAMES = new Set(['Hòa Bình']);

/**
 * Provinces named in a document's text, in order of appearance. Names are matched as capitalized
 * ("Hòa Bình", "HÒA BÌNH"), never in lower case, so "hòa bình" (peace) or "diễn biến" is no place.
 */
export function findProvincesInDocument(text: string): PlaceMention[] {
  const t = text.normalize('NFC');
  const out: PlaceMention[] = [];
  collect(DOC_EXACT, t, caseForms, out);
  collect(DOC_UPPER, t, caseForms, out);
  collect(CAPS, t, capsForms, out);
  return distinctSpans(out);
}

/**
 * Provinces a question names, typed in any case, with or without diacritics ("quảng ninh",
 * "Quang Ninh", "TP.HCM", "Khánh Hoà"). A span typed without diacritics is matched folded; one typed
 * with diacritics must match them ("diễn biến" is not "Điện Biên").
 */
export function findProvincesInQuestion(question: string): string[] {
  const t = norm(question);
  const out: PlaceMention[] = [];
  collect(CAPS, t, capsForms, out);
  const lower = t.toLowerCase();
  const lowered: PlaceMention[] = [];
  collect(Q_LOWER, lower, caseForms, lowered);
  for (const m of lowered) {
    if (COMMON_WORD_NAMES.has(m.province)) {
      const capitalized = /^\p{Lu}/u.test(t.charAt(m.index));
      const afterProvinceWord = /(?:tỉnh|tinh)\s+$/u.test(lower.slice(Math.max(0, m.index - 6), m.index));
      if (!capitalized && !afterProvinceWord) continue;
    }
    out.push(m);
  }
  // The folded text keeps one character per character of `lower` for precomposed letters.
  const folded = foldDiacritics(lower).replace(/[^a-z0-9]/g, ' ');
  if (folded.length === lower.length) {
    const foldedForms = caseForms.filter((f) => f.folded.length >= 3);
    const hits: PlaceMention[] = [];
    collect(Q_FOLDED, folded, foldedForms, hits);
    for (const h of hits) {
      const form = foldedForms.find((f) => f.province === h.province && folded.startsWith(f.folded, h.index));
      const span = lower.slice(h.index, h.index + (form?.folded.length ?? 0));
      if (hasDiacritics(span)) continue;
      if (
        COMMON_WORD_NAMES.has(h.province) &&
        !/(?:tỉnh|tinh)\s+$/u.test(lower.slice(Math.max(0, h.index - 6), h.index))
      )
        continue;
      out.push(h);
    }
  }
  return [...new Set(distinctSpans(out).map((m) => m.province))];
}

/** Every form of every province, folded ("ho chi minh", "hcm", "tp hcm", "khanh hoa"), longest first. */
const ALL_FOLDED_FORMS: string[] = PROVINCES.flatMap((p) => [p.name, ...p.variants])
  .map((f) => foldPlace(f))
  .filter(Boolean)
  .sort((a, b) => b.length - a.length);

/** True when folded text starts with a province's name ("ho chi minh nam 2024" after "thành phố"). */
export function startsWithProvince(folded: string): boolean {
  const t = `${folded.trim()} `;
  return ALL_FOLDED_FORMS.some((f) => t.startsWith(`${f} `));
}

/** A district, town or commune named in a text: "huyện Tân Phú Đông", "thị xã Sơn Tây". */
export interface LocalPlace {
  level: 'huyện' | 'quận' | 'thị xã' | 'thành phố' | 'xã' | 'phường' | 'thị trấn';
  name: string;
}

const LOCAL_LEVELS: ReadonlyArray<[RegExp, LocalPlace['level']]> = [
  [/^huyện(?: đảo)?$/iu, 'huyện'],
  [/^quận$/iu, 'quận'],
  [/^thị xã$/iu, 'thị xã'],
  [/^(?:thành phố|tp\.?)$/iu, 'thành phố'],
  [/^xã$/iu, 'xã'],
  [/^phường$/iu, 'phường'],
  [/^thị trấn$/iu, 'thị trấn'],
];

// A name's word may carry an apostrophe ("Đắk R'lấp", "Ia H'Drai").
const LOCAL =
  /(?<![\p{L}\p{M}])([Hh]uyện đảo|[Hh]uyện|[Qq]uận|[Tt]hị xã|[Tt]hành phố|TP\.?|[Xx]ã|[Pp]hường|[Tt]hị trấn)\s+((?:\p{Lu}[\p{L}\p{M}]*(?:['’][\p{L}\p{M}]+)?|\d{1,2})(?:(?:\s+|\s*[-–]\s*)(?:\p{Lu}[\p{L}\p{M}]*(?:['’][\p{L}\p{M}]+)?|\d{1,2})){0,4})/gu;

/** Words that follow "huyện", "xã" … in capitals without being a name ("xã Hội" never; "Thành phố Hồ"). */
const NOT_NAME = new Set(['Ủy', 'Uỷ', 'Đảng', 'Hội', 'Ban', 'Nhân', 'UBND', 'HĐND', 'Đoàn', 'Các']);

/**
 * A district's party committee or youth union names its district without the level word: "Huyện ủy
 * Hải Hậu", "Thành ủy Uông Bí", "Thị đoàn Sơn Tây" (a province-level city's "Thành ủy Đà Nẵng" is none).
 */
const LOCAL_BODY =
  /(?<![\p{L}\p{M}])([Hh]uyện|[Qq]uận|[Tt]hị|[Tt]hành)\s+(?:[Ủủ]y|[Uu]ỷ|[Đđ]oàn)\s+((?:\p{Lu}[\p{L}\p{M}]*)(?:\s+\p{Lu}[\p{L}\p{M}]*){0,3})/gu;
const LOCAL_BODY_LEVELS: Record<string, LocalPlace['level']> = {
  huyện: 'huyện',
  quận: 'quận',
  thị: 'thị xã',
  thành: 'thành phố',
};

/**
 * Words a headline in capitals runs on with after the place ("HĐND PHƯỜNG TRẦN LÃM THÔNG QUA 9 NGHỊ
 * QUYẾT", "XÃ QUẢNG TÍN TỔNG KẾT NHIỆM VỤ NĂM 2025"): once sentence-cased every word has a capital, so
 * the name ends where one of these pairs (or "năm" before a year) begins.
 */
const HEADLINE_PAIRS = new Set(
  [
    'tổng kết',
    'sơ kết',
    'thông qua',
    'triển khai',
    'tổ chức',
    'kỳ họp',
    'công tác',
    'báo cáo',
    'nhiệm vụ',
    'phát động',
    'ra quân',
    'thực hiện',
    'hội nghị',
    'đại hội',
    'kế hoạch',
    'ứng phó',
    'bảo đảm',
    'đảm bảo',
    'chỉ đạo',
    'lãnh đạo',
  ].map((p) => foldDiacritics(p)),
);

function opensHeadlineWords(words: readonly string[], i: number): boolean {
  if (i === 0) return false;
  const next = words[i + 1] ?? '';
  if (/^năm$/iu.test(words[i]!) && /^\d{4}$/.test(next)) return true;
  return HEADLINE_PAIRS.has(foldDiacritics(`${words[i]} ${next}`));
}

/** Districts, towns and communes written with a capitalized name, in order, unique. */
export function findLocalPlaces(text: string): LocalPlace[] {
  return localPlacesOf(text.normalize('NFC'));
}

/** findLocalPlaces of a text already in NFC (a caller that has it saves normalizing it again). */
export function localPlacesOf(t: string): LocalPlace[] {
  const out: LocalPlace[] = [];
  const seen = new Set<string>();
  const matches = [
    ...[...matchesOf(LOCAL, t)].map((m) => ({ at: m.index ?? 0, levelWord: m[1] ?? '', names: m[2] ?? '' })),
    ...[...matchesOf(LOCAL_BODY, t)].map((m) => ({
      at: m.index ?? 0,
      levelWord: LOCAL_BODY_LEVELS[(m[1] ?? '').toLowerCase()] ?? '',
      names: m[2] ?? '',
    })),
  ].sort((a, b) => a.at - b.at);
  for (const { levelWord, names } of matches) {
    const words = names.replace(/\s*[-–]\s*/g, ' - ').split(/\s+/);
    const cut = words.findIndex((w, i) => NOT_NAME.has(w) || opensHeadlineWords(words, i));
    // Only the names found get the traditional tone placement (not the whole text).
    const name = normalizeTonePlacement((cut >= 0 ? words.slice(0, cut) : words).join(' '));
    if (!name) continue;
    const level = LOCAL_LEVELS.find(([re]) => re.test(levelWord))?.[1];
    if (!level) continue;
    // "thành phố Đà Nẵng" is a province-level city, not a district.
    if (level === 'thành phố' && (BY_NAME.has(name) || name.startsWith('Hồ Chí Minh'))) continue;
    const key = `${level}|${name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ level, name });
  }
  return out;
}

/** Folded form used to compare place names typed any way: "Tân Phú Đông" → "tan phu dong". */
export function foldPlace(name: string): string {
  return foldDiacritics(name)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Words a border station's name may open with, folded: "Cửa khẩu cảng Hòn Gai", "Cửa khẩu Quốc tế Móng Cái". */
const STATION_PREFIXES = [
  'cua khau quoc te',
  'cua khau cang',
  'cua khau song phuong',
  'cua khau chinh',
  'cua khau phu',
  'cua khau',
];
/** Words that end a station's name when a heading in capitals runs on ("ĐỒN BIÊN PHÒNG BÌNH CHÂU BÁO CÁO …"). */
const NOT_STATION_WORD = new Set(
  'bao so tong to hoi ke thong quy nam thang ngay ve va tai cua chu nhan trien thuc phoi tinh huyen'.split(
    ' ',
  ),
);
const WORD = /[\p{L}\p{M}]+|\d+|[^\s\p{L}\p{M}\d]/gu;

/**
 * The name of the border station ("đồn biên phòng", "đồn BP") a text names first, as written after it:
 * "Đồn Biên phòng Cửa khẩu cảng Hòn Gai" → "Cửa khẩu cảng Hòn Gai", "Đồn BP Bình Châu tổ chức …" →
 * "Bình Châu". The name is the capitalized words after it (at most four, after the generic "Cửa
 * khẩu …"); null when there is none. NFC or NFD, any case for the station words.
 */
export function findStation(text: string): string | null {
  const words = [...matchesOf(WORD, text.normalize('NFC'))].map((m) => m[0]);
  const folded = words.map((w) => foldDiacritics(w));
  for (let i = 0; i < words.length; i++) {
    if (folded[i] !== 'don') continue;
    let at = i + 1;
    if (folded[at] === 'bien' && folded[at + 1] === 'phong') at += 2;
    else if (folded[at] === 'bp') at += 1;
    else continue;
    const rest = folded.slice(at, at + 4).join(' ');
    const prefix = STATION_PREFIXES.find((p) => rest === p || rest.startsWith(`${p} `));
    const prefixWords = prefix ? prefix.split(' ').length : 0;
    const name: string[] = [];
    for (let j = at + prefixWords; j < words.length && name.length < 4; j++) {
      const w = words[j]!;
      // "Cửa" opens many stations' names (Cửa Việt, Cửa Lò, Cửa Tùng); "của" ("of") ends one.
      const riverMouth = folded[j] === 'cua' && w.normalize('NFC').toLowerCase() === 'cửa';
      if (!/^\p{Lu}/u.test(w) || (NOT_STATION_WORD.has(folded[j]!) && !riverMouth)) break;
      // A name in capitals ("BÌNH CHÂU") is written as a name.
      name.push(w.length > 1 && w === w.toUpperCase() ? w.charAt(0) + w.slice(1).toLowerCase() : w);
    }
    if (name.length === 0) continue;
    const lead = words
      .slice(at, at + prefixWords)
      .map((w, k) => (k === 0 ? w.charAt(0).toUpperCase() + w.slice(1).toLowerCase() : w.toLowerCase()));
    // "Quốc tế" keeps its capitals in a name.
    const opening = lead.join(' ').replace(/quốc tế/u, 'Quốc tế');
    return [opening, ...name].filter(Boolean).join(' ');
  }
  return null;
}

/** A station's own name, folded, without "Cửa khẩu …": what a question calls it ("đồn Hòn Gai"). */
export function stationKey(station: string): string {
  const f = foldPlace(station);
  const prefix = STATION_PREFIXES.find((p) => f.startsWith(`${p} `));
  return prefix ? f.slice(prefix.length + 1) : f;
}
