import { Composer } from 'grammy';
import type { BotContext } from '../context';
import { escapeHtml } from '../../text/html';
import { packMessages } from '../format';
import { replyHtml } from '../reply';

/** /reindex for ADMIN_USER_IDS; one run at a time because ingest writes the index. */
export function createAdminFeature(): Composer<BotContext> {
  let running: Promise<string> | null = null;
  const feature = new Composer<BotContext>();
  feature.command('reindex', async (ctx) => {
    const userId = ctx.from?.id;
    if (userId === undefined || !ctx.config.adminUserIds.includes(userId)) {
      await replyHtml(ctx, ['Lệnh này chỉ dành cho quản trị viên của bot.']);
      return;
    }
    if (running) {
      await replyHtml(ctx, ['Đang nạp lại tài liệu, anh/chị vui lòng đợi lượt hiện tại xong.']);
      return;
    }
    await replyHtml(ctx, ['⏳ Đang nạp lại tài liệu từ thư mục dữ liệu…']);
    ctx.services.logger.info({ userId }, 'reindex requested');
    running = ctx.services.reindex();
    try {
      const summary = await running;
      await replyHtml(ctx, packMessages([`✅ <b>Đã nạp xong.</b>`, escapeHtml(summary)], undefined, '\n'));
    } finally {
      running = null;
    }
  });
  return feature;
}
