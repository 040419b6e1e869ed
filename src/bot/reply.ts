import type { InlineKeyboard } from 'grammy';
import type { Message } from 'grammy/types';
import type { BotContext } from './context';

/**
 * Sends HTML messages in order, each a reply to `replyTo` (the asker's message by default) so a busy
 * group can see who asked what; the keyboard goes on the last one. ctx.reply keeps forum-topic
 * messages in their topic.
 */
export async function replyHtml(
  ctx: BotContext,
  messages: string[],
  options: { replyTo?: number; keyboard?: InlineKeyboard; forceReply?: string } = {},
): Promise<Message.TextMessage[]> {
  const replyTo = options.replyTo ?? ctx.msg?.message_id;
  const sent: Message.TextMessage[] = [];
  for (const [i, text] of messages.entries()) {
    const last = i === messages.length - 1;
    sent.push(
      await ctx.reply(text, {
        parse_mode: 'HTML',
        link_preview_options: { is_disabled: true },
        ...(replyTo !== undefined
          ? { reply_parameters: { message_id: replyTo, allow_sending_without_reply: true } }
          : {}),
        ...(last && options.keyboard ? { reply_markup: options.keyboard } : {}),
        // A reply box opened for the person, its placeholder saying what to type.
        ...(last && options.forceReply && !options.keyboard
          ? { reply_markup: { force_reply: true, input_field_placeholder: options.forceReply } }
          : {}),
      }),
    );
  }
  return sent;
}

/**
 * Replaces the bot's message the button was pressed on; when the new text needs more than one
 * message, or Telegram refuses the edit (too old, deleted), it is sent as a new reply instead.
 */
export async function editOrReply(
  ctx: BotContext,
  messages: string[],
  keyboard?: InlineKeyboard,
): Promise<void> {
  if (messages.length === 1 && ctx.callbackQuery?.message) {
    try {
      await ctx.editMessageText(messages[0]!, {
        parse_mode: 'HTML',
        link_preview_options: { is_disabled: true },
        ...(keyboard ? { reply_markup: keyboard } : {}),
      });
      return;
    } catch (err) {
      // "message is not modified": the same page pressed twice; nothing to do.
      if (String(err).includes('message is not modified')) return;
      ctx.services.logger.warn({ chatId: ctx.chat?.id, err: String(err) }, 'editMessageText failed');
    }
  }
  await replyHtml(
    ctx,
    messages,
    keyboard ? { keyboard, replyTo: ctx.callbackQuery?.message?.message_id } : {},
  );
}
