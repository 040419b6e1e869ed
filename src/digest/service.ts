import type Database from 'better-sqlite3';
import {
  ensureSubscriptionsSchema,
  getSubscription,
  subscribe,
  unsubscribe,
  type Subscription,
} from '../store/subscriptions';
import { composeDigest, type ComposedDigest } from './compose';
import { loadDigestInput } from './source';
import { localDate } from './time';

/** What the bot's digest commands need; built once in the composition root and put in BotServices. */
export interface DigestService {
  /** IANA zone for new subscriptions and for chats without one (DIGEST_TIMEZONE). */
  readonly defaultTimezone: string;
  getSubscription(chatId: number, threadId: number): Subscription | null;
  /** Subscribes or changes the time ('HH:MM', already validated). */
  subscribe(chatId: number, threadId: number, time: string): Subscription;
  /** False when the chat had no active subscription. */
  unsubscribe(chatId: number, threadId: number): boolean;
  /** The digest of a chat for a local date 'YYYY-MM-DD'. */
  compose(chatId: number, date: string): ComposedDigest;
  /** Today's local date for the chat (its subscription's zone, else the default zone). */
  today(chatId: number, threadId: number): string;
}

export interface DigestServiceOptions {
  db: Database.Database;
  clock: () => Date;
  /** config.digest */
  digest: { timezone: string; daysAhead: number };
}

/** Wires subscriptions, facts and composition over one database. Creates the digest tables if missing. */
export function createDigestService(options: DigestServiceOptions): DigestService {
  const { db, clock } = options;
  const { timezone, daysAhead } = options.digest;
  ensureSubscriptionsSchema(db);
  return {
    defaultTimezone: timezone,
    getSubscription: (chatId, threadId) => getSubscription(db, chatId, threadId),
    subscribe: (chatId, threadId, time) =>
      subscribe(db, { chatId, threadId, time, timezone, now: clock().toISOString() }),
    unsubscribe: (chatId, threadId) => unsubscribe(db, chatId, threadId),
    compose: (chatId, date) => composeDigest(loadDigestInput(db, chatId, date, daysAhead)),
    today: (chatId, threadId) =>
      localDate(clock(), getSubscription(db, chatId, threadId)?.timezone ?? timezone),
  };
}
