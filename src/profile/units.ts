import { foldDiacritics } from '../text/normalize';
import { RuleSet } from '../text/matches';

/**
 * Kinds of agency unit a document is about or a question names. Matched on folded text (no
 * diacritics, lower case), so "BĐBP", "bdbp", "Bộ đội Biên phòng" and "bo doi bien phong" agree.
 */
export type UnitType =
  | 'bdbp'
  | 'don-bp'
  | 'chqs'
  | 'duqs'
  | 'hdnd'
  | 'ubnd'
  | 'cap-uy'
  | 'cong-an'
  | 'so'
  | 'mttq'
  | 'vksnd'
  | 'tand'
  | 'hoi-nong-dan'
  | 'doan-tn'
  | 'hoi-phu-nu'
  | 'hoi-ccb'
  | 'ldld'
  | 'bhxh';

/** How each kind is named for people (in source lines and "not found" messages). */
export const UNIT_LABELS: Record<UnitType, string> = {
  bdbp: 'BĐBP',
  'don-bp': 'Đồn Biên phòng',
  chqs: 'Bộ CHQS',
  duqs: 'Đảng ủy Quân sự',
  hdnd: 'HĐND',
  ubnd: 'UBND',
  'cap-uy': 'Tỉnh ủy',
  'cong-an': 'Công an',
  so: 'Sở',
  mttq: 'Ủy ban MTTQ',
  vksnd: 'Viện KSND',
  tand: 'Tòa án nhân dân',
  'hoi-nong-dan': 'Hội Nông dân',
  'doan-tn': 'Tỉnh đoàn',
  'hoi-phu-nu': 'Hội LHPN',
  'hoi-ccb': 'Hội Cựu chiến binh',
  ldld: 'Liên đoàn Lao động',
  bhxh: 'BHXH',
};

/**
 * Related kinds: a question about one also reaches the other, ranked after exact matches
 * (a border post belongs to the provincial Border Guard; the military party committee leads the
 * military command). A question about the People's Committee reaches the People's Council's
 * documents: the council's sessions hear and decide on the committee's reports, so "UBND tỉnh … còn
 * bao nhiêu sở" is told at the HĐND's session. Not the other way round: the committee's conferences
 * are not the council's sessions ("HĐND tỉnh Nghệ An kỳ họp năm 2024 ai chủ trì" was answered with the
 * chair of the military conference the provincial committee held).
 */
const FAMILY: Partial<Record<UnitType, UnitType[]>> = {
  bdbp: ['don-bp'],
  'don-bp': ['bdbp'],
  chqs: ['duqs'],
  duqs: ['chqs'],
  ubnd: ['hdnd'],
};

/** 2: the same kind; 1: a related kind; 0: unrelated. */
export function unitAffinity(asked: UnitType, doc: UnitType): number {
  if (asked === doc) return 2;
  return FAMILY[asked]?.includes(doc) ? 1 : 0;
}

/** Every field the `so` rule reads, as it is written ("giao duc va dao tao" → "Giáo dục và Đào tạo"). */
const SO_FIELD_NAMES: Record<string, string> = {
  'y te': 'Y tế',
  'tai chinh': 'Tài chính',
  'noi vu': 'Nội vụ',
  'tu phap': 'Tư pháp',
  'xay dung': 'Xây dựng',
  'cong thuong': 'Công Thương',
  'ngoai vu': 'Ngoại vụ',
  'giao duc va dao tao': 'Giáo dục và Đào tạo',
  'giao duc': 'Giáo dục',
  'nong nghiep va phat trien nong thon': 'Nông nghiệp và Phát triển nông thôn',
  'nong nghiep va moi truong': 'Nông nghiệp và Môi trường',
  'nong nghiep': 'Nông nghiệp',
  'ke hoach va dau tu': 'Kế hoạch và Đầu tư',
  'tai nguyen va moi truong': 'Tài nguyên và Môi trường',
  'lao dong thuong binh va xa hoi': 'Lao động, Thương binh và Xã hội',
  'van hoa the thao va du lich': 'Văn hóa, Thể thao và Du lịch',
  'van hoa va the thao': 'Văn hóa và Thể thao',
  'thong tin va truyen thong': 'Thông tin và Truyền thông',
  'giao thong van tai': 'Giao thông vận tải',
  'khoa hoc va cong nghe': 'Khoa học và Công nghệ',
  'dan toc va ton giao': 'Dân tộc và Tôn giáo',
};

/**
 * Departments merged on 1 March 2025, each into the one it names: a question naming the old department
 * ("Sở TN&MT Lào Cai") may be answered by its successor's documents and the other way round.
 */
const DEPARTMENT_MERGERS: Record<string, string> = {
  'tai nguyen va moi truong': 'nong nghiep va moi truong',
  'nong nghiep va phat trien nong thon': 'nong nghiep va moi truong',
  'ke hoach va dau tu': 'tai chinh',
  'lao dong thuong binh va xa hoi': 'noi vu',
  'thong tin va truyen thong': 'khoa hoc va cong nghe',
  'giao thong van tai': 'xay dung',
};

/**
 * 2 when two departments' fields (folded) are one department's: the same, or one the start of the
 * other's name ("giao duc" / "giao duc va dao tao", "nong nghiep" / "nong nghiep va moi truong"); 1 when
 * one was merged into the other; 0 otherwise.
 */
export function departmentAffinity(a: string, b: string): number {
  const key = (f: string) => f.replace(/,/g, '').replace(/\s+/g, ' ').trim();
  const x = key(a);
  const y = key(b);
  if (x === y || x.startsWith(`${y} `) || y.startsWith(`${x} `)) return 2;
  if (DEPARTMENT_MERGERS[x] === y || DEPARTMENT_MERGERS[y] === x) return 1;
  return 0;
}

/** The field of a department as written, from its folded form (`UnitMention.field`, a profile's `unitField`). */
export function soFieldName(field: string): string {
  const key = field.replace(/,/g, '').replace(/\s+/g, ' ').trim();
  return SO_FIELD_NAMES[key] ?? key.replace(/^\p{L}/u, (c) => c.toUpperCase());
}

export const UNIT_RULES: ReadonlyArray<[UnitType, RegExp]> = [
  ['don-bp', /\bdon (?:bien phong|bp)\b/g],
  [
    'bdbp',
    /\b(?:bdbp|bo doi bien phong|(?<!don )bien phong (?:tinh|thanh pho|tp)|bo chi huy (?:bdbp|bo doi bien phong)|dang bo bdbp|dang uy bdbp)\b/g,
  ],
  ['duqs', /\b(?:duqs|dang uy quan su)\b/g],
  ['chqs', /\b(?:bchqs|bo chqs|ban chqs|chqs|bo chi huy quan su|ban chi huy quan su)\b/g],
  ['hdnd', /\b(?:hdnd|hoi dong nhan dan)\b/g],
  ['ubnd', /\b(?:ubnd|uy ban nhan dan)\b/g],
  [
    'cap-uy',
    /\b(?:tinh uy|thanh uy|huyen uy|quan uy|thi uy|(?:ban chap hanh |bch )?dang bo (?:tinh|thanh pho|huyen|quan|thi xa|xa|phuong|thi tran)|dang uy (?:xa|phuong|thi tran)|ban thuong vu tinh uy)\b/g,
  ],
  ['cong-an', /\bcong an (?:tinh|thanh pho|tp|huyen|quan|thi xa|xa|phuong)\b/g],
  [
    'so',
    /\bso (?:y te|tai chinh|noi vu|tu phap|xay dung|cong thuong|ngoai vu|giao duc va dao tao|giao duc|nong nghiep va (?:phat trien nong thon|moi truong)|nong nghiep|ke hoach va dau tu|tai nguyen va moi truong|lao dong(?:,)? thuong binh va xa hoi|van hoa(?:,)? (?:the thao va du lich|va the thao)|thong tin va truyen thong|giao thong van tai|khoa hoc va cong nghe|dan toc va ton giao)\b/g,
  ],
  ['mttq', /\b(?:mttq|mat tran to quoc)\b/g],
  ['vksnd', /\b(?:vksnd|vien ksnd|vien kiem sat nhan dan)\b/g],
  ['tand', /\b(?:tand|toa an nhan dan)\b/g],
  // The mass organizations and the social insurance agency: every province and district has one, and
  // their reports read like the others' ("Hội Nông dân tỉnh Thái Bình tổng kết năm 2024"). "Đoàn"
  // alone is any delegation, "tình đoàn kết" folds to "tinh doan ket": neither is the Youth Union.
  ['hoi-nong-dan', /\b(?:hoi nong dan|hoi nd|hnd)\b/g],
  [
    'doan-tn',
    /\b(?:(?:tinh|thanh|huyen|quan|thi) doan(?! ket\b)|doan (?:thanh nien(?: cong san)?|tncs|tn)(?: ho chi minh)?)\b/g,
  ],
  ['hoi-phu-nu', /\b(?:hoi (?:lien hiep )?phu nu|hoi lhpn|lhpn)\b/g],
  ['hoi-ccb', /\b(?:hoi cuu chien binh|hoi ccb)\b/g],
  ['ldld', /\b(?:lien doan lao dong|ldld)\b/g],
  // "bảo hiểm xã hội" is also what people pay: the agency only with its level or as BHXH Việt Nam.
  ['bhxh', /\b(?:bao hiem xa hoi|bhxh) (?:tinh|thanh pho|tp|huyen|quan|thi xa|viet nam)\b/g],
];

/** Extra forms people type in questions, which are too loose to trust in documents. */
const QUESTION_RULES: ReadonlyArray<[UnitType, RegExp]> = [
  ['bdbp', /\b(?<!don )bien phong\b/g],
  ['cong-an', /\bcong an\b/g],
  ['chqs', /\bquan su tinh\b/g],
  // "CCB Hải Hậu", "Cựu chiến binh phường Phú Thủy": the veterans' association, as people write it
  // without "Hội" (its documents, its congress, its members); answered from another unit's documents
  // such a question was a wrong-unit answer.
  ['hoi-ccb', /\b(?:ccb|cuu chien binh(?= (?:tinh|thanh pho|tp|huyen|quan|thi xa|xa|phuong|thi tran)\b))\b/g],
];

export interface UnitMention {
  type: UnitType;
  /** Offset in the folded text. */
  index: number;
  /** Length of the mention in the folded text. */
  length: number;
  /** For a department (sở), its field as folded words ("y te"). */
  field?: string;
}

/** Lower case, no diacritics, punctuation as spaces: the text unit rules are written for. */
export function foldForUnits(text: string): string {
  return unitsFoldOf(foldDiacritics(text.normalize('NFC')));
}

/**
 * foldForUnits of a text already folded (foldDiacritics of its NFC form), for a caller that needs the
 * folded text for more than units. Each run of anything but letters and digits becomes one space (no
 * two spaces follow each other after that, so nothing else needs collapsing).
 */
export function unitsFoldOf(folded: string): string {
  return folded.replace(NOT_WORD_RUN, ' ');
}

/**
 * A run of anything but letters and digits other than a single space, whole: what /[^a-z0-9]+/g
 * matches less the lone spaces, which it would replace by themselves (one match per word of a body).
 * A run starting with another character is taken by the first branch, one starting with a space and
 * going on by the second; each takes the run to its end, so the next match cannot start inside it.
 */
const NOT_WORD_RUN = /[^a-z0-9 ][^a-z0-9]*| [^a-z0-9]+/g;

function mention(type: UnitType, index: number, text: string): UnitMention {
  const field = type === 'so' ? text.slice(3) : undefined;
  return { type, index, length: text.length, ...(field ? { field } : {}) };
}

/**
 * Unit rules with their RuleSet: each rule's matches as its own expression finds them, in one pass
 * over a text (issue 14: rule by rule, the nineteen passes over the first 20,000 characters of every
 * document were 6% of ingest's analysis).
 */
function ruleScan(rules: ReadonlyArray<[UnitType, RegExp]>): (fold: string, out: UnitMention[]) => void {
  const set = new RuleSet(rules.map(([, re]) => re));
  return (fold, out) =>
    set.matches(fold).forEach((matches, rule) => {
      for (const m of matches) out.push(mention(rules[rule]![0], m.index, m[0]));
    });
}

const scanUnits = ruleScan(UNIT_RULES);
const scanQuestionUnits = ruleScan(QUESTION_RULES);

/** Units named in a text (document or question), in order of appearance. */
export function findUnits(text: string, options: { question?: boolean } = {}): UnitMention[] {
  return findUnitsInFold(foldForUnits(text), options);
}

/** findUnits of a text given as foldForUnits gives it (offsets are in that folded text). */
export function findUnitsInFold(fold: string, options: { question?: boolean } = {}): UnitMention[] {
  const out: UnitMention[] = [];
  scanUnits(fold, out);
  if (options.question) {
    const extra: UnitMention[] = [];
    scanQuestionUnits(fold, extra);
    for (const e of extra) if (!out.some((o) => o.type === e.type)) out.push(e);
  }
  // "Đảng ủy Quân sự" contains no "Bộ CHQS", but "Bộ CHQS" is also inside "Ban CHQS": one kind per span.
  return out.sort((a, b) => a.index - b.index);
}
