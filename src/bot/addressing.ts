/**
 * Which updates are meant for the bot. Groups run with privacy mode on, but admins' bots and
 * "privacy off" setups still see every message, so the rules are enforced here too.
 */
import type { Context } from 'grammy';
import type { Message, MessageEntity } from 'grammy/types';

export function isGroupChat(ctx: Context): boolean {
  return ctx.chat?.type === 'group' || ctx.chat?.type === 'supergroup';
}

function entityText(text: string, e: MessageEntity): string {
  return text.slice(e.offset, e.offset + e.length);
}

function mentionsBot(msg: Message, ctx: Context): MessageEntity | undefined {
  const text = msg.text ?? msg.caption ?? '';
  const entities = msg.entities ?? msg.caption_entities ?? [];
  const username = ctx.me.username.toLowerCase();
  return entities.find(
    (e) =>
      (e.type === 'mention' && entityText(text, e).toLowerCase() === `@${username}`) ||
      (e.type === 'text_mention' && e.user.id === ctx.me.id),
  );
}

/** A command at the start of the message, with the @username it is addressed to, if any. */
export function leadingCommand(msg: Message): { name: string; target: string | undefined } | undefined {
  const text = msg.text ?? '';
  const first = msg.entities?.[0];
  if (!first || first.type !== 'bot_command' || first.offset !== 0) return undefined;
  const [name = '', target] = entityText(text, first).slice(1).split('@');
  return { name: name.toLowerCase(), target };
}

/**
 * The message text with its leading command in lowercase ("/HOI@Chithi_Bot chỉ tiêu" → "/hoi@Chithi_Bot
 * chỉ tiêu"), or undefined when there is nothing to change. Only ASCII letters of the command name
 * change, so entity offsets stay valid; the @target is left alone (grammY compares it case-insensitively).
 */
export function lowercaseCommand(msg: Pick<Message, 'text' | 'entities'>): string | undefined {
  const text = msg.text;
  const first = msg.entities?.[0];
  if (!text || !first || first.type !== 'bot_command' || first.offset !== 0) return undefined;
  const command = entityText(text, first);
  const at = command.indexOf('@');
  const name = at < 0 ? command : command.slice(0, at);
  const lower = name.replace(/[A-Z]+/g, (m) => m.toLowerCase());
  return lower === name ? undefined : lower + text.slice(name.length);
}

function isReplyToBot(msg: Message, ctx: Context): boolean {
  return msg.reply_to_message?.from?.id === ctx.me.id;
}

/**
 * The question in a non-command text message, or undefined when the message is not for the bot:
 * in private chats every text; in groups a text that @mentions the bot (the mention removed) or a
 * reply to one of the bot's messages.
 */
export function questionFromMessage(ctx: Context): string | undefined {
  const msg = ctx.message;
  if (!msg || msg.text === undefined) return undefined;
  if (leadingCommand(msg)) return undefined;
  if (!isGroupChat(ctx)) return ctx.chat?.type === 'private' ? msg.text : undefined;
  const mention = mentionsBot(msg, ctx);
  if (mention) {
    return (msg.text.slice(0, mention.offset) + ' ' + msg.text.slice(mention.offset + mention.length))
      .replace(/\s+/g, ' ')
      .replace(/^[\s,:;.-]+/, '')
      .trim();
  }
  if (isReplyToBot(msg, ctx)) return msg.text;
  return undefined;
}

/** True when the bot should act on (or refuse) this update rather than stay silent. */
export function isAddressedToBot(ctx: Context): boolean {
  if (ctx.callbackQuery) return true;
  const msg = ctx.message;
  if (!msg) return false;
  if (ctx.chat?.type === 'private') return true;
  if (!isGroupChat(ctx)) return false;
  const command = leadingCommand(msg);
  if (command)
    return command.target === undefined || command.target.toLowerCase() === ctx.me.username.toLowerCase();
  return mentionsBot(msg, ctx) !== undefined || isReplyToBot(msg, ctx);
}
