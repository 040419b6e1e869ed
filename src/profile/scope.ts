import { foldDiacritics, hasDiacritics, normalizeText, spellIAsY } from '../text/normalize';
import {
  findProvincesInQuestion,
  findStation,
  foldPlace,
  mergedInto,
  provinceByName,
  provinceKind,
  startsWithProvince,
  stationKey,
} from './places';
import { asksForFigure } from '../text/terms';
import { DocumentProfile, LEVEL_WORDS, PLANNING_KINDS, QUARTER, ROMAN_NAME } from './profile';
import {
  departmentAffinity,
  findUnits,
  foldForUnits,
  soFieldName,
  UNIT_LABELS,
  unitAffinity,
  UnitType,
} from './units';

/** The year the provinces were merged (1 July 2025, Resolution 202/2025/QH15). */
const MERGER_YEAR = 2025;
/** How many months before or after an event a document about it may be dated (a plan, a report). */
const EVENT_MONTHS = 3;

/** "2026-03" → months since year 0. */
function monthIndex(ym: string): number {
  return Number(ym.slice(0, 4)) * 12 + Number(ym.slice(5, 7)) - 1;
}

/** What a question names about the documents it wants: places, units, years, periods, numbers. */
export interface QuestionScope {
  /** Provinces named (names before the July 2025 merger, as the question names them). */
  provinces: string[];
  unitTypes: UnitType[];
  /** For "Sở Y tế": the field, folded. */
  unitField: string | null;
  years: number[];
  /** "quý III/2024", "6 tháng/2024" */
  periods: string[];
  /** Months the question names ("tháng 12/2024", "12/2024"), as "2024-12". */
  months: string[];
  /** The term named ("nhiệm kỳ 2020–2025"): a document of another term is not about it. */
  term: string | null;
  /**
   * Months of full dates named ("ngày 15/3/2026" → "2026-03") and of meetings held in a part of a year
   * ("kỳ họp giữa năm 2026" → "2026-07"): events, not documents' months.
   */
  eventMonths: string[];
  /**
   * Years whose whole review is asked ("tổng kết năm 2024", "cả năm 2024"): a report on part of the
   * year ("6 tháng đầu năm 2024", "quý III/2024") does not review it.
   */
  wholeYears: number[];
  /**
   * The term is asked as the congress that opened it ("Đại hội … nhiệm kỳ 2020–2025"): the congress
   * of the next term, which reviews it, is not that congress.
   */
  congressTerm: boolean;
  /** A document number the question names: "125-NQ/ĐU". */
  number: string | null;
  /** The question, folded, for matching district names the corpus knows. */
  folded: string;
  /**
   * The same without its former places (see `former`), where the names the documents know are looked
   * for; absent when the question names none.
   */
  placeFolded?: string;
  /** District names after "huyện", "quận", "thị xã", "thành phố" in the question, folded. */
  localities: string[];
  /** How each of those was typed, for messages: "tan phu dong" → "huyện Tân Phú Đông". */
  localityNames: Record<string, string>;
  /** Whether the question asks about results or plans, from words anywhere in it (orders only). */
  sense: 'reviewed' | 'plan' | null;
  /** What the question says of each year it names: results of it, or plans for it. */
  yearRoles: Record<number, 'reviewed' | 'plan' | null>;
  /** True when the question asks for a figure ("bao nhiêu", "mấy", "tỷ lệ", "số lượng"). */
  asksFigure: boolean;
  /** A kind of document the question names as its object ("chỉ thị … của UBND", "nghị quyết số"). */
  kind: string | null;
  /**
   * True when the units named are assignees inside a document ("BCHQS được giao gì trong kế hoạch
   * …", "giao Sở Tài chính …"), not the document's own unit: they then rank, but do not exclude.
   */
  assignee: boolean;
  /** True when the question asks who chaired ("ai chủ trì", "chủ trì là ai"): the named unit's meeting. */
  asksChair: boolean;
  /**
   * The units a task is asked of when `assignee` is true: those named, except the issuer of the
   * document the question points to ("… trong chỉ thị của UBND tỉnh", "do UBND tỉnh ban hành").
   */
  assigneeTypes: UnitType[];
  /**
   * Places named as former ones in parentheses ("xã Quảng Tín (huyện Đắk R'lấp cũ)", "Trần Lãm
   * (thành phố Thái Bình cũ)"): where the place asked about used to belong. They scope the question
   * only when it names no other place (see `withFormerPlaces`).
   */
  former?: { provinces: string[]; localityNames: Record<string, string> };
  /**
   * Each unit named and the folded words right after it: "Công an phường Trần Lãm" names the police of
   * Trần Lãm, where "ai của Sở … dự tổng kết của xã Quảng Tín" names a guest at the commune's meeting.
   */
  unitsNamed: Array<{ type: UnitType; after: string }>;
}

/** "(huyện Đắk R'lấp cũ)", "(thanh pho thai binh cu)": a former place in parentheses. */
const FORMER_PLACE = /\(([^()]*?\S)\s+(?:cũ|cu)\s*\)/giu;

/**
 * The scope with its former places as its places, for a question that names no other: "(tỉnh Hà Giang
 * cũ) năm 2026 có bao nhiêu …" still asks about what was Hà Giang (the caller decides, since the names
 * the documents know count as named too).
 */
export function withFormerPlaces(scope: QuestionScope): QuestionScope {
  if (!scope.former) return scope;
  const localityNames = { ...scope.former.localityNames, ...scope.localityNames };
  return {
    ...scope,
    provinces: [...new Set([...scope.provinces, ...scope.former.provinces])],
    localities: Object.keys(localityNames),
    localityNames,
    former: undefined,
    placeFolded: undefined,
  };
}

/**
 * Words that end a district name typed after "huyện" ("huyện tân phú đông năm 2024"). Compared as
 * typed (with diacritics), so "thủ" in "Thủ Đức" is not "thứ"; a question typed without any
 * diacritics compares them folded.
 */
const LOCALITY_STOP_WORDS =
  'năm của về có là ai gì số trong tỉnh tháng quý bao như thế đã được giao chủ trì dự đạt chỉ tiêu nhiệm vụ kỳ họp hội nghị báo cáo tổng kết sơ kết ubnd hđnd phải cần và với tại ở thứ những các sau trước khi nào mấy bao nhiêu này đó';
const LOCALITY_STOP = new Set(LOCALITY_STOP_WORDS.split(' '));
const LOCALITY_STOP_FOLDED = new Set(LOCALITY_STOP_WORDS.split(' ').map((w) => foldDiacritics(w)));

/**
 * District, town and city names typed after their level word ("huyện Tân Phú Đông", "quận 3",
 * "thị xã gò công"), folded. A province-level city ("thành phố Đà Nẵng", "TP HCM") is not one.
 * "quan" typed without diacritics is left alone: it is far more often "cơ quan" than "quận".
 */
export function typedLocalities(text: string): string[] {
  return Object.keys(typedLocalityNames(text));
}

const WORD_BREAK = /[^\p{L}\p{M}\d]+/u;
/**
 * Communes and wards, the local level since 1 July 2025, are read after their level word; a name the
 * documents know is read bare anyway (namedLocalities). Words after "xã" that name no commune: "xã
 * hội", "xã viên", "xã biên giới", "xã vùng sâu", "xã đặc biệt khó khăn", "xã nông thôn mới" …
 */
const COMMUNE_WORDS = new Set(['xã', 'phường', 'thị trấn', 'xa', 'phuong', 'thi tran']);
/**
 * Typed without diacritics, "xa" is also "far" and "phuong" also "phương" ("địa phương", "phương
 * hướng", "phương án", "phương tiện"): there they name a commune only at the start or after the unit
 * that governs it or a preposition ("ubnd phuong do vinh", "tai xa hai thinh"), and not before the
 * words that make them another word.
 */
const COMMUNE_AFTER =
  /(?:^|\b(?:ubnd|hdnd|uy ban nhan dan|hoi dong nhan dan|cong an|cax|dang uy|dang bo|du|mttq|doan thanh nien|hoi nong dan|cua|tai|o|ve)\s+)$/u;
const NOT_COMMUNE_PLAIN = new Set(
  'huong an phap tien thuc cham dien trinh sach vi xoi nhat hon lam qua cach tit dan'.split(' '),
);
const NOT_COMMUNE = new Set(
  'hội viên biên vùng đặc nghèo khó miền nông đạt điểm trọng thuộc lân giáp ven mới khu xã phường thị huyện quận tỉnh cấp và hoặc'.split(
    ' ',
  ),
);
const NOT_COMMUNE_FOLDED = new Set([...NOT_COMMUNE].map((w) => foldDiacritics(w)));
/**
 * Stop words that also open district and ward names (Giao Thủy, Kỳ Anh, Bảo Lâm, Nam Trực, Như Thanh,
 * Vụ Bản, Thủ Đức, Đô Lương, Đô Vinh typed without diacritics), and words after one that say it opened
 * no name ("huyện ủy giao cho …", "bao gồm").
 */
const NAME_OPENERS = new Set('giao ky bao nam nhu vu thu do'.split(' '));
const NOT_NAME_NEXT = new Set('cho cac mot nhung ra lam tu den theo hay khong roi xong them gom'.split(' '));

/** The level a typed level word or district body names: "tp" and "thành ủy" → "thành phố". */
function levelOf(typed: string): string {
  const body = /^(\S+) (?:ủy|uỷ|uy|đoàn|doan)$/u.exec(typed);
  const word = body ? body[1]! : typed;
  const folded = foldDiacritics(word);
  if (/^tp\.?$/.test(word) || folded === 'thanh') return 'thành phố';
  if (folded === 'thi') return 'thị xã';
  if (body && folded === 'quan') return 'quận';
  const level = (
    {
      xa: 'xã',
      phuong: 'phường',
      'thi tran': 'thị trấn',
      huyen: 'huyện',
      'huyen dao': 'huyện đảo',
      'thi xa': 'thị xã',
      'thanh pho': 'thành phố',
    } as Record<string, string>
  )[folded];
  return level ?? word;
}

/** typedLocalities with how each was typed: { "tan phu dong": "huyện Tân Phú Đông" }. */
export function typedLocalityNames(typed: string): Record<string, string> {
  const text = typed.normalize('NFC');
  const lower = text.toLowerCase();
  const plain = !hasDiacritics(text);
  const cased = lower.length === text.length && text !== text.toUpperCase();
  // A district's party committee or youth union names it too: "huyện ủy Hải Hậu", "thanh uy uong bi"
  // ("quan uy" typed without diacritics is also "quân ủy", the army's party committee).
  const level = plain
    ? /(?<![\p{L}\p{M}])((?:huyen|thi|thanh) (?:uy|doan)|huyện đảo|huyện|quận|thị xã|thành phố|tp\.?|huyen dao|huyen|thi xa|thanh pho|xa|phuong|thi tran)\s+/gu
    : /(?<![\p{L}\p{M}])((?:huyện|quận|thị|thành) (?:ủy|uỷ|đoàn)|huyện đảo|huyện|quận|thị xã|thành phố|tp\.?|xã|phường|thị trấn)\s+/gu;
  const out: Record<string, string> = {};
  for (const m of lower.matchAll(level)) {
    const rest = lower.slice((m.index ?? 0) + m[0].length);
    const restFolded = foldDiacritics(rest).replace(/[^a-z0-9]+/g, ' ');
    if (startsWithProvince(restFolded)) continue;
    const words: string[] = [];
    // A name may open with a stop word written with a capital ("Huyện ủy Giao Thủy"), unless all is in
    // capitals; further on a capital is no sign ("huyện Hải Hậu Năm 2025").
    // So may one of the stop words that open names when the next word is a name's: "huyện kỳ anh",
    // "huyen uy giao thuy" ("huyện ủy giao nhiệm vụ", "huyện nào có" stay about no district).
    const typedWords = cased ? text.slice(lower.length - rest.length).split(WORD_BREAK) : [];
    const restWords = rest.split(WORD_BREAK);
    const commune = COMMUNE_WORDS.has(m[1]!);
    // Typed without diacritics, "xa"/"phuong" name a commune after the unit that governs it ("ubnd
    // phuong do vinh", "dang bo xa hai thinh"), not after "dia" (địa phương) or a comma.
    if (commune && plain && !COMMUNE_AFTER.test(lower.slice(0, m.index ?? 0))) continue;
    // Typed with capitals for names ("Chủ tịch Ủy ban nhân dân cấp xã, phường ra quyết định"), a
    // commune's name starts with one.
    if (commune && cased && /\s\p{Lu}/u.test(text) && !/^\p{Lu}/u.test(typedWords.find(Boolean) ?? ''))
      continue;
    const isStop = (w: string) =>
      LOCALITY_STOP.has(w) || (plain && LOCALITY_STOP_FOLDED.has(foldDiacritics(w)));
    // What follows "xã"/"phường" when no commune is named ("xã hội", "phương án"): the first word only.
    const first = restWords.find(Boolean) ?? '';
    if (
      commune &&
      (NOT_COMMUNE.has(first) ||
        (plain && (NOT_COMMUNE_FOLDED.has(foldDiacritics(first)) || NOT_COMMUNE_PLAIN.has(first))))
    )
      continue;
    for (const [i, w] of restWords.entries()) {
      if (!w) break;
      if (/^\d+$/.test(w)) {
        if (words.length === 0 && m[1] === 'quận') words.push(w);
        break;
      }
      const next = restWords[i + 1] ?? '';
      const opensName =
        words.length === 0 &&
        (/^\p{Lu}/u.test(typedWords[i] ?? '') ||
          (NAME_OPENERS.has(foldDiacritics(w)) &&
            /^\p{L}{2,}$/u.test(next) &&
            !isStop(next) &&
            !NOT_NAME_NEXT.has(foldDiacritics(next))));
      if (!opensName && isStop(w)) break;
      words.push(w);
      if (words.length === 4) break;
    }
    if (words.length > 0) {
      const levelWord = levelOf(m[1]!);
      const name = words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ');
      out[foldPlace(words.join(' '))] ??= `${levelWord} ${name}`;
    }
  }
  // A border station named with its capitals ("Đồn Biên phòng Cửa khẩu Móng Cái"): another station's
  // report is not about it. In lower case or all capitals nothing tells its name from the words after
  // it ("đồn biên phòng làm thủ tục cho …"); a name the documents know is read bare anyway.
  const station = text === text.toUpperCase() ? null : findStation(text);
  if (station) out[stationKey(station)] ??= station;
  return out;
}

/** Titles of people, folded, as they end the text before a unit ("… bí thư " + "tỉnh ủy"). */
const PERSON_TITLE =
  /\b(?:bi thu|pho bi thu|chu tich|pho chu tich|giam doc|pho giam doc|chi huy truong|chinh uy|pho chinh uy|tu lenh|pho tu lenh|thu truong|truong ban|lanh dao|dai dien|uy vien|can bo)(?: (?:thuong truc|thuong vu))? $/;

/** Words that make a year the one reviewed ("tổng kết năm 2024") or planned ("chỉ tiêu năm 2025"). */
const REVIEW_WORDS = /\b(?:tong ket|so ket|ket qua|da dat|dat duoc|nam qua|bao cao ket qua)\b/g;
const PLAN_WORDS = /\b(?:nhiem vu|chi tieu|phuong huong|ke hoach|muc tieu|phan dau|du toan|trien khai)\b/g;
const PLAN_WORDS_BUT_TASKS = /\b(?:chi tieu|phuong huong|ke hoach|muc tieu|phan dau|du toan|trien khai)\b/g;
/**
 * Signs of the question's sense anywhere in it: they order documents, never exclude. A strong sign
 * ("tổng kết", "phấn đấu") outweighs a weak one of the other sense ("bắt giữ", "nhiệm vụ"): "năm 2024
 * phấn đấu số vụ bắt giữ tăng bao nhiêu" asks for a plan.
 */
const REVIEW_STRONG = /\b(?:tong ket|so ket|ket qua|da dat|dat duoc|nam qua)\b/;
const REVIEW_WEAK = /\b(?:da |bat giu|bat duoc|phat hien|xay ra|thuc hien duoc|lam duoc|ket luan|bao cao)\b/;
const PLAN_STRONG = /\b(?:chi tieu|muc tieu|phan dau|ke hoach|phuong huong|du kien|du toan)\b/;
const PLAN_WEAK =
  /\b(?:nhiem vu|se |yeu cau|de nghi|duoc giao|giao (?:cho )?(?:so|phong|ban|bo|cong an|bdbp|ubnd|trung tam|cac)|(?<!co )phai (?!khong\b)|can (?:phai|lam|tap trung|thuc hien))\b/;

/** The sense the question's words give it, strong signs first, null when they disagree or are absent. */
function questionSense(folded: string): 'reviewed' | 'plan' | null {
  const review = REVIEW_STRONG.test(folded);
  const plan = PLAN_STRONG.test(folded);
  if (review !== plan) return review ? 'reviewed' : 'plan';
  if (review) return null;
  const weakReview = REVIEW_WEAK.test(folded);
  const weakPlan = PLAN_WEAK.test(folded);
  return weakReview === weakPlan ? null : weakReview ? 'reviewed' : 'plan';
}

/** The role the nearest cue before a year (within its clause, ~8 words) gives it. */
function roleBefore(before: string): 'reviewed' | 'plan' | null {
  // "nghị quyết 2025", "chương trình năm 2025": the document for that year.
  if (/\b(?:nghi quyet|chuong trinh|ke hoach) $/.test(before)) return 'plan';
  const clause = before.split(/ [.,;] /).pop() ?? '';
  const window = clause.split(' ').slice(-12).join(' ');
  const last = (re: RegExp) => Math.max(-1, ...[...window.matchAll(re)].map((m) => m.index ?? -1));
  const review = last(REVIEW_WORDS);
  // "kết quả thực hiện nhiệm vụ năm 2024": the tasks of a year under review, so a review word
  // before it outweighs "nhiệm vụ" after it.
  const plan = review >= 0 ? last(PLAN_WORDS_BUT_TASKS) : last(PLAN_WORDS);
  if (review < 0 && plan < 0) return null;
  return review > plan ? 'reviewed' : 'plan';
}

const KIND_CUES: ReadonlyArray<[RegExp, string]> = [
  [/\bnghi quyet\b/, 'nghị quyết'],
  [/\bchi thi\b/, 'chỉ thị'],
  [/\bcong van\b/, 'công văn'],
  // Not a department's or an office's name: "Sở Kế hoạch và Đầu tư", "Phòng Tài chính - Kế hoạch".
  [/(?<!\b(?:so|phong|tai chinh) )\bke hoach\b(?! (?:phat trien|kinh te|va dau tu|tai chinh))/, 'kế hoạch'],
];
/** The kind of document a folded question names as its object ("nghị quyết", "kế hoạch"), or null. */
export function kindAsked(folded: string): string | null {
  return KIND_CUES.find(([re]) => re.test(folded))?.[1] ?? null;
}

const ASSIGNEE =
  /\b(?:duoc giao|giao (?:cho )?(?:so|bo|ban|phong|cong an|bdbp|ubnd|cac)|trong (?:ke hoach|chi thi|cong van|nghi quyet|thong bao|quyet dinh)|theo (?:ke hoach|chi thi|cong van|nghi quyet)|nhiem vu gi|lam gi|phai|chiu trach nhiem|phoi hop|truoc ngay nao|han chot|thoi han|cham nhat)\b/;

/**
 * A unit named as who issues or assigns, not who is asked: "… của UBND tỉnh", "do UBND tỉnh ban
 * hành", "UBND huyện Tân Phú Đông giao Phòng Nông nghiệp …" (but "BCHQS được giao gì" is asked).
 */
function issuerAt(fold: string, u: { index: number; length: number }): boolean {
  if (/\b(?:cua|do|theo)\s+(?:\S+\s+)?$/.test(fold.slice(Math.max(0, u.index - 12), u.index))) return true;
  const after = fold.slice(u.index + u.length, u.index + u.length + 40);
  return /\bgiao\b/.test(after) && !/\bduoc giao\b/.test(after);
}

/**
 * A question's text folded as `QuestionScope.folded` holds it: " words separated by single spaces ",
 * one word in two spellings folded alike ("kì họp" / "kỳ họp").
 */
const foldQuestion = (text: string) =>
  ` ${spellIAsY(foldDiacritics(text))
    .replace(/[^a-z0-9/]+/g, ' ')
    .trim()} `;

/** Reads the scope of a question typed any way (NFD, no diacritics, abbreviations, mixed case). */
export function parseScope(question: string): QuestionScope {
  const text = normalizeText(question);
  const folded = foldQuestion(text);
  // A unit right after a person's title ("bí thư Tỉnh ủy", "chủ tịch UBND tỉnh", "phó tư lệnh BĐBP")
  // says who a person is, not which documents: the meeting they attended may be another unit's.
  const unitFold = foldForUnits(text);
  const units = findUnits(text, { question: true }).filter(
    (u) => !PERSON_TITLE.test(unitFold.slice(Math.max(0, u.index - 24), u.index)),
  );
  const so = units.find((u) => u.type === 'so');
  const years = new Set<number>();
  for (const m of text.matchAll(/(?<![\d.,])(19[4-9]\d|20\d\d)(?![\d]|[.,]\d)/g)) years.add(Number(m[1]));
  const periods = new Set<string>();
  for (const m of folded.matchAll(
    /\bquy (iv|iii|ii|i|1|2|3|4)(?: va [a-z0-9 ]{1,20}?)?(?: nam |\/| )(\d{4})\b/g,
  )) {
    const q = QUARTER[m[1]!];
    if (q) periods.add(`quý ${ROMAN_NAME[q]}/${m[2]}`);
  }
  for (const m of folded.matchAll(/\b(6|9) thang(?: dau)?(?: nam)?(?: |\/)(\d{4})\b/g))
    periods.add(`${m[1]} tháng/${m[2]}`);
  const num =
    /(?<![\p{L}\d])(\d{1,5}\s*[-/]\s*(?:NQ|CT|KH|BC|TB|QĐ|QD|KL|HD|CV|UBND|HĐND|TU|ĐU)[\p{L}\d/-]*)/iu.exec(
      text,
    );
  // A former place in parentheses says where the place asked about used to belong, not another place
  // asked about: it is read apart (and used only when the question names no other place).
  const formerText = [...text.matchAll(FORMER_PLACE)].map((m) => m[1]!).join(' . ');
  const placeText = formerText ? text.replace(FORMER_PLACE, ' ') : text;
  const localityNames = typedLocalityNames(placeText);
  const localities = Object.keys(localityNames);
  const provinces = findProvincesInQuestion(placeText);
  const formerProvinces = formerText
    ? findProvincesInQuestion(formerText).filter((p) => !provinces.includes(p))
    : [];
  const formerLocalities = formerText ? typedLocalityNames(formerText) : {};
  const yearRoles: Record<number, 'reviewed' | 'plan' | null> = {};
  for (const y of years) {
    const at = folded.indexOf(` ${y} `);
    const before = at >= 0 ? `${folded.slice(Math.max(0, at - 60), at)} `.replace(/\bnam $/, '') : '';
    yearRoles[y] = roleBefore(before);
  }
  // A deadline ("hạn báo cáo kết quả quý II", "trước ngày nào") is always ahead: a plan.
  const deadline = /\b(?:han|thoi han|han chot|truoc ngay|cham nhat|khi nao phai)\b/.test(folded);
  const sense = deadline ? 'plan' : questionSense(folded);
  // Months named: "tháng 12/2024", "tháng 12 năm 2024", "12/2024", or a full date "15/12/2024".
  const months = new Set<string>();
  const addMonth = (m: string | undefined, y: string | undefined) => {
    if (Number(m) >= 1 && Number(m) <= 12) months.add(`${y}-${m!.padStart(2, '0')}`);
  };
  // A full date is an event's ("cử tri đi bầu ngày 15/3/2026"): reported or planned in the months around
  // it, so it allows documents dated up to EVENT_MONTHS before or after.
  const eventMonths = new Set<string>();
  for (const m of folded.matchAll(/(?<![\d/])\d{1,2}\/(\d{1,2})\/(\d{4})\b/g))
    if (Number(m[1]) >= 1 && Number(m[1]) <= 12) eventMonths.add(`${m[2]}-${m[1]!.padStart(2, '0')}`);
  for (const m of folded.matchAll(/\bthang (\d{1,2})(?:\/| nam )(\d{4})\b/g)) addMonth(m[1], m[2]);
  for (const m of folded.matchAll(/(?<![\d/]|quy |thang )(\d{1,2})\/(\d{4})\b/g)) addMonth(m[1], m[2]);
  // A council holds a session at mid-year and one at year's end, every year: the one asked is held
  // around that month.
  for (const m of folded.matchAll(SESSION_IN_YEAR)) eventMonths.add(`${m[2]}-${SESSION_MONTH[m[1]!]}`);
  // Asked with a deadline, a year's review is a report still to be sent ("gửi báo cáo tổng kết năm
  // 2026 chậm nhất ngày nào"), which a report on part of the year may ask for.
  const wholeYears = new Set<number>();
  if (!deadline) for (const m of folded.matchAll(WHOLE_YEAR)) wholeYears.add(Number(m[1] ?? m[2]));

  return {
    months: [...months],
    eventMonths: [...eventMonths],
    sense,
    localities,
    localityNames,
    yearRoles,
    asksFigure: asksForFigure(question),
    kind: kindAsked(folded),
    assignee: ASSIGNEE.test(folded),
    asksChair: CHAIR_ASKED.test(folded),
    assigneeTypes: ASSIGNEE.test(folded)
      ? [...new Set(units.filter((u) => !issuerAt(unitFold, u)).map((u) => u.type))]
      : [],
    provinces,
    ...(formerProvinces.length > 0 || Object.keys(formerLocalities).length > 0
      ? { former: { provinces: formerProvinces, localityNames: formerLocalities } }
      : {}),
    ...(formerText ? { placeFolded: foldQuestion(placeText) } : {}),
    unitTypes: [...new Set(units.map((u) => u.type))],
    unitField: so?.field ?? null,
    unitsNamed: units.map((u) => ({
      type: u.type,
      after: unitFold.slice(u.index + u.length, u.index + u.length + UNIT_PLACE_REACH).trim(),
    })),
    years: [...years].sort(),
    periods: [...periods],
    number: num ? num[1]!.replace(/\s+/g, '').toUpperCase() : null,
    term: termOf(folded),
    wholeYears: [...wholeYears],
    congressTerm: CONGRESS_TERM.test(folded) && [...folded.matchAll(TERM)].length === 1,
    folded,
  };
}

/**
 * A meeting in a part of a year: "kỳ họp giữa năm 2026", "kỳ họp thường lệ cuối năm 2025", "hội nghị
 * đầu năm 2026" (not "hội nghị sơ kết 6 tháng đầu năm": the words between name no months).
 */
const SESSION_IN_YEAR =
  /\b(?:ky hop|phien hop|hoi nghi)(?: (?!thang\b|quy\b)[a-z]+){0,2} (dau|giua|cuoi) nam (\d{4})\b/g;
/** The month a part of the year centres on; documents dated up to EVENT_MONTHS from it report it. */
const SESSION_MONTH: Record<string, string> = { dau: '01', giua: '07', cuoi: '12' };
/** "tổng kết năm 2024", "tổng kết công tác năm 2024", "tổng kết 2024", "cả năm 2024". */
const WHOLE_YEAR =
  /\b(?:tong ket(?: (?!thang\b|quy\b|nam\b|dau\b|giua\b|cuoi\b)[a-z]+){0,3}(?: nam)? (\d{4})|ca nam (\d{4}))\b/g;
const TERM = /\bnhiem ky (\d{4}) (?:den )?(\d{4})\b/g;
const CONGRESS_TERM = new RegExp(`\\bdai hoi\\b.*${TERM.source}`);

/** Whether term `a` ("2025–2030") opens when term `b` ("2020–2025") ends, or later. */
function laterTerm(a: string, b: string): boolean {
  return Number(a.slice(0, 4)) >= Number(b.slice(-4));
}

/** "nhiệm kỳ 2020-2025" → "2020–2025", as profiles write a term. */
function termOf(folded: string): string | null {
  const m = new RegExp(TERM.source).exec(folded);
  return m ? `${m[1]}–${m[2]}` : null;
}

/** How a document fits a question's scope. */
export interface ScopeFit {
  /** False when the document is about another place or unit than the question names. */
  entity: boolean;
  /** How well the entity fits: 2 exact, 1 related (merged province, border post of the BĐBP, unknown). */
  entityLevel: number;
  /** True when the question names no year or the document covers one it names. */
  year: boolean;
  /** 2: a year in the role the question gives it (reviewed, planned); 1: covered otherwise; 0. */
  yearLevel: number;
  /** True when the question names no period ("quý III/2024") or the document covers it. */
  period: boolean;
  /** The merged province the document's place is now part of, when that is how it matched. */
  mergedAs: string | null;
  /**
   * The merged province the document's place is now part of, when the question asks about a year
   * before the mergers and so is not about it ("Tuyên Quang năm 2024", Hà Giang's report held).
   */
  mergedLater: string | null;
}

/** Whether the question names a place or a unit (then documents about others are not answers). */
export function namesEntity(scope: QuestionScope, localities: string[]): boolean {
  return scope.provinces.length > 0 || scope.unitTypes.length > 0 || localities.length > 0;
}

/**
 * District names the question names (folded): those typed after "huyện …" (known or not: a district
 * no document is about is still asked about), and, anywhere in the question, those documents are
 * about (`own`, read from their titles and openings). A name documents only mention in passing counts
 * only after its level word: "UBND thành phố Lê Minh Khoa" reads as a city called after the
 * chairman, and a question about him is no question about a place. A name of one syllable counts
 * only after its level word too: bare, "tran", "huong" or "vu" is a surname or a word ("phuong huong"
 * is "phương hướng").
 */
export function namedLocalities(
  scope: QuestionScope,
  known: Iterable<string>,
  own: Iterable<string> = known,
): string[] {
  const out: string[] = [];
  const all = [...known];
  const folded = scope.placeFolded ?? scope.folded;
  for (const name of own)
    if (name.length >= 4 && name.includes(' ') && folded.includes(` ${name} `)) out.push(name);
  for (const typed of scope.localities) {
    if (all.includes(typed) || !all.some((k) => typed.startsWith(`${k} `) || k.startsWith(`${typed} `)))
      out.push(typed);
  }
  return [...new Set(out)];
}

/** Who chaired, asked (folded): "ai chủ trì", "chủ trì là ai", "do ai chủ trì", "người chủ trì". */
const CHAIR_ASKED =
  /\b(?:ai|nguoi nao|dong chi nao)\b.{0,40}\bchu (?:tri|toa)\b|\bchu (?:tri|toa)\b.{0,40}\b(?:la ai|ai|nguoi nao|dong chi nao)\b|\bnguoi chu (?:tri|toa)\b/;

/** A place's own government: its council, its committee and its party committee. */
const LOCAL_GOVERNMENT: readonly UnitType[] = ['hdnd', 'ubnd', 'cap-uy'];

/** How far after a unit's name its place is looked for: a level word and a name of a few words. */
const UNIT_PLACE_REACH = 48;
const LEVEL_WORD = new RegExp(`^(?:${LEVEL_WORDS}) `);

/**
 * True when the question names a unit of kind `type` with `place` right after it ("Công an phường Trần
 * Lãm", "cong an xa minh tan", "HĐND huyện Tân Phú Đông"): the unit asked is that place's own.
 */
export function unitOfPlace(scope: QuestionScope, type: UnitType, place: string): boolean {
  return scope.unitsNamed.some(({ type: t, after }) => {
    if (t !== type) return false;
    const rest = after.replace(LEVEL_WORD, '');
    return rest === place || rest.startsWith(`${place} `);
  });
}

/** Scores one document's profile against a question's scope. */
export function fitScope(scope: QuestionScope, profile: DocumentProfile, localities: string[]): ScopeFit {
  let level = 2;
  let entity = true;
  let mergedAs: string | null = null;
  let mergedLater: string | null = null;
  if (scope.provinces.length > 0) {
    if (profile.provinces.length === 0) level = Math.min(level, 1);
    else if (scope.provinces.some((p) => profile.provinces.includes(p))) {
      // exact
    } else {
      // A question about years before the mergers of 1 July 2025 ("Tỉnh đoàn Tuyên Quang năm 2024")
      // asks about the province as it was then: another province's report is not about it.
      const beforeMergers = scope.years.length > 0 && scope.years.every((y) => y < MERGER_YEAR);
      const into = scope.provinces.find((p) =>
        mergedInto(p).some((old) => profile.provinces[0] === old.name),
      );
      const merged = beforeMergers ? undefined : into;
      if (beforeMergers && into) mergedLater = into;
      if (merged) {
        level = Math.min(level, 1);
        mergedAs = merged;
      } else entity = false;
    }
  }
  let ownPlace = false;
  let ownAsked: string[] = [];
  // A government's dispatch, plan, resolution, directive, notice or decision sets its units to work.
  const directs =
    profile.kind !== null &&
    PLANNING_KINDS.includes(profile.kind) &&
    profile.unitTypes.some((t) => LOCAL_GOVERNMENT.includes(t));
  if (localities.length > 0) {
    const own = profile.localities.map((l) => foldPlace(l.name));
    if (profile.station) own.push(stationKey(profile.station));
    ownAsked = localities.filter((l) => own.includes(l));
    ownPlace = ownAsked.length > 0;
    if (!ownPlace) {
      // A district named in the question but not this document's: a province-level document that
      // names it ("thị xã Ninh Hòa được giao tăng trưởng …") or one of its province may still fit,
      // less well; a document about another district never does.
      // A unit named with the district ("Ban CHQS huyện Hương Sơn", "Công an huyện Đầm Dơi") is the
      // district's own: the province's report that names the district is another unit's, unless the
      // question asks what that unit is set to do or the document is a government's to its districts.
      const mentioned = localities.some((l) => profile.mentionedLocalities.includes(l));
      const districtUnit = scope.unitTypes.some((t) => localities.some((l) => unitOfPlace(scope, t, l)));
      if (own.length > 0 || (!mentioned && scope.provinces.length === 0)) entity = false;
      else if (districtUnit && !scope.assignee && !directs) entity = false;
      else level = Math.min(level, 1);
    }
  }
  if (scope.unitTypes.length > 0) {
    if (profile.unitTypes.length === 0) level = Math.min(level, 1);
    else {
      let best = 0;
      for (const asked of scope.unitTypes)
        for (const own of profile.unitTypes) best = Math.max(best, unitAffinity(asked, own));
      if (best === 2 && scope.unitTypes.includes('so') && scope.unitField && profile.unitField)
        best = departmentAffinity(scope.unitField, profile.unitField);
      // An assignee ("BCHQS được giao gì trong kế hoạch …") may be named in another unit's document,
      // and so may a guest of a commune's meeting ("ai của Sở Nông nghiệp và Môi trường dự tổng kết
      // của xã Quảng Tín"): the commune named is the document's own. A unit named with that commune
      // ("Công an xã Quảng Tín tổng kết năm 2025") is the commune's own unit, not a guest: the
      // commune committee's conference is not the police's, however often it names them. What the
      // commune's government sets its units to do (a dispatch, plan or resolution of its committee,
      // council or party committee) is theirs to answer for: "Công an phường Bảo An ứng phó mưa lũ".
      const mentioned = scope.unitTypes.filter((t) => profile.mentionedUnits.includes(t));
      // Who chaired a unit's meeting is not told by another unit's document that names it: "HĐND huyện
      // Hải Hậu kỳ họp năm 2024 ai chủ trì" is no question about the Huyện ủy's resolution.
      const guest =
        ownPlace &&
        !(scope.asksChair && !scope.assignee) &&
        mentioned.some((t) => directs || !ownAsked.some((l) => unitOfPlace(scope, t, l)));
      if (best === 0 && !((scope.assignee && mentioned.length > 0) || guest)) entity = false;
      else level = Math.min(level, Math.max(best, 1));
    }
  }
  // A question naming a province and no district, commune or ward is about the province's level: the
  // document of a local unit, one named after its place ("UBND phường Bảo An", "Huyện ủy Hải Hậu"),
  // ranks after the province's ("Chủ tịch UBND tỉnh Khánh Hòa là ai" is not answered by the ward's
  // chairman). Only the order: when the province has no document of its own, the ward's still answers.
  // (The places a province's document is about, "Tỉnh ủy Lâm Đồng" meeting in Đà Lạt, are no unit's.)
  const unit = profile.unit;
  if (
    scope.provinces.length > 0 &&
    localities.length === 0 &&
    !scope.assignee &&
    unit !== null &&
    profile.localities.some((l) => unit.includes(l.name))
  )
    level = Math.min(level, 1);
  let yearLevel = scope.years.length === 0 ? 2 : 0;
  // A period the document covers ("quý III/2024") settles its year, whatever role the question gives it.
  const coveredPeriodYears = scope.periods
    .filter((p) => profile.periods.includes(p) || (profile.plannedPeriods ?? []).includes(p))
    .map((p) => Number(p.slice(-4)));
  for (const y of scope.years) {
    if (coveredPeriodYears.includes(y)) {
      yearLevel = 2;
      continue;
    }
    const role = scope.yearRoles[y];
    // Without a cue next to the year, the question's sense orders ("năm 2024 bắt giữ bao nhiêu vụ":
    // the report that reviews 2024 before the one that plans it); a year only covered ranks last.
    const wanted = role ?? scope.sense ?? 'reviewed';
    // A report on part of a year ("6 tháng/2024") does not review the whole year ("tổng kết năm 2024").
    const partOnly = scope.wholeYears.includes(y) && profile.periods.some((p) => p.endsWith(`/${y}`));
    const inRole =
      wanted === 'reviewed' ? profile.reviewedYears.includes(y) && !partOnly : profile.planYears.includes(y);
    const covered = profile.years.includes(y);
    yearLevel = Math.max(yearLevel, inRole ? 2 : covered ? (role ? 1 : 1.5) : 0);
  }
  // A term asked ("mục tiêu nhiệm kỳ 2025–2030") is the period of a document naming it (the congress
  // that opened it, its resolution), whatever years it reviews or plans; a year's plan is about one
  // year of it.
  const terms = profile.terms ?? (profile.term ? [profile.term] : []);
  if (scope.term && terms.includes(scope.term)) yearLevel = 2;
  // A year named as a review ("tổng kết năm 2024") or a plan ("nhiệm vụ năm 2025") must be one the
  // document reviews or plans: a 2023 review that plans 2024 is not the review of 2024.
  const roleNamed = scope.years.some((y) => scope.yearRoles[y] !== null);
  const year =
    (scope.years.length === 0 || (roleNamed ? yearLevel === 2 : yearLevel >= 1.5)) &&
    // A term asked ("nhiệm kỳ 2020–2025") that the document does not name is another term's (a congress
    // names the term ending as well as the one it opens).
    (!scope.term ||
      !profile.term ||
      (terms.includes(scope.term) &&
        // The congress that opened a term ("Đại hội … nhiệm kỳ 2020–2025") is not the next one, which
        // reviews that term as it opens its own (2025–2030).
        !(scope.congressTerm && laterTerm(profile.term, scope.term))));
  // A month named ("tháng 12/2024") rules out a document dated another month; an undated one stays.
  const dated = profile.date && profile.date.length >= 7 ? profile.date.slice(0, 7) : null;
  const month =
    !dated ||
    ((scope.months.length === 0 || scope.months.includes(dated)) &&
      (scope.eventMonths.length === 0 ||
        scope.eventMonths.some((m) => Math.abs(monthIndex(m) - monthIndex(dated)) <= EVENT_MONTHS)));
  // A period asked as a review ("sơ kết quý I/2025") needs a document reporting on it; otherwise one
  // that plans it ("quý 2/2025 … phải làm gì") also answers.
  const reviewing =
    scope.sense === 'reviewed' ||
    scope.years.some((y) => scope.yearRoles[y] === 'reviewed') ||
    (scope.sense === null && scope.asksFigure);
  const known = reviewing ? profile.periods : [...profile.periods, ...(profile.plannedPeriods ?? [])];
  // Asked for plans, a document of a whole year (it reports on and plans no quarter or half) that plans
  // the year plans its quarters too: "Công an xã … quý I/2026 kế hoạch gì" is answered from the plan for
  // 2026 ("báo cáo 6 tháng đầu năm 2025", which asks no plan, is not answered from the plan for 2025).
  const planning = scope.sense === 'plan' || scope.years.some((y) => scope.yearRoles[y] === 'plan');
  const wholeYearPlan =
    planning && !reviewing && profile.periods.length === 0 && (profile.plannedPeriods ?? []).length === 0;
  const period =
    month &&
    (scope.periods.length === 0 ||
      scope.periods.some(
        (p) => known.includes(p) || (wholeYearPlan && profile.planYears.includes(Number(p.slice(-4)))),
      ));
  return { entity, entityLevel: entity ? level : 0, year, yearLevel, period, mergedAs, mergedLater };
}

/** The kind of council session a question names: "kỳ họp chuyên đề", "kỳ họp thường lệ"; null if none. */
export function askedSession(scope: Pick<QuestionScope, 'folded'>): 'chuyen de' | 'thuong le' | null {
  const m = /\bky hop (chuyen de|thuong le)\b/.exec(scope.folded);
  return m ? (m[1] as 'chuyen de' | 'thuong le') : null;
}

/**
 * True when a document's title names the other kind of session than the one asked ("kỳ họp thường lệ
 * cuối năm 2024" when a thematic session is asked): another session of the council.
 */
export function otherSession(scope: Pick<QuestionScope, 'folded'>, title: string): boolean {
  const asked = askedSession(scope);
  if (!asked) return false;
  const t = foldDiacritics(title.normalize('NFC')).replace(/[^a-z0-9]+/g, ' ');
  const other = asked === 'chuyen de' ? 'thuong le' : 'chuyen de';
  return t.includes(`ky hop ${other}`) && !t.includes(`ky hop ${asked}`);
}

/** "BĐBP tỉnh Quảng Ninh", "HĐND tỉnh Quảng Trị năm 2022": what a question asks about, for messages. */
export function describeScope(
  scope: QuestionScope,
  localities: string[],
  options: { years?: boolean } = {},
): string {
  const unit = scope.unitTypes[0];
  const province = scope.provinces[0];
  const parts: string[] = [];
  const locality = localities[0];
  const place = locality
    ? (scope.localityNames[locality] ?? locality.replace(/\b\p{L}/gu, (c) => c.toUpperCase()))
    : null;
  // A party committee or youth union of a district or commune is named by its level: "Huyện ủy Hải
  // Hậu", "Đảng ủy phường Bảo An", "Thành đoàn Uông Bí", not "Tỉnh ủy phường Bảo An".
  const local = place && (unit === 'cap-uy' || unit === 'doan-tn') ? localUnit(unit, place) : null;
  if (local) parts.push(local);
  else {
    if (unit === 'so' && scope.unitField) parts.push(`Sở ${soFieldName(scope.unitField)}`);
    // A district's or commune's military command is its "Ban CHQS", not the province's "Bộ CHQS".
    else if (unit === 'chqs' && place) parts.push('Ban CHQS');
    else if (unit) parts.push(UNIT_LABELS[unit]);
    if (place) parts.push(place);
  }
  // "Tỉnh ủy Lâm Đồng", "Tỉnh đoàn Hà Giang", not "Tỉnh ủy tỉnh Lâm Đồng"; "BĐBP tỉnh Quảng Ninh".
  const bare = unit === 'cap-uy' || unit === 'doan-tn' || !unit;
  if (province && !local) parts.push(`${bare ? '' : `${provinceKind(province)} `}${province}`);
  else if (province) parts.push(`(${provinceKind(province)} ${province})`);
  // A thematic session is said as such; a regular one by when in the year it is held (below).
  if (askedSession(scope) === 'chuyen de') parts.push('kỳ họp chuyên đề');
  if (options.years !== false) parts.push(...when(scope));
  return parts.join(' ');
}

/** When the question asks about, for messages: "năm 2024", "cả năm 2024", "giữa năm 2026", "nhiệm kỳ 2020–2025". */
function when(scope: QuestionScope): string[] {
  if (scope.term) {
    const [from, to] = scope.term.split('–').map(Number);
    const rest = scope.years.filter((y) => y !== from && y !== to);
    return [`nhiệm kỳ ${scope.term}`, ...(rest.length ? [`năm ${rest.join(', ')}`] : [])];
  }
  if (scope.years.length === 0) return [];
  const parts = new Map<number, string>();
  for (const m of scope.folded.matchAll(SESSION_IN_YEAR)) parts.set(Number(m[2]), SESSION_PART_NAME[m[1]!]!);
  // A quarter or half asked is said as such: "quý I/2026", "6 tháng đầu năm 2026".
  const periodsOf = (y: number) =>
    scope.periods
      .filter((p) => p.endsWith(`/${y}`))
      .map((p) => (p.startsWith('quý') ? p : `${p.slice(0, p.indexOf('/'))} đầu năm ${y}`));
  const named = scope.years.map((y) => ({
    y,
    period: periodsOf(y).join(', '),
    part: parts.get(y) ?? (scope.wholeYears.includes(y) ? 'cả năm' : 'năm'),
  }));
  if (named.every((n) => n.part === 'năm' && !n.period)) return [`năm ${scope.years.join(', ')}`];
  return [named.map((n) => n.period || `${n.part} ${n.y}`).join(', ')];
}

const SESSION_PART_NAME: Record<string, string> = { dau: 'đầu năm', giua: 'giữa năm', cuoi: 'cuối năm' };

/** "Huyện ủy Hải Hậu", "Đảng ủy phường Bảo An", "Thành đoàn Uông Bí"; null for a place without its level. */
function localUnit(unit: 'cap-uy' | 'doan-tn', place: string): string | null {
  const m = /^(huyện|quận|thị xã|thành phố|xã|phường|thị trấn)\s+(.+)$/iu.exec(place);
  if (!m) return null;
  const level = m[1]!.toLowerCase();
  const name = m[2]!;
  if (level === 'xã' || level === 'phường' || level === 'thị trấn')
    return `${unit === 'cap-uy' ? 'Đảng ủy' : 'Đoàn'} ${level} ${name}`;
  const head = { huyện: 'Huyện', quận: 'Quận', 'thị xã': 'Thị', 'thành phố': 'Thành' }[level]!;
  return `${head} ${unit === 'cap-uy' ? 'ủy' : 'đoàn'} ${name}`;
}

/**
 * Where a question names its scope, as [start, end) offsets in `folded` (folded words joined by
 * spaces, as `foldedContent` gives them): its provinces (any written form, with "tỉnh"/"thành phố"
 * before), districts, units ("BĐBP", "Hội đồng nhân dân") and years (with "năm" before).
 */
export function scopeSpans(
  scope: QuestionScope,
  folded: string,
  localities: string[],
): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const find = (phrase: string, before: RegExp) => {
    if (!phrase) return;
    const re = new RegExp(`(?:${before.source})?\\b${phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'g');
    for (const m of folded.matchAll(re)) spans.push([m.index ?? 0, (m.index ?? 0) + m[0].length]);
  };
  const placeWord = /\b(?:tinh|thanh pho|tp|huyen|quan|thi xa) /;
  for (const name of scope.provinces) {
    const p = provinceByName(name);
    for (const form of [name, ...(p?.variants ?? [])]) find(foldPlace(form), placeWord);
  }
  for (const l of localities) find(l, placeWord);
  // A unit named as an assignee ("Sở Tài chính được giao gì") is what the answer is about, not scope.
  if (!scope.assignee)
    for (const u of findUnits(folded, { question: true })) spans.push([u.index, u.index + u.length]);
  for (const y of scope.years) find(String(y), /\bnam /);
  // The document named as where the answer is ("trong kế hoạch KT-XH 2026", "tại hội nghị tổng kết
  // 2024"): once narrowed to it, its words are in every passage's context too.
  for (const m of folded.matchAll(
    /\b(?:trong|theo|tai) (?:ke hoach|chi thi|nghi quyet|cong van|bao cao|thong bao|hoi nghi|ky hop)(?: [a-z0-9]+){0,6}/g,
  ))
    spans.push([m.index ?? 0, (m.index ?? 0) + m[0].length]);
  const seen = new Set<string>();
  return spans.filter(([s, e]) => !seen.has(`${s}-${e}`) && Boolean(seen.add(`${s}-${e}`)));
}
