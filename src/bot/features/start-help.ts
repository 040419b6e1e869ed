import { Composer } from 'grammy';
import { isGroupChat } from '../addressing';
import { exampleQuestions, holdings } from '../catalog';
import type { BotContext } from '../context';
import { formatHelp, formatStart, type HelpCatalog } from '../format';
import { replyHtml } from '../reply';

export const startHelpFeature = new Composer<BotContext>();

/** What the documents hold, with examples about them; none when the list cannot be read. */
async function catalogOf(ctx: BotContext): Promise<HelpCatalog | undefined> {
  try {
    const docs = await ctx.services.documents.list();
    return { holdings: holdings(docs), examples: exampleQuestions(docs) };
  } catch (err) {
    ctx.services.logger.warn({ err: String(err) }, 'document list unavailable for help');
    return undefined;
  }
}

startHelpFeature.command('start', async (ctx) => {
  const catalog = await catalogOf(ctx);
  await replyHtml(ctx, [
    formatStart({ group: isGroupChat(ctx), botUsername: ctx.me.username, ...(catalog ? { catalog } : {}) }),
  ]);
});

startHelpFeature.command(['help', 'trogiup'], async (ctx) => {
  const catalog = await catalogOf(ctx);
  await replyHtml(ctx, [
    formatHelp({
      group: isGroupChat(ctx),
      botUsername: ctx.me.username,
      commands: ctx.state.commands,
      ...(catalog ? { catalog } : {}),
    }),
  ]);
});
