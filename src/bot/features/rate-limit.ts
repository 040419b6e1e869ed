import { Composer } from 'grammy';
import { isAddressedToBot } from '../addressing';
import type { BotContext } from '../context';
import { RateLimiter } from '../rate-limiter';

/** Per-user limits, each counted on its own so files and buttons never use up the questions. */
export interface RateLimits {
  /** Questions and commands per user per minute: RATE_LIMIT_PER_MINUTE, 1-1000 (default 10). */
  questionsPerMinute: number;
  /** Files sent to the bot per user per minute (default 30: an admin forwarding a batch of reports). */
  uploadsPerMinute?: number;
  /** Button presses ("Xem thêm", "Toàn văn", choices, /xoa confirmation) per user per minute (default 60). */
  buttonsPerMinute?: number;
}

export const DEFAULT_UPLOADS_PER_MINUTE = 30;
export const DEFAULT_BUTTONS_PER_MINUTE = 60;

type Kind = 'question' | 'upload' | 'button';

function kindOf(ctx: BotContext): Kind {
  if (ctx.callbackQuery) return 'button';
  if (ctx.message?.document) return 'upload';
  return 'question';
}

/** The polite refusal, with the wait in whole seconds (at least 1). */
export function rateLimitNote(kind: Kind, retryAfterMs: number): string {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  switch (kind) {
    case 'question':
      return `Anh/chị hỏi hơi nhanh; vui lòng hỏi lại sau ${seconds} giây.`;
    case 'upload':
      return `Anh/chị gửi tệp hơi nhanh; tệp này chưa được nạp, vui lòng gửi lại sau ${seconds} giây.`;
    case 'button':
      return `Anh/chị bấm hơi nhanh; vui lòng bấm lại sau ${seconds} giây.`;
  }
}

/**
 * Per-user limits on what is addressed to the bot, one sliding window per kind (questions and
 * commands, files, buttons). Nothing over a limit is dropped without a word: a question or a file
 * gets its own one-line reply with the seconds to wait, a button a toast. So the bot never sends
 * more messages than the person sent it; nothing is queued, because an answer arriving a minute
 * later, after the conversation has moved on, confuses a group more than "hỏi lại sau 12 giây".
 */
export function createRateLimitFeature(limits: RateLimits, clock: () => Date): Composer<BotContext> {
  const limiters: Record<Kind, RateLimiter> = {
    question: new RateLimiter(limits.questionsPerMinute, clock),
    upload: new RateLimiter(limits.uploadsPerMinute ?? DEFAULT_UPLOADS_PER_MINUTE, clock),
    button: new RateLimiter(limits.buttonsPerMinute ?? DEFAULT_BUTTONS_PER_MINUTE, clock),
  };
  const feature = new Composer<BotContext>();
  feature.use(async (ctx, next) => {
    if (!ctx.from || !isAddressedToBot(ctx)) return next();
    const kind = kindOf(ctx);
    const decision = limiters[kind].take(ctx.from.id);
    if (decision.allowed) return next();
    const note = rateLimitNote(kind, decision.retryAfterMs);
    ctx.services.logger.info(
      { userId: ctx.from.id, chatId: ctx.chat?.id, kind, retryAfterMs: decision.retryAfterMs },
      'rate limited',
    );
    if (ctx.callbackQuery) {
      await ctx.answerCallbackQuery({ text: note });
      return;
    }
    await ctx.reply(note, {
      ...(ctx.msg
        ? { reply_parameters: { message_id: ctx.msg.message_id, allow_sending_without_reply: true } }
        : {}),
    });
  });
  return feature;
}
