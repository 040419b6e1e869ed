import path from 'node:path';
import { loadConfig } from '../../src/config';

describe('loadConfig', () => {
  it('has defaults for everything but the token', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      dataDir: path.resolve('data'),
      indexDir: path.resolve('embeddings'),
      telegramToken: undefined,
      telegramApiRoot: 'https://api.telegram.org',
      allowedChatIds: [],
      adminUserIds: [],
      logLevel: 'info',
      rateLimitPerMinute: 10,
      embedding: { model: 'Xenova/multilingual-e5-small', dtype: 'q8', threads: 0, modelDir: undefined },
      digest: { timezone: 'Asia/Ho_Chi_Minh', graceHours: 6, daysAhead: 14 },
    });
    expect(c.embedding.cacheDir).toBe(path.resolve('embeddings/models'));
  });

  it('reads what is set', () => {
    const c = loadConfig({
      TELEGRAM_BOT_TOKEN: '  123:abc  ',
      TELEGRAM_API_ROOT: 'http://127.0.0.1:8081/',
      ALLOWED_CHAT_IDS: '-1001234, 42;7',
      ADMIN_USER_IDS: '501',
      LOG_LEVEL: 'debug',
      EMBEDDING_DTYPE: 'fp32',
      EMBEDDING_THREADS: '2',
      RATE_LIMIT_PER_MINUTE: '30',
      INGEST_WORKERS: '0',
      DIGEST_DAYS_AHEAD: '7',
      EMBEDDING_MODEL_DIR: 'models/e5',
    });
    expect(c).toMatchObject({
      telegramToken: '123:abc',
      telegramApiRoot: 'http://127.0.0.1:8081',
      allowedChatIds: [-1001234, 42, 7],
      adminUserIds: [501],
      logLevel: 'debug',
      rateLimitPerMinute: 30,
      ingestWorkers: 0,
      embedding: { dtype: 'fp32', threads: 2, modelDir: path.resolve('models/e5') },
      digest: { daysAhead: 7 },
    });
  });

  it.each<[Record<string, string>, string]>([
    [{ ALLOWED_CHAT_IDS: '-100123, nhóm' }, 'ALLOWED_CHAT_IDS: "nhóm" không phải là số ID Telegram'],
    [{ RATE_LIMIT_PER_MINUTE: '0' }, 'RATE_LIMIT_PER_MINUTE: phải là số nguyên từ 1 đến 1000'],
    [{ INGEST_WORKERS: 'hai' }, 'INGEST_WORKERS: phải là số nguyên từ 0 đến 64'],
    [{ DIGEST_GRACE_HOURS: '2,5' }, 'DIGEST_GRACE_HOURS: phải là số nguyên từ 0 đến 24'],
    [{ LOG_LEVEL: 'verbose' }, 'LOG_LEVEL: phải là một trong fatal, error, warn, info, debug, trace, silent'],
    [{ EMBEDDING_DTYPE: 'q2' }, 'EMBEDDING_DTYPE: phải là một trong'],
    [
      { TELEGRAM_API_ROOT: 'api.telegram.org' },
      'TELEGRAM_API_ROOT: "api.telegram.org" không phải là địa chỉ',
    ],
    [{ DIGEST_TIMEZONE: 'Asia/Hanoi_City' }, 'DIGEST_TIMEZONE: múi giờ "Asia/Hanoi_City" không tồn tại'],
  ])('refuses %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
    expect(() => loadConfig(env)).toThrow('Cấu hình không hợp lệ');
  });

  it('leaves an unknown time zone to be checked where it is used when told to defer (chithi ask)', () => {
    expect(loadConfig({ DIGEST_TIMEZONE: 'Asia/Hanoi_City' }, { timeZone: 'defer' }).digest.timezone).toBe(
      'Asia/Hanoi_City',
    );
    expect(() => loadConfig({ DIGEST_TIMEZONE: 'Asia/Hanoi_City' }, { timeZone: 'check' })).toThrow(
      'DIGEST_TIMEZONE: múi giờ "Asia/Hanoi_City" không tồn tại',
    );
  });

  it('leaves the worker threads to the machine when INGEST_WORKERS is unset or empty', () => {
    expect(loadConfig({}).ingestWorkers).toBeUndefined();
    expect(loadConfig({ INGEST_WORKERS: ' ' }).ingestWorkers).toBeUndefined();
  });

  it('reports every problem at once', () => {
    expect(() => loadConfig({ LOG_LEVEL: 'x', DIGEST_DAYS_AHEAD: '0' })).toThrow(
      /LOG_LEVEL[\s\S]*DIGEST_DAYS_AHEAD/,
    );
  });
});
