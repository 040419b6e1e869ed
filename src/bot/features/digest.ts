import { Composer, InlineKeyboard } from 'grammy';
import { describeInterrupted } from '../../digest/delivery';
import type { DigestService } from '../../digest/service';
import { parseDigestTime, timezoneLabel } from '../../digest/time';
import type { Subscription } from '../../store/subscriptions';
import type { BotCommandSpec } from '../commands';
import type { BotContext } from '../context';
import { escapeHtml } from '../../text/html';
import { editOrReply, replyHtml } from '../reply';
import { foldDiacritics } from '../../text/normalize';

/**
 * The context this feature needs. Until BotServices carries `digest`, it is added here; once
 * context.ts has `digest: DigestService` this is the same type as BotContext.
 */
export type DigestContext = BotContext & { services: BotContext['services'] & { digest: DigestService } };

/** Default local time of a new subscription. */
export const DEFAULT_DIGEST_TIME = '07:30';

export const DIGEST_COMMANDS: readonly BotCommandSpec[] = [
  {
    command: 'nhacviec',
    description: 'Nhận nhắc việc hằng ngày, ví dụ: /nhacviec 07:30 (gõ riêng /nhacviec để xem)',
    scopes: ['private', 'group'],
  },
  { command: 'tatnhacviec', description: 'Dừng nhận nhắc việc hằng ngày', scopes: ['private', 'group'] },
  { command: 'bantin', description: 'Xem ngay bản nhắc việc hôm nay', scopes: ['private', 'group'] },
  {
    command: 'hanchot',
    description: 'Các hạn sắp tới trong văn bản: việc gì, ai làm, còn mấy ngày',
    scopes: ['private', 'group'],
  },
];

/** Callback data "g:<YYYY-MM-DD>": the whole digest of that day, in place of its first message. */
const FULL_DIGEST = /^g:(\d{4}-\d{2}-\d{2})$/;

/** The "Xem đầy đủ" button under a digest that does not show everything. */
export function digestMoreKeyboard(date: string): InlineKeyboard {
  return new InlineKeyboard().text('Xem đầy đủ ▸', `g:${date}`);
}

/** The end of /nhacviec's argument that says whether empty days are sent (folded). */
const QUIET = /\s*(?:khong gui|bo qua|gui ca) ngay trong$/;

/** Words that clear a digest's filter: "/nhacviec 7h30 tất cả". */
const ALL = /^(?:tat ca|toan bo|het|all)$/;

/**
 * "/nhacviec 7h30 BĐBP Quảng Ninh": the time (the longest start that reads as one: "7 giờ 30",
 * "5 giờ chiều") and the words the digest keeps to. Without a time, `time` is null; a first word
 * that starts with a digit but is no time makes the whole argument invalid.
 */
export function parseSubscription(
  arg: string,
): { time: string | null; filter: string | null; quiet?: boolean } | null {
  // "… không gửi ngày trống" / "… gửi cả ngày trống": whether a day with nothing to remind of is sent.
  const text = arg.normalize('NFC').trim();
  const quietAt = QUIET.exec(foldDiacritics(text).toLowerCase());
  if (quietAt) {
    const rest = parseSubscription(text.slice(0, quietAt.index));
    return rest && { ...rest, quiet: !/^gui ca/.test(quietAt[0].trim()) };
  }
  const words = text.split(/\s+/).filter(Boolean);
  for (let n = Math.min(4, words.length); n >= 1; n--) {
    const time = parseDigestTime(words.slice(0, n).join(' '));
    if (time) return { time, filter: words.slice(n).join(' ') || null };
  }
  if (words.length === 0) return { time: null, filter: null };
  if (/^\d/.test(words[0]!)) return null;
  return { time: null, filter: words.join(' ') };
}

const MANAGER_STATUSES = new Set(['creator', 'administrator']);

/** Forum topic of the message, 0 outside topics (replies in ordinary groups also carry a thread id). */
function threadOf(ctx: DigestContext): number {
  const msg = ctx.msg;
  return msg?.is_topic_message && msg.message_thread_id !== undefined ? msg.message_thread_id : 0;
}

function place(ctx: DigestContext): string {
  if (ctx.chat?.type === 'private') return 'cuộc trò chuyện này';
  return threadOf(ctx) ? 'chủ đề này' : 'nhóm này';
}

/**
 * In private chats the person manages their own digest; in groups only the group's administrators
 * (an anonymous administrator posts as the group itself) or ADMIN_USER_IDS may.
 */
async function mayManage(ctx: DigestContext): Promise<boolean> {
  const chat = ctx.chat;
  if (!chat) return false;
  if (chat.type === 'private') return true;
  if (ctx.msg?.sender_chat?.id === chat.id) return true;
  const userId = ctx.from?.id;
  if (userId === undefined) return false;
  if (ctx.config.adminUserIds.includes(userId)) return true;
  try {
    const member = await ctx.getChatMember(userId);
    return MANAGER_STATUSES.has(member.status);
  } catch (err) {
    ctx.services.logger.warn({ chatId: chat.id, userId, err: String(err) }, 'getChatMember failed');
    return false;
  }
}

function describeSetting(ctx: DigestContext, sub: Subscription): string {
  const only = sub.filter
    ? `Chỉ gồm các mục về: <b>${escapeHtml(sub.filter)}</b> (bỏ lọc: <code>/nhacviec ${sub.time} tất cả</code>).\n`
    : `Gồm mọi văn bản; chỉ nhận về một đơn vị: <code>/nhacviec ${sub.time} BĐBP Quảng Ninh</code>.\n`;
  const empty = sub.quiet
    ? `Ngày không có gì để nhắc thì không gửi (gửi cả: <code>/nhacviec ${sub.time} gửi cả ngày trống</code>).\n`
    : `Ngày không có gì để nhắc: một dòng ngắn (không gửi: <code>/nhacviec ${sub.time} không gửi ngày trống</code>).\n`;
  return (
    `🔔 ${capitalize(place(ctx))} đang nhận nhắc việc lúc <b>${sub.time}</b> mỗi ngày ` +
    `(${escapeHtml(timezoneLabel(sub.timezone))}).\n` +
    only +
    empty +
    interruptedLines(ctx, sub) +
    `Đổi giờ: <code>/nhacviec 08:00</code> · Dừng: /tatnhacviec · Xem ngay: /bantin · Các hạn: /hanchot`
  );
}

/** Digests of the last days lost to a stop mid-send (at most once: not resent), so admins know. */
function interruptedLines(ctx: DigestContext, sub: Subscription): string {
  const digest = ctx.services.digest;
  const lost = digest.recentInterrupted(sub.chatId, sub.threadId);
  if (lost.length === 0) return '';
  const today = digest.today(sub.chatId, sub.threadId);
  const lines = lost.map((e) => `⚠️ ${escapeHtml(describeInterrupted(e, sub.timezone))}.`);
  const why = 'Bot bị dừng giữa lúc đang gửi nên không rõ bản tin đã đến chưa';
  const hint = lost.some((e) => e.date === today) ? `; xem lại bản hôm nay: /bantin.` : '.';
  return `${lines.join('\n')}\n${why}${hint}\n`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const REFUSAL =
  'Xin lỗi, chỉ quản trị viên của nhóm mới được thay đổi lịch nhắc việc. ' +
  'Anh/chị có thể nhờ quản trị viên gõ <code>/nhacviec 07:30</code>.';

/** /nhacviec [HH:MM], /tatnhacviec, /bantin. */
export const digestFeature = new Composer<DigestContext>();

digestFeature.command('nhacviec', async (ctx) => {
  const digest = ctx.services.digest;
  const chatId = ctx.chat.id;
  const threadId = threadOf(ctx);
  const arg = ctx.match.trim();
  const current = digest.getSubscription(chatId, threadId);

  if (!arg && current?.active) {
    await replyHtml(ctx, [describeSetting(ctx, current)]);
    return;
  }
  const parsed = parseSubscription(arg);
  const time = parsed ? (parsed.time ?? current?.time ?? DEFAULT_DIGEST_TIME) : null;
  if (!parsed || !time) {
    await replyHtml(ctx, [
      `Giờ “${escapeHtml(arg)}” không hợp lệ. Anh/chị hãy viết giờ theo kiểu 24 giờ, ` +
        `ví dụ <code>/nhacviec 7h30</code>, <code>/nhacviec 07:30</code> hoặc <code>/nhacviec 16h45</code>.`,
    ]);
    return;
  }
  if (!(await mayManage(ctx))) {
    await replyHtml(ctx, [current?.active ? `${REFUSAL}\n\n${describeSetting(ctx, current)}` : REFUSAL]);
    return;
  }
  // A new filter replaces the old one; none given keeps it; "tất cả" clears it.
  const given = parsed.filter?.trim() ?? null;
  const filter = given === null ? (current?.filter ?? null) : ALL.test(foldDiacritics(given)) ? null : given;
  const quiet = parsed.quiet ?? current?.quiet ?? false;
  const sub = digest.subscribe(chatId, threadId, time, filter, quiet);
  ctx.services.logger.info({ chatId, threadId, time, filter, userId: ctx.from?.id }, 'digest subscribed');
  await replyHtml(ctx, [
    `✅ Đã đăng ký: ${place(ctx)} sẽ nhận nhắc việc lúc <b>${sub.time}</b> mỗi ngày ` +
      `(${escapeHtml(timezoneLabel(sub.timezone))}), gồm các hạn sắp tới, chỉ tiêu, nhiệm vụ và văn bản mới` +
      (sub.filter ? ` về <b>${escapeHtml(sub.filter)}</b>` : '') +
      (sub.quiet ? '; ngày không có gì để nhắc thì không gửi' : '') +
      `.\nĐổi giờ: <code>/nhacviec 08:00</code> · Dừng: /tatnhacviec · Xem ngay: /bantin`,
  ]);
});

digestFeature.command('tatnhacviec', async (ctx) => {
  const digest = ctx.services.digest;
  const chatId = ctx.chat.id;
  const threadId = threadOf(ctx);
  if (!digest.getSubscription(chatId, threadId)?.active) {
    await replyHtml(ctx, [
      `${capitalize(place(ctx))} chưa đăng ký nhắc việc. Muốn nhận, hãy gõ <code>/nhacviec 07:30</code>.`,
    ]);
    return;
  }
  if (!(await mayManage(ctx))) {
    await replyHtml(ctx, [REFUSAL.replace('<code>/nhacviec 07:30</code>', '/tatnhacviec')]);
    return;
  }
  digest.unsubscribe(chatId, threadId);
  ctx.services.logger.info({ chatId, threadId, userId: ctx.from?.id }, 'digest unsubscribed');
  await replyHtml(ctx, [
    `Đã dừng nhắc việc cho ${place(ctx)}. Khi cần nhận lại, anh/chị gõ <code>/nhacviec 07:30</code>.`,
  ]);
});

digestFeature.command('bantin', async (ctx) => {
  const digest = ctx.services.digest;
  const chatId = ctx.chat.id;
  const threadId = threadOf(ctx);
  const date = digest.today(chatId, threadId);
  const { html, hasMore } = digest.compose(chatId, date, threadId);
  await replyHtml(ctx, [html], hasMore ? { keyboard: digestMoreKeyboard(date) } : {});
});

digestFeature.command('hanchot', async (ctx) => {
  const digest = ctx.services.digest;
  const threadId = threadOf(ctx);
  await replyHtml(ctx, [digest.deadlinesAhead(ctx.chat.id, digest.today(ctx.chat.id, threadId), threadId)]);
});

// "Xem đầy đủ" under a digest (sent by the scheduler or /bantin): the whole digest of that day, in
// place of the short one, for the chat or topic it was sent to.
digestFeature.callbackQuery(FULL_DIGEST, async (ctx) => {
  const message = ctx.callbackQuery.message;
  if (!message || !ctx.chat) {
    await ctx.answerCallbackQuery();
    return;
  }
  await ctx.answerCallbackQuery();
  const threadId = message.is_topic_message && message.message_thread_id ? message.message_thread_id : 0;
  const { full } = ctx.services.digest.compose(ctx.chat.id, ctx.match[1]!, threadId);
  await editOrReply(ctx, [full]);
});
