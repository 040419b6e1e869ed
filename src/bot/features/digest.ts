import { Composer } from 'grammy';
import { describeInterrupted } from '../../digest/delivery';
import type { DigestService } from '../../digest/service';
import { parseDigestTime, timezoneLabel } from '../../digest/time';
import type { Subscription } from '../../store/subscriptions';
import type { BotCommandSpec } from '../commands';
import type { BotContext } from '../context';
import { escapeHtml } from '../../text/html';
import { replyHtml } from '../reply';

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
];

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
  return (
    `🔔 ${capitalize(place(ctx))} đang nhận nhắc việc lúc <b>${sub.time}</b> mỗi ngày ` +
    `(${escapeHtml(timezoneLabel(sub.timezone))}).\n` +
    interruptedLines(ctx, sub) +
    `Đổi giờ: <code>/nhacviec 08:00</code> · Dừng: /tatnhacviec · Xem ngay: /bantin`
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
  const time = arg ? parseDigestTime(arg) : DEFAULT_DIGEST_TIME;
  if (!time) {
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
  const sub = digest.subscribe(chatId, threadId, time);
  ctx.services.logger.info({ chatId, threadId, time, userId: ctx.from?.id }, 'digest subscribed');
  await replyHtml(ctx, [
    `✅ Đã đăng ký: ${place(ctx)} sẽ nhận nhắc việc lúc <b>${sub.time}</b> mỗi ngày ` +
      `(${escapeHtml(timezoneLabel(sub.timezone))}), gồm các hạn sắp tới, chỉ tiêu, nhiệm vụ và văn bản mới.\n` +
      `Đổi giờ: <code>/nhacviec 08:00</code> · Dừng: /tatnhacviec · Xem ngay: /bantin`,
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
  const date = digest.today(chatId, threadOf(ctx));
  const { html } = digest.compose(chatId, date);
  await replyHtml(ctx, [html]);
});
