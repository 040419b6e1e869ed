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
  options: { replyTo?: number; keyboard?: InlineKeyboard } = {},
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
      }),
    );
  }
  return sent;
}
