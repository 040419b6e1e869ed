/**
 * Talking to the Bot API through outages: a bounded getMe check before the bot starts, and retries
 * that are logged (never silent, never unbounded for a reply) once it runs.
 */
import { autoRetry } from '@grammyjs/auto-retry';
import { Api, GrammyError, HttpError, type Transformer } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import type { Logger } from 'pino';
import { createError } from '../errors';

/** Sleeps `ms` milliseconds; rejects early when `signal` aborts. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const sleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Error('aborted'));
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Error('aborted'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/**
 * Why a request failed, in one line without the token: the network cause ("connect ECONNREFUSED
 * 127.0.0.1:9", "getaddrinfo ENOTFOUND …"), a timeout, or Telegram's own error code and description.
 */
export function describeApiFailure(err: unknown, token?: string): string {
  let why: string;
  if (err instanceof GrammyError) why = `${err.error_code} ${err.description}`;
  else if (err instanceof HttpError) {
    const inner = err.error as { message?: string; cause?: { message?: string; code?: string } } | undefined;
    const message = inner?.message ?? '';
    // node-fetch: "request to <url with token> failed, reason: connect ECONNREFUSED …"; undici: a cause.
    const cause = /reason: (.+)$/s.exec(message)?.[1] ?? inner?.cause?.message ?? inner?.cause?.code;
    const timedOut = /timed out after (\d+) seconds/.exec(message);
    why = timedOut ? `không có phản hồi sau ${timedOut[1]} giây` : (cause ?? (message || err.message));
  } else why = err instanceof Error ? err.message : String(err);
  why = why.replace(/\s+/g, ' ').trim();
  return token ? why.split(token).join('<token>') : why;
}

/** Telegram answers that mean "try again later" rather than "this cannot work". */
function isTransient(err: unknown): boolean {
  if (err instanceof HttpError) return true;
  return err instanceof GrammyError && (err.error_code === 429 || err.error_code >= 500);
}

export interface CheckBotApiOptions {
  logger?: Logger;
  /** Attempts before giving up. Default 5. */
  attempts?: number;
  /** Pause before the 2nd, 3rd … attempt, in milliseconds; the last value repeats. Default 1, 2, 4, 8 s. */
  delaysMs?: readonly number[];
  /** Limit for one getMe request, in seconds. Default 5: at most 5 × 5 s + 15 s = 40 s in all. */
  timeoutSeconds?: number;
  sleep?: Sleep;
}

/**
 * Calls getMe until Telegram answers, a bounded number of times, and returns the bot's identity.
 * Throws TELEGRAM_TOKEN_REJECTED at once on 401/404 (a wrong token is not an outage) and
 * TELEGRAM_UNREACHABLE, naming TELEGRAM_API_ROOT, when every attempt failed.
 */
export async function checkBotApi(
  token: string,
  apiRoot: string,
  options: CheckBotApiOptions = {},
): Promise<UserFromGetMe> {
  const attempts = Math.max(1, options.attempts ?? 5);
  const delays = options.delaysMs ?? [1000, 2000, 4000, 8000];
  const pause = options.sleep ?? sleep;
  // A plain client: no autoRetry, whose network retries never end.
  const api = new Api(token, { apiRoot, timeoutSeconds: options.timeoutSeconds ?? 5 });
  let why = '';
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      return await api.getMe();
    } catch (err) {
      if (err instanceof GrammyError && (err.error_code === 401 || err.error_code === 404))
        throw createError('TELEGRAM_TOKEN_REJECTED', apiRoot, `${err.error_code} ${err.description}`);
      why = describeApiFailure(err, token);
      if (!isTransient(err)) break;
      if (attempt === attempts) break;
      const delay = delays[Math.min(attempt - 1, delays.length - 1)] ?? 1000;
      options.logger?.warn(
        { apiRoot, attempt, attempts, retryInMs: delay, reason: why },
        'Bot API not reachable; retrying getMe',
      );
      await pause(delay);
    }
  }
  throw createError('TELEGRAM_UNREACHABLE', apiRoot, attempts, why);
}

export interface PollingRetryOptions {
  logger: Logger;
  apiRoot: string;
  token?: string;
  /** First pause after a failed getUpdates, in milliseconds (doubles each time). Default 1000. */
  initialDelayMs?: number;
  /** Longest pause between two attempts, in milliseconds. Default 60 000. */
  maxDelayMs?: number;
  sleep?: Sleep;
}

/**
 * getUpdates through an outage: retried until it works (a bot that gives up stays down until someone
 * restarts it), with exponential backoff capped at `maxDelayMs`, every failure logged with its reason
 * and the pause, and the recovery logged with how long polling was down. 401 and 409 are passed on
 * unchanged: the runner stops on them (see runBot).
 */
export function pollingRetry(options: PollingRetryOptions): Transformer {
  const initial = options.initialDelayMs ?? 1000;
  const max = options.maxDelayMs ?? 60_000;
  const pause = options.sleep ?? sleep;
  const { logger, apiRoot, token } = options;
  return async (prev, method, payload, signal) => {
    if (method !== 'getUpdates') return prev(method, payload, signal);
    let failures = 0;
    let downSince = 0;
    for (;;) {
      let why: string;
      let retryAfterMs = 0;
      try {
        const res = await prev(method, payload, signal);
        const transient = !res.ok && (res.error_code === 429 || res.error_code >= 500);
        if (!transient) {
          if (failures > 0)
            logger.info(
              { apiRoot, failures, downMs: Date.now() - downSince },
              'Bot API reachable again; polling resumed',
            );
          return res;
        }
        why = `${res.error_code} ${res.description}`;
        retryAfterMs = (res.parameters?.retry_after ?? 0) * 1000;
      } catch (err) {
        if (signal?.aborted) throw err;
        why = describeApiFailure(err, token);
      }
      if (failures === 0) downSince = Date.now();
      failures++;
      const delay = Math.max(retryAfterMs, Math.min(max, initial * 2 ** Math.min(failures - 1, 30)));
      logger.warn({ apiRoot, failures, retryInMs: delay, reason: why }, 'getUpdates failed; retrying');
      // grammY types the signal with its abort-controller polyfill; at run time it is Node's own.
      await pause(delay, signal as AbortSignal | undefined);
    }
  };
}

export interface SendRetryOptions {
  logger: Logger;
  token?: string;
  /** Pauses before each new attempt after a network error, in milliseconds. Default 1 s, 3 s. */
  networkDelaysMs?: readonly number[];
  sleep?: Sleep;
}

/**
 * Every method but getUpdates: 429 waits retry_after (up to 60 s) and 5xx backs off (autoRetry, at
 * most 5 times); a network error is retried a few times, logged, then thrown, so a reply during an
 * outage fails into the error boundary instead of holding its chat for hours.
 */
export function sendRetry(options: SendRetryOptions): Transformer {
  const rateLimits = autoRetry({ maxRetryAttempts: 5, maxDelaySeconds: 60, rethrowHttpErrors: true });
  const delays = options.networkDelaysMs ?? [1000, 3000];
  const pause = options.sleep ?? sleep;
  return async (prev, method, payload, signal) => {
    if (method === 'getUpdates') return prev(method, payload, signal);
    for (let attempt = 0; ; attempt++) {
      try {
        return await rateLimits(prev, method, payload, signal);
      } catch (err) {
        if (!(err instanceof HttpError) || signal?.aborted || attempt >= delays.length) throw err;
        const delay = delays[attempt]!;
        options.logger.warn(
          { method, attempt: attempt + 1, retryInMs: delay, reason: describeApiFailure(err, options.token) },
          'Bot API request failed; retrying',
        );
        await pause(delay, signal as AbortSignal | undefined);
      }
    }
  };
}
