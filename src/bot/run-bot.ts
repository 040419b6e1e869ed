import { run, type RunnerHandle } from '@grammyjs/runner';
import type { Config } from '../config';
import { createError } from '../errors';
import { BOT_COMMANDS, describeError, registerCommands } from './commands';
import { checkBotApi, pollingRetry, sendRetry, type CheckBotApiOptions } from './connection';
import type { BotServices } from './context';
import { createBot, type CreateBotOptions } from './create-bot';

export interface RunningBot {
  /** Stops fetching updates and resolves once the updates in flight are handled. Idempotent. */
  stop(): Promise<void>;
  /** The bot's @username, as Telegram reported it. */
  username: string;
  /**
   * Resolves with the error when polling stopped by itself (token revoked: 401; another instance
   * polling: 409). Outages do not end it: they are retried and logged. Never resolves after stop().
   */
  failed: Promise<unknown>;
}

export interface RunBotOptions<S extends BotServices = BotServices> extends CreateBotOptions<S> {
  /** How the getMe check at start retries (when `botInfo` is not given). */
  check?: CheckBotApiOptions;
  /** First and longest pause between getUpdates attempts during an outage, in ms (1 s, 60 s). */
  polling?: { initialDelayMs?: number; maxDelayMs?: number };
}

/**
 * Runs the bot with long polling through @grammyjs/runner (sequential per chat, parallel across
 * chats). Telegram is checked first with getMe, a bounded number of times (checkBotApi: a
 * ChithiError naming TELEGRAM_API_ROOT when it cannot be reached, another for a rejected token).
 * Once running, getUpdates is retried through outages with capped backoff and every failure logged;
 * other requests are retried on 429, 5xx and (a few times) network errors.
 */
export async function runBot<S extends BotServices = BotServices>(
  config: Config,
  services: S,
  options: RunBotOptions<S> = {},
): Promise<RunningBot> {
  const token = config.telegramToken;
  if (!token) throw createError('TELEGRAM_TOKEN_MISSING');
  const { logger } = services;
  const botInfo =
    options.botInfo ?? (await checkBotApi(token, config.telegramApiRoot, { logger, ...options.check }));
  const bot = createBot(config, services, { ...options, botInfo });
  bot.api.config.use(
    sendRetry({ logger, token }),
    pollingRetry({ logger, token, apiRoot: config.telegramApiRoot, ...options.polling }),
  );
  await registerCommands(bot.api, logger, options.commands ?? BOT_COMMANDS);

  const handle: RunnerHandle = run(bot, {
    runner: {
      fetch: { allowed_updates: ['message', 'callback_query', 'inline_query'] },
      // Outages are retried (and logged) by pollingRetry; what reaches the runner is fatal.
      retryInterval: 'exponential',
      // getUpdates errors go to our JSON logs, not to console.error.
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
  const failed = new Promise<unknown>((resolve) => {
    handle.task()?.catch((err: unknown) => {
      logger.error({ err: describeError(err) }, 'update polling stopped');
      resolve(err);
    });
  });

  let stopping: Promise<void> | null = null;
  return {
    username: bot.botInfo.username,
    failed,
    stop() {
      stopping ??= (async () => {
        if (handle.isRunning()) await handle.stop();
        logger.info('bot stopped');
      })();
      return stopping;
    },
  };
}
