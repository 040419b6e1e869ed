import { Composer } from 'grammy';
import { isAddressedToBot } from '../addressing';
import type { BotContext } from '../context';

const REFUSAL = 'Xin lỗi, bot này chỉ phục vụ các nhóm đã được cấp phép.';

/** True when the person may talk to the bot in a private chat (no ALLOWED_CHAT_IDS, listed, or admin). */
export function mayTalkPrivately(config: BotContext['config'], userId: number): boolean {
  const allowed = config.allowedChatIds;
  return allowed.length === 0 || allowed.includes(userId) || config.adminUserIds.includes(userId);
}

/**
 * ALLOWED_CHAT_IDS: when set, other chats get one short refusal and nothing else. Admins may still
 * talk to the bot in private. Refusals are remembered per process so a chat is told once.
 */
export function createAccessFeature(): Composer<BotContext> {
  const refused = new Set<number>();
  const feature = new Composer<BotContext>();
  feature.use(async (ctx, next) => {
    const allowed = ctx.config.allowedChatIds;
    const chatId = ctx.chat?.id;
    if (allowed.length === 0 || chatId === undefined || allowed.includes(chatId)) return next();
    if (ctx.chat?.type === 'private' && ctx.from && mayTalkPrivately(ctx.config, ctx.from.id)) return next();
    if (ctx.callbackQuery) {
      // Every callback must be answered, or the button spins forever.
      await ctx.answerCallbackQuery({ text: REFUSAL });
      return;
    }
    if (!isAddressedToBot(ctx) || refused.has(chatId)) return;
    refused.add(chatId);
    ctx.services.logger.info({ chatId }, 'refused chat not in ALLOWED_CHAT_IDS');
    await ctx.reply(
      `${REFUSAL} Mã nhóm này là ${chatId}; nếu cần, hãy nhờ quản trị viên thêm vào danh sách.`,
      {
        ...(ctx.msg
          ? { reply_parameters: { message_id: ctx.msg.message_id, allow_sending_without_reply: true } }
          : {}),
      },
    );
  });
  return feature;
}
