import type { DeadlineFact, MeetingFact, PartialDate, TargetFact, TaskFact } from '../facts/types';
import { dayNumber, formatVietnameseDate, isIsoDate } from './time';
import { escapeHtml } from '../text/html';
import { seededRandom } from '../seeded-random';

/** Where a digest item comes from, shown after it as "title · đoạn N". */
export interface DigestSource {
  title: string;
  file: string;
  paragraph: number;
  section?: string | null;
  /** The document's own date (ISO), when known: a due date before it was already past. */
  date?: string | null;
  /** The unit the document is about ("Đảng ủy BĐBP tỉnh Ninh Thuận"), when known. */
  unit?: string | null;
  /** Its number and date ("số 125-NQ/ĐU, 20/12/2024"), when known. */
  reference?: string | null;
}

export interface DigestItem<F> {
  /** Stable id (the fact id); orders items before the per-chat rotation. */
  id: number;
  fact: F;
  source: DigestSource;
  /** Year the document is about, used to date "3/12" when the fact itself has no year. */
  contextYear?: number;
}

export interface DigestDocument {
  title: string;
  file: string;
  /** The unit the document is about, when known. */
  unit?: string | null;
  /** ISO instant. */
  addedAt: string;
}

export interface DigestInput {
  /** Local date of the digest, 'YYYY-MM-DD'. */
  date: string;
  chatId: number;
  deadlines: DigestItem<DeadlineFact>[];
  /** Meetings and other events; only those with a date in the window are shown. */
  events?: DigestItem<MeetingFact>[];
  targets: DigestItem<TargetFact>[];
  tasks: DigestItem<TaskFact>[];
  newDocuments: DigestDocument[];
  /** Days ahead to look for deadlines, today included as day 0. Default from config: 14. */
  daysAhead: number;
  /** Targets and tasks shown per day, each. Default 3. */
  rotationSize?: number;
}

export interface ComposedDigest {
  /** The first message, Telegram HTML (parse_mode 'HTML'), about DIGEST_SHORT_CHARS visible characters. */
  html: string;
  /** The same content without markup, for the terminal. */
  text: string;
  /** True when there was nothing to remind of; `html` is then one friendly line. */
  isEmpty: boolean;
  /** Everything, under Telegram's limit: what "Xem đầy đủ" shows. */
  full: string;
  /** True when `full` holds items `html` does not. */
  hasMore: boolean;
}

/** Telegram's limit for one message is 4096 characters; keep room for safety. */
export const DIGEST_MAX_LENGTH = 4000;
const ITEM_MAX_LENGTH = 280;
const DEFAULT_ROTATION_SIZE = 3;

/** A digest's HTML as plain text (the terminal, `chithi digest`). */
export function digestPlainText(html: string): string {
  return html
    .replace(/<\/?(?:b|i|code)>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

function shorten(text: string, max = ITEM_MAX_LENGTH): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * A concrete 'YYYY-MM-DD' for a partial date, or null when it cannot be dated: day+month+year as is;
 * "quý IV/2025" → the quarter's last day; "tháng 12/2025" → the month's last day; day+month without a
 * year takes `contextYear` (the document's year) when given.
 */
export function resolvePartialDate(date: PartialDate, contextYear?: number): string | null {
  // A date that comes back is no one day (see nextOccurrence).
  if (date.every) return null;
  const year = date.year ?? (date.month !== undefined ? contextYear : undefined);
  if (year === undefined) return null;
  let iso: string | null = null;
  if (date.month !== undefined && date.day !== undefined) {
    iso = `${year}-${pad2(date.month)}-${pad2(date.day)}`;
  } else if (date.month !== undefined) {
    iso = `${year}-${pad2(date.month)}-${pad2(lastDayOfMonth(year, date.month))}`;
  } else if (
    date.quarter !== undefined &&
    date.year !== undefined &&
    date.quarter >= 1 &&
    date.quarter <= 4
  ) {
    const month = date.quarter * 3;
    iso = `${year}-${pad2(month)}-${pad2(lastDayOfMonth(year, month))}`;
  }
  return iso && isIsoDate(iso) ? iso : null;
}

/** How a date that comes back reads in a digest line. */
const EVERY_WORDS: Record<NonNullable<PartialDate['every']>, string> = {
  month: 'hằng tháng',
  quarter: 'hằng quý',
  year: 'hằng năm',
};

/**
 * The first day on or after `from` ('YYYY-MM-DD') that a date coming back falls on ("ngày 20 hằng
 * tháng", "ngày 20 tháng cuối quý", "ngày 15/12 hằng năm"), within the year it applies (its own year,
 * else `contextYear`; any year when neither is known); null when none is left. A day the month does
 * not have is its last day ("ngày 31 hằng tháng" in February); a month alone is its last day, as for
 * one-off dates.
 */
export function nextOccurrence(date: PartialDate, from: string, contextYear?: number): string | null {
  if (!date.every || !isIsoDate(from)) return null;
  const applies = date.year ?? contextYear;
  const start = applies !== undefined && from < `${applies}-01-01` ? `${applies}-01-01` : from;
  let year = Number(start.slice(0, 4));
  let month = Number(start.slice(5, 7));
  // Every month, quarter or year has one within the next 13 months.
  for (let i = 0; i <= 12; i++) {
    const monthFits =
      date.every === 'month' ||
      (date.every === 'quarter' && month % 3 === 0) ||
      (date.every === 'year' && month === date.month);
    if (monthFits) {
      const last = lastDayOfMonth(year, month);
      const day = date.day === undefined ? last : Math.min(date.day, last);
      const iso = `${year}-${pad2(month)}-${pad2(day)}`;
      if (iso >= start) return applies !== undefined && year > applies ? null : iso;
    }
    month++;
    if (month > 12) {
      month = 1;
      year++;
    }
  }
  return null;
}

function hashSeed(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

/**
 * Picks `size` items for `date`: the items are ordered by id, shuffled once per chat (seeded by
 * chat id and `salt`), and each day takes the next `size` of that cycle. Over ceil(n/size)
 * consecutive days every item is shown before any is shown again, and the choice depends only on
 * (chat, date, items), so a preview of a date matches that day's digest.
 */
export function rotate<T extends { id: number }>(
  items: readonly T[],
  chatId: number,
  date: string,
  size: number,
  salt: string,
): T[] {
  if (items.length <= size) return [...items].sort((a, b) => a.id - b.id);
  const order = [...items].sort((a, b) => a.id - b.id);
  const random = seededRandom(hashSeed(`${chatId}:${salt}`));
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j] as T, order[i] as T];
  }
  const start = (((dayNumber(date) * size) % order.length) + order.length) % order.length;
  const picked: T[] = [];
  for (let k = 0; k < size; k++) picked.push(order[(start + k) % order.length] as T);
  return picked;
}

/** Items of the digest's year (a fact's own year, else its document's): last year's tasks are not reminders. */
function ofYear<F extends TargetFact | TaskFact>(items: DigestItem<F>[], year: number): DigestItem<F>[] {
  return items.filter((i) => (i.fact.year ?? i.contextYear) === year);
}

/** "Đảng ủy BĐBP tỉnh Ninh Thuận · số 125-NQ/ĐU, 20/12/2024", or the title: never a path on the server. */
function cite(source: DigestSource): string {
  const who = source.unit ?? shorten(source.title, 70);
  return escapeHtml(source.reference ? `${who} · ${source.reference}` : who);
}

/** " — <b>Sở Tài chính</b>", unless the statement already opens with who ("Sở Tài chính chủ trì …"). */
function assignedTo(text: string, who: string | undefined): string {
  if (!who || text.normalize('NFC').startsWith(who.normalize('NFC'))) return '';
  return ` — <b>${escapeHtml(shorten(who, 60))}</b>`;
}

/** "hôm nay", "ngày mai", "còn 3 ngày", "quá hạn 2 ngày". */
export function dueInWords(days: number): string {
  if (days === 0) return 'hôm nay';
  if (days === 1) return 'ngày mai';
  if (days < 0) return `quá hạn ${-days} ngày`;
  return `còn ${days} ngày`;
}

/** Days before a deadline when it is reminded with ⏰ (it is listed every day of the window anyway). */
export const REMIND_DAYS_BEFORE = [7, 3, 1];
/** Overdue deadlines stay in the digest this many days (nobody marks them done). */
export const OVERDUE_DAYS = 7;
/** Visible characters of the digest's first message; the rest is behind "Xem đầy đủ". */
export const DIGEST_SHORT_CHARS = 1200;

interface Section {
  heading: string;
  lines: string[];
}

const QUESTION_INVITATION =
  'Cần tra cứu thêm, anh/chị gõ /hoi kèm câu hỏi, ví dụ: <code>/hoi hạn nộp báo cáo quý IV là ngày nào?</code>';

function title(date: string): string {
  return `<b>Nhắc việc ngày ${formatVietnameseDate(date)}</b>`;
}

/** Every section in full, trimmed from the longest under Telegram's limit. */
function renderFull(date: string, sections: Section[]): string {
  const caps = sections.map((x) => x.lines.length);
  const render = () => {
    const parts = [title(date)];
    sections.forEach((section, i) => {
      const shown = section.lines.slice(0, caps[i]);
      const rest = section.lines.length - shown.length;
      parts.push(
        [`<b>${section.heading}</b>`, ...shown, ...(rest > 0 ? [`<i>… và ${rest} mục khác</i>`] : [])].join(
          '\n',
        ),
      );
    });
    parts.push(QUESTION_INVITATION);
    return parts.join('\n\n');
  };
  let html = render();
  while (html.length > DIGEST_MAX_LENGTH) {
    let widest = 0;
    caps.forEach((c, i) => {
      if (c > (caps[widest] ?? 0)) widest = i;
    });
    if ((caps[widest] ?? 0) === 0) break;
    caps[widest] = (caps[widest] ?? 1) - 1;
    html = render();
  }
  return html;
}

/**
 * The first message: sections in order of urgency, lines added while the visible text stays under
 * DIGEST_SHORT_CHARS (at least the first line of the first section); what is left is counted.
 */
function renderShort(date: string, sections: Section[]): { html: string; hidden: number } {
  const parts = [title(date)];
  let visible = digestPlainText(parts[0]!).length;
  let hidden = 0;
  for (const section of sections) {
    const head = `<b>${section.heading}</b>`;
    const shown: string[] = [];
    for (const line of section.lines) {
      const cost =
        digestPlainText(line).length + 1 + (shown.length === 0 ? digestPlainText(head).length + 2 : 0);
      if (visible + cost > DIGEST_SHORT_CHARS && !(parts.length === 1 && shown.length === 0)) {
        hidden++;
        continue;
      }
      shown.push(line);
      visible += cost;
    }
    if (shown.length > 0) parts.push([head, ...shown].join('\n'));
  }
  if (hidden > 0) parts.push(`<i>… và ${hidden} mục khác: bấm “Xem đầy đủ”.</i>`);
  parts.push(QUESTION_INVITATION);
  return { html: parts.join('\n\n'), hidden };
}

interface DatedItem {
  when: string;
  text: string;
  who?: string;
  source: DigestSource;
  event?: boolean;
  /** Set for a date that comes back: `when` is its next day. */
  every?: PartialDate['every'];
}

/**
 * What is due, dated: time limits set by a task or a deadline statement (never a result, a meeting
 * held, a date before its own document's date, or a document dated after the digest's day), and
 * meetings set after their document's date.
 */
function datedItems(input: DigestInput): DatedItem[] {
  const { date } = input;
  const dated: DatedItem[] = [];
  for (const d of input.deadlines) {
    const f = d.fact;
    if (!f.due || f.statement === 'result' || f.statement === 'event') continue;
    if (d.source.date && d.source.date > date) continue;
    // A date that comes back ("trước ngày 20 hằng tháng") is listed at its next day from the digest's
    // day: a routine report due last month is not overdue this one.
    const every = f.date.every;
    const when = every
      ? nextOccurrence(f.date, date, d.contextYear)
      : resolvePartialDate(f.date, d.contextYear);
    if (!when || (d.source.date && when < d.source.date)) continue;
    dated.push({
      when,
      text: f.text,
      ...(f.assignee ? { who: f.assignee } : {}),
      source: d.source,
      ...(every ? { every } : {}),
    });
  }
  for (const e of input.events ?? []) {
    const when = e.fact.date ? resolvePartialDate(e.fact.date, e.contextYear) : null;
    // A meeting a document reports was held by then: only one set after the document's date is ahead.
    if (!when || !e.source.date || when <= e.source.date) continue;
    dated.push({ when, text: e.fact.eventName ?? e.fact.eventType, source: e.source, event: true });
  }
  return dated;
}

/** "• ⏰ <b>15/12 (còn 3 ngày)</b>: what — <b>who</b> <i>(unit · số …)</i>". */
function datedLine(d: DatedItem, today: number): string {
  const days = dayNumber(d.when) - today;
  const remind = REMIND_DAYS_BEFORE.includes(days) ? '⏰ ' : '';
  return (
    `• ${remind}<b>${formatVietnameseDate(d.when).slice(0, 5)} (${d.every ? `${EVERY_WORDS[d.every]}, ` : ''}${dueInWords(days)})</b>: ` +
    `${d.event ? 'Sự kiện: ' : ''}${escapeHtml(shorten(d.text, 140))}${assignedTo(d.text, d.who)} ` +
    `<i>(${cite(d.source)})</i>`
  );
}

/** /hanchot: the time limits from `input.date` on, for `days` days, soonest first, at most `limit`. */
export function formatDeadlinesAhead(input: DigestInput, days: number, limit = 10): string {
  const today = dayNumber(input.date);
  const ahead = datedItems(input)
    .filter((d) => !d.event && dayNumber(d.when) - today >= 0 && dayNumber(d.when) - today <= days)
    .sort((a, b) => a.when.localeCompare(b.when) || a.text.localeCompare(b.text));
  if (ahead.length === 0)
    return `Trong ${days} ngày tới (từ ${formatVietnameseDate(input.date)}) chưa thấy hạn nào trong các văn bản.`;
  const shown = ahead.slice(0, limit).map((d) => datedLine(d, today));
  const rest = ahead.length - shown.length;
  return [
    `⏳ <b>Các hạn trong ${days} ngày tới</b> (từ ${formatVietnameseDate(input.date)}):`,
    ...shown,
    ...(rest > 0 ? [`<i>… và ${rest} hạn khác.</i>`] : []),
  ].join('\n');
}

/**
 * Builds one day's digest, a morning brief. Pure: the same input gives the same message. In order:
 * deadlines overdue (up to OVERDUE_DAYS) or due today; due within 7 days; due within `daysAhead`;
 * a rotating few targets and tasks of the digest's year; documents added since the last digest. Only
 * time limits count as deadlines (a task or a deadline statement, never a result or a meeting held,
 * never a date before its own document's date). Each item is one line: what, who (when the text
 * says), when in words, and a short citation. `html` is the first message (about DIGEST_SHORT_CHARS
 * visible characters); `full` has everything (under Telegram's limit).
 */
export function composeDigest(input: DigestInput): ComposedDigest {
  const { date, chatId } = input;
  const size = input.rotationSize ?? DEFAULT_ROTATION_SIZE;
  const today = dayNumber(date);
  const dated = datedItems(input);
  const inDays = (from: number, to: number) =>
    dated
      .filter((d) => {
        const days = dayNumber(d.when) - today;
        return days >= from && days <= to;
      })
      .sort((a, b) => a.when.localeCompare(b.when) || a.text.localeCompare(b.text))
      .map((d) => datedLine(d, today));

  const year = Number(date.slice(0, 4));
  // A document dated after the digest's day did not exist yet (a digest of a past day, a preview).
  const known = <T extends { source: DigestSource }>(items: T[]) =>
    items.filter((i) => !i.source.date || i.source.date <= date);
  const targets = rotate(ofYear(known(input.targets), year), chatId, date, size, 'targets');
  const tasks = rotate(ofYear(known(input.tasks), year), chatId, date, size, 'tasks');
  const documents = [...input.newDocuments].sort((a, b) => a.addedAt.localeCompare(b.addedAt));
  const statement = (text: string, who: string | undefined, source: DigestSource) =>
    `• ${escapeHtml(shorten(text, 160))}${assignedTo(text, who)} <i>(${cite(source)})</i>`;

  const sections: Section[] = [
    { heading: '⚠️ Quá hạn và đến hạn hôm nay', lines: inDays(-OVERDUE_DAYS, 0) },
    { heading: '📅 Đến hạn trong 7 ngày tới', lines: inDays(1, 7) },
    { heading: `🗓 Đến hạn từ 8 đến ${input.daysAhead} ngày tới`, lines: inDays(8, input.daysAhead) },
    {
      heading: `🎯 Chỉ tiêu năm ${year}`,
      lines: targets.map((t) => statement(t.fact.text, undefined, t.source)),
    },
    {
      heading: `📌 Nhiệm vụ năm ${year}`,
      lines: tasks.map((t) => statement(t.fact.text, t.fact.assignee, t.source)),
    },
    {
      heading: '🆕 Văn bản mới được nạp',
      lines: documents.map(
        (d) =>
          `• ${escapeHtml(shorten(d.title, 160))}${d.unit && !d.title.includes(d.unit) ? ` <i>(${escapeHtml(d.unit)})</i>` : ''}`,
      ),
    },
  ].filter((x) => x.lines.length > 0);

  if (sections.length === 0) {
    const html = `${title(date)}\n\nHôm nay không có hạn nào sắp tới hay văn bản mới. Chúc anh/chị một ngày làm việc thuận lợi!`;
    return { html, text: digestPlainText(html), isEmpty: true, full: html, hasMore: false };
  }
  const short = renderShort(date, sections);
  const full = renderFull(date, sections);
  return {
    html: short.html,
    text: digestPlainText(short.html),
    isEmpty: false,
    full,
    hasMore: short.hidden > 0,
  };
}
