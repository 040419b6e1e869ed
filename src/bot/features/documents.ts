import { Composer } from 'grammy';
import type { BotContext } from '../context';
import { formatDocumentList } from '../format';
import { replyHtml } from '../reply';

export const documentsFeature = new Composer<BotContext>();

documentsFeature.command(['tailieu', 'documents'], async (ctx) => {
  const documents = await ctx.services.documents.list();
  await replyHtml(ctx, formatDocumentList(documents, ctx.config.digest.timezone, ctx.config.dataDir));
});
