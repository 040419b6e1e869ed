import { autoRetry } from '@grammyjs/auto-retry';
import { run, type RunnerHandle } from '@grammyjs/runner';
import type { Config } from '../config';
import { createError } from '../errors';
import { BOT_COMMANDS, describeError, registerCommands } from './commands';
import type { BotServices } from './context';
import { createBot, type CreateBotOptions } from './create-bot';

export interface RunningBot {
  /** Stops fetching updates and resolves once the updates in flight are handled. Idempotent. */
  stop(): Promise<void>;
  /** The bot's @username, as Telegram reported it. */
  username: string;
}

export type RunBotOptions = CreateBotOptions;

/**
 * Runs the bot with long polling through @grammyjs/runner (sequential per chat, parallel across
 * chats). Failed requests are retried on 429 (after retry_after) and on 5xx or network errors.
 * Throws a ChithiError when the token is missing or Telegram cannot be reached at start.
 */
export async function runBot(
  config: Config,
  services: BotServices,
  options: RunBotOptions = {},
): Promise<RunningBot> {
  if (!config.telegramToken) throw createError('TELEGRAM_TOKEN_MISSING');
  const { logger } = services;
  const bot = createBot(config, services, options);
  // Waits over a minute are not worth it: the person has moved on.
  bot.api.config.use(autoRetry({ maxRetryAttempts: 5, maxDelaySeconds: 60 }));

  try {
    await bot.init();
  } catch (err) {
    const why = describeError(err);
    throw createError('TELEGRAM_UNREACHABLE', config.telegramApiRoot, String(why.description ?? why.message));
  }
  await registerCommands(bot.api, logger, options.commands ?? BOT_COMMANDS);

  const handle: RunnerHandle = run(bot, {
    runner: {
      fetch: { allowed_updates: ['message', 'callback_query'] },
      retryInterval: 'exponential',
      // getUpdates errors go to our JSON logs below, not to console.error.
      silent: true,
    },
  });
  logger.info(
    {
      username: bot.botInfo.username,
      apiRoot: config.telegramApiRoot,
      allowedChats: config.allowedChatIds.length,
    },
    'bot started (long polling)',
  );
  handle.task()?.catch((err: unknown) => logger.error({ err: describeError(err) }, 'update polling stopped'));

  let stopping: Promise<void> | null = null;
  return {
    username: bot.botInfo.username,
    stop() {
      stopping ??= (async () => {
        if (handle.isRunning()) await handle.stop();
        logger.info('bot stopped');
      })();
      return stopping;
    },
  };
}
