import { sequentialize } from '@grammyjs/runner';
import { Bot, BotError, Composer, GrammyError, HttpError, type Middleware } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import type { Config } from '../config';
import { isChithiError } from '../errors';
import { stripUnsafeChars } from '../text/safe-text';
import { lowercaseCommand } from './addressing';
import { BOT_COMMANDS, describeError, type BotCommandSpec } from './commands';
import type { BotContext, BotContextWith, BotServices, BotState } from './context';
import { createAccessFeature } from './features/access';
import { createAdminFeature } from './features/admin';
import { askFeature } from './features/ask';
import { contactFeature } from './features/contact';
import { inlineFeature } from './features/inline';
import { documentsFeature } from './features/documents';
import { notFoundFeature } from './features/not-found';
import { createRateLimitFeature, type RateLimits } from './features/rate-limit';
import { startHelpFeature } from './features/start-help';
import { ResultStore, type ResultBackend } from './result-store';
import { ConversationMemory } from './follow-up';

export interface CreateBotOptions<S extends BotServices = BotServices> {
  /** Preset bot identity: skips getMe (tests, local chat). */
  botInfo?: UserFromGetMe;
  /**
   * Extra features (facts, digest, uploads) inserted before the question handler, which treats
   * every private text as a question.
   */
  features?: Middleware<BotContextWith<S>>[];
  /** How long "Xem thêm"/"Toàn văn" buttons keep working, in milliseconds (default 24 h). */
  resultTtlMs?: number;
  /** Where the results behind buttons are kept (default: in memory); SQLite keeps them over restarts. */
  resultBackend?: ResultBackend;
  /** Upload and button limits per user per minute (30 and 60); questions follow RATE_LIMIT_PER_MINUTE. */
  rateLimits?: Omit<RateLimits, 'questionsPerMinute'>;
  /** Commands in Telegram's menu and in /help; defaults to BOT_COMMANDS. */
  commands?: readonly BotCommandSpec[];
}

const APOLOGY = 'Xin lỗi, đã có lỗi khi xử lý yêu cầu. Anh/chị vui lòng thử lại sau ít phút.';

/** True for send failures that only mean "this chat is gone": the bot was blocked or removed. */
export function isChatGoneError(err: unknown): boolean {
  if (!(err instanceof GrammyError)) return false;
  return err.error_code === 403 || (err.error_code === 400 && /chat not found/i.test(err.description));
}

function logError(ctx: BotContext, err: unknown): void {
  const where = { updateId: ctx.update.update_id, chatId: ctx.chat?.id };
  if (isChatGoneError(err)) {
    ctx.services.logger.warn(
      { ...where, err: describeError(err) },
      'chat unavailable; message not delivered',
    );
  } else if (err instanceof HttpError) {
    ctx.services.logger.error({ ...where, err: describeError(err) }, 'network error talking to the Bot API');
  } else {
    ctx.services.logger.error({ ...where, err: describeError(err) }, 'error while handling update');
  }
}

/** Tells the person something went wrong (a ChithiError carries its own Vietnamese message). */
async function apologize(ctx: BotContext, err: unknown): Promise<void> {
  if (isChatGoneError(err)) return;
  const text = isChithiError(err) ? stripUnsafeChars(err.message) : APOLOGY;
  try {
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: text.slice(0, 200) });
    else if (ctx.chat) {
      await ctx.reply(text, {
        ...(ctx.msg
          ? { reply_parameters: { message_id: ctx.msg.message_id, allow_sending_without_reply: true } }
          : {}),
      });
    }
  } catch (sendErr) {
    logError(ctx, sendErr);
  }
}

/**
 * Builds the bot with all features registered in order. Services are injected; nothing here opens
 * the store or the index. Works with bot.handleUpdate (tests, local chat) and with the runner.
 */
export function createBot<S extends BotServices = BotServices>(
  config: Config,
  services: S,
  options: CreateBotOptions<S> = {},
): Bot<BotContextWith<S>> {
  // A token is required by grammY even when no request leaves the process (local chat, tests).
  const bot = new Bot<BotContextWith<S>>(config.telegramToken ?? 'local', {
    // Long polling waits 30 s for updates; a request silent for twice that is a dead connection.
    client: { apiRoot: config.telegramApiRoot, timeoutSeconds: 60 },
    ...(options.botInfo ? { botInfo: options.botInfo } : {}),
  });
  const state: BotState = {
    commands: options.commands ?? BOT_COMMANDS,
    conversation: new ConversationMemory(services.clock),
    results: new ResultStore({
      clock: services.clock,
      ...(options.resultTtlMs ? { ttlMs: options.resultTtlMs } : {}),
      ...(options.resultBackend ? { backend: options.resultBackend } : {}),
    }),
  };

  // Updates of one chat are handled one after another (answers stay in order); chats run in parallel.
  bot.use(sequentialize((ctx: BotContext) => ctx.chat?.id.toString()));
  bot.use(async (ctx, next) => {
    // Commands are matched in lowercase (grammY's are case-sensitive): /HOI and /Hoi@Bot work too.
    const command = ctx.message && lowercaseCommand(ctx.message);
    if (ctx.message && command !== undefined) ctx.message.text = command;
    ctx.config = config;
    ctx.services = services;
    ctx.state = state;
    await next();
  });

  const features = new Composer<BotContextWith<S>>();
  features.use(createAccessFeature());
  features.use(
    createRateLimitFeature(
      { questionsPerMinute: config.rateLimitPerMinute, ...options.rateLimits },
      services.clock,
    ),
  );
  features.use(startHelpFeature);
  features.use(documentsFeature);
  features.use(contactFeature);
  features.use(inlineFeature);
  features.use(createAdminFeature());
  for (const feature of options.features ?? []) features.use(feature);
  features.use(askFeature);
  features.use(notFoundFeature); // must be the last handler

  bot.errorBoundary(async (err) => {
    logError(err.ctx, err.error);
    await apologize(err.ctx, err.error);
  }, features);

  // Errors outside the boundary (e.g. in the context setup) must not stop polling.
  bot.catch((err: BotError<BotContext>) => {
    services.logger.error(
      { updateId: err.ctx.update.update_id, err: describeError(err.error) },
      'unhandled bot error',
    );
  });
  return bot;
}
