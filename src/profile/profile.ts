import path from 'node:path';
import { Block } from '../ingest/types';
import { foldDiacritics, normalizeText } from '../text/normalize';
import {
  findLocalPlaces,
  findProvincesInDocument,
  localPlacesOf,
  findStation,
  findProvincesInQuestion,
  foldPlace,
  LocalPlace,
  provinceKind,
  PROVINCES,
} from './places';
import {
  findUnits,
  findUnitsInFold,
  foldForUnits,
  soFieldName,
  UNIT_LABELS,
  UnitType,
  unitsFoldOf,
} from './units';
import { matchesOf, RuleSet } from '../text/matches';

/**
 * What a document is about, read from its title, header and first sentences: the kind of document,
 * its number and date, the unit it concerns, its places and the periods it reviews or plans. Stored
 * with the document; every passage inherits it, and questions are matched against it before words.
 */
export interface DocumentProfile {
  /** nghị quyết, chỉ thị, kết luận, báo cáo, kế hoạch, thông báo, công văn, quyết định, tin */
  kind: string | null;
  /** "125-NQ/ĐU" */
  number: string | null;
  /** ISO date (YYYY-MM-DD, or YYYY-MM) of the document or of the event it reports. */
  date: string | null;
  /** Who the document is about or from: "BĐBP tỉnh Quảng Ninh", "UBND huyện Tân Phú Đông". */
  unit: string | null;
  /** Kinds of that unit (the first is the main one). */
  unitTypes: UnitType[];
  /** For a department (sở), its field folded ("y te"). */
  unitField: string | null;
  /** Provinces the document is about (names before the July 2025 merger), main one first. */
  provinces: string[];
  /** Districts and communes the document is about (from its title and opening). */
  localities: LocalPlace[];
  /** The border station it is about, by its name ("Cửa khẩu cảng Hòn Gai"), when it is a station's. */
  station?: string | null;
  /** Districts and towns named anywhere in it (folded names): a question about one may be answered here. */
  mentionedLocalities: string[];
  /** Kinds of unit named anywhere in it (assignees, partners): a question naming one as an assignee
   * ("BCHQS được giao gì trong kế hoạch …") may be answered here. */
  mentionedUnits: UnitType[];
  /** Years the document reviews (results of). */
  reviewedYears: number[];
  /** Years the document plans (targets and tasks for). */
  planYears: number[];
  /** Quarters ("quý III/2024") and halves ("6 tháng/2024") it reports on (not the ones it plans). */
  periods: string[];
  /** Quarters and halves it plans for ("nhiệm vụ quý IV/2024"). */
  plannedPeriods: string[];
  /** "2020–2025" */
  term: string | null;
  /** Every term the document names ("2020–2025" reviewed by a congress that opens "2025–2030"). */
  terms: string[];
  /** Every year the document covers: reviewed, planned, of its date and of its periods. */
  years: number[];
}

export function emptyProfile(): DocumentProfile {
  return {
    kind: null,
    number: null,
    date: null,
    unit: null,
    unitTypes: [],
    unitField: null,
    provinces: [],
    localities: [],
    station: null,
    mentionedLocalities: [],
    mentionedUnits: [],
    reviewedYears: [],
    planYears: [],
    periods: [],
    plannedPeriods: [],
    term: null,
    terms: [],
    years: [],
  };
}

const KINDS: ReadonlyArray<[RegExp, string]> = [
  [/^nghi quyet\b/, 'nghị quyết'],
  [/^chi thi\b/, 'chỉ thị'],
  [/^ket luan\b/, 'kết luận'],
  [/^bao cao\b/, 'báo cáo'],
  [/^ke hoach\b/, 'kế hoạch'],
  [/^thong bao\b/, 'thông báo'],
  [/^quyet dinh\b/, 'quyết định'],
  [/^cong van\b/, 'công văn'],
  [/^huong dan\b/, 'hướng dẫn'],
  [/^chuong trinh\b/, 'chương trình'],
  [/^to trinh\b/, 'tờ trình'],
];

/** Kind from a document number's type code: "125-NQ/ĐU", "45/KH-UBND", "12/CT-UBND". */
const NUMBER_KINDS: ReadonlyArray<[RegExp, string]> = [
  [/\bnq\b/, 'nghị quyết'],
  [/\bct\b/, 'chỉ thị'],
  [/\bkl\b/, 'kết luận'],
  [/\bbc\b/, 'báo cáo'],
  [/\bkh\b/, 'kế hoạch'],
  [/\btb\b/, 'thông báo'],
  [/\bqd\b/, 'quyết định'],
  [/\bhd\b/, 'hướng dẫn'],
];

/** Communes and wards: the local level since the two-level local government of 1 July 2025. */
const COMMUNE_LEVELS: ReadonlyArray<LocalPlace['level']> = ['xã', 'phường', 'thị trấn'];
/**
 * Levels a document can be about: districts, towns, communes and wards ("UBND xã Thanh Thủy",
 * "Đảng ủy phường Bảo An").
 */
const OWN_LEVELS: ReadonlyArray<LocalPlace['level']> = [
  'huyện',
  'quận',
  'thị xã',
  'thành phố',
  'xã',
  'phường',
  'thị trấn',
];

/** Kinds of document that set work to do: they plan the years their title names, or their own. */
export const PLANNING_KINDS: readonly string[] = [
  'kế hoạch',
  'nghị quyết',
  'chỉ thị',
  'chương trình',
  'công văn',
  'thông báo',
  'quyết định',
  'hướng dẫn',
];

const NUMBER_RE = /(?:^|\s)Số\s*:?\s*(\d{1,5}\s*[-/]\s*[\p{L}\d]+(?:\s*[-/]\s*[\p{L}\d]+)*)/iu;
const MOTTO = /^(?:cong hoa xa hoi chu nghia viet nam|doc lap tu do hanh phuc|dang cong san viet nam|\*+)$/;

function fold(s: string): string {
  return foldDiacritics(s)
    .replace(/[^a-z0-9/]+/g, ' ')
    .trim();
}

/** Like fold, but clause marks stay (" , ", " . "), so a year's role is read within its clause. */
function foldClauses(s: string): string {
  return clausesOf(foldDiacritics(s));
}

/** A letter, a digit or "/" of folded text: what foldClauses keeps as it is. */
function isWordUnit(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2f;
}

/** ".", ";", ":", "!" or "?". */
function isClauseMark(c: number): boolean {
  return c === 0x2e || c === 0x3b || c === 0x3a || c === 0x21 || c === 0x3f;
}

const SPACE = /\s/;

/**
 * foldClauses of folded text, in one pass. What it does is what these replaces did, in order:
 * `[.;:!?]+(?=\s|$)` → " . ", "," → " , ", `[^a-z0-9/.,]+` → " ", `\s+` → " ", then trim; so a run
 * of clause marks ending at a space or the end is one ".", a "." elsewhere ("2.300") stays, a "," is
 * a token of its own, and whatever else is between words is one space. The replaces matched every
 * space of a document's body, four times over.
 */
function clausesOf(f: string): string {
  let out = '';
  // Something other than a word unit came since the last token: a space is owed before the next one.
  let gap = false;
  const n = f.length;
  let i = 0;
  while (i < n) {
    const c = f.charCodeAt(i);
    const start = i;
    if (isWordUnit(c)) {
      while (i < n && isWordUnit(f.charCodeAt(i))) i++;
      // Words parted by single spaces come out as they are (a space, then the word): one slice for them.
      while (i + 1 < n && f.charCodeAt(i) === 0x20 && isWordUnit(f.charCodeAt(i + 1))) {
        i++;
        while (i < n && isWordUnit(f.charCodeAt(i))) i++;
      }
      if (gap && out) out += ' ';
      out += f.slice(start, i);
      gap = false;
    } else if (isClauseMark(c)) {
      while (i < n && isClauseMark(f.charCodeAt(i))) i++;
      // (A plain space, the usual case, is tested without making a string of it.)
      if (i === n || f.charCodeAt(i) === 0x20 || SPACE.test(f[i]!)) {
        // A clause ends: " . ".
        if (out) out += ' ';
        out += '.';
        gap = true;
      } else {
        // Marks inside a token ("2.300", "a;b"): a "." stays, the others part words.
        for (let k = start; k < i; k++) {
          if (f.charCodeAt(k) !== 0x2e) {
            gap = true;
            continue;
          }
          if (gap && out) out += ' ';
          out += '.';
          gap = false;
        }
      }
    } else if (c === 0x2c) {
      if (out) out += ' ';
      out += ',';
      gap = true;
      i++;
    } else {
      gap = true;
      i++;
    }
  }
  return out;
}

/** Sentence case for an all-capital line: "NGHỊ QUYẾT" → "Nghị quyết"; proper names are lost, so
 * only kind words and subjects are recased; units and places are restored from the text. */
function sentenceCase(s: string): string {
  const lower = s.toLowerCase();
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}

/** "UỶ BAN NHÂN DÂN HUYỆN TÂN PHÚ ĐÔNG" → "Uỷ Ban Nhân Dân huyện Tân Phú Đông" (level words lower). */
function titleCase(s: string): string {
  return s
    .toLowerCase()
    .replace(/(^|\s)(\p{L})/gu, (_m, sp: string, c: string) => sp + c.toUpperCase())
    .replace(/\b(Huyện|Quận|Thị Xã|Thành Phố|Xã|Phường|Thị Trấn|Tỉnh)\s/gu, (m) => m.toLowerCase());
}

function isAllCaps(s: string): boolean {
  const letters = s.replace(/[^\p{L}]/gu, '');
  return letters.length >= 3 && letters === letters.toUpperCase();
}

const DATE_FULL = /ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/iu;
const DATE_NUM = /(?<![\d/])(\d{1,2})\/(\d{1,2})\/(\d{4})(?![\d/])/u;
const DATE_MONTH = /tháng\s+(\d{1,2})(?:\s+năm\s+|\/)(\d{4})/iu;

function isoDate(y: number, m: number, d?: number): string | null {
  if (m < 1 || m > 12 || y < 1945 || y > 2100) return null;
  const mm = String(m).padStart(2, '0');
  if (d === undefined) return `${y}-${mm}`;
  if (d < 1 || d > 31) return null;
  return `${y}-${mm}-${String(d).padStart(2, '0')}`;
}

function firstDate(text: string): string | null {
  const full = DATE_FULL.exec(text);
  const num = DATE_NUM.exec(text);
  const pick = [full, num]
    .filter((m): m is RegExpExecArray => m !== null)
    .sort((a, b) => a.index - b.index)[0];
  if (pick) return isoDate(Number(pick[3]), Number(pick[2]), Number(pick[1]));
  const month = DATE_MONTH.exec(text);
  return month ? isoDate(Number(month[2]), Number(month[1])) : null;
}

/** A quarter's number as written after "quý", folded: roman ("quý iii") or arabic ("quý 3"). */
export const QUARTER: Readonly<Record<string, number>> = {
  i: 1,
  ii: 2,
  iii: 3,
  iv: 4,
  '1': 1,
  '2': 2,
  '3': 3,
  '4': 4,
};
/** A quarter as periods write it: "quý III/2024". */
export const ROMAN_NAME: readonly string[] = ['', 'I', 'II', 'III', 'IV'];

/** Years and periods by their role, from folded text. */
/** What reading a whole document costs most; the same blocks are read once per document. */
interface BodyScan {
  units: ReturnType<typeof findUnits>;
  provinces: ReturnType<typeof findProvincesInDocument>;
  localities: string[];
  roles: Roles;
  /** Whether the first blocks name the BĐBP's party committee: worked out for a BĐBP's document only. */
  bdbpParty?: boolean;
}

/** How much of the body votes for the document's province (its opening says it; the rest confirms). */
const PROVINCE_SCAN_CHARS = 8000;
/**
 * How much of the body is searched for the districts and units it names and the years it reviews
 * or plans (a report says them in its first pages; reading a long one whole costs more than it adds).
 */
const BODY_SCAN_CHARS = 20000;

const bodyScans = new WeakMap<Block[], BodyScan>();

/**
 * The first `max` characters of the blocks' texts joined by line breaks, joining only the blocks they
 * come from: once the blocks joined reach `max` characters, the rest cannot change those.
 */
function joinedHead(blocks: Block[], max: number): string {
  const texts: string[] = [];
  let length = -1;
  for (const b of blocks) {
    if (length >= max) break;
    texts.push(b.text);
    length += b.text.length + 1;
  }
  return texts.join('\n').slice(0, max);
}

function scanBody(blocks: Block[]): BodyScan {
  const cached = bodyScans.get(blocks);
  if (cached) return cached;
  const body = joinedHead(blocks, BODY_SCAN_CHARS);
  const headings = blocks.filter((b) => b.kind === 'heading' || b.kind === 'title').map((b) => b.text);
  // The body is folded once for its units and its clauses: units fold its NFC form, clauses the text
  // as it is, and reflowed text is NFC already.
  const nfc = body.normalize('NFC');
  const folded = foldDiacritics(nfc);
  const scan: BodyScan = {
    units: findUnitsInFold(unitsFoldOf(folded)),
    provinces: findProvincesInDocument(body.slice(0, PROVINCE_SCAN_CHARS)),
    localities: [
      ...new Set(
        localPlacesOf(nfc)
          .filter((l) => OWN_LEVELS.includes(l.level))
          .map((l) => foldPlace(l.name)),
      ),
    ],
    roles: periodsOf(
      `${foldClauses(headings.join(' . '))} . ${clausesOf(nfc === body ? folded : foldDiacritics(body))}`,
    ),
  };
  bodyScans.set(blocks, scan);
  return scan;
}

type Roles = ReturnType<typeof periodsOf>;

function mergeRoles(a: Roles, b: Roles): Roles {
  const union = <T>(x: T[], y: T[]) => [...new Set([...x, ...y])];
  return {
    reviewed: union(a.reviewed, b.reviewed).sort(),
    strong: union(a.strong, b.strong).sort(),
    plan: union(a.plan, b.plan).sort(),
    periods: union(a.periods, b.periods),
    plannedPeriods: union(a.plannedPeriods, b.plannedPeriods),
    term: a.term ?? b.term,
    terms: union(a.terms, b.terms),
  };
}

/** Results of a plan's tasks: "kết quả thực hiện nhiệm vụ", "đánh giá việc thực hiện kế hoạch". */
const REVIEWED_TASKS =
  /\b(?:ket qua|tong ket|so ket|danh gia)\b(?: [a-z]+){0,4} (?:nhiem vu|ke hoach|chi tieu|muc tieu)\b/;

/** A lazy gap of a few words between a period's cue and its year ("tổng kết công tác … năm 2023"). */
const GAP = '(?:[a-z0-9/ ]{0,70}? )??';

/**
 * The periods a document's clauses name, by kind (periodsOf), as one RuleSet: the clauses of the first
 * 20,000 characters of every document are read once for all seven.
 */
const PERIOD_RULES = new RuleSet([
  new RegExp(
    `\\b(?:tong ket|ket qua|danh gia|bao cao|so ket)\\b ${GAP}(?<!so voi |cung ky )nam (\\d{4})\\b`,
    'g',
  ),
  // "Tổng kết … năm 2023", "sơ kết", "kết quả … năm 2023": the year is certainly reviewed.
  new RegExp(`\\b(?:tong ket|ket qua|so ket)\\b ${GAP}(?<!so voi |cung ky )nam (\\d{4})\\b`, 'g'),
  /(?:^|\. |, )(?:theo danh gia )?(?:trong )?nam (\d{4}) /g,
  new RegExp(
    `\\b(?:nhiem vu|phuong huong|ke hoach|chi tieu|muc tieu|phan dau|du toan|trien khai)\\b ${GAP}(?<!so voi |cung ky )nam (\\d{4})\\b`,
    'g',
  ),
  /\bquy (iv|iii|ii|i|1|2|3|4)(?: va [a-z0-9 ]{1,20}?)?(?: nam |\/| )(\d{4})\b/g,
  /\b(6|9) thang(?: dau)?(?: nam)?(?: |\/)(\d{4})\b/g,
  /\bnhiem ky (\d{4}) (?:den )?(\d{4})\b/g,
]);

function periodsOf(f: string): {
  reviewed: number[];
  /** Reviewed for certain ("tổng kết năm 2023"), even when a plan of the same year is named. */
  strong: number[];
  plan: number[];
  periods: string[];
  plannedPeriods: string[];
  term: string | null;
  terms: string[];
} {
  const reviewed = new Set<number>();
  const plan = new Set<number>();
  const periods = new Set<string>();
  const plannedPeriods = new Set<string>();
  const add = (set: Set<number>, y: string | undefined) => {
    const n = Number(y);
    if (n >= 1945 && n <= 2100) set.add(n);
  };
  // A period named in its clause after "nhiệm vụ", "phương hướng" … ("nhiệm vụ trọng tâm quý IV/2024")
  // is planned, not reviewed.
  const planned = (at: number): boolean => {
    const clause =
      f
        .slice(Math.max(0, at - 60), at)
        .split(/ [.,] /)
        .pop() ?? '';
    // "Kết quả thực hiện nhiệm vụ quý III/2024" reports on the quarter; "… và phương hướng nhiệm vụ
    // quý IV" plans the next.
    if (REVIEWED_TASKS.test(clause) && !/\b(?:phuong huong|trien khai)\b/.test(clause)) return false;
    return /\b(?:nhiem vu|phuong huong|ke hoach|trien khai|giai phap|muc tieu|chi tieu)\b/.test(clause);
  };
  // "so với quý III/2023", "cùng kỳ 6 tháng năm 2023": a period compared with is not covered.
  const compared = (at: number): boolean =>
    /\b(?:so voi|cung ky)(?: [a-z]+){0,2} $/.test(f.slice(Math.max(0, at - 30), at));
  const [reviewedCues, strongCues, yearOpenings, planCues, quarters, months, termMatches] =
    PERIOD_RULES.matches(f);
  for (const m of reviewedCues!) add(reviewed, m[1]);
  const strong = new Set<number>();
  for (const m of strongCues!) add(strong, m[1]);
  for (const m of yearOpenings!) add(reviewed, m[1]);
  for (const m of planCues!) add(plan, m[1]);
  for (const m of quarters!) {
    const q = QUARTER[m[1]!];
    if (compared(m.index ?? 0)) continue;
    // A planned quarter ("nhiệm vụ quý II/2025") is not one the document reports on.
    if (planned(m.index ?? 0)) {
      add(plan, m[2]);
      if (q) plannedPeriods.add(`quý ${ROMAN_NAME[q]}/${m[2]}`);
    } else {
      if (q) periods.add(`quý ${ROMAN_NAME[q]}/${m[2]}`);
      add(reviewed, m[2]);
    }
  }
  for (const m of months!) {
    if (compared(m.index ?? 0)) continue;
    if (planned(m.index ?? 0)) {
      add(plan, m[2]);
      plannedPeriods.add(`${m[1]} tháng/${m[2]}`);
    } else {
      periods.add(`${m[1]} tháng/${m[2]}`);
      add(reviewed, m[2]);
    }
  }
  const terms = termMatches!.map((t) => `${t[1]}–${t[2]}`);
  return {
    reviewed: [...reviewed].sort(),
    strong: [...strong].sort(),
    plan: [...plan].sort(),
    periods: [...periods],
    plannedPeriods: [...plannedPeriods],
    term: terms[0] ?? null,
    terms: [...new Set(terms)],
  };
}

/** Blocks that open the document: its header, title and first paragraph (up to ~600 characters). */
function headBlocks(blocks: Block[]): Block[] {
  const out: Block[] = [];
  let chars = 0;
  for (const b of blocks) {
    out.push(b);
    if (b.kind === 'paragraph' || b.kind === 'list-item') {
      chars += b.text.length;
      if (chars > 600) break;
    }
    if (out.length >= 14) break;
  }
  return out;
}

function firstSentence(text: string): string {
  const m = /^.{20,400}?[.;](?=\s|$)/su.exec(text);
  return m ? m[0] : text.slice(0, 400);
}

/** Scores candidates by where they are named: title and header count most, the body least. */
class Tally<K> {
  private readonly scores = new Map<K, number>();
  add(key: K, weight: number): void {
    this.scores.set(key, (this.scores.get(key) ?? 0) + weight);
  }
  /** Keys within `share` of the best score, best first. */
  top(share: number, min = 0): K[] {
    const sorted = [...this.scores].sort((a, b) => b[1] - a[1]);
    const best = sorted[0]?.[1] ?? 0;
    return sorted.filter(([, s]) => s >= best * share && s > min).map(([k]) => k);
  }
}

/** Reads a document's profile from its blocks; `file` helps only when the text never names a place. */
export function buildProfile(file: string, blocks: Block[], title: string): DocumentProfile {
  const profile = emptyProfile();
  const head = headBlocks(blocks);
  const opening = head.filter(
    (b) => b.kind !== 'paragraph' && b.kind !== 'list-item' && b.kind !== 'caption',
  );
  const firstPara = head.find((b) => b.kind === 'paragraph' || b.kind === 'list-item');
  const lead = [title, ...opening.map((b) => b.text), firstPara ? firstSentence(firstPara.text) : ''].join(
    ' . ',
  );

  // Kind and number.
  for (const b of [{ text: title }, ...opening]) {
    const f = fold(b.text);
    const kind = KINDS.find(([re]) => re.test(f))?.[1];
    if (kind) {
      profile.kind = kind;
      break;
    }
    if (/^v\/v\b/.test(f)) {
      profile.kind = 'công văn';
      break;
    }
  }
  const numberText = head.map((b) => b.text).join('\n');
  const num = NUMBER_RE.exec(numberText);
  if (num) {
    profile.number = num[1]!.replace(/\s+/g, '');
    if (!profile.kind) {
      const nf = ` ${fold(profile.number).replace(/[-/]/g, ' ')} `;
      profile.kind = NUMBER_KINDS.find(([re]) => re.test(nf))?.[1] ?? 'công văn';
    }
  }
  if (
    !profile.kind &&
    firstPara &&
    /\b(?:to chuc|khai mac|dien ra|hop)\b/.test(fold(firstSentence(firstPara.text)))
  )
    profile.kind = 'tin';

  // Date: a date line in the header, else the first date of the opening paragraph.
  const dateBlock = head.find((b) => b.kind === 'date' || DATE_FULL.test(b.text));
  const paras = head.filter((b) => b.kind === 'paragraph' || b.kind === 'list-item').slice(0, 2);
  profile.date =
    (dateBlock && firstDate(dateBlock.text)) ??
    paras.map((b) => firstDate(firstSentence(b.text))).find((d) => d !== null) ??
    null;

  // Unit kinds: the header and title name the unit; the first sentence usually does; the body votes.
  const units = new Tally<UnitType>();
  const fields = new Map<UnitType, string>();
  const vote = (text: string, weight: number, firstOnly: boolean) => {
    const found = findUnits(text);
    found.forEach((u, i) => {
      if (firstOnly && i > 0) return units.add(u.type, weight / 3);
      units.add(u.type, weight);
      if (u.field && !fields.has(u.type)) fields.set(u.type, u.field);
    });
  };
  vote(title, 4, false);
  // In a header the last issuer line is the issuer ("UBND TỈNH BẮC NINH" / "SỞ Y TẾ"); those above
  // it are its superiors.
  const issuers = opening.filter((b) => isAllCaps(b.text) && findUnits(b.text).length > 0);
  const issuer = issuers[issuers.length - 1];
  for (const b of opening) {
    const weight = issuers.includes(b)
      ? b === issuer
        ? 5
        : 1
      : b.kind === 'title' || isAllCaps(b.text)
        ? 4
        : 2;
    vote(b.text, weight, false);
  }
  if (firstPara) vote(firstSentence(firstPara.text), 3, true);
  // "Tổng kết công tác quân sự, quốc phòng địa phương" is the military command's report, whoever chairs.
  const leadFolded = fold(lead);
  if (/\bcong tac quan su,? quoc phong\b|\bquan su,? quoc phong dia phuong\b/.test(leadFolded))
    units.add('chqs', 4);
  const scan = scanBody(blocks);
  const bodyUnits = scan.units;
  for (const u of bodyUnits) units.add(u.type, 0.25);
  profile.mentionedUnits = [...new Set(bodyUnits.map((u) => u.type))];
  profile.unitTypes = units.top(0.6, 0.5);
  profile.unitField = profile.unitTypes[0] === 'so' ? (fields.get('so') ?? null) : null;

  // Provinces: the same votes; the file name only when the text never names one.
  const places = new Tally<string>();
  for (const m of findProvincesInDocument(title)) places.add(m.province, 4);
  for (const b of opening) for (const m of findProvincesInDocument(b.text)) places.add(m.province, 3);
  if (firstPara)
    findProvincesInDocument(firstSentence(firstPara.text)).forEach((m, i) =>
      places.add(m.province, i === 0 ? 3 : 1),
    );
  for (const m of scan.provinces) places.add(m.province, 0.25);
  profile.provinces = places.top(0.5, 0.2);
  if (profile.provinces.length === 0) {
    const base = path
      .basename(file)
      .replace(/\.[^.]+$/, '')
      .replace(/[-_.]+/g, ' ');
    profile.provinces = findProvincesInQuestion(base).slice(0, 1);
  }
  const leadCased = [
    title,
    ...opening.map((b) => (isAllCaps(b.text) ? titleCase(b.text) : b.text)),
    firstPara ? firstSentence(firstPara.text) : '',
  ].join(' . ');
  profile.mentionedLocalities = scan.localities;
  profile.localities = findLocalPlaces(leadCased).filter((l) => OWN_LEVELS.includes(l.level));
  // A station's report names it in its header ("ĐỒN BIÊN PHÒNG CỬA KHẨU CẢNG HÒN GAI").
  profile.station = profile.unitTypes[0] === 'don-bp' ? findStation(leadCased) : null;

  // Periods: roles of years in the title and opening weigh most, but a heading further down
  // ("II. PHƯƠNG HƯỚNG NHIỆM VỤ NĂM 2025") also says what the document plans.
  const roles = mergeRoles(periodsOf(foldClauses(lead)), scan.roles);
  // A year both reviewed and planned: the latest year of a document is what it plans (a review of
  // 2024 plans 2025), the earlier ones what it reviews; a period ("quý III/2024") is reviewed.
  // A document cannot review a year after its own date: "hoàn thành trong quý II/2025" in a report
  // of December 2024 is planned.
  const dated = profile.date ? Number(profile.date.slice(0, 4)) : null;
  const future = dated ? roles.reviewed.filter((y) => y > dated) : [];
  const reviewed = roles.reviewed.filter((y) => !future.includes(y));
  const planned = [...new Set([...roles.plan, ...future])].sort();
  const periodYears = new Set(
    roles.periods.map((x) => Number(x.slice(-4))).filter((y) => !future.includes(y)),
  );
  const latest = Math.max(0, ...planned);
  profile.reviewedYears = reviewed.filter(
    (y) =>
      !planned.includes(y) ||
      y < latest ||
      periodYears.has(y) ||
      roles.strong.includes(y) ||
      planned.length === 0,
  );
  profile.planYears = planned.filter((y) => !reviewed.includes(y) || y === latest);
  if (!profile.date && paras[0]) {
    // "Sáng 14/12, …": the day and month of the event, in the year the document reviews.
    const dm = /(?<![\d/])(\d{1,2})\/(\d{1,2})(?![\d/])/.exec(firstSentence(paras[0].text));
    const year = profile.reviewedYears[profile.reviewedYears.length - 1] ?? profile.planYears[0];
    if (dm && year) profile.date = isoDate(year, Number(dm[2]), Number(dm[1]));
  }
  // A plan, resolution, directive or programme plans the years its title names (or else its own year);
  // so do an official letter, a notice, a decision and a guide: they set work to do ("Công văn V/v
  // triển khai công tác phòng, chống thiên tai mùa mưa bão năm 2025").
  if (profile.kind && PLANNING_KINDS.includes(profile.kind)) {
    const titleYears = matchesOf(/(?<![\d.,/-])(19\d\d|20\d\d)(?!\d)/g, title).map((m) => Number(m[1]));
    const own = titleYears.length > 0 ? titleYears : profile.date ? [Number(profile.date.slice(0, 4))] : [];
    profile.planYears = [...new Set([...profile.planYears, ...own])].sort();
  }
  // A review ("sơ kết công tác quý III", "báo cáo kết quả") that names no year reviews the year it is dated.
  if (
    profile.reviewedYears.length === 0 &&
    profile.date &&
    /\b(?:tong ket|so ket|ket qua|bao cao)\b/.test(leadFolded)
  )
    profile.reviewedYears = [Number(profile.date.slice(0, 4))];
  // A period that ends after the document's date cannot be reported on: it is planned.
  const ended = (period: string): boolean => {
    if (!profile.date) return true;
    const year = Number(period.slice(-4));
    const q = /^quý (I{1,3}|IV)\//.exec(period);
    const endMonth = q ? ROMAN_NAME.indexOf(q[1]!) * 3 : Number(period.split(' ')[0]);
    return `${year}-${String(endMonth).padStart(2, '0')}` <= profile.date.slice(0, 7);
  };
  profile.periods = roles.periods.filter(ended);
  profile.plannedPeriods = [
    ...new Set([...roles.plannedPeriods, ...roles.periods.filter((x) => !ended(x))]),
  ].filter((x) => !profile.periods.includes(x));
  profile.term = roles.term;
  profile.terms = roles.terms;
  const years = new Set<number>([...roles.reviewed, ...roles.plan]);
  const dateYear = profile.date ? Number(profile.date.slice(0, 4)) : undefined;
  if (dateYear) years.add(dateYear);
  for (const m of matchesOf(
    /(?<![\d.,/-])(19\d\d|20\d\d)(?![\d])/g,
    `${title} ${opening.map((b) => b.text).join(' ')}`,
  ))
    years.add(Number(m[1]));
  profile.years = [...years].sort();

  profile.unit = unitLabel(profile, lead);
  // "Đảng ủy BĐBP tỉnh …": the party committee of the unit speaks in resolutions and reviews. (The
  // first blocks are folded only for a BĐBP's document: they may be long paragraphs.)
  if (profile.unit && profile.unitTypes[0] === 'bdbp' && namesBdbpParty(blocks))
    profile.unit = `Đảng ủy ${profile.unit}`;
  return profile;
}

/**
 * Whether the first blocks name the BĐBP's party committee; read once per document, with its body
 * (the profile is read twice, and the blocks may be long paragraphs to fold).
 */
function namesBdbpParty(blocks: Block[]): boolean {
  const scan = scanBody(blocks);
  scan.bdbpParty ??= /\bdang uy (?:bdbp|bo doi bien phong)\b/.test(
    fold(
      blocks
        .slice(0, 6)
        .map((b) => b.text)
        .join(' '),
    ),
  );
  return scan.bdbpParty;
}

/** "BĐBP tỉnh Quảng Ninh", "UBND huyện Tân Phú Đông", "Sở Y tế tỉnh Bắc Ninh", "Tỉnh ủy Lâm Đồng". */
function unitLabel(p: DocumentProfile, lead: string): string | null {
  const type = p.unitTypes[0];
  const province = p.provinces[0];
  const locality = p.localities[0];
  if (!type && !province) return null;
  const where = (level: 'tỉnh' | 'huyện') =>
    level === 'huyện' && locality
      ? `${locality.level} ${locality.name}`
      : province
        ? `${provinceKind(province)} ${province}`
        : '';
  if (!type) return province ? `${provinceKind(province)} ${province}` : null;
  const atDistrict =
    locality &&
    new RegExp(
      `\\b${UNIT_WORDS[type] ?? '$^'}\\s+(?:huyen|quan|thi xa|thanh pho|xa|phuong|thi tran)\\b`,
    ).test(foldForUnits(lead));
  const level = atDistrict ? 'huyện' : 'tỉnh';
  // "Huyện ủy Hải Hậu", "Thị đoàn Sơn Tây": the district's own party committee or youth union.
  const districtBody = (what: 'uy' | 'doan') =>
    locality !== undefined &&
    new RegExp(`\\b(?:huyen|quan|thi|thanh) ${what} ${foldPlace(locality.name)}\\b`).test(foldForUnits(lead));
  const districtWord = (l: LocalPlace) =>
    l.level === 'huyện' ? 'Huyện' : l.level === 'quận' ? 'Quận' : l.level === 'thị xã' ? 'Thị' : 'Thành';
  switch (type) {
    case 'cap-uy':
      // "Đảng ủy phường Bảo An": a commune's or ward's party committee.
      if (locality && COMMUNE_LEVELS.includes(locality.level) && atDistrict)
        return `Đảng ủy ${locality.level} ${locality.name}`;
      if ((atDistrict || districtBody('uy')) && locality)
        return `${districtWord(locality)} ủy ${locality.name}`;
      return province
        ? `${provinceKind(province) === 'thành phố' ? 'Thành ủy' : 'Tỉnh ủy'} ${province}`
        : 'Tỉnh ủy';
    case 'doan-tn':
      // "Tỉnh đoàn Hà Giang", "Thành đoàn Đà Nẵng", "Huyện đoàn Hải Hậu".
      if (districtBody('doan') && locality) return `${districtWord(locality)} đoàn ${locality.name}`;
      if (!province) return 'Tỉnh đoàn';
      return `${provinceKind(province) === 'thành phố' ? 'Thành' : 'Tỉnh'} đoàn ${province}`;
    case 'so': {
      const field = p.unitField ? soFieldName(p.unitField) : '';
      return `Sở ${field}${province ? ` ${provinceKind(province)} ${province}` : ''}`
        .replace(/\s+/g, ' ')
        .trim();
    }
    case 'don-bp':
      return `Đồn Biên phòng${p.station ? ` ${p.station}` : ''}${province ? ` (BĐBP ${provinceKind(province)} ${province})` : ''}`;
    default: {
      const at = where(level);
      // A district's military command is its "Ban CHQS", not the province's "Bộ CHQS".
      const label = type === 'chqs' && atDistrict ? 'Ban CHQS' : UNIT_LABELS[type];
      return at ? `${label} ${at}` : label;
    }
  }
}

const UNIT_WORDS: Partial<Record<UnitType, string>> = {
  ubnd: '(?:ubnd|uy ban nhan dan)',
  hdnd: '(?:hdnd|hoi dong nhan dan)',
  'cap-uy': '(?:ban chap hanh dang bo|dang uy|dang bo)',
  'cong-an': 'cong an',
  chqs: '(?:ban chqs|ban chi huy quan su)',
  'hoi-nong-dan': 'hoi nong dan',
  'hoi-phu-nu': '(?:hoi lien hiep phu nu|hoi lhpn|hoi phu nu)',
  'hoi-ccb': '(?:hoi cuu chien binh|hoi ccb)',
  ldld: 'lien doan lao dong',
  bhxh: '(?:bao hiem xa hoi|bhxh)',
};

/** The level words a place is written after, folded: "tỉnh", "thành phố", "huyện" … "đặc khu". */
export const LEVEL_WORDS = 'tinh|thanh pho|tp|huyen|quan|thi xa|xa|phuong|thi tran|dac khu';

/** A line that is a place with its level ("TỈNH KHÁNH HÒA", "PHƯỜNG BẢO AN"), folded. */
const PLACE_LINE = new RegExp(`^(?:${LEVEL_WORDS})\\b`);

/** An issuer line of a header ("ĐẢNG ỦY BĐBP TỈNH KIÊN GIANG", "UBND HUYỆN …"): not a title. */
function isIssuerLine(text: string): boolean {
  // The cheap tests first: every test is pure, so their order changes nothing but the cost.
  if (text.length >= 90 || !isAllCaps(text)) return false;
  const units = findUnits(text);
  if (units.length === 0 || units[0]!.index > 12) return false;
  const folded = fold(text);
  return !KINDS.some(([re]) => re.test(folded));
}

/**
 * The document's real title: a kind line ("NGHỊ QUYẾT") with its subject ("về lãnh đạo … năm 2025"),
 * a "V/v …" subject, a title line, or the first heading; else, when the profile knows the unit, a title
 * made from it ("Đảng ủy BĐBP tỉnh Ninh Thuận: kết quả năm 2024, phương hướng năm 2025"); the file
 * name only as a last resort. Returns the title and the index of the blocks it was taken from.
 */
export function documentTitle(
  blocks: Block[],
  fallback: string,
  profile: DocumentProfile,
): { title: string; used: number[]; made?: boolean } {
  const head = blocks.slice(0, 12);
  // A header: issuer lines, number, place and date, then the kind alone ("BÁO CÁO") and its subject.
  const kindAt = head.findIndex((b, i) => {
    if (i > 8 || b.text.length >= 40) return false;
    // Folded once, not once per kind tried: fold depends on the text alone.
    const f = fold(b.text);
    return KINDS.some(([re]) => re.test(f)) && f.split(' ').length <= 3;
  });
  if (kindAt >= 0) {
    const kind = head[kindAt]!;
    const next = head[kindAt + 1];
    if (next && next.kind !== 'date' && next.text.length < 250 && !/^(?:[IVX]+|\d+)[.)]\s/.test(next.text)) {
      const subject = isAllCaps(next.text)
        ? next.text.toLowerCase()
        : next.text.charAt(0).toLowerCase() + next.text.slice(1);
      return { title: tidy(`${sentenceCase(kind.text)} ${subject}`), used: [kindAt, kindAt + 1] };
    }
    return { title: tidy(sentenceCase(kind.text)), used: [kindAt] };
  }
  let afterIssuer = false;
  for (let i = 0; i < head.length; i++) {
    const b = head[i]!;
    const f = fold(b.text);
    if (isIssuerLine(b.text)) {
      afterIssuer = true;
      continue;
    }
    // An issuer written on two lines ("ỦY BAN NHÂN DÂN" / "PHƯỜNG BẢO AN"): its place is no title.
    const issuerPlace = afterIssuer && b.text.length < 60 && isAllCaps(b.text) && PLACE_LINE.test(f);
    afterIssuer = false;
    if (issuerPlace || b.kind === 'date' || MOTTO.test(f) || /^so\b/.test(f)) continue;
    const kind = KINDS.find(([re]) => re.test(f));
    if (kind && b.text.length < 40) {
      // "NGHỊ QUYẾT" then "về lãnh đạo thực hiện nhiệm vụ năm 2025" (or an all-capital subject).
      const next = head[i + 1];
      if (
        next &&
        next.kind !== 'date' &&
        (/^(?:về|v\/v|v\.v|của|phòng|thực hiện)\b/iu.test(next.text) ||
          isAllCaps(next.text) ||
          /^[\p{Ll}]/u.test(next.text)) &&
        next.text.length < 250
      )
        return {
          title: tidy(
            `${sentenceCase(b.text)} ${isAllCaps(next.text) ? next.text.toLowerCase() : next.text}`,
          ),
          used: [i, i + 1],
        };
      return { title: tidy(sentenceCase(b.text)), used: [i] };
    }
    if (/^v\s*\/\s*v\b/.test(f)) return { title: tidy(b.text), used: [i] };
    if (b.kind === 'title' || (b.kind === 'heading' && i <= 3 && isAllCaps(b.text))) {
      return { title: tidy(isAllCaps(b.text) ? sentenceCase(b.text) : b.text), used: [i] };
    }
    if (b.kind === 'paragraph' || b.kind === 'list-item' || b.kind === 'caption') break;
  }
  const heading = blocks.find((b) => b.kind === 'heading' && b.text.length < 150);
  if (profile.unit) return { title: madeTitle(profile), used: [], made: true };
  if (heading)
    return { title: tidy(isAllCaps(heading.text) ? sentenceCase(heading.text) : heading.text), used: [] };
  return { title: fallback, used: [] };
}

/** Province names lost to sentence case are put back ("tỉnh quảng ninh" → "tỉnh Quảng Ninh"). */
function tidy(title: string): string {
  let t = normalizeText(title).replace(/[\s:;,.-]+$/u, '');
  // Sentence case lowered the provinces' names ("Thanh hóa", "tỉnh quảng ninh"): put them back.
  for (const p of PROVINCES) {
    const lower = p.name.toLowerCase();
    const lowered = t.toLowerCase();
    let at = lowered.indexOf(lower);
    while (at >= 0) {
      const before = at === 0 ? ' ' : lowered[at - 1]!;
      const after = lowered[at + lower.length] ?? ' ';
      if (!/[\p{L}\d]/u.test(before) && !/[\p{L}\d]/u.test(after))
        t = t.slice(0, at) + p.name + t.slice(at + lower.length);
      at = lowered.indexOf(lower, at + lower.length);
    }
  }
  t = t.replace(/\b(bđbp|hđnd|ubnd|chqs|đuqs|bchqs|mttq|kt-xh|qp-an|iuu|grdp)\b/giu, (m) => m.toUpperCase());
  return t;
}

function madeTitle(p: DocumentProfile): string {
  const parts: string[] = [];
  if (p.reviewedYears.length) parts.push(`kết quả năm ${p.reviewedYears.join(', ')}`);
  if (p.planYears.length)
    parts.push(
      `phương hướng năm ${p.planYears.filter((y) => !p.reviewedYears.includes(y)).join(', ') || p.planYears.join(', ')}`,
    );
  const kind = p.kind && p.kind !== 'tin' ? `${p.kind.charAt(0).toUpperCase()}${p.kind.slice(1)} của ` : '';
  const unit = kind ? p.unit! : p.unit!.charAt(0).toUpperCase() + p.unit!.slice(1);
  return `${kind}${unit}${parts.length ? `: ${parts.join(', ')}` : ''}`;
}

export { sentenceCase, isAllCaps };
