import { Composer, InlineKeyboard } from 'grammy';
import { describeFact, eventLabel, formatDate as formatFactDate, formatPeople } from '../../facts/format';
import type { FactItem, FactsService, ListedFactKind } from '../../facts/service';
import type { MeetingFact } from '../../facts/types';
import { escapeHtml } from '../../text/html';
import type { BotCommandSpec } from '../commands';
import type { BotContext } from '../context';
import { formatSource, packMessages, truncate } from '../format';
import { replyHtml } from '../reply';

/**
 * The context this feature needs: BotContext plus the facts service, provided by the composition
 * root through extraServices (as the digest feature does).
 */
export type FactsContext = BotContext & { services: BotContext['services'] & { facts: FactsService } };

/** Facts per page: five keeps a page of long targets within one or two messages. */
export const FACTS_PAGE_SIZE = 5;
/** Longest fact text shown in a list; the source line points to the whole paragraph. */
export const FACT_TEXT_CHARS = 600;

export const FACTS_COMMANDS: readonly BotCommandSpec[] = [
  {
    command: 'chutri',
    description: 'Hội nghị và người chủ trì, lọc theo từ khóa, ví dụ: /chutri hội nghị Đảng ủy',
    scopes: ['private', 'group'],
  },
  {
    command: 'chitieu',
    description: 'Các chỉ tiêu trong văn bản, lọc theo năm, ví dụ: /chitieu 2025',
    scopes: ['private', 'group'],
  },
  {
    command: 'nhiemvu',
    description: 'Các nhiệm vụ, phương hướng, lọc theo năm, ví dụ: /nhiemvu 2025',
    scopes: ['private', 'group'],
  },
];

/** What one listing shows: a kind, and either words (/chutri) or a year (/chitieu, /nhiemvu). */
export interface FactsQuery {
  kind: ListedFactKind;
  words?: string;
  year?: number;
}

const COMMAND_OF: Record<ListedFactKind, string> = { meeting: 'chutri', target: 'chitieu', task: 'nhiemvu' };

const WORDING: Record<ListedFactKind, { icon: string; heading: string; noun: string; ask: string }> = {
  meeting: {
    icon: '🏛',
    heading: 'Hội nghị, sự kiện và người chủ trì',
    noun: 'hội nghị, sự kiện',
    ask: 'ai chủ trì hội nghị',
  },
  target: { icon: '🎯', heading: 'Chỉ tiêu', noun: 'chỉ tiêu', ask: 'chỉ tiêu năm 2025 là gì' },
  task: { icon: '📌', heading: 'Nhiệm vụ, phương hướng', noun: 'nhiệm vụ', ask: 'nhiệm vụ năm 2025' },
};

const EXPIRED = 'Danh sách này đã hết hạn. Anh/chị vui lòng gõ lại lệnh, ví dụ /chitieu 2025.';

/** Callback data of a page button: "fp:<stored id>:<0-based page>". */
const PAGE = /^fp:([A-Za-z0-9_-]{1,16}):(\d{1,4})$/;

export function pageData(id: string, page: number): string {
  return `fp:${id}:${page}`;
}

/** NFC with whitespace collapsed: arguments may arrive decomposed (NFD) or with line breaks. */
function clean(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/**
 * The year argument of /chitieu and /nhiemvu: "" → every year; "2025", "năm 2025", "nam 2025",
 * "Năm 2025." → 2025 (1900-2100); anything else → null.
 */
export function parseYearArgument(arg: string): { year?: number } | null {
  const text = clean(arg)
    .toLowerCase()
    .replace(/[.!?]+$/, '');
  if (!text) return {};
  const m = /^(?:n[aă]m\s*)?(\d{4})$/u.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  return year >= 1900 && year <= 2100 ? { year } : null;
}

/** The command a query is typed as, e.g. "/chitieu 2025"; what the result store keeps behind a button. */
export function queryCommand(query: FactsQuery): string {
  const arg = query.kind === 'meeting' ? (query.words ?? '') : query.year ? String(query.year) : '';
  return `/${COMMAND_OF[query.kind]}${arg ? ` ${arg}` : ''}`;
}

/** The query behind a typed command (the inverse of queryCommand); null when it is not one. */
export function parseQueryCommand(command: string): FactsQuery | null {
  const m = /^\/(chutri|chitieu|nhiemvu)(?: ([\s\S]*))?$/.exec(command);
  if (!m) return null;
  const arg = m[2] ?? '';
  if (m[1] === 'chutri') return { kind: 'meeting', ...(clean(arg) ? { words: clean(arg) } : {}) };
  const year = parseYearArgument(arg);
  if (!year) return null;
  return { kind: m[1] === 'chitieu' ? 'target' : 'task', ...year };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function formatMeeting(m: MeetingFact): string {
  const when = m.date ? ` (${formatFactDate(m.date)})` : '';
  const lines = [escapeHtml(truncate(capitalize(clean(eventLabel(m))), 300) + when)];
  if (m.chairs.length > 0) lines.push(`   Chủ trì: ${escapeHtml(formatPeople(m.chairs))}`);
  if (m.attendees.length > 0) lines.push(`   Dự: ${escapeHtml(formatPeople(m.attendees))}`);
  return lines.join('\n');
}

/** One numbered item with its source line ("title · đoạn N · file"), escaped. */
export function formatFactItem(item: FactItem, rank: number, dataDir?: string): string {
  const fact = item.stored.fact;
  const body =
    fact.kind === 'meeting'
      ? formatMeeting(fact)
      : escapeHtml(truncate(clean(describeFact(fact)), FACT_TEXT_CHARS));
  const source = item.source
    ? `\n   📄 <i>${formatSource({ ...item.source, section: null }, dataDir)}</i>`
    : '';
  return `<b>${rank}.</b> ${body}${source}`;
}

function heading(query: FactsQuery, total: number, page: number, pages: number): string {
  const w = WORDING[query.kind];
  const year = query.year ? ` năm ${query.year}` : '';
  const words = query.words ? ` — từ khóa “${escapeHtml(truncate(query.words, 200))}”` : '';
  const where = pages > 1 ? `, trang ${page + 1}/${pages}` : '';
  return `${w.icon} <b>${w.heading}${year}</b>${words} (${total} mục${where})`;
}

/** A hint on the first page of an unfiltered list: how to narrow it. */
function narrowingHint(query: FactsQuery): string | null {
  if (query.kind === 'meeting')
    return query.words ? null : 'Lọc theo từ khóa, ví dụ: <code>/chutri hội nghị Đảng ủy</code>';
  return query.year ? null : `Lọc theo năm, ví dụ: <code>/${COMMAND_OF[query.kind]} 2025</code>`;
}

/** The polite answer when nothing matches, with what to try instead. */
export function formatNoFacts(query: FactsQuery, yearsAvailable: number[]): string {
  const w = WORDING[query.kind];
  const command = COMMAND_OF[query.kind];
  const lines: string[] = [];
  if (query.words) {
    lines.push(
      `Xin lỗi, tôi chưa tìm thấy ${w.noun} nào khớp với “${escapeHtml(truncate(query.words, 200))}”.`,
      `Anh/chị có thể thử từ khóa khác, có dấu hoặc không dấu, hoặc gõ /${command} để xem tất cả.`,
    );
  } else if (query.year) {
    lines.push(`Xin lỗi, tôi chưa tìm thấy ${w.noun} nào của năm ${query.year} trong các tài liệu đã nạp.`);
    if (yearsAvailable.length > 0) {
      lines.push(
        `Hiện có ${w.noun} của các năm: ${yearsAvailable.join(', ')} ` +
          `(ví dụ <code>/${command} ${yearsAvailable[0]}</code>).`,
      );
    }
  } else {
    lines.push(`Xin lỗi, các tài liệu đã nạp chưa có ${w.noun} nào được nhận diện.`);
  }
  lines.push(
    `Anh/chị có thể xem danh sách tài liệu bằng /tailieu hoặc hỏi trực tiếp, ví dụ <code>/hoi ${w.ask}</code>.`,
  );
  return lines.join('\n');
}

/** A bad year argument, with examples. */
export function formatBadYear(kind: ListedFactKind, arg: string): string {
  const command = COMMAND_OF[kind];
  return (
    `“${escapeHtml(truncate(clean(arg), 100))}” không phải là một năm. ` +
    `Anh/chị hãy gõ năm bằng bốn chữ số, ví dụ <code>/${command} 2025</code>, ` +
    `hoặc gõ /${command} để xem tất cả ${WORDING[kind].noun}.`
  );
}

export interface FactsPage {
  messages: string[];
  /** The page shown, 0-based (clamped to the last page when the list got shorter). */
  page: number;
  pages: number;
}

/**
 * One page of a non-empty list as Telegram HTML messages (each ≤ 4096 characters): a heading with
 * the count and page, the numbered items with their sources, and on the first page a hint.
 */
export function formatFactsPage(
  query: FactsQuery,
  items: FactItem[],
  requestedPage: number,
  dataDir?: string,
): FactsPage {
  const pages = Math.max(1, Math.ceil(items.length / FACTS_PAGE_SIZE));
  const page = Math.min(Math.max(0, requestedPage), pages - 1);
  const offset = page * FACTS_PAGE_SIZE;
  const blocks = [heading(query, items.length, page, pages)];
  items
    .slice(offset, offset + FACTS_PAGE_SIZE)
    .forEach((item, i) => blocks.push(formatFactItem(item, offset + i + 1, dataDir)));
  const hint = page === 0 ? narrowingHint(query) : null;
  if (hint) blocks.push(`<i>${hint}</i>`);
  return { messages: packMessages(blocks), page, pages };
}

function pageKeyboard(id: string, page: number, pages: number): InlineKeyboard | undefined {
  if (pages <= 1) return undefined;
  const keyboard = new InlineKeyboard();
  if (page > 0) keyboard.text('Trang trước', pageData(id, page - 1));
  if (page < pages - 1) keyboard.text('Trang sau', pageData(id, page + 1));
  return keyboard;
}

/** Lists one page of a query as replies to `replyTo` (the asker's message), with page buttons. */
async function showPage(
  ctx: FactsContext,
  query: FactsQuery,
  requestedPage: number,
  replyTo: number | undefined,
  storedId?: string,
): Promise<void> {
  const facts = ctx.services.facts;
  const items = facts.list(query.kind, {
    ...(query.year ? { year: query.year } : {}),
    ...(query.words ? { words: query.words } : {}),
  });
  ctx.services.logger.info(
    {
      chatId: ctx.chat?.id,
      userId: ctx.from?.id,
      kind: query.kind,
      year: query.year,
      filtered: Boolean(query.words),
      items: items.length,
      page: requestedPage,
    },
    'facts listed',
  );
  const options = replyTo === undefined ? {} : { replyTo };
  if (items.length === 0) {
    const years = query.year
      ? [...new Set(facts.list(query.kind).flatMap((i) => (i.year === null ? [] : [i.year])))]
      : [];
    await replyHtml(ctx, [formatNoFacts(query, years)], options);
    return;
  }
  const shown = formatFactsPage(query, items, requestedPage, ctx.config.dataDir);
  const id =
    shown.pages > 1
      ? (storedId ??
        ctx.state.results.put({ question: queryCommand(query), offset: 0, results: [], hasMore: true }))
      : undefined;
  const keyboard = id ? pageKeyboard(id, shown.page, shown.pages) : undefined;
  await replyHtml(ctx, shown.messages, { ...options, ...(keyboard ? { keyboard } : {}) });
}

/** /chutri [từ khóa], /chitieu [năm], /nhiemvu [năm], and their page buttons. */
export const factsFeature = new Composer<FactsContext>();

factsFeature.command('chutri', async (ctx) => {
  const words = clean(ctx.match);
  await showPage(ctx, { kind: 'meeting', ...(words ? { words } : {}) }, 0, ctx.msg.message_id);
});

for (const [command, kind] of [
  ['chitieu', 'target'],
  ['nhiemvu', 'task'],
] as const) {
  factsFeature.command(command, async (ctx) => {
    const year = parseYearArgument(ctx.match);
    if (!year) {
      await replyHtml(ctx, [formatBadYear(kind, ctx.match)]);
      return;
    }
    await showPage(ctx, { kind, ...year }, 0, ctx.msg.message_id);
  });
}

factsFeature.callbackQuery(PAGE, async (ctx) => {
  const id = ctx.match[1]!;
  const stored = ctx.state.results.get(id);
  const query = stored ? parseQueryCommand(stored.question) : null;
  if (!query) {
    await ctx.answerCallbackQuery({ text: EXPIRED });
    return;
  }
  await ctx.answerCallbackQuery();
  const pressed = ctx.callbackQuery.message;
  // Only the newest page keeps buttons, so one press cannot send the same page twice.
  await ctx.editMessageReplyMarkup({ reply_markup: { inline_keyboard: [] } }).catch(() => undefined);
  // The new page answers the person who asked (the message the pressed page replied to).
  const replyTo = pressed?.reply_to_message?.message_id ?? pressed?.message_id;
  await showPage(ctx, query, Number(ctx.match[2]), replyTo, id);
});
