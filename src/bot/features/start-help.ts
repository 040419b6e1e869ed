import { Composer } from 'grammy';
import { isGroupChat } from '../addressing';
import type { BotContext } from '../context';
import { formatHelp } from '../format';
import { replyHtml } from '../reply';

export const startHelpFeature = new Composer<BotContext>();

startHelpFeature.command(['start', 'help', 'trogiup'], async (ctx) => {
  await replyHtml(ctx, [
    formatHelp({ group: isGroupChat(ctx), botUsername: ctx.me.username, commands: ctx.state.commands }),
  ]);
});
