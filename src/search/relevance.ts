import { AnalyzedQuery, EXACT, EXACT_BIGRAM, FOLDED, FOLDED_BIGRAM, textTerms } from '../text/terms';
import { splitSentences } from '../text/sentences';
import { foldDiacritics } from '../text/normalize';
import { QUARTER } from '../profile/profile';

/** Weight of a syllable matched only without diacritics, when the question has them. */
const FOLDED_ONLY_CREDIT = 0.6;

export type IdfFn = (term: string) => number;

/**
 * What documents write as a sign or a short form and people type in words: "tăng bao nhiêu phần
 * trăm" is answered by "tăng 11%", "công văn … về việc gì" by the header's "V/v triển khai …". A text
 * holding the sign covers the words.
 */
const WRITTEN_SHORT: ReadonlyArray<[RegExp, Map<string, number>]> = [
  [/\d\s?%/u, textTerms('phần trăm')],
  [/(?<![\p{L}\d])V\/v(?![\p{L}\d])/iu, textTerms('về việc')],
];

/**
 * Words a question adds as grammar, which the passage that answers need not write where it answers:
 * "được" of the passive and of results ("Phòng Chính trị được giao việc gì" is answered by "Giao Phòng
 * Chính trị chủ trì …", "giao đất được bao nhiêu hộ" by "đã giao đất cho 512 hộ"). They still rank
 * passages; they are left out of how much of the question a passage covers. As typed with its marks
 * only: "duoc" may be "dược" (dược phẩm).
 */
const GRAMMAR_WORDS = new Set(['được']);

/** A term no index holds: its idf is that of a word no document has. */
const UNKNOWN_TERM = '\u0000';

/**
 * How much of the question a text covers, from 0 to 1: the IDF-weighted share of the question's
 * syllables found in the text, averaged with the share of its syllable bigrams. Unlike a BM25 score it
 * is comparable across questions, so one threshold can decide "not found". `scoped`: syllables that
 * only name the question's scope (its unit, place, year) once the documents have been narrowed to it,
 * and their weight: every allowed passage has them in its context, so they say little about whether
 * a passage answers ("số điện thoại của đồn biên phòng Hòn Gai" is not covered by the station's header).
 * The coverage is then the lower of the two: weighed down, the scope's words can only take support
 * away, never add it where they are missing (a document about a place that never writes its name).
 */
export function coverage(
  query: AnalyzedQuery,
  text: string,
  idf: IdfFn,
  scoped: { syllables: ReadonlySet<string>; weight: number } | null = null,
): number {
  const terms = textTerms(text);
  for (const [written, said] of WRITTEN_SHORT)
    if (written.test(text)) for (const [term, n] of said) terms.set(term, (terms.get(term) ?? 0) + n);
  // "Có bao nhiêu chó nghiệp vụ": a passage that does not name what is counted does not answer. Words
  // that qualify it may be said otherwise ("vụ phạm pháp" / "vụ phạm tội"), unless no document has
  // them at all ("bao nhiêu đại biểu nữ" where no report writes "nữ").
  if (query.counted.length > 0) {
    const unknown = idf(UNKNOWN_TERM);
    if (query.counted.some((t, i) => !terms.has(t) && (i === 0 || idf(t) >= unknown))) return 0;
  }
  // "Đảng ủy xã Hải Thịnh tổ chức giải cờ tướng khi nào": the unit's conference, dated, shares the
  // unit, "tổ chức" and the date words, but does not say when the tournament was held.
  if (query.held.some((t) => !terms.has(t))) return 0;
  const weightOf = (folded: string) => (scoped?.syllables.has(folded) ? scoped.weight : 1);
  // Full and scope-weighed shares, summed in one pass: [total, got] each.
  const uni = { full: [0, 0], weighed: [0, 0] };
  const seen = new Set<string>();
  for (const s of query.syllables) {
    if (GRAMMAR_WORDS.has(s.exact.slice(EXACT.length))) continue;
    if (seen.has(s.folded)) continue;
    seen.add(s.folded);
    const w = idf(s.folded);
    let credit = 0;
    if (query.hasDiacritics && terms.has(s.exact)) credit = 1;
    else if (terms.has(s.folded)) credit = query.hasDiacritics ? FOLDED_ONLY_CREDIT : 1;
    else if (s.alternatives?.some((alt) => alt.every((t) => terms.has(t)))) credit = FOLDED_ONLY_CREDIT;
    // Syllable terms are namespaced ("f:hon"); the scope's syllables are the words themselves.
    const f = weightOf(s.folded.slice(FOLDED.length));
    add(uni.full, w, credit);
    add(uni.weighed, w * f, credit);
  }
  const bi = { full: [0, 0], weighed: [0, 0] };
  const toks = query.tokens;
  for (let i = 1; i < toks.length; i++) {
    if (toks[i]!.gapBefore) continue;
    if (GRAMMAR_WORDS.has(toks[i]!.text) || GRAMMAR_WORDS.has(toks[i - 1]!.text)) continue;
    const folded = `${FOLDED_BIGRAM}${toks[i - 1]!.folded} ${toks[i]!.folded}`;
    const exact = `${EXACT_BIGRAM}${toks[i - 1]!.text} ${toks[i]!.text}`;
    const hit = query.hasDiacritics ? terms.has(exact) || terms.has(folded) : terms.has(folded);
    add(bi.full, 1, hit ? 1 : 0);
    add(bi.weighed, Math.max(weightOf(toks[i - 1]!.folded), weightOf(toks[i]!.folded)), hit ? 1 : 0);
  }
  const share = (u: number[], b: number[]) => {
    const unigram = u[0]! > 0 ? u[1]! / u[0]! : 0;
    return b[0] === 0 ? unigram : 0.5 * unigram + 0.5 * (b[1]! / b[0]!);
  };
  const full = share(uni.full, bi.full);
  return scoped ? Math.min(full, share(uni.weighed, bi.weighed)) : full;
}

/** Adds `weight` to a [total, got] pair, and `weight × credit` to what was got. */
function add(pair: number[], weight: number, credit: number): void {
  pair[0]! += weight;
  pair[1]! += weight * credit;
}

/**
 * The sentence of a passage that best answers the question: most IDF weight of question syllables,
 * bigrams counting double, a sentence with a number preferred when the question asks for one. Returns null when no sentence shares a content word with the question.
 */
export function bestSentence(query: AnalyzedQuery, text: string, idf: IdfFn): string | null {
  const sentences = splitSentences(text);
  if (sentences.length === 0) return null;
  let best: string | null = null;
  let bestScore = 0;
  for (const s of sentences) {
    const terms = textTerms(s);
    let score = 0;
    for (const [term, weight] of query.terms) {
      if (!terms.has(term)) continue;
      const bigram = term.startsWith(EXACT_BIGRAM) || term.startsWith(FOLDED_BIGRAM);
      const base = bigram
        ? idf(FOLDED + term.slice(2).split(' ')[1])
        : idf(term.startsWith(EXACT) ? FOLDED + term.slice(2) : term);
      score += weight * base * (bigram ? 2 : 1);
    }
    // A question about a quantity or a target is answered by a sentence that states a number.
    if (query.wantsNumber && /\d/.test(s)) score *= 1.5;
    if (score > bestScore) {
      bestScore = score;
      best = s;
    }
  }
  return best;
}

/**
 * What a question counts ("bắt bao nhiêu vụ" → "vu", "mấy huyện" → "huyen", "số vụ bắt giữ" → "vu"),
 * folded, or null. A passage that states a number of it ("bắt giữ 186 vụ") is the answer's shape.
 */
export function countedNoun(question: string): string | null {
  // Punctuation ends what is counted: "bao nhiêu (hội nghị tổng kết 2024)" counts nothing.
  const f = foldDiacritics(question.normalize('NFC').toLowerCase())
    .replace(/[(),;:?!.]+/g, ' | ')
    .replace(/[^a-z0-9%|]+/g, ' ');
  const m =
    /\b(?:bao nhieu|may)\s+([a-z]+)/.exec(f) ??
    /\bso\s+(vu|nguoi|doi tuong|luot|ca|tau|ho|xa|huyen|don vi|nghi quyet|chi tieu|tieu chi|dang vien|cong dan)\b/.exec(
      f,
    );
  const noun = m?.[1];
  if (!noun || /^(?:nam|lan|phan|ty|ti)$/.test(noun)) return null;
  return noun;
}

/** Words of a question asking a target ("chỉ tiêu", "mục tiêu", "phấn đấu"), folded. */
const TARGET_ASKED = /\b(?:chi tieu|muc tieu|phan dau)\b/;

/** True when the question asks a target: "chỉ tiêu tuyển quân 2025 là bao nhiêu", "phan dau ket nap". */
export function asksTarget(question: string): boolean {
  return TARGET_ASKED.test(foldDiacritics(question.normalize('NFC')).replace(/[^a-z0-9%]+/g, ' '));
}

/**
 * "Hạn" as the deadline asked: "hạn cấp Giấy chứng nhận cho hộ tái định cư", "…, hạn ngày nào". With
 * its marks, not "hạn chế", "hạn mức", "hạn ngạch"; typed without them "han" is also "hàn", "Hán",
 * "hân": it asks a deadline only where a question opens with it or a clause does (", han ngay nao").
 */
const DEADLINE_WORD = /(?<![\p{L}\p{M}])hạn(?![\p{L}\p{M}])(?!\s+(?:chế|mức|ngạch|hán|hẹp)(?![\p{L}\p{M}]))/u;
const DEADLINE_WORD_FOLDED = /(?:^|[,;:?]\s*)han (?!che\b|muc\b|ngach\b|quoc\b)/;

/** Other ways of asking a deadline, folded: "trước ngày nào", "hạn chót", "thời hạn", "chậm nhất" … */
const DEADLINE_ASKED = /\b(?:truoc ngay nao|han chot|thoi han|cham nhat|khi nao phai|bao gio phai)\b/;

/** True when a question asks a deadline: "… trước ngày nào", "hạn chót", "hạn …" (see DEADLINE_WORD). */
export function asksDeadline(question: string): boolean {
  const text = question.normalize('NFC').toLowerCase().trim();
  return (
    DEADLINE_ASKED.test(foldDiacritics(text).replace(/[^a-z0-9%]+/g, ' ')) ||
    DEADLINE_WORD.test(text) ||
    DEADLINE_WORD_FOLDED.test(text)
  );
}

/**
 * What an answer to the question looks like, as a test on a passage, or null when the question does
 * not say: a count of what it counts ("bắt bao nhiêu vụ" → "186 vụ"); a target ("chỉ tiêu", "mục
 * tiêu", "phấn đấu" → a sentence that aims at something, see statesTarget); a deadline ("trước ngày
 * nào", "hạn" → "trước ngày 15/01/2025", "chậm nhất"); a document's number ("số mấy" → "Số:
 * 306-NQ/ĐU"). `reviewedOnly`: the years the passage's document reviews and does not plan.
 */
export function answerShape(
  question: string,
):
  | ((
      text: string,
      reviewedOnly?: readonly number[],
      about?: YearsAsked,
      heading?: PassageHeading,
    ) => boolean)
  | null {
  const noun = countedNoun(question);
  if (noun) return (text) => statesCount(text, noun);
  const f = foldDiacritics(question).replace(/[^a-z0-9%]+/g, ' ');
  if (TARGET_ASKED.test(f)) return statesTarget;
  if (DOCUMENT_NUMBER_QUESTION.test(f))
    return (text) =>
      /(?:^|\s)Số\s*:?\s*\d|\d+\s*[-/]\s*(?:NQ|CT|KH|BC|TB|QĐ|KL|HD|UBND|BCH)\b/u.test(text.normalize('NFC'));
  if (asksDeadline(question))
    return (text) => /trước ngày|chậm nhất|hạn chót|thời hạn|hoàn thành trong/iu.test(text.normalize('NFC'));
  return null;
}

/**
 * What the headings above a passage say of it (src/ingest/passages.ts: its lead, section and outline):
 * the years the nearest of them names, and whether they head targets ("Các chỉ tiêu chủ yếu",
 * "Phương hướng, nhiệm vụ năm 2025") rather than results ("Kết quả thực hiện …").
 */
export interface PassageHeading {
  years: readonly number[];
  target: boolean;
  result: boolean;
}

const NO_HEADING: PassageHeading = { years: [], target: false, result: false };

/** Headings of targets and of results, folded. */
const TARGET_HEADING = /\b(?:chi tieu|muc tieu|phuong huong|ke hoach)\b/;
const RESULT_HEADING = /\b(?:ket qua|danh gia|tinh hinh)\b/;

/** Reads the headings above a passage, nearest first (lead, section, then the outline inwards-out). */
export function passageHeading(headings: ReadonlyArray<string | null | undefined>): PassageHeading {
  let years: number[] = [];
  let target = false;
  let result = false;
  for (const h of headings) {
    if (!h) continue;
    const t = h.normalize('NFC');
    if (years.length === 0)
      years = [...t.replace(BASELINE_YEAR, ' ').matchAll(YEAR)].map((m) => Number(m[0]));
    if (!target && !result) {
      const f = foldDiacritics(t.toLowerCase());
      if (RESULT_HEADING.test(f)) result = true;
      else if (TARGET_HEADING.test(f)) target = true;
    }
  }
  return { years, target, result };
}

/** A question asking a document's number or date ("nghị quyết … số mấy, ngày nào"), folded. */
const DOCUMENT_NUMBER_QUESTION = /\b(?:so may|so bao nhieu|so hieu|ky hieu|so gi|ban hanh ngay nao)\b/;

/** The other ways of asking which document, from whom, when, about what (see asksDocumentIdentity). */
const DOCUMENT_IDENTITY_QUESTION =
  /\b(?:ban hanh|ngay nao|ngay may|van ban|(?:bao cao|ke hoach|nghi quyet|chi thi|cong van|quyet dinh|thong bao|to trinh|huong dan|ket luan) (?:nao|gi|so)|ve viec gi|trich yeu|co quan nao|don vi nao|ai ky)\b/;

/**
 * True when a question asks about a document itself, what its header says: its number or date
 * ("số mấy", "ban hành ngày nào"), which document it is ("chỉ thị nào", "văn bản gì"), who issued it.
 */
export function asksDocumentIdentity(question: string): boolean {
  const f = foldedQuestion(question);
  return DOCUMENT_NUMBER_QUESTION.test(f) || DOCUMENT_IDENTITY_QUESTION.test(f);
}

/** A question about what a document is based on or carries out ("căn cứ vào đâu", "thực hiện văn bản nào"), folded. */
const LEGAL_BASIS_QUESTION =
  /\bcan cu\b|\b(?:thuc hien|theo) (?:van ban|cong van|chi thi|nghi quyet|quyet dinh|ke hoach|thong tu|nghi dinh) (?:nao|gi|so)\b/;

/** True when a question asks what a document is based on: its legal basis then answers. */
export function asksLegalBasis(question: string): boolean {
  return LEGAL_BASIS_QUESTION.test(foldedQuestion(question));
}

/** A question as the patterns about documents read it: folded, lower case, words between single spaces. */
function foldedQuestion(question: string): string {
  return foldDiacritics(question.normalize('NFC').toLowerCase()).replace(/[^a-z0-9]+/g, ' ');
}

/**
 * True when a passage is the legal basis a document opens with ("Căn cứ Luật …; Công văn số 1028/BGDĐT
 * ngày 05/3/2025 …"): it names other documents and their dates, never what this one says. "Cần cù"
 * (diligent) is another word.
 */
export function statesLegalBasis(text: string): boolean {
  return /^[\s\-–•*]*(?:căn cứ|CĂN CỨ|Căn cứ|Căn Cứ)(?![\p{L}\p{M}])/u.test(text.normalize('NFC'));
}

/** Words of a sentence that aims at something: a target. */
const TARGET_CUE = /phấn đấu|chỉ tiêu|mục tiêu|trở lên|ít nhất|tối thiểu|không dưới|không thấp hơn|\d\s*%/iu;
/** Words of a sentence that reports what was done: a result, not a target. */
const RESULT_CUE = /(?<!\p{L})(?:đã|đạt được|so với cùng kỳ)(?!\p{L})/iu;
/** "so với năm 2024", "so với cùng kỳ năm 2023": a baseline, not the period a sentence is about. */
const BASELINE_YEAR = /so với (?:cùng kỳ )?(?:năm )?(?:19|20)\d\d/giu;
/** A year standing alone (not the end of a date such as 13/02/2025). */
const YEAR = /(?<![\d.,/])(?:19|20)\d\d(?!\d)/g;

/**
 * True when a sentence of the text states a target: target words ("phấn đấu", "chỉ tiêu", "trở
 * lên", a percentage) and no result words ("đã", "đạt được"), about a year that is not
 * one the document only reviews ("Năm 2024, … đạt 100% chỉ tiêu" in the 2024 review is a result).
 * A sentence without a year is about the year the passage last named.
 */
export function statesTarget(
  text: string,
  reviewedOnly: readonly number[] = [],
  about?: YearsAsked,
  heading: PassageHeading = NO_HEADING,
): boolean {
  // Under "I. Kết quả thực hiện nhiệm vụ năm 2024", "hoàn thành 100% chỉ tiêu" is what was done.
  if (heading.result) return false;
  for (const { sentence, years } of sentencesWithYears(text, heading.years)) {
    if (!TARGET_CUE.test(sentence) || RESULT_CUE.test(sentence)) continue;
    if (allIn(years, reviewedOnly)) continue;
    if (about && !aboutAsked(years, about)) continue;
    return true;
  }
  return false;
}

/**
 * The years a question asks about, with the years a sentence that names none is taken to be about
 * (its document's reviewed years for a result, its plan years for a target).
 */
export interface YearsAsked {
  asked: readonly number[];
  unnamed: readonly number[];
}

/** True when a sentence about `years` (none named: `about.unnamed`) is about a year the question asks. */
function aboutAsked(years: readonly number[], about: YearsAsked): boolean {
  if (about.asked.length === 0) return true;
  const own = years.length > 0 ? years : about.unnamed;
  return own.some((y) => about.asked.includes(y));
}

/**
 * The sentences of a text (NFC), each with the years it is about: those it names (baselines such
 * as "so với năm 2024" left out), else the ones the text last named.
 */
function* sentencesWithYears(
  text: string,
  headed: readonly number[] = [],
): Generator<{ sentence: string; years: number[] }> {
  let years: number[] = [...headed];
  for (const sentence of splitSentences(text.normalize('NFC'))) {
    const named = [...sentence.replace(BASELINE_YEAR, ' ').matchAll(YEAR)].map((m) => Number(m[0]));
    if (named.length > 0) years = named;
    yield { sentence, years };
  }
}

/** True when there are years and every one is in `list`. */
const allIn = (years: readonly number[], list: readonly number[]) =>
  years.length > 0 && years.every((y) => list.includes(y));

/** A date ("13/02/2025", "15/4") or a year standing alone: numbers that are not figures. */
const DATE_OR_YEAR = /\d{1,2}\/\d{1,2}(?:\/\d{4})?|(?<![\d.,])(?:19|20)\d\d(?![\d.,]\d)/g;
/** A Roman numeral as a word ("lần thứ XII", "khóa XV", "quý IV"). */
const ROMAN = /(?<![\p{L}\p{M}])[IVXLC]{1,6}(?![\p{L}\p{M}])/u;

/**
 * True when a text states a figure: a number that is not a date or a year, or a Roman numeral
 * ("Đại hội lần thứ XII"). A question asking "bao nhiêu" is not answered by a passage without one.
 */
export function statesFigure(text: string): boolean {
  const t = text.normalize('NFC');
  return /\d/.test(t.replace(DATE_OR_YEAR, ' ')) || ROMAN.test(t);
}

/**
 * True when a sentence of the text reports a figure: a number other than a date or a year, in a
 * sentence that does not aim at it (no target words, or result words such as "đã", "đạt được"),
 * about a year the document does not only plan ("Năm 2025, phấn đấu …" in a plan is not a result);
 * any figure about a year the document only reviews is a result.
 */
export function statesResult(
  text: string,
  years: {
    planOnly?: readonly number[];
    reviewedOnly?: readonly number[];
    asked?: YearsAsked;
    heading?: PassageHeading;
  } = {},
): boolean {
  const heading = years.heading ?? NO_HEADING;
  for (const { sentence, years: about } of sentencesWithYears(text, heading.years)) {
    if (!/\d/.test(sentence.replace(DATE_OR_YEAR, ' '))) continue;
    // Under "2. Các chỉ tiêu chủ yếu", "Tỷ lệ … đạt 95%" is a target, unless it says it was done.
    if (heading.target && !RESULT_CUE.test(sentence)) continue;
    if (years.asked && !aboutAsked(about, years.asked)) continue;
    // "Năm 2024, … đạt 100% chỉ tiêu" in the review of 2024 is what was done, whatever its words.
    if (allIn(about, years.reviewedOnly ?? [])) return true;
    if (allIn(about, years.planOnly ?? [])) continue;
    if (TARGET_CUE.test(sentence.replace(/\d\s*%/g, ' ')) && !RESULT_CUE.test(sentence)) continue;
    return true;
  }
  return false;
}

/**
 * Whether a question asks for a figure of what was done ("năm 2024 bắt bao nhiêu vụ", "tỷ lệ tiêm
 * chủng năm 2024"): it asks for a number and does not ask for a target or a plan.
 */
export function wantsResult(question: string, sense: 'reviewed' | 'plan' | null): boolean {
  const f = foldDiacritics(question.normalize('NFC').toLowerCase()).replace(/[^a-z0-9%]+/g, ' ');
  if (sense === 'plan' || /\b(?:chi tieu|muc tieu|phan dau|ke hoach|du kien|du toan)\b/.test(f)) return false;
  // "số mấy" asks a document's number, not a figure.
  if (DOCUMENT_NUMBER_QUESTION.test(f)) return false;
  return /\b(?:bao nhieu|may|ty le|ti le|so luong|phan tram)\b/.test(f);
}

/**
 * True when a passage reports a figure (statesResult) in a document that reviews none of the `asked`
 * years, and names none of them itself: what was done in another year ("bắt giữ 58 vụ" in the review
 * of 2023 that plans 2024, for "năm 2024 bắt giữ bao nhiêu vụ"). The plan's own sentences about the
 * year asked ("Năm 2024, … phấn đấu số vụ bắt giữ tăng 5%") and its targets are not.
 */
export function resultOfOtherYear(
  text: string,
  profile: { reviewedYears: readonly number[]; planYears: readonly number[] },
  asked: readonly number[],
  heading: PassageHeading = NO_HEADING,
): boolean {
  if (asked.length === 0 || asked.some((y) => profile.reviewedYears.includes(y))) return false;
  const own = [...text.normalize('NFC').matchAll(YEAR)].map((m) => Number(m[0]));
  if (asked.some((y) => own.includes(y))) return false;
  return statesResult(text, {
    planOnly: plannedOnlyYears(profile),
    reviewedOnly: reviewedOnlyYears(profile),
    heading,
  });
}

/** The years a document plans and does not also review: its sentences about them are not results. */
export function plannedOnlyYears(p: {
  reviewedYears: readonly number[];
  planYears: readonly number[];
}): number[] {
  return p.planYears.filter((y) => !p.reviewedYears.includes(y));
}

/** The years a document reviews and does not also plan: its sentences about them report results. */
export function reviewedOnlyYears(p: {
  reviewedYears: readonly number[];
  planYears: readonly number[];
}): number[] {
  return p.reviewedYears.filter((y) => !p.planYears.includes(y));
}

/** A part of a year a sentence or a question names: a quarter, a half, nine months, or the whole year. */
export type YearPart = 'q1' | 'q2' | 'q3' | 'q4' | 'h1' | 'h2' | 'm9' | 'year';

/**
 * The parts of a year `text` names: "quý II", "quý 3/2024" → a quarter; "6 tháng (đầu năm)", "nửa đầu
 * năm" → the first half, "6 tháng cuối năm" → the second; "9 tháng" → nine months; "cả năm", "toàn
 * năm" → the whole year. "tháng 6" (a month) and "16 tháng" are not parts. Text may be NFD, without
 * diacritics or in any case.
 */
export function yearParts(text: string): Set<YearPart> {
  const f = foldDiacritics(text.normalize('NFC')).replace(/[^a-z0-9]+/g, ' ');
  const parts = new Set<YearPart>();
  for (const m of f.matchAll(/\bquy (iv|iii|ii|i|[1-4])\b/g)) parts.add(`q${QUARTER[m[1]!]}` as YearPart);
  // "sáu tháng" and "nửa" fold to "sau tháng" (after a month) and "nữa" (more): they need đầu/cuối.
  for (const m of f.matchAll(/\b(?:6 thang(?: (dau|cuoi))?|(?:sau thang|nua) (dau|cuoi) nam)\b/g))
    parts.add((m[1] ?? m[2]) === 'cuoi' ? 'h2' : 'h1');
  if (/\b(?:9|chin) thang\b/.test(f)) parts.add('m9');
  if (/\b(?:ca|toan) nam\b/.test(f)) parts.add('year');
  return parts;
}

/**
 * Whether a passage's figures are for another part of the year than the question asks: the question
 * names a quarter, a half or nine months ("quý I/2025 thu ngân sách được bao nhiêu"), or none and so
 * asks the year ("năm 2025 phấn đấu thu ngân sách bao nhiêu"), and the passage names only other parts
 * ("Phấn đấu đến hết quý II, thu ngân sách đạt 55% dự toán"). A passage naming no part says nothing.
 */
export function otherYearPart(question: ReadonlySet<YearPart>, passage: ReadonlySet<YearPart>): boolean {
  if (passage.size === 0) return false;
  const asked = question.size === 0 ? new Set<YearPart>(['year']) : question;
  for (const part of passage) if (asked.has(part)) return false;
  return true;
}

/** Score factor for a passage that has the answer's shape (see answerShape). */
export const SHAPE_BOOST = 1.3;

/** True when the text has "<number> <noun>" ("186 vụ", "2.300 lượt", "4 huyện"). */
export function statesCount(text: string, noun: string): boolean {
  const f = foldDiacritics(text.normalize('NFC')).replace(/[^a-z0-9.,%]+/g, ' ');
  return new RegExp(`\\b\\d[\\d.,]*\\s+(?:[a-z]+\\s+){0,1}${noun}\\b`).test(f);
}
