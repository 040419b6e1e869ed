import { Composer } from 'grammy';
import { isAddressedToBot } from '../addressing';
import type { BotContext } from '../context';
import { RateLimiter } from '../rate-limiter';

/** Per-user limit on what is addressed to the bot (questions, commands, buttons). */
export function createRateLimitFeature(limitPerMinute: number, clock: () => Date): Composer<BotContext> {
  const limiter = new RateLimiter(limitPerMinute, clock);
  const feature = new Composer<BotContext>();
  feature.use(async (ctx, next) => {
    if (!ctx.from || !isAddressedToBot(ctx)) return next();
    const decision = limiter.take(ctx.from.id);
    if (decision.allowed) return next();
    const seconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
    const note = `Anh/chị đang hỏi hơi nhanh. Vui lòng đợi khoảng ${seconds} giây rồi hỏi tiếp ạ.`;
    ctx.services.logger.info({ userId: ctx.from.id, chatId: ctx.chat?.id }, 'rate limited');
    if (ctx.callbackQuery) {
      await ctx.answerCallbackQuery({ text: note });
      return;
    }
    if (!decision.notify) return;
    await ctx.reply(note, {
      ...(ctx.msg
        ? { reply_parameters: { message_id: ctx.msg.message_id, allow_sending_without_reply: true } }
        : {}),
    });
  });
  return feature;
}
