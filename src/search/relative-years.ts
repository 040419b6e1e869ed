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

/**
 * Words before "năm" that make it several years or each year ("2 năm trước", "các năm trước", "mỗi
 * năm sau"): no one year is meant.
 */
const COUNTED = /(?:^|[^\p{L}\p{M}])(?:\d+|nhung|cac|may|nhieu|vai|moi|hang|mot|hai|ba|bon|nam)\s+$/u;

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
