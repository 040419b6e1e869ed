import { randomBytes } from 'node:crypto';
import { Composer, InlineKeyboard } from 'grammy';
import type { Document } from 'grammy/types';
import type { DocumentLibrary, UploadResult, UploadStage } from '../../documents/library';
import { createError, isChithiError } from '../../errors';
import { escapeHtml } from '../../text/html';
import { isAddressedToBot } from '../addressing';
import type { BotCommandSpec } from '../commands';
import type { BotContext } from '../context';
import { displayFile, truncate } from '../format';
import { replyHtml } from '../reply';

/**
 * The context this feature needs: BotContext plus the document library, provided through
 * startBot's extraServices (as the digest feature gets its service).
 */
export type UploadsContext = BotContext & {
  services: BotContext['services'] & { library: DocumentLibrary };
};

/**
 * /xoa is for ADMIN_USER_IDS only and, like /reindex, stays out of everyone's command menu (see
 * BOT_COMMANDS); admins learn it from the reply to each upload.
 */
export const UPLOAD_COMMANDS: readonly BotCommandSpec[] = [];

export interface UploadsFeatureOptions {
  /** How long the "Xóa"/"Hủy" buttons of /xoa keep working, in milliseconds (default 10 minutes). */
  confirmTtlMs?: number;
  /** Least time between two progress edits of the same message, in milliseconds (default 2000). */
  progressIntervalMs?: number;
  /** Download limit per file from the Bot API, in milliseconds (default 120 000). */
  downloadTimeoutMs?: number;
}

const ADMIN_ONLY = 'Lệnh này chỉ dành cho quản trị viên của bot.';
const UPLOAD_REFUSAL =
  'Xin lỗi, chỉ quản trị viên của bot mới nạp được tài liệu. Nếu cần bổ sung văn bản, ' +
  'anh/chị vui lòng gửi tệp cho quản trị viên ạ.';
const CONFIRM_EXPIRED = 'Yêu cầu xóa này đã hết hạn. Anh/chị vui lòng gõ lại /xoa.';
const XOA_USAGE =
  'Cách dùng: <code>/xoa số</code> (số thứ tự trong /tailieu) hoặc <code>/xoa vài chữ trong tên tài liệu</code>, ' +
  'ví dụ <code>/xoa 2</code> hoặc <code>/xoa bao cao quy IV</code>.';

/** Callback data: "xoa:ok:<id>" confirms, "xoa:no:<id>" cancels. */
const CONFIRM = /^xoa:(ok|no):([A-Za-z0-9_-]{1,16})$/;

const numberFormat = new Intl.NumberFormat('vi-VN');

/** A name for a document Telegram sent without one: "tai-lieu" plus the extension its MIME type implies. */
export function nameForMime(mime: string | undefined): string {
  const ext: Record<string, string> = {
    'application/pdf': '.pdf',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document': '.docx',
    'text/plain': '.txt',
    'text/markdown': '.md',
    'text/html': '.html',
    'image/png': '.png',
    'image/jpeg': '.jpg',
  };
  return `tai-lieu${(mime && ext[mime.toLowerCase()]) ?? ''}`;
}

function isAdmin(ctx: BotContext): boolean {
  const userId = ctx.from?.id;
  return userId !== undefined && ctx.config.adminUserIds.includes(userId);
}

/** FILE_UNSUPPORTED's message plus what the bot does read; an old .doc gets the way to convert it. */
function unsupportedNote(message: string, name: string): string {
  const lines = [escapeHtml(message)];
  if (/\.doc$/i.test(name))
    lines.push('Đây là tệp Word cũ (.doc): anh/chị hãy mở bằng Word, lưu lại dưới dạng .docx rồi gửi lại.');
  lines.push('Bot đọc được các tệp: .docx, .pdf (kể cả bản quét), .txt, .md, .html, .png, .jpg.');
  return lines.join('\n');
}

/** The progress line for a stage; PDFs may turn out to be scans, which take minutes. */
export function formatStage(fileName: string, stage: UploadStage | { stage: 'download' }): string {
  const name = `<i>${escapeHtml(fileName)}</i>`;
  switch (stage.stage) {
    case 'download':
      return `⏳ Đang tải ${name}…`;
    case 'reading':
      return stage.format === 'pdf'
        ? `📖 Đang đọc ${name}… Nếu là bản quét, bot sẽ nhận dạng chữ (OCR), có thể mất vài phút.`
        : `📖 Đang đọc ${name}…`;
    case 'ocr':
      return `🔎 Đang nhận dạng chữ (OCR) trong ${name}… có thể mất vài phút.`;
    case 'indexing':
      return `🗂 Đang lập chỉ mục ${name}: ${numberFormat.format(stage.done)}/${numberFormat.format(stage.total)} đoạn…`;
  }
}

/** The reply once an upload is in: title, passages, facts found, and how to ask or undo. */
export function formatUploadResult(result: UploadResult, dataDir?: string): string {
  const title = `<b>${escapeHtml(truncate(result.title, 200))}</b>`;
  const file = `<i>${escapeHtml(displayFile(result.path, dataDir))}</i>`;
  if (result.duplicate) {
    return (
      `ℹ️ Tài liệu này đã có trong thư viện: ${title} (tệp ${file}, ` +
      `${numberFormat.format(result.passages)} đoạn). Không cần nạp lại.`
    );
  }
  const lines = [
    `✅ Đã nạp ${title}`,
    `Tệp ${file} · ${numberFormat.format(result.passages)} đoạn${result.ocr ? ' · bản quét, đã nhận dạng chữ (OCR)' : ''}`,
  ];
  const f = result.facts;
  const found: string[] = [];
  if (f.chairs.length > 0) {
    const shown = f.chairs.slice(0, 3).map((c) => escapeHtml(truncate(c, 160)));
    const more = f.chairs.length > 3 ? ` và ${f.chairs.length - 3} người khác` : '';
    found.push(`• Chủ trì: ${shown.join('; ')}${more}`);
  }
  const counts = [
    f.meetings ? `${numberFormat.format(f.meetings)} hội nghị, sự kiện` : '',
    f.targets ? `${numberFormat.format(f.targets)} chỉ tiêu` : '',
    f.tasks ? `${numberFormat.format(f.tasks)} nhiệm vụ` : '',
    f.deadlines ? `${numberFormat.format(f.deadlines)} mốc thời hạn` : '',
  ].filter(Boolean);
  if (counts.length > 0) found.push(`• ${counts.join(' · ')}`);
  if (f.documentNumbers.length > 0)
    found.push(`• Số hiệu: ${f.documentNumbers.slice(0, 3).map(escapeHtml).join(', ')}`);
  lines.push(
    found.length > 0
      ? `Thông tin trích được:\n${found.join('\n')}`
      : 'Chưa trích được người chủ trì, chỉ tiêu hay thời hạn nào; vẫn hỏi đáp được theo nội dung.',
  );
  for (const note of result.notes.slice(0, 3))
    lines.push(`<i>Ghi chú: ${escapeHtml(truncate(note, 200))}</i>`);
  lines.push('Anh/chị có thể hỏi ngay về tài liệu này. Gỡ tài liệu: /xoa kèm số thứ tự trong /tailieu.');
  return lines.join('\n');
}

/** FILE_TOO_LARGE's message plus what to do instead. */
function tooLargeNote(message: string): string {
  return (
    `${escapeHtml(message)}\n` +
    'Telegram chỉ cho bot tải tệp đến 20 MB; tệp lớn hơn có thể chép thẳng vào thư mục dữ liệu rồi chạy /reindex.'
  );
}

/** Edits one status message; stage changes show at once, counters at most every `intervalMs`. */
function statusMessage(ctx: UploadsContext, chatId: number, messageId: number, intervalMs: number) {
  let shown = '';
  let shownAt = 0;
  let queue: Promise<unknown> = Promise.resolve();
  const edit = (html: string) =>
    ctx.api.editMessageText(chatId, messageId, html, {
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: true },
    });
  return {
    /** Progress is cosmetic: a failed edit is ignored. */
    progress(html: string, counter = false): void {
      const now = Date.now();
      if (html === shown || (counter && now - shownAt < intervalMs)) return;
      shown = html;
      shownAt = now;
      queue = queue.then(() => edit(html)).catch(() => undefined);
    },
    /** The outcome must arrive: if the edit fails, it is sent as a new message. */
    async finish(html: string): Promise<void> {
      await queue;
      try {
        await edit(html);
      } catch {
        await replyHtml(ctx, [html]);
      }
    },
  };
}

async function download(
  ctx: UploadsContext,
  doc: Document,
  name: string,
  timeoutMs: number,
): Promise<Buffer> {
  const limit = ctx.services.library.maxBytes;
  const file = await ctx.api.getFile(doc.file_id);
  if (file.file_size !== undefined && file.file_size > limit)
    throw createError('FILE_TOO_LARGE', name, Math.round(limit / 1024 / 1024));
  if (!file.file_path) throw createError('UPLOAD_DOWNLOAD_FAILED', name);
  const filePath = file.file_path.split('/').map(encodeURIComponent).join('/');
  // The URL holds the token: it is never logged.
  const url = `${ctx.config.telegramApiRoot}/file/bot${ctx.config.telegramToken}/${filePath}`;
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    throw Object.assign(createError('UPLOAD_DOWNLOAD_FAILED', name), { cause: err });
  }
  if (!response.ok) throw createError('UPLOAD_DOWNLOAD_FAILED', name);
  const bytes = Buffer.from(await response.arrayBuffer());
  if (bytes.length > limit) throw createError('FILE_TOO_LARGE', name, Math.round(limit / 1024 / 1024));
  return bytes;
}

interface PendingRemoval {
  documentId: number;
  file: string;
  title: string;
  expiresAt: number;
}

/** Documents waiting for "Xóa"/"Hủy", behind short ids (callback data is limited to 64 bytes). */
class PendingRemovals {
  private readonly entries = new Map<string, PendingRemoval>();

  put(entry: PendingRemoval, now: number): string {
    for (const [id, e] of this.entries) if (e.expiresAt <= now) this.entries.delete(id);
    let id: string;
    do id = randomBytes(6).toString('base64url');
    while (this.entries.has(id));
    this.entries.set(id, entry);
    return id;
  }

  /** The entry, removed (each confirmation is used once), or undefined when unknown or expired. */
  take(id: string, now: number): PendingRemoval | undefined {
    const entry = this.entries.get(id);
    this.entries.delete(id);
    return entry && entry.expiresAt > now ? entry : undefined;
  }
}

function documentLine(number: number, title: string, file: string, dataDir: string): string {
  return `${number}. <b>${escapeHtml(truncate(title, 160))}</b> · <i>${escapeHtml(displayFile(file, dataDir))}</i>`;
}

/**
 * Uploads by admins (a document in a private chat, or in a group with a caption mentioning the bot)
 * and /xoa with a confirmation. Uploads are handled inside the chat's update, so the chat's next
 * messages wait for it: shutdown then also waits for an upload in flight.
 */
export function createUploadsFeature(options: UploadsFeatureOptions = {}): Composer<UploadsContext> {
  const confirmTtlMs = options.confirmTtlMs ?? 10 * 60 * 1000;
  const progressIntervalMs = options.progressIntervalMs ?? 2000;
  const downloadTimeoutMs = options.downloadTimeoutMs ?? 120_000;
  const pending = new PendingRemovals();
  const feature = new Composer<UploadsContext>();

  feature.on('message:document', async (ctx, next) => {
    // In groups only a file addressed to the bot (caption mention, reply to the bot) is its business.
    if (!isAddressedToBot(ctx)) return next();
    const log = ctx.services.logger;
    const userId = ctx.from?.id;
    if (!isAdmin(ctx)) {
      log.info({ chatId: ctx.chat.id, userId }, 'upload refused: not an admin');
      await replyHtml(ctx, [UPLOAD_REFUSAL]);
      return;
    }
    const doc = ctx.message.document;
    const sentName = doc.file_name ?? nameForMime(doc.mime_type);
    let name = sentName;
    try {
      name = ctx.services.library.check(sentName, doc.file_size);
    } catch (err) {
      if (!isChithiError(err)) throw err;
      log.info({ chatId: ctx.chat.id, userId, size: doc.file_size, code: err.code }, 'upload refused');
      const text =
        err.code === 'FILE_TOO_LARGE'
          ? tooLargeNote(err.message)
          : err.code === 'FILE_UNSUPPORTED'
            ? unsupportedNote(err.message, name)
            : escapeHtml(err.message);
      await replyHtml(ctx, [text]);
      return;
    }

    const [sent] = await replyHtml(ctx, [formatStage(name, { stage: 'download' })]);
    const status = statusMessage(ctx, ctx.chat.id, sent!.message_id, progressIntervalMs);
    const started = Date.now();
    try {
      const bytes = await download(ctx, doc, name, downloadTimeoutMs);
      const result = await ctx.services.library.saveUpload(name, bytes, {
        onStage: (stage) => status.progress(formatStage(name, stage), stage.stage === 'indexing'),
      });
      log.info(
        {
          chatId: ctx.chat.id,
          userId,
          documentId: result.documentId,
          passages: result.passages,
          duplicate: result.duplicate,
          ms: Date.now() - started,
        },
        'document uploaded',
      );
      await status.finish(formatUploadResult(result, ctx.config.dataDir));
    } catch (err) {
      if (!isChithiError(err)) {
        log.error({ chatId: ctx.chat.id, userId, err: String(err) }, 'upload failed');
        await status.finish(
          `❌ Xin lỗi, đã có lỗi khi nạp <i>${escapeHtml(name)}</i>. Anh/chị vui lòng thử lại sau ít phút.`,
        );
        return;
      }
      log.info({ chatId: ctx.chat.id, userId, code: err.code }, 'upload refused');
      await status.finish(
        err.code === 'FILE_TOO_LARGE' ? tooLargeNote(err.message) : `❌ ${escapeHtml(err.message)}`,
      );
    }
  });

  feature.command('xoa', async (ctx) => {
    if (!isAdmin(ctx)) {
      await replyHtml(ctx, [ADMIN_ONLY]);
      return;
    }
    const query = ctx.match.trim();
    if (!query) {
      await replyHtml(ctx, [XOA_USAGE]);
      return;
    }
    const library = ctx.services.library;
    const all = library.documents();
    const matches = library.find(query);
    const dataDir = ctx.config.dataDir;
    if (matches.length === 0) {
      await replyHtml(ctx, [
        `Không tìm thấy tài liệu nào khớp “${escapeHtml(truncate(query, 100))}”. ` +
          `Gõ /tailieu để xem danh sách và số thứ tự.`,
      ]);
      return;
    }
    if (matches.length > 1) {
      const numberOf = (id: number) => all.findIndex((d) => d.id === id) + 1;
      const lines = matches.slice(0, 10).map((d) => documentLine(numberOf(d.id), d.title, d.file, dataDir));
      const more = matches.length > 10 ? `\n… và ${matches.length - 10} tài liệu khác.` : '';
      await replyHtml(ctx, [
        `Có ${matches.length} tài liệu khớp “${escapeHtml(truncate(query, 100))}”. ` +
          `Anh/chị hãy gõ /xoa kèm số thứ tự của tài liệu cần xóa:\n${lines.join('\n')}${more}`,
      ]);
      return;
    }
    const doc = matches[0]!;
    const id = pending.put(
      {
        documentId: doc.id,
        file: doc.file,
        title: doc.title,
        expiresAt: ctx.services.clock().getTime() + confirmTtlMs,
      },
      ctx.services.clock().getTime(),
    );
    const minutes = Math.round(confirmTtlMs / 60_000);
    await replyHtml(
      ctx,
      [
        `Xóa tài liệu này khỏi thư viện?\n${documentLine(all.findIndex((d) => d.id === doc.id) + 1, doc.title, doc.file, dataDir)}\n` +
          `${numberFormat.format(doc.passages)} đoạn sẽ không còn được tìm thấy và tệp sẽ bị xóa khỏi thư mục dữ liệu. ` +
          `Nút xác nhận có hiệu lực trong ${minutes} phút.`,
      ],
      { keyboard: new InlineKeyboard().text('🗑 Xóa', `xoa:ok:${id}`).text('Hủy', `xoa:no:${id}`) },
    );
  });

  feature.callbackQuery(CONFIRM, async (ctx) => {
    if (!isAdmin(ctx)) {
      await ctx.answerCallbackQuery({ text: ADMIN_ONLY });
      return;
    }
    const entry = pending.take(ctx.match[2]!, ctx.services.clock().getTime());
    const edit = (html: string) =>
      ctx.editMessageText(html, { parse_mode: 'HTML', link_preview_options: { is_disabled: true } });
    if (!entry) {
      await ctx.answerCallbackQuery({ text: CONFIRM_EXPIRED });
      await edit(CONFIRM_EXPIRED).catch(() => undefined);
      return;
    }
    const title = `<b>${escapeHtml(truncate(entry.title, 200))}</b>`;
    if (ctx.match[1] === 'no') {
      await ctx.answerCallbackQuery({ text: 'Đã hủy.' });
      await edit(`Đã hủy. Tài liệu ${title} vẫn được giữ nguyên.`).catch(() => undefined);
      return;
    }
    await ctx.answerCallbackQuery();
    const removed = await ctx.services.library.remove(entry.documentId, { file: entry.file });
    if (!removed) {
      await edit(`Tài liệu ${title} không còn trong thư viện (có thể đã được xóa trước đó).`);
      return;
    }
    ctx.services.logger.info(
      { userId: ctx.from.id, documentId: removed.document.id, fileDeleted: removed.fileDeleted },
      'document removed',
    );
    const file = `<i>${escapeHtml(displayFile(removed.document.file, ctx.config.dataDir))}</i>`;
    await edit(
      `🗑 Đã xóa ${title}: ${numberFormat.format(removed.document.passages)} đoạn đã gỡ khỏi chỉ mục` +
        (removed.fileDeleted
          ? ` và tệp ${file} đã được xóa khỏi thư mục dữ liệu.`
          : `; tệp ${file} nằm ngoài thư mục dữ liệu nên được giữ nguyên.`),
    );
  });

  return feature;
}

/** The feature with default options, for main.ts. */
export const uploadsFeature = createUploadsFeature();
