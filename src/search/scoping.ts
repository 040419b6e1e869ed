import { foldPlace, provinceKind, stationKey } from '../profile/places';
import { foldDiacritics, hasDiacritics } from '../text/normalize';
import { DocumentProfile } from '../profile/profile';
import {
  describeScope,
  fitScope,
  kindAsked,
  namedLocalities,
  withFormerPlaces,
  otherSession,
  namesEntity,
  parseScope,
  QuestionScope,
  ScopeFit,
} from '../profile/scope';
import { ScopeInfo } from './types';

/** What scoping needs of a document. */
export interface ScopedDocument {
  id: number;
  title: string;
  profile: DocumentProfile;
}

/** How a question's scope restricts and orders the documents answers may come from. */
export interface ScopeDecision {
  scope: QuestionScope;
  info: ScopeInfo | null;
  /** Documents a result may come from; null: any. */
  pool: Set<number> | null;
  /** Rank tier per document, higher first (scope decides before wording); absent: 0. */
  tier: Map<number, number>;
  /**
   * Score factor per document within a tier: a document whose year has the role the question's
   * words suggest ("bắt giữ bao nhiêu vụ năm 2024": the review of 2024) is preferred, but a
   * clearly better worded passage of another document covering the year can still win.
   */
  boost: Map<number, number>;
  /** District names the question was read to name (folded). */
  localities?: string[];
  /** True when the question names a held document by its number: the pool is that document. */
  byNumber?: boolean;
  /** The numbers that named it, as typed ("58-TB/ĐU", "09"). */
  numbers?: string[];
  /**
   * Numbers the question names that no document has: documents cited ("thực hiện Nghị quyết
   * 18-NQ/TW, …"), whose words name the context, not the answer.
   */
  cited?: string[];
  /**
   * Documents in the pool because their province was merged into the one the question names: per
   * document, its province then and the one it belongs to now ("Ninh Thuận" → "Khánh Hòa"). Such a
   * document meets the question's place words through the merger, not in its own words.
   */
  merged?: Map<number, MergedPlace>;
  /**
   * The decision without narrowing to the kind of document the question names ("kế hoạch kỷ niệm 80
   * năm … phải xong trước ngày nào": a plan a report tells of): asked when the narrowed pool answers
   * nothing.
   */
  wider?: ScopeDecision;
}

/** A document's province before the July 2025 merger and the province it is part of since. */
export interface MergedPlace {
  then: string;
  now: string;
}

/** "tỉnh Ninh Thuận", "thành phố Hồ Chí Minh": a province named as people write it. */
const withKind = (name: string) => `${provinceKind(name)} ${name}`;

/**
 * The note shown above results that come from a merged province's documents: "Kết quả từ tài liệu
 * của tỉnh Ninh Thuận (nay thuộc tỉnh Khánh Hòa)." Null when no shown result is one.
 */
export function mergedNote(
  merged: Map<number, MergedPlace> | undefined,
  documentIds: number[],
): string | null {
  if (!merged) return null;
  const byNow = new Map<string, Set<string>>();
  for (const id of documentIds) {
    const m = merged.get(id);
    if (!m) continue;
    const then = byNow.get(m.now) ?? new Set<string>();
    then.add(withKind(m.then));
    byNow.set(m.now, then);
  }
  if (byNow.size === 0) return null;
  const parts = [...byNow].map(([now, then]) => `${[...then].join(', ')} (nay thuộc ${withKind(now)})`);
  return `Kết quả từ tài liệu của ${parts.join('; ')}.`;
}

/** The years a document reviews and plans, and the periods it reports on ("quý I/2025"). */
export interface YearsOfDocument {
  reviewedYears: readonly number[];
  planYears: readonly number[];
  periods: readonly string[];
}

/**
 * What to tell people when a question asks what was done in a year (`asked`) and every result comes
 * from documents that only plan that year: a review of 2023 that plans 2024, for "BĐBP Quảng Trị năm
 * 2024 bắt giữ bao nhiêu vụ". Null when one of them reviews the year or reports on part of it, or
 * when there is no result. `label` is what the question names ("BĐBP tỉnh Quảng Trị năm 2024").
 */
export function planOnlyNote(
  asked: readonly number[],
  label: string | null,
  profiles: ReadonlyArray<YearsOfDocument>,
): string | null {
  if (asked.length === 0 || profiles.length === 0) return null;
  const plansOnly = (p: (typeof profiles)[number]) =>
    asked.some((y) => p.planYears.includes(y)) &&
    !asked.some((y) => p.reviewedYears.includes(y) || p.periods.some((period) => period.endsWith(`/${y}`)));
  if (!profiles.every(plansOnly)) return null;
  const years = asked.join(', ');
  return (
    `Chưa có báo cáo kết quả về ${label ?? `năm ${years}`}; các đoạn dưới đây lấy từ tài liệu nêu ` +
    `kế hoạch, phương hướng cho năm ${years}.`
  );
}

/**
 * Document numbers a question names ("nghị quyết 142-NQ/ĐU", "công văn số 486/BCH-PCTP"): digits,
 * then parts joined by "-" or "/" with at least one letter (a date such as 15/4/2025, a term such as
 * 2020-2025 or a quarter such as I/2025 is not a number).
 */
export function numbersIn(question: string): string[] {
  const out: string[] = [];
  for (const m of question.normalize('NFC').matchAll(/(?<![\p{L}\d])\d{1,5}(?:\s*[-/]\s*[\p{L}\d.]+)+/gu)) {
    const n = m[0].replace(/\s+/g, '').replace(/\.+$/, '');
    if (/\p{L}/u.test(n)) out.push(n);
  }
  // A bare number after a kind of document: "công văn 1462", "nghị quyết số 125" (a year only with
  // "số": "kế hoạch 2025" is the plan for 2025).
  const folded = foldDiacritics(question.normalize('NFC'));
  for (const m of folded.matchAll(KIND_NUMBER)) {
    const n = m[2]!;
    if (!m[1] && /^(?:19|20)\d\d$/.test(n)) continue;
    out.push(n);
  }
  return out;
}

/**
 * Kinds of document named before their number, folded, in words or as their type codes are typed
 * ("KH 642", "NQ 125", "CV 1462", "QĐ 12": the codes a number is written with, "642/KH-SGDĐT").
 */
const NUMBERED_KINDS =
  '(?:cong van|nghi quyet|chi thi|ke hoach|quyet dinh|thong bao(?: ket luan)?|bao cao|to trinh|huong dan|ket luan|cv|nq|ct|kh|qd|tb|bc|hd|kl)';

/**
 * Where a folded text names a document by its number: its kind in words or as a type code, "số", and
 * the number's folded `words`. With `kind: 'optional'` the number alone is found too.
 */
export function numberMention(words: string, kind: 'required' | 'optional'): RegExp {
  const escaped = words.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return kind === 'required'
    ? new RegExp(`\\b${NUMBERED_KINDS} (?:so )?${escaped}\\b`, 'g')
    : new RegExp(`(?:\\b${NUMBERED_KINDS} )?(?:\\bso )?\\b${escaped}\\b`, 'g');
}

const KIND_NUMBER = new RegExp(
  `\\b${NUMBERED_KINDS}\\s+(so\\s+)?(\\d{1,5})(?![\\d.,]|\\s*[-/%]|\\s+(?:thang|nam|ngay|quy|tuan)\\b)`,
  'g',
);

/** "218", "218-NQ" and "218-nq/đu" name "218-NQ/ĐU"; "21" and "2180-NQ" do not. */
export function sameNumber(own: string, asked: string): boolean {
  const fold = (s: string) => foldDiacritics(s.normalize('NFC')).toUpperCase().replace(/\s+/g, '');
  const a = fold(own);
  const b = fold(asked);
  if (!a || !b || !a.startsWith(b)) return false;
  return a.length === b.length || /[-/.]/.test(a[b.length]!);
}

/**
 * Score factor for a document whose year has the role the question gives it. 1.25: enough to order
 * two reports of the same unit that both mention the year, not enough to lift a passage that shares
 * few of the question's words (not tuned on the evaluation sets; see decision 010).
 */
const YEAR_ROLE_BOOST = 1.25;

/** How many holdings a "not found" lists. */
const MAX_AVAILABLE = 8;

/** The localities the documents are about or mention, computed once per list of documents. */
const localityCache = new WeakMap<
  readonly ScopedDocument[],
  { known: Set<string>; names: Map<string, string> }
>();

function localitiesOf(docs: readonly ScopedDocument[]) {
  let entry = localityCache.get(docs);
  if (!entry) {
    const known = new Set<string>();
    const names = new Map<string, string>();
    for (const d of docs) {
      for (const l of d.profile.localities) {
        const folded = foldPlace(l.name);
        known.add(folded);
        if (!names.has(folded)) names.set(folded, `${l.level} ${l.name}`);
      }
      // A border station is asked about by its name, as a district is ("đồn Hòn Gai").
      if (d.profile.station) {
        const key = stationKey(d.profile.station);
        known.add(key);
        if (!names.has(key)) names.set(key, d.profile.station);
      }
      for (const m of d.profile.mentionedLocalities) known.add(m);
    }
    entry = { known, names };
    localityCache.set(docs, entry);
  }
  return entry;
}

/**
 * Decides which documents can answer a question from what it names:
 * - a place or unit (province, district, BĐBP, HĐND …): only documents about it (or about a former
 *   province merged into the one named, ranked after), and "not found" when there are none;
 * - with it a year: only those documents that cover the year, "not found" when none does;
 * - a year alone: nothing is excluded or re-ordered (a law or a report that does not date itself
 *   can still answer; the year's words weigh in the ranking like any other).
 */
export function decideScope(question: string, docs: readonly ScopedDocument[]): ScopeDecision {
  let scope = parseScope(question);
  // A document named by its number is the document asked about, whatever else the question names.
  // A number no document has (a central resolution cited in passing) restricts nothing.
  const numbers = numbersIn(question);
  if (numbers.length > 0) {
    const named = docs.filter(
      (d) => d.profile.number && numbers.some((n) => sameNumber(d.profile.number!, n)),
    );
    if (named.length > 0)
      return {
        scope,
        info: null,
        pool: new Set(named.map((d) => d.id)),
        tier: new Map(),
        boost: new Map(),
        byNumber: true,
        numbers,
      };
  }
  if (numbers.length === 0) return decideByPlace(scope, docs);
  // The kind written with a cited number ("thực hiện Nghị quyết 18-NQ/TW") is that document's, not
  // the kind of document the question asks about; another kind it names still is.
  let rest = scope.folded;
  for (const n of numbers) {
    const words = foldDiacritics(n.normalize('NFC'))
      .replace(/[^a-z0-9/]+/g, ' ')
      .trim();
    rest = rest.replace(numberMention(words, 'required'), ' ');
  }
  if (rest !== scope.folded) scope = { ...scope, kind: kindAsked(rest) };
  return { ...decideByPlace(scope, docs), cited: numbers };
}

/** decideScope for a question that names no document of ours by its number. */
function decideByPlace(scope: QuestionScope, docs: readonly ScopedDocument[]): ScopeDecision {
  const { known, names } = localitiesOf(docs);
  let localities = namedLocalities(scope, known, names.keys());
  // A former place ("(thành phố Thái Bình cũ)") scopes only a question that names no other place.
  if (scope.former && scope.provinces.length === 0 && localities.length === 0) {
    scope = withFormerPlaces(scope);
    localities = namedLocalities(scope, known, names.keys());
  }
  // Names as the documents write them, for messages ("huyện Tân Phú Đông").
  // Typed without diacritics ("phuong tran lam"), a name the documents know is said as they write it.
  for (const [folded, name] of names) {
    // The typed name's own words, after its level word ("xã" is added whatever was typed).
    const typed = (scope.localityNames[folded] ?? '').split(' ').slice(-folded.split(' ').length).join(' ');
    if (!hasDiacritics(typed)) scope.localityNames[folded] = name;
  }
  const tier = new Map<number, number>();
  const boost = new Map<number, number>();
  // A year alone does not re-order: laws and reports name years in passing ("Bộ luật Hình sự năm
  // 2017"), and the words already weigh it.
  if (!namesEntity(scope, localities)) return { scope, info: null, pool: null, tier, boost };
  // A unit kind without a place ("HĐND có thẩm quyền gì", "ủy ban nhân dân cấp tỉnh") is how laws
  // and general questions speak: it excludes nothing, and the words already weigh it.
  if (scope.provinces.length === 0 && localities.length === 0)
    return { scope, info: null, pool: null, tier, boost };

  const fits = docs.map((d) => ({ doc: d, fit: fitScope(scope, d.profile, localities) }));
  // A council's thematic session is not its regular one, nor the other way round.
  const entity = fits.filter((f) => f.fit.entity && !otherSession(scope, f.doc.title));
  const asked = describeScope(scope, localities, { years: false });
  if (entity.length === 0) {
    // A province merged later, asked about before the mergers: the year is why ("tỉnh Hà Giang chỉ
    // thuộc tỉnh Tuyên Quang từ ngày 1/7/2025"), and what the old province's documents hold comes first.
    const later = fits.filter((f) => f.fit.mergedLater !== null);
    const what = later.length > 0 ? describeScope(scope, localities) : asked;
    const then = later[0]?.doc.profile.provinces[0];
    const now = later[0]?.fit.mergedLater;
    const why =
      then && now
        ? ` (${provinceKind(then)} ${then} chỉ thuộc ${provinceKind(now)} ${now} từ ngày 1/7/2025)`
        : '';
    return {
      scope,
      info: {
        asked: what,
        missing: true,
        message: `Chưa có tài liệu nào về ${what}${why}.`,
        available: [
          ...holdings(later.map((f) => f.doc).filter((d) => related(scope, d.profile))),
          ...holdings(docs.filter((d) => related(scope, d.profile) && !later.some((f) => f.doc === d))),
        ],
      },
      pool: new Set(),
      tier,
      boost,
    };
  }
  // A kind of document named as the object ("chỉ thị … năm 2024") narrows when the unit has one.
  const ofKind = scope.kind ? entity.filter((f) => f.doc.profile.kind === scope.kind) : [];
  const kindPool = ofKind.length > 0 ? ofKind : entity;
  const inYear = kindPool.filter((f) => f.fit.year && f.fit.period);
  if (inYear.length === 0) {
    const withYears = describeScope(scope, localities);
    return {
      scope,
      info: {
        asked: withYears,
        missing: true,
        message: `Chưa có tài liệu nào về ${withYears}.`,
        available: holdings(entity.map((f) => f.doc)),
      },
      pool: new Set(),
      tier,
      boost,
    };
  }
  const decided = pooled(scope, localities, inYear);
  // Narrowed to a kind of document, the rest of the unit's documents of the year stay a fallback.
  const allInYear = entity.filter((f) => f.fit.year && f.fit.period);
  if (ofKind.length > 0 && allInYear.length > inYear.length)
    decided.wider = pooled(scope, localities, allInYear);
  return decided;
}

/** The decision that answers from `fits`, in their tiers. */
function pooled(
  scope: QuestionScope,
  localities: string[],
  fits: ReadonlyArray<{ doc: ScopedDocument; fit: ScopeFit }>,
): ScopeDecision {
  const tier = new Map<number, number>();
  const boost = new Map<number, number>();
  for (const { doc, fit } of fits) {
    tier.set(doc.id, fit.entityLevel);
    if (fit.yearLevel >= 2 && scope.years.length > 0) boost.set(doc.id, YEAR_ROLE_BOOST);
  }
  const merged = new Map<number, MergedPlace>();
  for (const { doc, fit } of fits)
    if (fit.mergedAs && fit.entityLevel > 0 && doc.profile.provinces[0])
      merged.set(doc.id, { then: doc.profile.provinces[0], now: fit.mergedAs });
  return {
    scope,
    // The note on merged provinces depends on which documents the shown results come from: the
    // retriever writes it (see mergedNote).
    info: { asked: describeScope(scope, localities), missing: false, message: null, available: [] },
    pool: new Set(fits.map((f) => f.doc.id)),
    tier,
    boost,
    localities,
    ...(merged.size > 0 ? { merged } : {}),
  };
}

/** Documents that share the question's unit kind or place: what to offer instead. */
function related(scope: QuestionScope, p: DocumentProfile): boolean {
  if (scope.unitTypes.length > 0) return scope.unitTypes.some((t) => p.unitTypes.includes(t));
  return scope.provinces.some((x) => p.provinces.includes(x));
}

/** "BĐBP tỉnh Ninh Thuận (2024, 2025)" per unit, most documents first. */
export function holdings(docs: readonly ScopedDocument[]): string[] {
  const byUnit = new Map<string, Set<number>>();
  for (const d of docs) {
    const unit = d.profile.unit ?? d.title;
    const years = byUnit.get(unit) ?? new Set<number>();
    for (const y of d.profile.years) years.add(y);
    byUnit.set(unit, years);
  }
  return [...byUnit]
    .sort((a, b) => b[1].size - a[1].size || a[0].localeCompare(b[0], 'vi'))
    .slice(0, MAX_AVAILABLE)
    .map(([unit, years]) => (years.size ? `${unit} (${[...years].sort().join(', ')})` : unit));
}
