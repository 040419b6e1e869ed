import { foldDiacritics, hasDiacritics } from '../text/normalize';

/** Years from the current one that a word after "năm" means: "năm nay", "năm ngoái", "năm tới". */
const OFFSETS: Record<string, number> = {
  nay: 0,
  ngoai: -1,
  truoc: -1,
  kia: -2,
  toi: 1,
  sau: 1,
};

/** "năm" and the word after it, as words of their own, in an NFC question. */
const RELATIVE = /(?<![\p{L}\p{M}\d])(n[aă]m)\s+(\p{L}+)(?![\p{L}\p{M}\d])/giu;
/** "sang năm": next year (not "sang năm 2026", into a year named). */
const NEXT_YEAR = /(?<![\p{L}\p{M}\d])(sang)\s+(năm)(?![\p{L}\p{M}\d]|\s*\d)/giu;

const NAMED_YEAR = /(?<![\d.,])(?:19|20)\d\d(?![\d]|[.,]\d)/;

/** Folded words that count what follows or take each of it: a number, "những", "các", "mỗi", "hằng" … */
const COUNTING = '\\d+|nhung|cac|may|nhieu|vai|moi|hang|mot|hai|ba|bon';
/** Folded text ending with a counting word (or `also`) before the word looked at. */
const countedBefore = (also: string) => new RegExp(`(?:^|[^\\p{L}\\p{M}])(?:${COUNTING}|${also})\\s+$`, 'u');

/**
 * Words before "năm" that make it several years or each year ("2 năm trước", "các năm trước", "mỗi
 * năm sau"): no one year is meant.
 */
const COUNTED = countedBefore('nam');

/**
 * Words before "nam" that make it the place, not the year, in a question typed without diacritics:
 * "quang nam nay thuoc da nang", "viet nam nay", "mien nam truoc".
 */
const PLACE_BEFORE_NAM =
  /(?:^|[^\p{L}\p{M}])(?:quang|ha|viet|mien|phia|huong|tay|dong|bac|trung|tp|xa|phuong)\s+$/u;

/**
 * Writes the years a question names relative to today ("chỉ tiêu năm nay", "năm ngoái bắt bao nhiêu
 * vụ", "kế hoạch năm tới", "sang năm") as the years they mean ("năm 2026"), so the question is scoped
 * to that year like one that names it: a report of another year is not an answer to "năm ngoái".
 * Kept as typed: "nam nay" without diacritics stays without ("nam 2026"). `year` is the current
 * year where the agency is. "Nam" read as a place ("Quảng Nam nay thuộc Đà Nẵng", "quang nam nay"),
 * or years counted ("2 năm trước", "các năm trước"), are left alone.
 */
export function absoluteYears(question: string, year: number): string {
  const text = question.normalize('NFC');
  const typedWithDiacritics = hasDiacritics(text);
  const out = text.replace(RELATIVE, (whole, nam: string, word: string, at: number) => {
    const folded = foldDiacritics(word);
    const offset = OFFSETS[folded];
    if (offset === undefined) return whole;
    // "năm 2024 so với năm trước", "năm trước đó": before or after the year named, not today's.
    if (
      folded !== 'nay' &&
      folded !== 'ngoai' &&
      (NAMED_YEAR.test(text) || /^\s*(?:do|nua)\b/.test(foldDiacritics(text.slice(at + whole.length))))
    )
      return whole;
    const before = foldDiacritics(text.slice(Math.max(0, at - 20), at));
    if (COUNTED.test(before)) return whole;
    const plain = !hasDiacritics(nam);
    if (plain) {
      // "Nam" written with a capital in a question with diacritics is a place ("Quảng Nam nay").
      if (typedWithDiacritics && nam[0] === 'N') return whole;
      if (PLACE_BEFORE_NAM.test(before)) return whole;
      if (/^\s*(?:thuoc|la)\b/.test(foldDiacritics(text.slice(at + whole.length)))) return whole;
    }
    return `${nam} ${year + offset}`;
  });
  return out.replace(NEXT_YEAR, (_whole, _sang: string, nam: string) => `${nam} ${year + 1}`);
}

/** A quarter or a month named from today: "quý này", "quý trước", "tháng tới", "quý vừa qua". */
const RELATIVE_PERIOD = /(?<![\p{L}\p{M}\d])(quý|quy|tháng|thang)\s+(\p{L}+)(\s+qua)?(?![\p{L}\p{M}\d])/giu;
/** Periods from the current one that a word after "quý" or "tháng" means. */
const PERIOD_OFFSETS: Record<string, number> = { nay: 0, truoc: -1, roi: -1, toi: 1, sau: 1 };
/** Words before it that make it several periods or each one ("2 quý trước", "các tháng tới", "mỗi quý"). */
const PERIODS_COUNTED = countedBefore('sau');
const ROMAN_QUARTER = ['I', 'II', 'III', 'IV'];

/**
 * Writes a quarter or a month named relative to today ("quý trước bắt bao nhiêu vụ", "nhiệm vụ quý
 * này", "tháng tới") as the one it means ("quý III/2026", "tháng 12/2026"), so the question is scoped
 * to it like one that names it. `today` gives the year and month where the agency is; it is asked only
 * when such words are there. Typed without diacritics, written without them ("quy 3/2026"). Counted
 * periods ("2 quý trước", "các tháng tới"), "… trước đó", and a question that names a year are left alone.
 */
export function absolutePeriods(question: string, today: () => { year: number; month: number }): string {
  const text = question.normalize('NFC');
  if (NAMED_YEAR.test(text)) return question;
  let now: { year: number; month: number } | null = null;
  const out = text.replace(
    RELATIVE_PERIOD,
    (whole, unit: string, word: string, qua: string | undefined, at: number) => {
      const w = foldDiacritics(word.toLowerCase());
      const offset = w === 'vua' ? (qua ? -1 : undefined) : PERIOD_OFFSETS[w];
      if (offset === undefined) return whole;
      if (w !== 'vua' && qua) return whole;
      if (/^\s*(?:do|nua)\b/.test(foldDiacritics(text.slice(at + whole.length).toLowerCase()))) return whole;
      if (PERIODS_COUNTED.test(foldDiacritics(text.slice(Math.max(0, at - 20), at).toLowerCase())))
        return whole;
      now ??= today();
      const plain = !hasDiacritics(unit);
      if (foldDiacritics(unit.toLowerCase()) === 'quy') {
        const index = now.year * 4 + Math.floor((now.month - 1) / 3) + offset;
        const year = Math.floor(index / 4);
        const quarter = (index % 4) + 1;
        return plain ? `${unit} ${quarter}/${year}` : `${unit} ${ROMAN_QUARTER[quarter - 1]}/${year}`;
      }
      const index = now.year * 12 + (now.month - 1) + offset;
      return `${unit} ${(index % 12) + 1}/${Math.floor(index / 12)}`;
    },
  );
  return out === text ? question : out;
}
