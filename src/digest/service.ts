import type Database from 'better-sqlite3';
import {
  getSubscription,
  listInterrupted,
  subscribe,
  unsubscribe,
  type DigestLogEntry,
  type Subscription,
} from '../store/subscriptions';
import { composeDigest, formatDeadlinesAhead, type ComposedDigest } from './compose';
import { describeInterrupted } from './delivery';
import { loadDigestInput } from './source';
import { addDays, localDate } from './time';

/** How far ahead /hanchot looks, in days. */
export const DEADLINES_AHEAD_DAYS = 60;

/** How many local days back `/nhacviec` reports interrupted digests, today included. */
export const INTERRUPTED_SHOWN_DAYS = 7;

/** What the bot's digest commands need; built once in the composition root and put in BotServices. */
export interface DigestService {
  /** IANA zone for new subscriptions and for chats without one (DIGEST_TIMEZONE). */
  readonly defaultTimezone: string;
  getSubscription(chatId: number, threadId: number): Subscription | null;
  /** Subscribes or changes the time ('HH:MM', already validated) and what the digest keeps to. */
  subscribe(
    chatId: number,
    threadId: number,
    time: string,
    filter?: string | null,
    quiet?: boolean,
  ): Subscription;
  /** False when the chat had no active subscription. */
  unsubscribe(chatId: number, threadId: number): boolean;
  /**
   * The digest of a chat for a local date 'YYYY-MM-DD'. `notices` says how that day's scheduled
   * digest went when it matters to a reviewer (interrupted, not resent), one plain line each, over
   * all the chat's topics; it is not part of the message.
   */
  compose(
    chatId: number,
    date: string,
    threadId?: number,
  ): ComposedDigest & { notices: string[]; quiet: boolean };
  /** /hanchot: time limits from `date` on, for `days` days, kept to the chat's digest filter. */
  deadlinesAhead(chatId: number, date: string, threadId?: number, days?: number): string;
  /** Today's local date for the chat (its subscription's zone, else the default zone). */
  today(chatId: number, threadId: number): string;
  /** Interrupted digests of a chat or topic in the last INTERRUPTED_SHOWN_DAYS local days, newest first. */
  recentInterrupted(chatId: number, threadId: number): DigestLogEntry[];
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
  const zoneOf = (chatId: number, threadId: number): string =>
    getSubscription(db, chatId, threadId)?.timezone ?? timezone;
  const today = (chatId: number, threadId: number): string => localDate(clock(), zoneOf(chatId, threadId));
  return {
    defaultTimezone: timezone,
    getSubscription: (chatId, threadId) => getSubscription(db, chatId, threadId),
    subscribe: (chatId, threadId, time, filter, quiet) =>
      subscribe(db, {
        chatId,
        threadId,
        time,
        timezone,
        now: clock().toISOString(),
        filter: filter ?? null,
        quiet: quiet ?? false,
      }),
    unsubscribe: (chatId, threadId) => unsubscribe(db, chatId, threadId),
    compose: (chatId, date, threadId = 0) => {
      const sub = getSubscription(db, chatId, threadId);
      return {
        ...composeDigest(loadDigestInput(db, chatId, date, daysAhead, sub?.filter ?? null)),
        quiet: sub?.quiet ?? false,
        notices: listInterrupted(db, chatId, { date }).map((e) =>
          describeInterrupted(e, zoneOf(chatId, e.threadId), { withTopic: true }),
        ),
      };
    },
    deadlinesAhead: (chatId, date, threadId = 0, days = DEADLINES_AHEAD_DAYS) =>
      formatDeadlinesAhead(
        loadDigestInput(db, chatId, date, days, getSubscription(db, chatId, threadId)?.filter ?? null),
        days,
      ),
    today,
    recentInterrupted: (chatId, threadId) =>
      listInterrupted(db, chatId, {
        threadId,
        sinceDate: addDays(today(chatId, threadId), 1 - INTERRUPTED_SHOWN_DAYS),
      }),
  };
}
