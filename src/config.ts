import path from 'node:path';
import { z } from 'zod';
import { createError } from './errors';

const idList = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (!v || !v.trim()) return [] as number[];
    const out: number[] = [];
    for (const part of v.split(/[\s,;]+/).filter(Boolean)) {
      const n = Number(part);
      if (!Number.isSafeInteger(n)) {
        ctx.addIssue({ code: 'custom', message: `"${part}" không phải là số ID Telegram` });
        return z.NEVER;
      }
      out.push(n);
    }
    return out;
  });

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() ? v.trim() : undefined));

const intInRange = (def: number, min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return def;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `phải là số nguyên từ ${min} đến ${max}` });
        return z.NEVER;
      }
      return n;
    });

const envSchema = z.object({
  DATA_DIR: z.string().default('data'),
  INDEX_DIR: z.string().default('embeddings'),
  TELEGRAM_BOT_TOKEN: optionalString,
  /** Bot API server root, e.g. a self-hosted server or a test emulator. */
  TELEGRAM_API_ROOT: z.string().url().default('https://api.telegram.org'),
  ALLOWED_CHAT_IDS: idList,
  ADMIN_USER_IDS: idList,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Hub id of the embedding model. */
  EMBEDDING_MODEL: z.string().default('Xenova/multilingual-e5-small'),
  /** A local model folder in the transformers.js layout; when set, nothing is fetched. */
  EMBEDDING_MODEL_DIR: optionalString,
  EMBEDDING_DTYPE: z.enum(['q8', 'fp32', 'fp16', 'int8', 'uint8', 'q4', 'bnb4', 'q4f16']).default('q8'),
  EMBEDDING_CACHE_DIR: optionalString,
  EMBEDDING_THREADS: intInRange(0, 0, 64),
  /** Questions one user may ask per minute. */
  RATE_LIMIT_PER_MINUTE: intInRange(10, 1, 1000),
  DIGEST_TIMEZONE: z.string().default('Asia/Ho_Chi_Minh'),
  DIGEST_GRACE_HOURS: intInRange(6, 0, 24),
  DIGEST_DAYS_AHEAD: intInRange(14, 1, 365),
});

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
  };
  rateLimitPerMinute: number;
  digest: { timezone: string; graceHours: number; daysAhead: number };
}

/**
 * Reads and validates configuration once, at start. Unknown time zones and malformed values fail
 * fast with a Vietnamese message naming the variable.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => `- ${i.path.join('.')}: ${i.message}`).join('\n');
    throw createError('CONFIG_INVALID', details);
  }
  const e = parsed.data;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: e.DIGEST_TIMEZONE });
  } catch {
    throw createError('CONFIG_INVALID', `- DIGEST_TIMEZONE: múi giờ "${e.DIGEST_TIMEZONE}" không tồn tại`);
  }
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
    },
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    digest: { timezone: e.DIGEST_TIMEZONE, graceHours: e.DIGEST_GRACE_HOURS, daysAhead: e.DIGEST_DAYS_AHEAD },
  };
}
