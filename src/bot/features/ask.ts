import { Composer, InlineKeyboard } from 'grammy';
import { ERROR_MESSAGES } from '../../errors';
import { questionFromMessage } from '../addressing';
import type { BotContext } from '../context';
import { MAX_QUESTION_CHARS, questionLength } from '../../search/question';
import { stripUnsafeChars } from '../../text/safe-text';
import { formatAnswer, formatAskUsage, formatFullText } from '../format';
import { editOrReply, replyHtml } from '../reply';
import { smallTalk, smallTalkReply } from '../small-talk';
import { mergeFollowUp } from '../follow-up';
import { voteData } from './feedback';
import { escapeHtml } from '../../text/html';
import { documentPromptKey, type StoredResults } from '../result-store';

/** Results per message (and per "Xem thêm" page). */
export const PAGE_SIZE = 3;

/**
 * Callback data: "m:<id>" for the next page, "p:<id>" for the previous one, "b:<id>" back to page
 * <id> from a full text, "f:<id>:<n>" for the full text of result n (0-based). Each edits the bot's
 * own message in place, so paging in a group does not post to everyone again.
 */
const MORE = /^m:([A-Za-z0-9_-]{1,16})$/;
const PREV = /^p:([A-Za-z0-9_-]{1,16})$/;
const BACK = /^b:([A-Za-z0-9_-]{1,16})$/;
const FULL = /^f:([A-Za-z0-9_-]{1,16}):(\d{1,2})$/;
/** Callback data "c:<id>:<n>": the question again, about meeting n of several that fit. */
const CHOICE = /^c:([A-Za-z0-9_-]{1,16}):(\d)$/;

/** Longest meeting name on a button; its date in brackets is always kept. */
const BUTTON_LABEL_CHARS = 56;

/** "hội nghị tổng kết công tác … (20/12/2024)": cut in the middle so the date stays. */
export function buttonLabel(label: string): string {
  if (label.length <= BUTTON_LABEL_CHARS) return label;
  const date = / \([^()]*\)$/.exec(label)?.[0] ?? '';
  const head = label.slice(0, label.length - date.length);
  const cut = head.slice(0, BUTTON_LABEL_CHARS - date.length - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > cut.length / 2 ? cut.slice(0, space) : cut).trimEnd()}…${date}`;
}

/** Most meetings offered as buttons. */
const MAX_CHOICES = 5;

/**
 * The meeting part of a candidate line ("kỳ họp thứ 29 của HĐND tỉnh Quảng Trị (10/12/2024): Đồng chí
 * …" → "kỳ họp thứ 29 của HĐND tỉnh Quảng Trị (10/12/2024)"): what a button adds to the question.
 */
export function choiceLabel(candidate: string): string {
  const at = candidate.indexOf(': ');
  return (at > 0 ? candidate.slice(0, at) : candidate).trim();
}

const EXPIRED = 'Kết quả này đã hết hạn. Anh/chị vui lòng gửi lại câu hỏi ạ.';

export function moreData(id: string): string {
  return `m:${id}`;
}

export function fullData(id: string, index: number): string {
  return `f:${id}:${index}`;
}

function buildKeyboard(id: string, page: StoredResults, votes = false): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  (page.choices ?? []).forEach((label, i) => {
    keyboard.text(`${i + 1}. ${buttonLabel(label)}`, `c:${id}:${i}`).row();
  });
  page.results.forEach((_, i) => keyboard.text(`Toàn văn ${page.offset + i + 1}`, fullData(id, i)));
  if (page.offset > 0 || page.hasMore) keyboard.row();
  if (page.offset > 0) keyboard.text('◂ Trang trước', `p:${id}`);
  if (page.hasMore) keyboard.text('Xem thêm ▸', moreData(id));
  // 👍/👎 on the answer, when the bot stores feedback (features/feedback.ts reads the press).
  if (votes && page.results.length > 0)
    keyboard.row().text('👍', voteData(id, true)).text('👎', voteData(id, false));
  return keyboard;
}

/** True when the bot was given a feedback store (then answers carry 👍/👎). */
function takesFeedback(ctx: BotContext): boolean {
  return 'feedback' in ctx.services;
}

/** Fetches one page (asking for one extra result to know whether "Xem thêm" makes sense). */
async function fetchPage(ctx: BotContext, question: string, offset: number, documentId?: number) {
  const started = Date.now();
  const answer = await ctx.services.retriever.ask(question, {
    top: PAGE_SIZE + 1,
    offset,
    ...(documentId !== undefined ? { documentId } : {}),
  });
  // Under a direct answer the first page shows two passages, so the first reply stays short.
  const size = offset === 0 && answer.answer ? PAGE_SIZE - 1 : PAGE_SIZE;
  const page: StoredResults = {
    question,
    offset,
    results: answer.results.slice(0, size),
    hasMore: answer.found && answer.results.length > size,
    ...(documentId !== undefined ? { documentId } : {}),
  };
  ctx.services.logger.info(
    {
      chatId: ctx.chat?.id,
      userId: ctx.from?.id,
      offset,
      found: answer.found,
      results: page.results.length,
      mode: answer.mode,
      ms: Date.now() - started,
    },
    'question answered',
  );
  const candidates = offset === 0 ? (answer.answer?.candidates ?? []) : [];
  if (candidates.length > 1) page.choices = candidates.slice(0, MAX_CHOICES).map(choiceLabel);
  // All fetched results stay with the answer: a direct answer finds its source among them even when
  // its passage is not on the page.
  return { answer, page };
}

/** Validates, searches and replies with the formatted answer and its buttons. */
export async function answerQuestion(
  ctx: BotContext,
  rawQuestion: string,
  inside?: { documentId: number },
): Promise<void> {
  // Bidi overrides and control characters would reach the search and the echo: drop them first.
  const question = stripUnsafeChars(rawQuestion).trim();
  ctx.services.logger.debug({ chatId: ctx.chat?.id, question }, 'question received');
  if (!question) {
    await replyHtml(ctx, [`${ERROR_MESSAGES.QUESTION_EMPTY()}\n${formatAskUsage()}`]);
    return;
  }
  const length = questionLength(question);
  if (length > MAX_QUESTION_CHARS) {
    await replyHtml(ctx, [
      `${ERROR_MESSAGES.QUESTION_TOO_LONG(MAX_QUESTION_CHARS)} Câu hỏi của anh/chị dài ${length.toLocaleString('vi-VN')} ký tự; vui lòng rút gọn, mỗi câu hỏi một ý.`,
    ]);
    return;
  }
  // "cảm ơn nhé", "xin chào", "bot ơi": a short friendly reply, not a search that finds nothing. A
  // bare "ok" in a group needs no answer at all.
  const talk = smallTalk(question);
  if (talk) {
    if (talk === 'ack' && ctx.chat?.type !== 'private') return;
    await replyHtml(ctx, [escapeHtml(smallTalkReply(talk))]);
    return;
  }
  // A follow-up ("còn Ninh Thuận thì sao?") in reply to an answer, or right after one in a private
  // chat, is read with that answer's question.
  const asked = inside ? question : (followUp(ctx, question) ?? question);
  // Typing indicator is cosmetic: never fail the answer because of it.
  await ctx.replyWithChatAction('typing').catch(() => undefined);
  const { answer, page } = await fetchPage(ctx, asked, 0, inside?.documentId);
  const messages = formatAnswer(answer, {
    offset: 0,
    top: page.results.length,
    dataDir: ctx.config.dataDir,
  });
  const keyboard =
    page.results.length > 0 || page.choices
      ? buildKeyboard(ctx.state.results.put(page), page, takesFeedback(ctx))
      : undefined;
  const sent = await replyHtml(ctx, messages, keyboard ? { keyboard } : {});
  if (answer.found && ctx.chat)
    ctx.state.conversation.remember(
      ctx.chat.id,
      sent.map((m) => m.message_id),
      asked,
    );
}

/** The question a follow-up asks, read with the question it follows; undefined when it is not one. */
function followUp(ctx: BotContext, question: string): string | undefined {
  const chatId = ctx.chat?.id;
  if (chatId === undefined) return undefined;
  const repliedTo = ctx.message?.reply_to_message;
  const previous =
    repliedTo && repliedTo.from?.id === ctx.me.id
      ? ctx.state.conversation.answeredBy(chatId, repliedTo.message_id)
      : ctx.chat?.type === 'private'
        ? ctx.state.conversation.lastIn(chatId)
        : undefined;
  return (previous && mergeFollowUp(previous, question)) || undefined;
}

export const askFeature = new Composer<BotContext>();

askFeature.command(['hoi', 'ask'], async (ctx) => {
  await answerQuestion(ctx, typeof ctx.match === 'string' ? ctx.match : '');
});

/** Shows the page of results at `offset` for a stored question, in place of the pressed message. */
async function showPage(
  ctx: BotContext,
  question: string,
  offset: number,
  documentId?: number,
): Promise<void> {
  const { answer, page } = await fetchPage(ctx, question, offset, documentId);
  const messages = formatAnswer(answer, {
    offset,
    top: Math.max(1, page.results.length),
    dataDir: ctx.config.dataDir,
  });
  const keyboard =
    page.results.length > 0
      ? buildKeyboard(ctx.state.results.put(page), page, takesFeedback(ctx))
      : undefined;
  await editOrReply(ctx, messages, keyboard);
}

askFeature.callbackQuery([MORE, PREV, BACK], async (ctx) => {
  const id = ctx.match[1]!;
  const previous = ctx.state.results.get(id);
  if (!previous) {
    await ctx.answerCallbackQuery({ text: EXPIRED });
    return;
  }
  await ctx.answerCallbackQuery();
  const kind = ctx.callbackQuery.data.charAt(0);
  const offset =
    kind === 'm'
      ? previous.offset + previous.results.length
      : kind === 'p'
        ? Math.max(0, previous.offset - PAGE_SIZE)
        : previous.offset;
  await showPage(ctx, previous.question, offset, previous.documentId);
});

askFeature.callbackQuery(CHOICE, async (ctx) => {
  const stored = ctx.state.results.get(ctx.match[1]!);
  const label = stored?.choices?.[Number(ctx.match[2])];
  if (!stored || !label) {
    await ctx.answerCallbackQuery({ text: EXPIRED });
    return;
  }
  await ctx.answerCallbackQuery();
  // The meeting's unit and date narrow the question to it through the usual scope.
  await answerQuestion(ctx, `${stored.question} — ${label}`);
});

askFeature.callbackQuery(FULL, async (ctx) => {
  const id = ctx.match[1]!;
  const stored = ctx.state.results.get(id);
  const index = Number(ctx.match[2]);
  const result = stored?.results[index];
  if (!stored || !result) {
    await ctx.answerCallbackQuery({ text: EXPIRED });
    return;
  }
  await ctx.answerCallbackQuery();
  const back = new InlineKeyboard().text('◂ Quay lại kết quả', `b:${id}`);
  await editOrReply(ctx, formatFullText(result, stored.offset + index + 1, ctx.config.dataDir), back);
});

// Must come after the commands: plain questions in private chats, mentions and replies in groups.
askFeature.on('message:text', async (ctx, next) => {
  const question = questionFromMessage(ctx);
  if (question === undefined) return next();
  // A reply to "Anh/chị hỏi gì trong tài liệu …?" (see features/documents.ts) asks inside that document.
  const repliedTo = ctx.message.reply_to_message;
  const prompt =
    repliedTo && repliedTo.from?.id === ctx.me.id
      ? ctx.state.results.get(documentPromptKey(ctx.chat.id, repliedTo.message_id))
      : undefined;
  await answerQuestion(
    ctx,
    question,
    prompt?.documentId !== undefined ? { documentId: prompt.documentId } : undefined,
  );
});
