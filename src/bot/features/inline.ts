import { Composer } from 'grammy';
import type { InlineQueryResultArticle } from 'grammy/types';
import { MAX_QUESTION_CHARS } from '../../search/question';
import { escapeHtml } from '../../text/html';
import { stripUnsafeChars } from '../../text/safe-text';
import type { BotContext } from '../context';
import { formatResult, formatSource, htmlToPlainText, truncate } from '../format';
import { mayTalkPrivately } from './access';

/** Results offered under the input field. */
const INLINE_RESULTS = 5;
/** Telegram keeps an inline answer this long (seconds); the same question is not searched again. */
const CACHE_SECONDS = 60;

/**
 * Inline mode: "@bot chỉ tiêu 2025" in any chat offers the best passages, each posted with its source
 * when chosen. Documents then leave the groups the bot serves, so with ALLOWED_CHAT_IDS set only
 * people who may write to the bot privately (admins, listed users) get results; others see none and a
 * one-line hint. Inline mode is switched on for the bot in @BotFather (/setinline).
 */
export const inlineFeature = new Composer<BotContext>();

inlineFeature.on('inline_query', async (ctx) => {
  const question = stripUnsafeChars(ctx.inlineQuery.query).normalize('NFC').trim();
  const personal = { is_personal: true, cache_time: CACHE_SECONDS };
  if (!mayTalkPrivately(ctx.config, ctx.from.id)) {
    await ctx.answerInlineQuery([], {
      ...personal,
      button: { text: 'Bot chỉ trả lời trong các nhóm được cấp phép', start_parameter: 'inline' },
    });
    return;
  }
  if (!question || question.length > MAX_QUESTION_CHARS) {
    await ctx.answerInlineQuery([], {
      ...personal,
      button: { text: 'Gõ câu hỏi sau tên bot, ví dụ: chỉ tiêu năm 2025', start_parameter: 'inline' },
    });
    return;
  }
  const answer = await ctx.services.retriever.ask(question, { top: INLINE_RESULTS });
  ctx.services.logger.info(
    { userId: ctx.from.id, found: answer.found, results: answer.results.length },
    'inline question answered',
  );
  const results: InlineQueryResultArticle[] = answer.found
    ? answer.results.map((r, i) => {
        const head = `🔎 <b>Câu hỏi:</b> <i>${escapeHtml(truncate(question, 200))}</i>\n\n`;
        const direct =
          i === 0 && answer.answer
            ? `💡 <b>Trả lời:</b> ${escapeHtml(truncate(answer.answer.text, 600))}\n\n`
            : '';
        return {
          type: 'article',
          id: String(r.passageId),
          title: truncate(i === 0 && answer.answer ? answer.answer.text : (r.highlight ?? r.text), 100),
          description: truncate(htmlToPlainText(formatSource(r.source, ctx.config.dataDir)), 120),
          input_message_content: {
            message_text: head + direct + formatResult(r, i + 1, ctx.config.dataDir),
            parse_mode: 'HTML',
            link_preview_options: { is_disabled: true },
          },
        };
      })
    : [];
  await ctx.answerInlineQuery(results, {
    ...personal,
    ...(results.length === 0
      ? { button: { text: 'Chưa tìm thấy trong tài liệu; thử hỏi cách khác', start_parameter: 'inline' } }
      : {}),
  });
});
