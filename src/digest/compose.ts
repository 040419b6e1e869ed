import type { DeadlineFact, MeetingFact, PartialDate, TargetFact, TaskFact } from '../facts/types';
import { addDays, dayNumber, formatVietnameseDate, isIsoDate } from './time';
import { escapeHtml } from '../text/html';
import { seededRandom } from '../seeded-random';

/** Where a digest item comes from, shown after it as "title · đoạn N". */
export interface DigestSource {
  title: string;
  file: string;
  paragraph: number;
  section?: string | null;
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
  /** Telegram HTML (parse_mode 'HTML'), under TELEGRAM_LIMIT characters. */
  html: string;
  /** The same content without markup, for the terminal. */
  text: string;
  /** True when there was nothing to remind of; `html` is then a short friendly message. */
  isEmpty: boolean;
}

/** Telegram's limit for one message is 4096 characters; keep room for safety. */
export const DIGEST_MAX_LENGTH = 4000;
const ITEM_MAX_LENGTH = 280;
const DEFAULT_ROTATION_SIZE = 3;

function htmlToText(html: string): string {
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

/** Items for the digest's year, or all of them when none is tied to that year. */
function ofYear<F extends TargetFact | TaskFact>(items: DigestItem<F>[], year: number): DigestItem<F>[] {
  const matching = items.filter((i) => (i.fact.year ?? i.contextYear) === year);
  return matching.length > 0 ? matching : items;
}

/** "title · unit · số …, date · đoạn N": never a path on the server. */
function sourceLabel(source: DigestSource): string {
  const unit = source.unit && !source.title.includes(source.unit) ? ` · ${escapeHtml(source.unit)}` : '';
  const reference = source.reference ? ` · ${escapeHtml(source.reference)}` : '';
  return `${escapeHtml(shorten(source.title, 120))}${unit}${reference} · đoạn ${source.paragraph}`;
}

function daysLabel(days: number): string {
  if (days === 0) return 'hôm nay';
  if (days === 1) return 'ngày mai';
  return `còn ${days} ngày`;
}

interface Section {
  heading: string;
  lines: string[];
}

function render(date: string, sections: Section[], caps: number[]): string {
  const parts = [`<b>Nhắc việc ngày ${formatVietnameseDate(date)}</b>`];
  sections.forEach((section, i) => {
    const cap = caps[i] ?? section.lines.length;
    const shown = section.lines.slice(0, cap);
    const rest = section.lines.length - shown.length;
    const lines = [`<b>${section.heading}</b>`, ...shown];
    if (rest > 0) lines.push(`<i>… và ${rest} mục khác</i>`);
    parts.push(lines.join('\n'));
  });
  parts.push(QUESTION_INVITATION);
  return parts.join('\n\n');
}

const QUESTION_INVITATION =
  'Cần tra cứu thêm, anh/chị gõ /hoi kèm câu hỏi, ví dụ: <code>/hoi hạn nộp báo cáo quý IV là ngày nào?</code>';

/**
 * Builds one day's digest. Pure: the same input gives the same message. Sections: deadlines and
 * dated events in [date, date + daysAhead], soonest first; a rotating selection of targets and tasks;
 * documents added since the last digest; an invitation to ask. Long digests are trimmed from the
 * longest section, which then ends with "… và N mục khác".
 */
export function composeDigest(input: DigestInput): ComposedDigest {
  const { date, chatId } = input;
  const size = input.rotationSize ?? DEFAULT_ROTATION_SIZE;
  const last = addDays(date, input.daysAhead);
  const today = dayNumber(date);

  const dated: Array<{ when: string; text: string; source: DigestSource }> = [];
  for (const d of input.deadlines) {
    const when = resolvePartialDate(d.fact.date, d.contextYear);
    if (when) dated.push({ when, text: d.fact.text, source: d.source });
  }
  for (const e of input.events ?? []) {
    const when = e.fact.date ? resolvePartialDate(e.fact.date, e.contextYear) : null;
    if (when) dated.push({ when, text: e.fact.eventName ?? e.fact.eventType, source: e.source });
  }
  const upcoming = dated
    .filter((d) => d.when >= date && d.when <= last)
    .sort((a, b) => a.when.localeCompare(b.when) || a.text.localeCompare(b.text));

  const year = Number(date.slice(0, 4));
  const targets = rotate(ofYear(input.targets, year), chatId, date, size, 'targets');
  const tasks = rotate(ofYear(input.tasks, year), chatId, date, size, 'tasks');
  const documents = [...input.newDocuments].sort((a, b) => a.addedAt.localeCompare(b.addedAt));

  const sections: Section[] = [];
  if (upcoming.length > 0) {
    sections.push({
      heading: `Hạn và sự kiện trong ${input.daysAhead} ngày tới`,
      lines: upcoming.map(
        (d) =>
          `• <b>${formatVietnameseDate(d.when)}</b> (${daysLabel(dayNumber(d.when) - today)}): ` +
          `${escapeHtml(shorten(d.text))} — <i>${sourceLabel(d.source)}</i>`,
      ),
    });
  }
  if (targets.length > 0) {
    sections.push({
      heading: 'Chỉ tiêu cần bám sát',
      lines: targets.map((t) => `• ${escapeHtml(shorten(t.fact.text))} — <i>${sourceLabel(t.source)}</i>`),
    });
  }
  if (tasks.length > 0) {
    sections.push({
      heading: 'Nhiệm vụ cần thực hiện',
      lines: tasks.map((t) => `• ${escapeHtml(shorten(t.fact.text))} — <i>${sourceLabel(t.source)}</i>`),
    });
  }
  if (documents.length > 0) {
    sections.push({
      heading: 'Văn bản mới được nạp',
      lines: documents.map(
        (d) =>
          `• ${escapeHtml(shorten(d.title, 200))}${d.unit && !d.title.includes(d.unit) ? ` <i>(${escapeHtml(d.unit)})</i>` : ''}`,
      ),
    });
  }

  if (sections.length === 0) {
    const html =
      `<b>Nhắc việc ngày ${formatVietnameseDate(date)}</b>\n\n` +
      `Trong ${input.daysAhead} ngày tới chưa thấy hạn nào trong các văn bản, cũng chưa có văn bản mới. ` +
      `Chúc anh/chị một ngày làm việc thuận lợi!\n\n${QUESTION_INVITATION}`;
    return { html, text: htmlToText(html), isEmpty: true };
  }

  const caps = sections.map((s) => s.lines.length);
  let html = render(date, sections, caps);
  while (html.length > DIGEST_MAX_LENGTH) {
    // Trim the section that shows the most lines; each keeps at least one line while others have more.
    let widest = 0;
    caps.forEach((c, i) => {
      if (c > (caps[widest] ?? 0)) widest = i;
    });
    if ((caps[widest] ?? 0) === 0) break;
    caps[widest] = (caps[widest] ?? 1) - 1;
    html = render(date, sections, caps);
  }
  return { html, text: htmlToText(html), isEmpty: false };
}
