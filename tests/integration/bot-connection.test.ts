/**
 * The Bot API out of reach: `chithi start` as a real process against a closed port and a server that
 * rejects the token, the bounded getMe check, and polling through an outage after start.
 */
import { spawn } from 'node:child_process';
import { GrammyError, HttpError, type Transformer } from 'grammy';
import type { Opts } from 'grammy/types';
import { checkBotApi, pollingRetry, type Sleep } from '../../src/bot/connection';
import { runBot } from '../../src/bot/run-bot';
import { startBot, type BotAppLike } from '../../src/bot/start';
import { emptyIngestReport } from '../../src/ingest/ingest';
import {
  captureLogger,
  createFakeRetriever,
  createTestServices,
  SAMPLE_DOCUMENTS,
  testConfig,
} from '../helpers/fake-bot-api';
import { startTelegramServer, type ChatRef, type UserRef } from '../helpers/telegram-server';
import { makeTempDir, PROJECT_ROOT } from '../helpers/temp-dir';

const LAN: UserRef = { id: 9001, is_bot: false, first_name: 'Lan' };
const PRIVATE: ChatRef = { id: 9001, type: 'private', first_name: 'Lan' } as ChatRef;

/** Runs `node bin/chithi.js start` to its exit; resolves with the code, the output and the time. */
function runStart(env: Record<string, string>): Promise<{ code: number | null; output: string; ms: number }> {
  const tmp = makeTempDir('chithi-connect-');
  const started = Date.now();
  const child = spawn(process.execPath, ['bin/chithi.js', 'start'], {
    cwd: PROJECT_ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATA_DIR: tmp.path,
      INDEX_DIR: `${tmp.path}/index`,
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (output += c.toString('utf8')));
  return new Promise((resolve) =>
    child.on('exit', (code) => {
      tmp.remove();
      resolve({ code, output, ms: Date.now() - started });
    }),
  );
}

describe('chithi start without a reachable Bot API', () => {
  test('TELEGRAM_API_ROOT=http://127.0.0.1:9: exits 1 within 60 s with one line naming the API root', async () => {
    const token = '123456:TEST-token-never-logged';
    const { code, output, ms } = await runStart({
      TELEGRAM_BOT_TOKEN: token,
      TELEGRAM_API_ROOT: 'http://127.0.0.1:9',
    });
    expect(code).toBe(1);
    expect(ms).toBeLessThan(60_000);
    const last = output.trim().split('\n').at(-1)!;
    expect(last).toMatch(
      /^Không kết nối được Telegram Bot API tại http:\/\/127\.0\.0\.1:9 sau 5 lần thử: .*ECONNREFUSED.*; kiểm tra TELEGRAM_API_ROOT và mạng\.$/,
    );
    // Each failed attempt is logged with the pause before the next one.
    expect(output.match(/Bot API not reachable; retrying getMe/g)).toHaveLength(4);
    expect(output).not.toContain(token.split(':')[1]);
  }, 70_000);

  test('a token the server rejects (401): exits 1 at once with its own message, no retries', async () => {
    const server = await startTelegramServer();
    try {
      const { code, output, ms } = await runStart({
        TELEGRAM_BOT_TOKEN: '999:WRONG-token',
        TELEGRAM_API_ROOT: server.apiRoot,
      });
      expect(code).toBe(1);
      expect(ms).toBeLessThan(10_000);
      expect(output.trim().split('\n').at(-1)).toBe(
        `Telegram Bot API tại ${server.apiRoot} từ chối TELEGRAM_BOT_TOKEN (401 Unauthorized): ` +
          'token sai hoặc đã bị thu hồi; lấy lại token từ @BotFather (và kiểm tra TELEGRAM_API_ROOT).',
      );
      expect(output).not.toContain('retrying');
    } finally {
      await server.close();
    }
  }, 30_000);
});

describe('checkBotApi', () => {
  test('5xx twice, then Telegram answers: started, with the waits 1 s and 2 s', async () => {
    const server = await startTelegramServer();
    try {
      server.failNext('getMe', 502, 'Bad Gateway');
      server.failNext('getMe', 503, 'Service Unavailable');
      const waits: number[] = [];
      const { logger, lines } = captureLogger();
      const me = await checkBotApi(server.token, server.apiRoot, {
        logger,
        sleep: async (ms) => void waits.push(ms),
      });
      expect(me.username).toBe(server.botInfo.username);
      expect(waits).toEqual([1000, 2000]);
      expect(lines.join('\n')).toContain('502 Bad Gateway');
    } finally {
      await server.close();
    }
  });

  test('gives up after the attempts asked for, with the last reason', async () => {
    const waits: number[] = [];
    await expect(
      checkBotApi('1:x', 'http://127.0.0.1:9', {
        attempts: 3,
        sleep: async (ms) => void waits.push(ms),
      }),
    ).rejects.toThrow(
      /^Không kết nối được Telegram Bot API tại http:\/\/127\.0\.0\.1:9 sau 3 lần thử: connect ECONNREFUSED/,
    );
    expect(waits).toEqual([1000, 2000]);
  });
});

describe('pollingRetry', () => {
  const networkDown = () =>
    new HttpError(
      "Network request for 'getUpdates' failed!",
      new Error('reason: connect ECONNREFUSED 127.0.0.1:8081'),
    );

  function fakePrev(outcomes: Array<'down' | 'ok'>) {
    let calls = 0;
    const prev = (async () => {
      const outcome = outcomes[Math.min(calls++, outcomes.length - 1)];
      if (outcome === 'down') throw networkDown();
      return { ok: true, result: [] };
    }) as unknown as Parameters<Transformer>[0];
    return { prev, calls: () => calls };
  }

  test('an outage is retried with doubling waits up to the cap, each failure and the recovery logged', async () => {
    const { logger, lines } = captureLogger();
    const waits: number[] = [];
    const sleep: Sleep = async (ms) => void waits.push(ms);
    const retry = pollingRetry({ logger, apiRoot: 'http://127.0.0.1:8081', maxDelayMs: 5000, sleep });
    const { prev, calls } = fakePrev(['down', 'down', 'down', 'down', 'down', 'ok']);
    const res = await retry(prev, 'getUpdates', { timeout: 30 } as Opts<'getUpdates'>);
    expect(res).toEqual({ ok: true, result: [] });
    expect(calls()).toBe(6);
    expect(waits).toEqual([1000, 2000, 4000, 5000, 5000]);
    const logged = lines.map((l) => JSON.parse(l) as { msg: string; reason?: string });
    expect(logged.filter((l) => l.msg === 'getUpdates failed; retrying')).toHaveLength(5);
    expect(logged[0]!.reason).toBe('connect ECONNREFUSED 127.0.0.1:8081');
    expect(logged.at(-1)!.msg).toBe('Bot API reachable again; polling resumed');
  });

  test('stopping the bot during a wait ends the retries', async () => {
    const controller = new AbortController();
    const retry = pollingRetry({ logger: captureLogger().logger, apiRoot: 'x', initialDelayMs: 60_000 });
    const { prev } = fakePrev(['down']);
    const pending = retry(prev, 'getUpdates', {} as Opts<'getUpdates'>, controller.signal as never);
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toThrow('aborted');
  });

  test('other methods and unrecoverable answers pass through untouched', async () => {
    const retry = pollingRetry({
      logger: captureLogger().logger,
      apiRoot: 'x',
      sleep: async () => undefined,
    });
    const conflict = { ok: false, error_code: 409, description: 'Conflict' };
    const prev = (async () => conflict) as unknown as Parameters<Transformer>[0];
    expect(await retry(prev, 'getUpdates', {} as Opts<'getUpdates'>)).toBe(conflict);
    const { prev: down } = fakePrev(['down']);
    await expect(retry(down, 'sendMessage', {} as Opts<'sendMessage'>)).rejects.toThrow(HttpError);
    void GrammyError;
  });
});

describe('after start', () => {
  test('getUpdates failing (502) is logged and retried, then questions are answered again', async () => {
    const server = await startTelegramServer();
    const { logger, lines } = captureLogger();
    const config = testConfig({ TELEGRAM_BOT_TOKEN: server.token, TELEGRAM_API_ROOT: server.apiRoot });
    for (let i = 0; i < 3; i++) server.failNext('getUpdates', 502, 'Bad Gateway');
    const bot = await runBot(config, createTestServices({ logger }), { polling: { initialDelayMs: 20 } });
    try {
      await server.userSends(PRIVATE, LAN, 'chỉ tiêu tổ chức đảng');
      const [answer] = await server.waitForBotMessages(PRIVATE.id);
      expect(answer!.text).toContain('100% tổ chức đảng');
      const log = lines.join('\n');
      expect(log.match(/getUpdates failed; retrying/g)).toHaveLength(3);
      expect(log).toContain('502 Bad Gateway');
      expect(log).toContain('polling resumed');
    } finally {
      await bot.stop();
      await server.close();
    }
  });

  test('polling stopped by Telegram (409: another instance) ends startBot with a clear error', async () => {
    const server = await startTelegramServer();
    const app: BotAppLike = {
      engine: createFakeRetriever(),
      documents: () => SAMPLE_DOCUMENTS,
      ingest: async () => emptyIngestReport(),
    };
    try {
      server.failNext('getUpdates', 409, 'Conflict: terminated by other getUpdates request');
      const config = testConfig({ TELEGRAM_BOT_TOKEN: server.token, TELEGRAM_API_ROOT: server.apiRoot });
      await expect(
        startBot(config, app, { logger: captureLogger().logger, shutdown: new Promise(() => undefined) }),
      ).rejects.toThrow(
        /^Bot ngừng nhận tin nhắn từ Telegram: 409 Conflict: terminated by other getUpdates request\./,
      );
    } finally {
      await server.close();
    }
  });
});
