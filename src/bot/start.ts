/**
 * `chithi start` for the bot: ingest what changed, then run the bot (or the terminal chat when there
 * is no token) until SIGINT/SIGTERM. Takes the opened app structurally, so the bot still imports
 * no store or search implementation.
 */
import pino, { type Logger } from 'pino';
import { describeProfile } from '../profile/describe';
import type { DocumentProfile } from '../profile/profile';
import type { Config } from '../config';
import type { IngestReport } from '../ingest/ingest';
import type { Retriever } from '../search/types';
import { createError } from '../errors';
import { describeError } from './commands';
import { describeApiFailure } from './connection';
import type { BotServices, DocumentSummary } from './context';
import { runLocalChat, type LocalChatIO } from './local-chat';
import { runBot, type RunBotOptions } from './run-bot';

/** What the bot needs from the composed app (src/app.ts `App` satisfies it). */
export interface BotAppLike {
  engine: Retriever;
  documents(): Array<DocumentSummary & { profile?: DocumentProfile }>;
  ingest(): Promise<IngestReport>;
}

/** A short Vietnamese summary of an ingest run, for /reindex and the start-up log. */
export function formatIngestSummary(report: IngestReport): string {
  const lines = [
    `Tài liệu mới: ${report.added.length}, cập nhật: ${report.changed.length}, không đổi: ${report.unchanged.length}, ` +
      `đã gỡ: ${report.removed.length}, lỗi: ${report.failed.length}.`,
    `Số đoạn được ghi: ${report.passages.toLocaleString('vi-VN')}.`,
  ];
  if (report.skipped.length) lines.push(`Bỏ qua ${report.skipped.length} tệp không phải văn bản.`);
  for (const f of report.failed.slice(0, 10)) lines.push(`• ${f.file}: ${f.message}`);
  if (report.failed.length > 10) lines.push(`… và ${report.failed.length - 10} lỗi khác.`);
  return lines.join('\n');
}

export function createBotServices(
  app: BotAppLike,
  logger: Logger,
  clock: () => Date = () => new Date(),
): BotServices {
  return {
    retriever: app.engine,
    documents: {
      list: async () =>
        app.documents().map((d) => (d.profile ? { ...d, about: describeProfile(d.profile) } : d)),
    },
    async reindex() {
      const report = await app.ingest();
      logger.info(ingestLogFields(report), 'reindexed DATA_DIR');
      return formatIngestSummary(report);
    },
    logger,
    clock,
  };
}

function ingestLogFields(report: IngestReport) {
  return {
    added: report.added.length,
    changed: report.changed.length,
    unchanged: report.unchanged.length,
    removed: report.removed.length,
    failed: report.failed.map((f) => f.file),
    passages: report.passages,
  };
}

/**
 * JSON logs on stderr at LOG_LEVEL; in the terminal chat (no token) only warnings and above, so they
 * do not drown the answers.
 */
export function createStartLogger(config: Config): Logger {
  const local = !config.telegramToken;
  const level = local && ['info', 'debug', 'trace'].includes(config.logLevel) ? 'warn' : config.logLevel;
  return pino({ level }, pino.destination(2));
}

export interface StartBotOptions<S extends BotServices = BotServices> {
  logger?: Logger;
  /** Terminal chat streams when there is no token. */
  io?: LocalChatIO;
  /** Resolves when the process should stop; defaults to the first SIGINT or SIGTERM. */
  shutdown?: Promise<unknown>;
  /** Extra features and commands (digest, facts, uploads), for Telegram and the terminal chat alike. */
  bot?: RunBotOptions<S>;
  /** The services those features read from ctx.services beyond BotServices (e.g. `{ digest }`). */
  extraServices?: Omit<S, keyof BotServices>;
}

function firstSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (signal: NodeJS.Signals) => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      resolve(signal);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}

/**
 * Ingests DATA_DIR (so a fresh clone answers at once), then runs the bot until shutdown and waits
 * for updates in flight. The caller opened the app and closes it afterwards. Returns an exit code.
 */
export async function startBot<S extends BotServices = BotServices>(
  config: Config,
  app: BotAppLike,
  options: StartBotOptions<S> = {},
): Promise<number> {
  const local = !config.telegramToken;
  // JSON logs go to stderr; in the terminal chat only warnings, so they do not drown the answers.
  const logger = options.logger ?? createStartLogger(config);

  try {
    const report = await app.ingest();
    logger.info(ingestLogFields(report), 'ingested DATA_DIR at start');
    for (const f of report.failed) logger.warn({ file: f.file, reason: f.message }, 'document not ingested');
  } catch (err) {
    // A broken document folder must not keep the bot down: it still answers from the existing index.
    logger.error({ err: describeError(err) }, 'ingest at start failed; answering from the existing index');
  }

  // S is BotServices plus exactly the extra services given (the option's type says which).
  const services = { ...createBotServices(app, logger), ...options.extraServices } as S;
  if (local) {
    await runLocalChat(config, services, options.io, options.bot);
    return 0;
  }
  const bot = await runBot(config, services, options.bot);
  const outcome = await Promise.race([
    (options.shutdown ?? firstSignal()).then((signal) => ({ signal, failure: undefined })),
    bot.failed.then((failure) => ({ signal: undefined, failure })),
  ]);
  if (outcome.failure !== undefined) {
    // Polling ended by itself (token revoked, another instance polling): exit so a supervisor sees it.
    await bot.stop();
    throw createError('TELEGRAM_POLLING_STOPPED', describeApiFailure(outcome.failure, config.telegramToken));
  }
  const { signal } = outcome;
  logger.info(
    { signal: typeof signal === 'string' ? signal : undefined },
    'shutting down: finishing updates in flight',
  );
  await bot.stop();
  return 0;
}
