import type { Context } from 'grammy';
import type { Logger } from 'pino';
import type { Config } from '../config';
import type { DocumentProfile } from '../profile/profile';
import type { Retriever } from '../search/types';
import type { BotCommandSpec } from './commands';
import type { ConversationMemory } from './follow-up';
import type { ResultStore } from './result-store';

/** One ingested document as listed by /tailieu. */
export interface DocumentSummary {
  id: number;
  title: string;
  /** The path as ingested. */
  file: string;
  /** Number of passages (searchable paragraphs). */
  passages: number;
  /** ISO 8601 timestamps. */
  addedAt: string;
  updatedAt: string;
  /** True when the text came from OCR. */
  ocr?: boolean;
  /** What the document is about, in one line ("Nghị quyết · số 306-NQ/ĐU · 23/12/2024 · …"). */
  about?: string;
  /** What was read of it: kind, number, date, unit, years (for examples, /moi). */
  profile?: DocumentProfile;
}

/** What the bot needs from the rest of chithi; injected so the bot never imports the store or search. */
export interface BotServices {
  retriever: Retriever;
  documents: { list(): Promise<DocumentSummary[]> };
  /** Runs an ingest of DATA_DIR and returns a short Vietnamese summary. */
  reindex(): Promise<string>;
  logger: Logger;
  clock: () => Date;
}

/** Per-process state shared by features (results behind buttons, rate limits). */
export interface BotState {
  results: ResultStore;
  /** Recent questions, so a follow-up ("còn Ninh Thuận thì sao?") is read with its question. */
  conversation: ConversationMemory;
  /** The commands this bot offers (menu and /help). */
  commands: readonly BotCommandSpec[];
}

export type BotContext = Context & {
  config: Config;
  services: BotServices;
  state: BotState;
};

/**
 * The context of a bot built with more services than BotServices (digest, facts, library): features
 * that need one declare it in their context type, and the bot that registers them must be given it —
 * a missing service is a type error, not a crash inside a handler.
 */
export type BotContextWith<S extends BotServices> = BotContext & { services: S };
