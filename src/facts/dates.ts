import type { PartialDate } from './types';
import type { Folded } from './fold';

/** A date phrase found in a text, with offsets into that text. */
export interface DateMatch {
  start: number;
  end: number;
  date: PartialDate;
  /**
   * What kind of phrase: a calendar day, a month, a quarter, a half-year, a holiday, a year end, or a
   * day that comes back ("ngày 20 hằng tháng").
   */
  shape: 'day' | 'month' | 'quarter' | 'half-year' | 'holiday' | 'year-end' | 'recurring';
}

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, '1': 1, '2': 2, '3': 3, '4': 4 };
const CAN_CHI =
  '(?:at ty|giap thin|binh ngo|dinh mui|mau than|ky dau|canh tuat|tan hoi|quy mao|nham dan|tan suu|canh ty|ky hoi)';

/**
 * What every match of a rule contains: "thang", " nam", "quy ", "tet nguyen dan", or a day written
 * with digits ("3/12", "5-1"). A text without a rule's cue has no match of it; the five are looked for
 * once per text, which costs far less than running the ten rules (most sentences hold no date).
 */
type Cue = 'thang' | 'nam' | 'quy' | 'tet' | 'day';

function cuesOf(fold: string): Record<Cue, boolean> {
  return {
    thang: fold.includes('thang'),
    nam: fold.includes(' nam'),
    quy: fold.includes('quy '),
    tet: fold.includes('tet nguyen dan'),
    day: /\d[/-]\d/.test(fold),
  };
}

interface Rule {
  re: RegExp;
  cue: Cue;
  shape: DateMatch['shape'];
  build: (m: RegExpExecArray) => Omit<PartialDate, 'text'> | null;
}

function dayMonth(d: string | undefined, mo: string | undefined, y: string | undefined) {
  const day = Number(d);
  const month = Number(mo);
  if (!(day >= 1 && day <= 31 && month >= 1 && month <= 12)) return null;
  return { day, month, ...(y ? { year: Number(y) } : {}) };
}

const RULES: Rule[] = [
  {
    // "ngày 20 hằng tháng", "ngày 05 hàng tháng", "ngày 20 của mỗi tháng": every month.
    re: /\bngay (\d{1,2}) (?:cua )?(?:hang|moi) thang\b/g,
    cue: 'thang',
    shape: 'recurring',
    build: (m) => {
      const day = Number(m[1]);
      return day >= 1 && day <= 31 ? { day, every: 'month' } : null;
    },
  },
  {
    // "ngày 20 tháng cuối quý", "ngày 15 tháng cuối hằng quý": every quarter, in its last month.
    re: /\bngay (\d{1,2}) (?:cua )?thang cuoi (?:(?:hang|moi|cua) )?quy\b/g,
    cue: 'thang',
    shape: 'recurring',
    build: (m) => {
      const day = Number(m[1]);
      return day >= 1 && day <= 31 ? { day, every: 'quarter' } : null;
    },
  },
  {
    // "ngày 15/12 hằng năm", "ngày 15 tháng 12 hàng năm", "tháng 10 hằng năm": every year.
    re: /\b(?:ngay (\d{1,2})(?:\/| thang )|thang )(\d{1,2}) (?:hang|moi) nam\b/g,
    cue: 'nam',
    shape: 'recurring',
    build: (m) => {
      if (m[1] === undefined) {
        const month = Number(m[2]);
        return month >= 1 && month <= 12 ? { month, every: 'year' } : null;
      }
      const parts = dayMonth(m[1], m[2], undefined);
      return parts ? { ...parts, every: 'year' } : null;
    },
  },
  {
    // "Sáng 3/12", "ngày 10/12/2024", "chiều ngày 5-1-2025", "15/12/2025". A bare "9-10" is a range,
    // not a date: without a time word a dash date needs its year.
    re: /(?<![\p{L}\d/.,-])(?:(?:sang|chieu|toi|trua|dem) (?:hom )?)?(?:(ngay) )?(\d{1,2})([/-])(\d{1,2})(?:\3(\d{4}))?(?![\d%/]|[.,]\d|-\d)/gu,
    cue: 'day',
    shape: 'day',
    build: (m) => {
      const prefixed = m[0].includes(' ') || Boolean(m[1]);
      if (m[3] === '-' && !prefixed && !m[5]) return null;
      return dayMonth(m[2], m[4], m[5]);
    },
  },
  {
    re: /(?:(?:sang|chieu|toi) )?ngay (\d{1,2}) thang (\d{1,2})(?: nam (\d{4}))?/g,
    cue: 'thang',
    shape: 'day',
    build: (m) => dayMonth(m[1], m[2], m[3]),
  },
  {
    re: /\bthang (\d{1,2})(?:(?:\/| nam |\/nam )(\d{4}))?(?![\d/])/g,
    cue: 'thang',
    shape: 'month',
    build: (m) => {
      const month = Number(m[1]);
      if (!(month >= 1 && month <= 12)) return null;
      return { month, ...(m[2] ? { year: Number(m[2]) } : {}) };
    },
  },
  {
    re: /\bquy (iv|iii|ii|i|[1-4])(?![\p{L}\d])(?:(?:\/| nam | )(\d{4}))?/gu,
    cue: 'quy',
    shape: 'quarter',
    build: (m) => ({ quarter: ROMAN[m[1] as string] as number, ...(m[2] ? { year: Number(m[2]) } : {}) }),
  },
  {
    re: /\b(?:6|sau) thang (?:dau|cuoi) nam(?: (\d{4}))?/g,
    cue: 'thang',
    shape: 'half-year',
    build: (m) => (m[1] ? { year: Number(m[1]) } : {}),
  },
  {
    re: new RegExp(`\\b(?:dip )?tet nguyen dan(?: ${CAN_CHI})?(?: (\\d{4}))?`, 'g'),
    cue: 'tet',
    shape: 'holiday',
    build: (m) => (m[1] ? { year: Number(m[1]) } : {}),
  },
  {
    re: /\b(?:het|cuoi) nam (\d{4})/g,
    cue: 'nam',
    shape: 'year-end',
    build: (m) => ({ year: Number(m[1]), month: 12 }),
  },
];

/**
 * False when a folded text cannot hold a date phrase: every rule below needs a digit, "quy ",
 * "sau thang" or "tet nguyen dan". Lets callers skip the rules (and their own work per sentence)
 * on the many sentences without one.
 */
export function mayHaveDates(fold: string): boolean {
  return DATE_CUE.test(fold);
}

const DATE_CUE = /\d|quy |sau thang|tet nguyen dan/;

/**
 * Finds date phrases (full or partial) in a prepared text. `defaultYear` fills the year of a day or
 * month written without one ("Sáng 3/12" in a 2024 report). Overlapping matches keep the earliest,
 * longest one.
 */
export function findDates(f: Folded, defaultYear?: number): DateMatch[] {
  const found: DateMatch[] = [];
  const cues = cuesOf(f.fold);
  for (const rule of RULES) {
    if (!cues[rule.cue]) continue;
    rule.re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = rule.re.exec(f.fold)) !== null) {
      const parts = rule.build(m);
      if (!parts) continue;
      const start = m.index;
      const end = m.index + m[0].length;
      const date: PartialDate = { ...parts, text: f.text.slice(start, end) };
      found.push({ start, end, date, shape: rule.shape });
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: DateMatch[] = [];
  for (const d of found) {
    const last = out[out.length - 1];
    if (last && d.start < last.end) continue;
    out.push(d);
  }
  fillYears(out, defaultYear);
  return out;
}

/**
 * Gives `year` to the dates findDates found without one (but a year end's), in place: what its
 * `defaultYear` does, for a caller that works out the year only when there are dates.
 */
export function fillYears(dates: DateMatch[], year: number | undefined): void {
  if (year === undefined) return;
  for (const d of dates) if (d.date.year === undefined && d.shape !== 'year-end') d.date.year = year;
}
