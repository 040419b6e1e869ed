import type { DeadlineFact } from './types';
import { type Folded, capitalize, folded, isWhole, sliceFolded, splitSentences, trimStatement } from './fold';
import { fillYears, findDates, mayHaveDates } from './dates';
import { type PlaceContext, yearFor } from './context';
import { matchesOf } from '../text/matches';

/**
 * Words just before a date that make it a time limit; they are kept in the phrase. They may open a
 * bracket: "báo cáo hằng quý (trước ngày 20 tháng cuối quý)".
 */
const DUE_PREFIX =
  /(?:^|[\s(])((?:truoc|cham nhat(?: la)?|han chot(?: la)?|thoi han(?: la)?|han(?: cuoi)?(?: la)?|xong truoc|ket thuc truoc|den het|den|trong)(?: ngay)?)\s*$/;
/** A limit set earlier in the clause: "hoàn thành … trong quý IV/2025". */
const DUE_CLAUSE = /\b(?:hoan thanh|xong|ket thuc|han chot|thoi han|cham nhat|truoc)\b[^,.;]{0,60}$/;

/** The start of a span before its "đến": "từ ngày 15/3 đến", "từ tháng 9 đến", "từ 15 đến". */
const SPAN_START =
  /\btu (?:(?:sang|chieu) )?(?:ngay |thang )?\d{1,2}\b[^;.]{0,24}\bden(?: het)?(?: ngay)?\s*$/;
/** A figure counted up to the date: "đến hết tháng 11 đạt 71,3%", "đến ngày 25/12/2024 đạt 83,2%". */
const COUNTED = /^\s*,?\s*(?:da |uoc )?(?:dat|la|co|tang|giam|bang)\b/;
/** Handing something in, not done yet ("đã trình" reports it): "trình …", "ban hành …", "nộp …". */
const HANDED_IN = /^(?!.*\bda (?:trinh|ban hanh|nop|gui)\b).*\b(?:trinh(?! bay)|ban hanh|nop|gui)\b/;

/** The folded words before offset `at` of a sentence, from the last ",", ";" or ":" before it. */
function phraseBefore(s: Folded, at: number): string {
  const before = s.fold.slice(0, at);
  return before.slice(
    Math.max(before.lastIndexOf(','), before.lastIndexOf(';'), before.lastIndexOf(':')) + 1,
  );
}

/** Words that make what follows an aim, not a report. */
const AIMED = /\b(?:phan dau|yeu cau|de nghi|phai|can|giao)\b/;

function clauseOf(s: Folded, at: number): Folded {
  let start = 0;
  let end = s.text.length;
  for (const m of matchesOf(/;\s/g, s.fold)) {
    if (m.index < at) start = m.index + m[0].length;
    else if (m.index >= at) {
      end = m.index;
      break;
    }
  }
  return sliceFolded(s, start, end);
}

/**
 * Deadlines and dated events of a block: "trước ngày 15/12/2025", "chậm nhất ngày 30/6",
 * "quý IV/2025", "dịp Tết Nguyên đán", "6 tháng đầu năm", "trước ngày 20 hằng tháng" (one that comes
 * back). A calendar day or month counts only with a limit word before it (a meeting's "Sáng 3/12" is
 * not a deadline).
 */
export function extractDeadlines(text: string, place: PlaceContext): DeadlineFact[] {
  const block = folded(text);
  const out: DeadlineFact[] = [];
  if (!mayHaveDates(block.fold)) return out;
  for (const s of splitSentences(block)) {
    // A sentence as long as its block is the block (sentences are pieces of it), tested above.
    if (!isWhole(s, block) && !mayHaveDates(s.fold)) continue;
    const dates = findDates(s);
    if (dates.length === 0) continue;
    // The sentence's year, for the dates that name none: worked out only for a sentence with dates.
    fillYears(dates, yearFor(s, block, s.start, place));
    for (const d of dates) {
      const before = s.fold.slice(Math.max(0, d.start - 40), d.start);
      const prefix = DUE_PREFIX.exec(before);
      // A day, a month or a day that comes back needs a limit word ("trước ngày 20 hằng tháng"):
      // "báo cáo định kỳ vào ngày 20 hằng tháng" says when, not by when.
      const named = d.shape !== 'day' && d.shape !== 'month' && d.shape !== 'recurring';
      const p = prefix?.[1];
      const within = p?.startsWith('trong') ?? false;
      // "đến" ends a span ("từ ngày 15/3 đến ngày 30/6/2025") or dates a count ("đến ngày 20/9/2024
      // đạt 52,7% kế hoạch"): neither is a time limit. Aimed at ("phấn đấu đến ngày 31/12 đạt 95%"),
      // the count is one.
      const notLimit =
        p !== undefined &&
        /^den\b/.test(p) &&
        (SPAN_START.test(before) || (COUNTED.test(s.fold.slice(d.end, d.end + 24)) && !AIMED.test(before)));
      // "trình Chính phủ trong quý I/2025": something handed in within a period is due by its end.
      const handedIn = within && HANDED_IN.test(phraseBefore(s, d.start));
      const due = !notLimit && ((p !== undefined && !within) || DUE_CLAUSE.test(before) || handedIn);
      const period = named || (within && d.shape === 'month');
      if (!period && !due) continue;
      const phraseStart = prefix
        ? d.start - (before.length - before.lastIndexOf(prefix[1] as string))
        : d.start;
      const date = { ...d.date, text: s.text.slice(phraseStart, d.end) };
      const clause = clauseOf(s, d.start);
      out.push({
        kind: 'deadline',
        text: capitalize(trimStatement(clause.text)),
        date,
        ...(due ? { due } : {}),
      });
    }
  }
  return out;
}
