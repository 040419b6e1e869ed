import type { TargetFact } from './types';
import {
  type Folded,
  folded,
  isWhole,
  foldSection,
  foldText,
  sliceFolded,
  splitSentences,
  trimStatement,
} from './fold';
import { type PlaceContext, yearFor } from './context';
import { matchesOf } from '../text/matches';

/** Words that set a target. */
const STRONG =
  /\b(?:phan dau|chi tieu|muc tieu|de ra|dat ra|phai dat|can dat|du kien|ke hoach (?:nam|giao|dat)|den nam (?:19|20)\d\d|giao chi tieu|(?:bao dam|dam bao) (?:tu |tren )?\d+(?:[.,]\d+)?\s*%)/;
/**
 * Words of a threshold: a target's in a plan ("100% … hoàn thành nhiệm vụ trở lên"), a result's in a
 * review ("có 95,5% … hoàn thành tốt nhiệm vụ trở lên"), so they count only in a forward-looking place
 * or about a year the document plans.
 */
const THRESHOLD = /\b(?:toi thieu|it nhat|khong duoi|khong thap hon|khong qua|tro len)\b/;
/** Words that set a target only in a forward-looking place (a plan, a direction, a targets list). */
const WEAK = /\b(?:tang truong|giam|tang|dat|hoan thanh|duy tri|nang|ty le|binh quan|thu ngan sach|tren)\b/;
/** Words that report a result. */
const PAST =
  /\b(?:da dat|dat duoc|uoc dat|uoc tinh|uoc thuc hien|da hoan thanh|hoan thanh vuot|vuot \d+|so voi cung ky|so voi nam|nam qua|ket qua|da bat giu|da xu ly|da to chuc|da phat hien|da giam|da tang|chua dat)\b/;
/**
 * A share of a plan: "đạt 100% chỉ tiêu", "bằng 68,5% dự toán", "đạt 52,7% kế hoạch". Outside a
 * forward-looking place it reports how much was done; in one ("Phương hướng …: gọi công dân nhập ngũ
 * đạt 100% chỉ tiêu") it is the target.
 */
const PLAN_SHARE = /\b(?:dat|bang)(?: khoang)? \d+(?:[.,]\d+)? ?% (?:chi tieu|ke hoach|du toan|khoi luong)\b/;
const PLAN_SHARES = new RegExp(PLAN_SHARE.source, 'g');
/** Words that aim at a target whatever else the item says ("phấn đấu", "mục tiêu"). */
const AIMED = /\b(?:phan dau|muc tieu)\b/;
const FORWARD_PLACE =
  /phuong huong|nhiem vu|ke hoach|chi tieu|muc tieu|giai phap|nam toi|thoi gian toi|phan dau/;

const PERCENT = /\d+(?:[.,]\d+)?(?:\s*%?\s*(?:[-–—]|đến)\s*\d+(?:[.,]\d+)?)?\s*%/gu;
const NUMBER = /(?<![\p{L}\d/.,-])(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)(?![\d/%]|[.,]\d)/gu;
/** Units that make a number a time span or a reference, not a target value. */
const NOT_UNIT = /^(?:thang|ngay|nam|quy|tuan|gio|phut|tuoi|lan thu|giai doan|dieu|khoan|muc|chuong)\b/;
const NOT_AFTER =
  /\b(?:ca|cac|nhung|so|khoa|thu|dieu|khoan|lan|muc|chuong|quy|thang|ngay|cap|bai|nghi quyet|chi thi|quyet dinh|thong tu|nghi dinh|ke hoach)\s*$/;

/** Units that are one word: "30 vụ buôn lậu" → "30 vụ". */
const ONE_WORD_UNIT = /^(?:vu|ho|nguoi|ha|km|tan|luot|xa|don|tau|con|chiec|cai|m|m2|m3|kg|doi|lan)$/;
/** Words that never end a unit: verbs, prepositions, adjectives after the noun. */
const NOT_UNIT_WORD =
  /^(?:duoc|dat|tren|trong|cua|va|tro|tang|giam|so|moi|co|la|o|tai|kha|gioi|tro len|nam|theo|voi|den|tu|)$/;

/** Values as written: percentages first ("9–9,5%"), then numbers with their unit ("2.300 tỷ đồng"). */
export function targetValues(item: Folded): string[] {
  const values: string[] = [];
  const taken: Array<[number, number]> = [];
  for (const m of matchesOf(PERCENT, item.text)) {
    values.push(m[0].replace(/\s+/g, ' ').replace(/ %$/, '%'));
    taken.push([m.index, m.index + m[0].length]);
  }
  for (const m of matchesOf(NUMBER, item.text)) {
    const start = m.index;
    const end = start + m[0].length;
    if (taken.some(([a, b]) => start < b && end > a)) continue;
    const n = Number(m[0].replace(/\./g, '').replace(',', '.'));
    if (/^\d{4}$/.test(m[0]) && n >= 1900 && n <= 2100) continue;
    const after = item.fold.slice(end);
    const unit = /^ ((?:[a-z]+)(?: [a-z]+)?)/.exec(after);
    if (!unit || NOT_UNIT.test(unit[1] as string)) continue;
    if (NOT_AFTER.test(item.fold.slice(Math.max(0, start - 16), start))) continue;
    // keep the unit as written: one word ("vụ", "hộ") or a two-word noun ("tỷ đồng", "lao động")
    const words = item.text.slice(end).trim().split(/\s+/).slice(0, 2);
    const second = words[1] ? foldText(words[1]).replace(/[,;.:]+$/, '') : '';
    const unitText =
      words.length > 1 && !ONE_WORD_UNIT.test(foldText(words[0] as string)) && !NOT_UNIT_WORD.test(second)
        ? words.join(' ')
        : (words[0] as string);
    values.push(`${m[0]} ${unitText.replace(/[,;.:)\]]+$/, '')}`);
  }
  return values;
}

/**
 * Items of a sentence: pieces split at ";" and at numbered markers "(1)", "2)", "a)", each with its
 * offset in the sentence (what comes before an item in its sentence can name its year).
 */
function items(s: Folded): Array<Folded & { start: number }> {
  const out: Array<Folded & { start: number }> = [];
  let start = 0;
  // Every end of an item (ITEM_END) has a ";" or a marker's ")": most sentences have neither, and are
  // one item.
  if (/[;)]/.test(s.fold))
    for (const m of matchesOf(ITEM_END, s.fold)) {
      pushItem(out, s, start, m.index);
      start = m.index + m[0].length;
    }
  pushItem(out, s, start, s.text.length);
  return out;
}

const ITEM_END = /\s*;\s*|\s+(?=\(?\d{1,2}\)\s|[a-dđ]\)\s)/g;

/** Adds the item from `start` to `end` of a sentence, spaces trimmed (sliceFolded), unless empty. */
function pushItem(out: Array<Folded & { start: number }>, s: Folded, start: number, end: number): void {
  const piece = sliceFolded(s, start, end);
  if (piece.text.length > 0) out.push({ text: piece.text, fold: piece.fold, start });
}

/** Drops a list marker and a lead-in ending with a colon ("Các chỉ tiêu chủ yếu năm 2025:"). */
function statement(item: Folded): string {
  let t = item.text.replace(/^(?:\(?\d{1,2}[).]|[a-dđ]\)|[-–+•*])\s*/u, '');
  const colon = t.indexOf(': ');
  if (colon > 0 && !/\d/.test(t.slice(0, colon))) t = t.slice(colon + 2);
  else if (colon > 0 && /^[^%]*(?:chi tieu|muc tieu)[^%]*$/.test(foldText(t.slice(0, colon))))
    t = t.slice(colon + 2);
  return trimStatement(t);
}

/**
 * Targets of a block: statements with a number or percentage that set a goal ("Phấn đấu …", a
 * "chỉ tiêu" list, "tăng trưởng GRDP 9–9,5%" in a plan), with the year they are for.
 */
export function extractTargets(text: string, place: PlaceContext & { planYear?: number }): TargetFact[] {
  const out: TargetFact[] = [];
  // Every value (targetValues) has a digit: a block without one has no target.
  if (!/\d/.test(text)) return out;
  const block = folded(text);
  const sectionFold = place.section ? foldSection(place.section) : '';
  // A paragraph's first words look ahead ("Phương hướng …", "kế hoạch năm 2025 với mục tiêu …"); a
  // share of a plan there ("đạt 95,1% kế hoạch") names the plan, it does not look ahead.
  const lead = block.fold.slice(0, 160).replace(PLAN_SHARES, ' ');
  const targetSection = /chi tieu|muc tieu/.test(sectionFold);
  const aheadPlace = targetSection || FORWARD_PLACE.test(sectionFold) || FORWARD_PLACE.test(lead);
  const forwardPlace = aheadPlace || /^\s*(?:\(?\d{1,2}[).]|[a-d]\)|[-+•])/.test(block.fold);
  // A target that names no year, in a place that looks ahead, is for the year the document plans: a
  // review of 2024 sets the targets of 2025.
  const where: PlaceContext =
    aheadPlace && place.planYear !== undefined ? { section: place.section, year: place.planYear } : place;
  for (const s of splitSentences(block)) {
    // Every value has a digit (PERCENT, NUMBER), and an item is a piece of its sentence: a sentence
    // without one has no target.
    if (!/\d/.test(s.text)) continue;
    // Whether the sentence sets a target (STRONG), read once, when an item needs it.
    let sentenceStrong: boolean | undefined;
    for (const item of items(s)) {
      // The same for an item. The tests below are pure, so their order changes nothing: the cheap
      // ones come first, the item's year only for an item that may be a target, and its values
      // last, for the few items that pass every test.
      // An item as long as its sentence is the sentence, whose digit was found above.
      if (!isWhole(item, s) && !/\d/.test(item.text)) continue;
      // Whether the item names an aim, read only when a test needs it (a past item, a share of a plan).
      let aimed: boolean | undefined;
      if (PAST.test(item.fold) && !(aimed = AIMED.test(item.fold))) continue;
      // An item as long as its sentence is the sentence (items are pieces of it): its STRONG test
      // already read the sentence.
      const strong =
        targetSection ||
        STRONG.test(item.fold) ||
        (!isWhole(item, s) && (sentenceStrong ??= STRONG.test(s.fold)));
      const weak = forwardPlace && WEAK.test(item.fold);
      // A threshold counts only for an item neither strong nor weak (the tests below): it is read
      // only for such an item.
      const threshold = !strong && !weak && THRESHOLD.test(item.fold);
      // Neither strong, weak nor a threshold: not a target whatever its year (the test below).
      if (!strong && !weak && !threshold) continue;
      const year = yearFor(item, block, s.start + item.start, where);
      // About a year the document plans ("Năm 2025, UBND tỉnh yêu cầu … đạt 100% chỉ tiêu" in a
      // review of 2024), or in a place that looks ahead: a share of a plan or a threshold is aimed at.
      const planned =
        aheadPlace || (place.planYear !== undefined && year !== undefined && year >= place.planYear);
      if (!planned && !(aimed ??= AIMED.test(item.fold)) && PLAN_SHARE.test(item.fold)) continue;
      if (!strong && !weak && !(threshold && (forwardPlace || planned))) continue;
      // "Năm 2024, tỷ lệ giải ngân đạt 82,3%" in a 2025 plan reports last year's result.
      if (!strong && year !== undefined && where.year !== undefined && year < where.year) continue;
      const values = targetValues(item);
      if (values.length === 0) continue;
      out.push({ kind: 'target', text: statement(item), values, ...(year !== undefined ? { year } : {}) });
    }
  }
  return out;
}
