import { Composer } from 'grammy';
import type { BotContext } from '../context';

/** Must be the last feature: whatever nobody handled. Silent in groups, helpful in private chats. */
export const notFoundFeature = new Composer<BotContext>();

notFoundFeature.on('callback_query', async (ctx) => {
  await ctx.answerCallbackQuery({ text: 'Nút này không còn hiệu lực. Anh/chị vui lòng hỏi lại.' });
});

notFoundFeature.chatType('private').on('message', async (ctx) => {
  const text = ctx.message.text;
  const note = text?.startsWith('/')
    ? 'Tôi chưa biết lệnh này. Gõ /help để xem các lệnh và ví dụ câu hỏi.'
    : 'Hiện tôi chỉ đọc được câu hỏi dạng chữ. Anh/chị vui lòng gõ câu hỏi, ví dụ: chỉ tiêu năm 2025 là gì?';
  await ctx.reply(note, {
    reply_parameters: { message_id: ctx.message.message_id, allow_sending_without_reply: true },
  });
});
