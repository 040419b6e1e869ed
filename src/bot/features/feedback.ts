import { Composer } from 'grammy';
import type { FeedbackService, VoteKey } from '../../store/feedback';
import { escapeHtml } from '../../text/html';
import { stripUnsafeChars } from '../../text/safe-text';
import type { BotCommandSpec } from '../commands';
import { mayTalkPrivately } from './access';
import type { BotContext } from '../context';
import { formatSource, htmlToPlainText, truncate } from '../format';
import { replyHtml } from '../reply';

/** The context this feature needs: BotContext plus the feedback store (given by the composition root). */
export type FeedbackContext = BotContext & {
  services: BotContext['services'] & { feedback: FeedbackService };
};

export const FEEDBACK_COMMANDS: readonly BotCommandSpec[] = [
  {
    command: 'phanhoi',
    description: 'Quản trị viên: xem góp ý 👍/👎 về câu trả lời',
    scopes: ['private', 'group'],
  },
];

/** Callback data "v:<id>:u" (👍) or "v:<id>:d" (👎) on an answer whose results are stored as <id>. */
export const VOTE = /^v:([A-Za-z0-9_-]{1,16}):([ud])$/;

export const voteData = (id: string, up: boolean) => `v:${id}:${up ? 'u' : 'd'}`;

/** How many 👎 /phanhoi lists. */
const LATEST = 5;

export const feedbackFeature = new Composer<FeedbackContext>();

feedbackFeature.callbackQuery(VOTE, async (ctx) => {
  const stored = ctx.state.results.get(ctx.match[1]!);
  const message = ctx.callbackQuery.message;
  if (!stored || !message || !ctx.chat) {
    await ctx.answerCallbackQuery({
      text: 'Câu trả lời này đã cũ, không ghi nhận được góp ý. Xin cảm ơn anh/chị.',
    });
    return;
  }
  const up = ctx.match[2] === 'u';
  try {
    ctx.services.feedback.record(
      {
        chatId: ctx.chat.id,
        messageId: message.message_id,
        userId: ctx.from.id,
        vote: up ? 1 : -1,
        question: stored.question,
        sources: stored.results.map((r) => htmlToPlainText(formatSource(r.source))),
      },
      ctx.services.clock(),
    );
  } catch (err) {
    // A read-only index still answers; it cannot keep votes.
    ctx.services.logger.warn({ err: String(err) }, 'feedback not stored');
    await ctx.answerCallbackQuery({
      text: 'Xin lỗi, lúc này chưa ghi được góp ý. Anh/chị vui lòng thử lại sau.',
    });
    return;
  }
  ctx.services.logger.info({ chatId: ctx.chat.id, userId: ctx.from.id, vote: up ? 1 : -1 }, 'feedback');
  await ctx.answerCallbackQuery({
    text: up
      ? 'Cảm ơn anh/chị đã góp ý!'
      : 'Đã ghi nhận câu trả lời chưa đúng. Quản trị viên sẽ xem lại; xin cảm ơn anh/chị.',
  });
  // Only someone who may write to the bot privately is asked (ALLOWED_CHAT_IDS refuses the others).
  if (!up && mayTalkPrivately(ctx.config, ctx.from.id))
    await askReason(ctx, stored.question, {
      chatId: ctx.chat.id,
      messageId: message.message_id,
      userId: ctx.from.id,
    });
});

/**
 * After a 👎, asks the voter for an optional one-line reason, privately (never in the group): a
 * reply to that message is kept with the vote. Someone who never opened a chat with the bot cannot
 * be written to (Telegram answers 403); their vote stands without a reason.
 */
async function askReason(ctx: FeedbackContext, question: string, vote: VoteKey): Promise<void> {
  try {
    const prompt = await ctx.api.sendMessage(
      vote.userId,
      `Câu trả lời cho <i>${escapeHtml(truncate(question, 200))}</i> chưa đúng ở đâu? Nếu muốn, ` +
        'anh/chị trả lời tin nhắn này bằng một dòng để quản trị viên xem lại (không bắt buộc).',
      {
        parse_mode: 'HTML',
        reply_markup: { force_reply: true, input_field_placeholder: 'Lý do (không bắt buộc)' },
      },
    );
    ctx.services.feedback.setPrompt(vote, { chatId: prompt.chat.id, messageId: prompt.message_id });
  } catch (err) {
    ctx.services.logger.info({ userId: vote.userId, err: String(err) }, 'could not ask for a reason');
  }
}

// A reply, in a private chat, to the bot's "chưa đúng ở đâu?" is the reason of that vote; any other
// message goes on to the question handler.
feedbackFeature.on('message:text', async (ctx, next) => {
  const to = ctx.message.reply_to_message;
  if (ctx.chat.type !== 'private' || !to || to.from?.id !== ctx.me.id || ctx.message.text.startsWith('/'))
    return next();
  let kept = false;
  try {
    kept = ctx.services.feedback.addReason(
      ctx.from.id,
      { chatId: ctx.chat.id, messageId: to.message_id },
      stripUnsafeChars(ctx.message.text),
    );
  } catch (err) {
    ctx.services.logger.warn({ err: String(err) }, 'feedback reason not stored');
  }
  if (!kept) return next();
  await replyHtml(ctx, ['Đã ghi lại ý kiến của anh/chị. Xin cảm ơn!']);
});

feedbackFeature.command('phanhoi', async (ctx) => {
  const userId = ctx.from?.id;
  if (userId === undefined || !ctx.config.adminUserIds.includes(userId)) {
    await replyHtml(ctx, ['Xin lỗi, chỉ quản trị viên mới xem được góp ý về câu trả lời.']);
    return;
  }
  const { up, down } = ctx.services.feedback.counts();
  const lines = [`<b>Góp ý về câu trả lời</b>: 👍 ${up} · 👎 ${down}`];
  const latest = ctx.services.feedback.latestDown(LATEST);
  if (latest.length === 0) lines.push('Chưa có câu trả lời nào bị đánh giá 👎.');
  else {
    lines.push('', `${latest.length} câu trả lời 👎 gần đây nhất:`);
    for (const e of latest) {
      const day = e.at.slice(0, 10).split('-').reverse().join('/');
      lines.push(`• ${day}: <i>${escapeHtml(truncate(e.question, 200))}</i>`);
      if (e.sources[0]) lines.push(`  nguồn đã trả lời: ${escapeHtml(truncate(e.sources[0], 160))}`);
      if (e.reason) lines.push(`  lý do: ${escapeHtml(truncate(e.reason, 200))}`);
    }
  }
  await replyHtml(ctx, [lines.join('\n')]);
});
