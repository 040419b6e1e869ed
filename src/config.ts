import path from 'node:path';
import { createError } from './errors';

/**
 * Environment variables, read by hand: a schema library costs ~70 ms at every start of `chithi ask`
 * and the bot (issue 14), for a dozen strings. Each reader returns the value or pushes a Vietnamese
 * problem naming the variable; all problems are reported together.
 */
type Env = Record<string, string | undefined>;
type Problems = string[];

const text = (env: Env, name: string, def: string): string => {
  const v = env[name];
  return v === undefined || v === '' ? def : v;
};

const optionalText = (env: Env, name: string): string | undefined => {
  const v = env[name]?.trim();
  return v ? v : undefined;
};

function idList(env: Env, name: string, problems: Problems): number[] {
  const v = env[name];
  if (!v || !v.trim()) return [];
  const out: number[] = [];
  for (const part of v.split(/[\s,;]+/).filter(Boolean)) {
    const n = Number(part);
    if (!Number.isSafeInteger(n)) {
      problems.push(`- ${name}: "${part}" không phải là số ID Telegram`);
      return [];
    }
    out.push(n);
  }
  return out;
}

function intInRange(
  env: Env,
  name: string,
  problems: Problems,
  def: number,
  min: number,
  max: number,
): number {
  const v = env[name];
  if (v === undefined || v.trim() === '') return def;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) {
    problems.push(`- ${name}: phải là số nguyên từ ${min} đến ${max}`);
    return def;
  }
  return n;
}

function oneOf<T extends string>(
  env: Env,
  name: string,
  problems: Problems,
  values: readonly T[],
  def: T,
): T {
  const v = env[name];
  if (v === undefined || v === '') return def;
  if ((values as readonly string[]).includes(v)) return v as T;
  problems.push(`- ${name}: phải là một trong ${values.join(', ')}`);
  return def;
}

function url(env: Env, name: string, problems: Problems, def: string): string {
  const v = text(env, name, def);
  try {
    const u = new URL(v);
    if (u.protocol === 'http:' || u.protocol === 'https:') return v;
  } catch {
    // reported below
  }
  problems.push(`- ${name}: "${v}" không phải là địa chỉ http(s) hợp lệ`);
  return def;
}

function weightValue(env: Env, name: string, problems: Problems): number | undefined {
  const v = env[name]?.trim();
  if (!v) return undefined;
  const n = Number(v.replace(',', '.'));
  if (!Number.isFinite(n) || n < 0 || n > 4) {
    problems.push(`- ${name}: phải là số từ 0 đến 4`);
    return undefined;
  }
  return n;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const DTYPES = ['q8', 'fp32', 'fp16', 'int8', 'uint8', 'q4', 'bnb4', 'q4f16'] as const;

export interface Config {
  dataDir: string;
  indexDir: string;
  telegramToken: string | undefined;
  telegramApiRoot: string;
  allowedChatIds: number[];
  adminUserIds: number[];
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  embedding: {
    model: string;
    modelDir: string | undefined;
    dtype: string;
    cacheDir: string;
    threads: number;
    /** Set: the vector weight in fusion (EMBEDDING_WEIGHT); unset: the one `model check` measured. */
    weight?: number;
  };
  rateLimitPerMinute: number;
  /** Worker threads that parse documents during ingest (INGEST_WORKERS; unset: the cores, at most 4). */
  ingestWorkers?: number;
  digest: { timezone: string; graceHours: number; daysAhead: number };
}

/** Throws CONFIG_INVALID naming DIGEST_TIMEZONE when `timeZone` is not a time zone the runtime knows. */
export function checkTimeZone(timeZone: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw createError('CONFIG_INVALID', `- DIGEST_TIMEZONE: múi giờ "${timeZone}" không tồn tại`);
  }
}

/**
 * Reads and validates configuration once, at start. Unknown time zones and malformed values fail
 * fast with a Vietnamese message naming the variable. `timeZone: 'defer'` (a one-question `chithi
 * ask`, which needs the zone only for the year around a new year) leaves the zone to be checked where
 * it is used: the check is the calendar's first use, about 30 ms of a new process.
 */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  options: { timeZone?: 'check' | 'defer' } = {},
): Config {
  const problems: Problems = [];
  const e = {
    DATA_DIR: text(env, 'DATA_DIR', 'data'),
    INDEX_DIR: text(env, 'INDEX_DIR', 'embeddings'),
    TELEGRAM_BOT_TOKEN: optionalText(env, 'TELEGRAM_BOT_TOKEN'),
    /** Bot API server root, e.g. a self-hosted server or a test emulator. */
    TELEGRAM_API_ROOT: url(env, 'TELEGRAM_API_ROOT', problems, 'https://api.telegram.org'),
    ALLOWED_CHAT_IDS: idList(env, 'ALLOWED_CHAT_IDS', problems),
    ADMIN_USER_IDS: idList(env, 'ADMIN_USER_IDS', problems),
    LOG_LEVEL: oneOf(env, 'LOG_LEVEL', problems, LOG_LEVELS, 'info'),
    /** Hub id of the embedding model. */
    EMBEDDING_MODEL: text(env, 'EMBEDDING_MODEL', 'Xenova/multilingual-e5-small'),
    /** A local model folder in the transformers.js layout; when set, nothing is fetched. */
    EMBEDDING_MODEL_DIR: optionalText(env, 'EMBEDDING_MODEL_DIR'),
    EMBEDDING_DTYPE: oneOf(env, 'EMBEDDING_DTYPE', problems, DTYPES, 'q8'),
    EMBEDDING_CACHE_DIR: optionalText(env, 'EMBEDDING_CACHE_DIR'),
    EMBEDDING_THREADS: intInRange(env, 'EMBEDDING_THREADS', problems, 0, 0, 64),
    /** The vector weight in fusion, instead of the one `chithi model check` measured. */
    EMBEDDING_WEIGHT: weightValue(env, 'EMBEDDING_WEIGHT', problems),
    /** Worker threads for parsing documents and extracting facts during ingest; 0: none. */
    INGEST_WORKERS:
      optionalText(env, 'INGEST_WORKERS') === undefined
        ? undefined
        : intInRange(env, 'INGEST_WORKERS', problems, 0, 0, 64),
    /** Questions one user may ask per minute. */
    RATE_LIMIT_PER_MINUTE: intInRange(env, 'RATE_LIMIT_PER_MINUTE', problems, 10, 1, 1000),
    DIGEST_TIMEZONE: text(env, 'DIGEST_TIMEZONE', 'Asia/Ho_Chi_Minh'),
    DIGEST_GRACE_HOURS: intInRange(env, 'DIGEST_GRACE_HOURS', problems, 6, 0, 24),
    DIGEST_DAYS_AHEAD: intInRange(env, 'DIGEST_DAYS_AHEAD', problems, 14, 1, 365),
  };
  if (problems.length > 0) throw createError('CONFIG_INVALID', problems.join('\n'));
  if (options.timeZone !== 'defer') checkTimeZone(e.DIGEST_TIMEZONE);
  const indexDir = path.resolve(e.INDEX_DIR);
  return {
    dataDir: path.resolve(e.DATA_DIR),
    indexDir,
    telegramToken: e.TELEGRAM_BOT_TOKEN,
    telegramApiRoot: e.TELEGRAM_API_ROOT.replace(/\/+$/, ''),
    allowedChatIds: e.ALLOWED_CHAT_IDS,
    adminUserIds: e.ADMIN_USER_IDS,
    logLevel: e.LOG_LEVEL,
    embedding: {
      model: e.EMBEDDING_MODEL,
      modelDir: e.EMBEDDING_MODEL_DIR ? path.resolve(e.EMBEDDING_MODEL_DIR) : undefined,
      dtype: e.EMBEDDING_DTYPE,
      cacheDir: path.resolve(e.EMBEDDING_CACHE_DIR ?? path.join(e.INDEX_DIR, 'models')),
      threads: e.EMBEDDING_THREADS,
      ...(e.EMBEDDING_WEIGHT !== undefined ? { weight: e.EMBEDDING_WEIGHT } : {}),
    },
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    ...(e.INGEST_WORKERS !== undefined ? { ingestWorkers: e.INGEST_WORKERS } : {}),
    digest: { timezone: e.DIGEST_TIMEZONE, graceHours: e.DIGEST_GRACE_HOURS, daysAhead: e.DIGEST_DAYS_AHEAD },
  };
}
