import { Composer } from 'grammy';
import { stripUnsafeChars } from '../../text/safe-text';
import { escapeHtml } from '../../text/html';
import type { BotContext } from '../context';
import { truncate } from '../format';
import { replyHtml } from '../reply';

/** Longest message passed on to the admins, in characters. */
export const MAX_CONTACT_CHARS = 1000;

/** "<a href="tg://user?id=…">Lan</a>": a name people can tap to open a chat. */
function personLink(id: number, name: string): string {
  return `<a href="tg://user?id=${id}">${escapeHtml(name)}</a>`;
}

/**
 * /lienhe: who the bot's admins are; /lienhe <lời nhắn>: the message passed on to each admin
 * privately, with who sent it and from which chat. Admins who never opened a chat with the bot
 * cannot be written to (Telegram answers 403): the sender is told when nobody could be reached.
 */
export const contactFeature = new Composer<BotContext>();

contactFeature.command(['lienhe', 'contact'], async (ctx) => {
  const admins = ctx.config.adminUserIds;
  if (admins.length === 0) {
    await replyHtml(ctx, [
      'Bot chưa có quản trị viên (ADMIN_USER_IDS chưa được đặt). Anh/chị vui lòng liên hệ người quản lý nhóm ạ.',
    ]);
    return;
  }
  const text = stripUnsafeChars(typeof ctx.match === 'string' ? ctx.match : '')
    .normalize('NFC')
    .trim();
  if (!text) {
    const links = admins.map((id, i) =>
      personLink(id, `quản trị viên ${admins.length > 1 ? i + 1 : ''}`.trim()),
    );
    await replyHtml(ctx, [
      `Quản trị viên của bot: ${links.join(', ')}. Anh/chị có thể nhắn riêng cho họ, hoặc gõ ` +
        '<code>/lienhe lời nhắn</code> để bot chuyển lời (ví dụ: thiếu tài liệu, câu trả lời sai).',
    ]);
    return;
  }
  if (text.length > MAX_CONTACT_CHARS) {
    await replyHtml(ctx, [
      `Lời nhắn dài quá (tối đa ${MAX_CONTACT_CHARS.toLocaleString('vi-VN')} ký tự); anh/chị vui lòng rút gọn.`,
    ]);
    return;
  }
  const from = ctx.from;
  const who = from
    ? personLink(from.id, [from.first_name, from.last_name].filter(Boolean).join(' ') || String(from.id))
    : 'một người dùng';
  const chat = ctx.chat;
  const where =
    chat && chat.type !== 'private'
      ? ` trong nhóm <b>${escapeHtml(truncate(chat.title || String(chat.id), 80))}</b>`
      : '';
  const note = `📨 <b>Lời nhắn</b> từ ${who}${where}:\n${escapeHtml(text)}`;
  let delivered = 0;
  for (const admin of admins) {
    try {
      await ctx.api.sendMessage(admin, note, {
        parse_mode: 'HTML',
        link_preview_options: { is_disabled: true },
      });
      delivered++;
    } catch (err) {
      ctx.services.logger.warn({ admin, err: String(err) }, 'contact message not delivered to an admin');
    }
  }
  ctx.services.logger.info({ chatId: ctx.chat?.id, userId: from?.id, delivered }, 'contact message');
  await replyHtml(ctx, [
    delivered > 0
      ? 'Đã chuyển lời nhắn tới quản trị viên. Xin cảm ơn anh/chị!'
      : 'Chưa chuyển được lời nhắn: quản trị viên chưa mở trò chuyện với bot. Anh/chị vui lòng liên hệ trực tiếp ạ.',
  ]);
});
