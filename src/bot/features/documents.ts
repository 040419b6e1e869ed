import fs from 'node:fs';
import path from 'node:path';
import { Composer, InlineKeyboard, InputFile } from 'grammy';
import { parseRecentFilter, recentDocuments } from '../catalog';
import type { BotContext, DocumentSummary } from '../context';
import {
  DOCUMENTS_PER_PAGE,
  formatDocumentCard,
  formatDocumentPage,
  formatRecentDocuments,
  truncate,
} from '../format';
import { editOrReply, replyHtml } from '../reply';
import { documentPromptKey } from '../result-store';
import { escapeHtml } from '../../text/html';

/**
 * /tailieu (pages that edit in place; a card per document with "hỏi trong tài liệu này" and its
 * original file) and /moi (the newest documents, by year, month or number).
 *
 * Callback data: "t:<page>" a page of the list, "d:<id>:<page>" a document's card, "q:<id>" ask inside
 * a document, "o:<id>" its original file. Ids are the index's document ids.
 */
const LIST_PAGE = /^t:(\d{1,4})$/;
const CARD = /^d:(\d{1,9}):(\d{1,4})$/;
const ASK_INSIDE = /^q:(\d{1,9})$/;
const ORIGINAL = /^o:(\d{1,9})$/;

/** Telegram bots may send files up to 50 MB. */
const MAX_SEND_BYTES = 50 * 1024 * 1024;
/** Documents /moi lists. */
const RECENT = 8;

const GONE = 'Tài liệu này không còn trong danh sách. Anh/chị gõ /tailieu để xem lại ạ.';

export const documentsFeature = new Composer<BotContext>();

function listKeyboard(view: ReturnType<typeof formatDocumentPage>): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  view.shown.forEach(({ index, doc }, i) => {
    keyboard.text(String(index + 1), `d:${doc.id}:${view.page}`);
    if (i % 4 === 3) keyboard.row();
  });
  if (view.pages > 1) {
    keyboard.row();
    if (view.page > 0) keyboard.text('◂ Trang trước', `t:${view.page - 1}`);
    if (view.page < view.pages - 1) keyboard.text('Trang sau ▸', `t:${view.page + 1}`);
  }
  return keyboard;
}

async function showList(ctx: BotContext, page: number): Promise<void> {
  const view = formatDocumentPage(await ctx.services.documents.list(), page);
  const keyboard = view.shown.length > 0 ? listKeyboard(view) : undefined;
  await editOrReply(ctx, [view.text], keyboard);
}

documentsFeature.command(['tailieu', 'documents'], async (ctx) => showList(ctx, 0));

documentsFeature.callbackQuery(LIST_PAGE, async (ctx) => {
  await ctx.answerCallbackQuery();
  await showList(ctx, Number(ctx.match[1]));
});

/** The document with that id and its /tailieu number, or undefined when it was removed. */
async function findDocument(
  ctx: BotContext,
  id: number,
): Promise<{ doc: DocumentSummary; index: number } | undefined> {
  const docs = await ctx.services.documents.list();
  const index = docs.findIndex((d) => d.id === id);
  return index < 0 ? undefined : { doc: docs[index]!, index };
}

documentsFeature.callbackQuery(CARD, async (ctx) => {
  const found = await findDocument(ctx, Number(ctx.match[1]));
  if (!found) {
    await ctx.answerCallbackQuery({ text: GONE });
    return;
  }
  await ctx.answerCallbackQuery();
  const keyboard = new InlineKeyboard()
    .text('🔎 Hỏi trong tài liệu này', `q:${found.doc.id}`)
    .row()
    .text('📎 Tải bản gốc', `o:${found.doc.id}`)
    .text('◂ Danh sách', `t:${ctx.match[2]}`);
  await editOrReply(
    ctx,
    [formatDocumentCard(found.doc, found.index, ctx.config.digest.timezone, ctx.config.dataDir)],
    keyboard,
  );
});

// "Hỏi trong tài liệu này": a message the person replies to with their question (features/ask.ts
// reads the reply with that document only). The prompt is kept like the results behind buttons.
documentsFeature.callbackQuery(ASK_INSIDE, async (ctx) => {
  const found = await findDocument(ctx, Number(ctx.match[1]));
  if (!found || !ctx.chat) {
    await ctx.answerCallbackQuery({ text: GONE });
    return;
  }
  await ctx.answerCallbackQuery();
  const [prompt] = await replyHtml(
    ctx,
    [
      `🔎 Anh/chị muốn hỏi gì trong <b>${escapeHtml(truncate(found.doc.title, 160))}</b>? ` +
        'Hãy trả lời (reply) tin nhắn này bằng câu hỏi; tôi chỉ tìm trong tài liệu này.',
    ],
    { replyTo: ctx.callbackQuery.message?.message_id, forceReply: 'Câu hỏi về tài liệu này' },
  );
  if (prompt)
    ctx.state.results.putAt(documentPromptKey(ctx.chat.id, prompt.message_id), {
      question: '',
      offset: 0,
      results: [],
      hasMore: false,
      documentId: found.doc.id,
    });
});

documentsFeature.callbackQuery(ORIGINAL, async (ctx) => {
  const found = await findDocument(ctx, Number(ctx.match[1]));
  if (!found) {
    await ctx.answerCallbackQuery({ text: GONE });
    return;
  }
  const file = found.doc.file;
  let size = -1;
  try {
    size = fs.statSync(file).size;
  } catch {
    // The file was moved or deleted after ingest: the index still answers, the original is gone.
  }
  if (size < 0) {
    await ctx.answerCallbackQuery({ text: 'Không còn tệp gốc của tài liệu này trên máy chủ.' });
    return;
  }
  if (size > MAX_SEND_BYTES) {
    await ctx.answerCallbackQuery({ text: 'Tệp gốc lớn hơn 50 MB, Telegram không cho bot gửi.' });
    return;
  }
  await ctx.answerCallbackQuery({ text: 'Đang gửi tệp gốc…' });
  await ctx.replyWithChatAction('upload_document').catch(() => undefined);
  await ctx.replyWithDocument(new InputFile(file, path.basename(file)), {
    caption: truncate(found.doc.title, 900),
    ...(ctx.callbackQuery.message
      ? {
          reply_parameters: {
            message_id: ctx.callbackQuery.message.message_id,
            allow_sending_without_reply: true,
          },
        }
      : {}),
  });
});

documentsFeature.command(['moi', 'new'], async (ctx) => {
  const asked = typeof ctx.match === 'string' ? ctx.match.trim() : '';
  const filter = parseRecentFilter(asked);
  if (!filter) {
    await replyHtml(ctx, [
      'Anh/chị gõ /moi để xem tài liệu mới nhất, hoặc lọc: <code>/moi 2025</code>, <code>/moi 12/2024</code>, <code>/moi 218-NQ</code>.',
    ]);
    return;
  }
  const docs = await ctx.services.documents.list();
  const index = new Map(docs.map((d, i) => [d.id, i]));
  const found = recentDocuments(docs, filter, RECENT).map((doc) => ({ index: index.get(doc.id)!, doc }));
  const keyboard = new InlineKeyboard();
  found.forEach(({ index: i, doc }, n) => {
    keyboard.text(String(i + 1), `d:${doc.id}:${Math.floor(i / DOCUMENTS_PER_PAGE)}`);
    if (n % 4 === 3) keyboard.row();
  });
  await replyHtml(ctx, [formatRecentDocuments(found, asked)], found.length > 0 ? { keyboard } : {});
});
