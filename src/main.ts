import { Api } from 'grammy';
import { openApp } from './app';
import { BOT_COMMANDS } from './bot/commands';
import type { BotServices } from './bot/context';
import type { DigestService } from './digest/service';
import type { FactsService } from './facts/service';
import type { DocumentLibrary } from './documents/library';
import { DIGEST_COMMANDS, digestFeature, digestMoreKeyboard } from './bot/features/digest';
import { FACTS_COMMANDS, factsFeature } from './bot/features/facts';
import { FEEDBACK_COMMANDS, feedbackFeature } from './bot/features/feedback';
import { createFeedbackService, type FeedbackService } from './store/feedback';
import { sqliteResultBackend } from './store/button-results';
import { UPLOAD_COMMANDS, uploadsFeature } from './bot/features/uploads';
import { checkBotApi } from './bot/connection';
import { createStartLogger, startBot } from './bot/start';
import { Config } from './config';
import { createDigestScheduler, DigestScheduler } from './digest/scheduler';
import { createDigestService } from './digest/service';
import { createDocumentLibrary } from './documents/library';
import { createFactsService } from './facts/service';

/** The services of the whole bot: its own, and those its features read. */
type AppServices = BotServices & {
  digest: DigestService;
  facts: FactsService;
  library: DocumentLibrary;
  feedback: FeedbackService;
};

/**
 * Composition root of `npm start`: config → store → search → bot (or the terminal chat) + the digest
 * scheduler; on SIGINT/SIGTERM the bot finishes updates in flight, then the scheduler stops and the
 * database closes.
 */
export async function runStart(config: Config): Promise<number> {
  const local = !config.telegramToken;
  const logger = createStartLogger(config);
  // Telegram first: a wrong TELEGRAM_API_ROOT or token stops here, in seconds, with one clear line,
  // before the index is opened and the digest scheduler starts.
  const botInfo = config.telegramToken
    ? await checkBotApi(config.telegramToken, config.telegramApiRoot, { logger })
    : undefined;
  const app = await openApp(config, {
    notice: (m) => (local ? process.stderr.write(`${m}\n`) : logger.warn(m)),
  });
  const clock = () => new Date();
  const digest = createDigestService({ db: app.db, clock, digest: config.digest });
  const facts = createFactsService(app.db);
  const feedback = createFeedbackService(app.db);
  const library = createDocumentLibrary({ app, dataDir: config.dataDir });
  let scheduler: DigestScheduler | undefined;
  if (config.telegramToken) {
    // A plain Api client: the scheduler retries 429/5xx itself and must not block on one chat.
    const api = new Api(config.telegramToken, { apiRoot: config.telegramApiRoot });
    scheduler = createDigestScheduler({
      db: app.db,
      clock,
      graceHours: config.digest.graceHours,
      logger,
      compose: async (chatId, date, threadId) => digest.compose(chatId, date, threadId),
      send: async (chatId, threadId, html, more) => {
        const msg = await api.sendMessage(chatId, html, {
          parse_mode: 'HTML',
          link_preview_options: { is_disabled: true },
          ...(threadId ? { message_thread_id: threadId } : {}),
          ...(more?.hasMore ? { reply_markup: digestMoreKeyboard(more.date) } : {}),
        });
        return { messageId: msg.message_id };
      },
    });
    scheduler.start();
  }
  try {
    // DATA_DIR is ingested (at start, by /reindex) through the library: one ingest at a time.
    const botApp = {
      engine: app.engine,
      documents: () => app.documents(),
      ingest: () => library.ingestDataDir(),
    };
    return await startBot<AppServices>(config, botApp, {
      logger,
      bot: {
        ...(botInfo ? { botInfo } : {}),
        // Buttons under answers keep working after a restart (results kept in the index's SQLite).
        ...(app.db.readonly ? {} : { resultBackend: sqliteResultBackend(app.db) }),
        // Each feature's context names the service it reads (digest, facts, library): AppServices
        // must hold them, and extraServices must give them, or this does not compile.
        features: [digestFeature, factsFeature, uploadsFeature, feedbackFeature],
        commands: [
          ...BOT_COMMANDS,
          ...DIGEST_COMMANDS,
          ...FACTS_COMMANDS,
          ...UPLOAD_COMMANDS,
          ...FEEDBACK_COMMANDS,
        ],
      },
      extraServices: { digest, facts, library, feedback },
    });
  } finally {
    await scheduler?.stop();
    await app.close();
  }
}
