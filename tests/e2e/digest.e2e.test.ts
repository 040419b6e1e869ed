/**
 * Digest end to end against telegram-test-api on 127.0.0.1: commands go through the emulator as a
 * group would send them, the bot reads them with getUpdates, and the scheduler delivers with the
 * bot's real API client. The emulator has no getChatMember, so an API transformer answers that one
 * method from the test's list of group administrators; every other call reaches the emulator.
 * (Switch to tests/helpers/telegram-server.ts once it provides getChatMember.)
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Bot } from 'grammy';
import type { Update } from 'grammy/types';
import TelegramServer from 'telegram-test-api';
import type { BotState } from '../../src/bot/context';
import { digestFeature, type DigestContext } from '../../src/bot/features/digest';
import { createDigestScheduler } from '../../src/digest/scheduler';
import { createDigestService } from '../../src/digest/service';
import { openDatabase, type Db } from '../../src/store/db';
import { getSubscription } from '../../src/store/subscriptions';
import { createTestServices, TEST_BOT_INFO, testConfig } from '../helpers/fake-bot-api';

const TOKEN = '424242:digest-e2e';
const GROUP_ID = -1001777000001;
const ADMIN = { userId: 701, firstName: 'Lê Văn Hùng', userName: 'hung_chihuy' };
const MEMBER = { userId: 702, firstName: 'Phạm Thị Mai', userName: 'mai_vanthu' };
const ADMINS = new Set([ADMIN.userId]);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

let server: TelegramServer;
let db: Db;
let dir: string;

beforeAll(async () => {
  server = new TelegramServer({ host: '127.0.0.1', port: await freePort(), storeTimeout: 600 });
  await server.start();
});

afterAll(async () => {
  await server.stop();
});

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chithi-digest-e2e-'));
  db = openDatabase(dir);
});

afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function setup() {
  const clock = { now: new Date('2025-12-05T00:00:00.000Z') }; // 07:00 in Hà Nội
  const digest = createDigestService({
    db,
    clock: () => clock.now,
    digest: { timezone: 'Asia/Ho_Chi_Minh', daysAhead: 14 },
  });
  const services = { ...createTestServices({ clock: () => clock.now }), digest };
  const config = testConfig();
  const bot = new Bot<DigestContext>(TOKEN, {
    botInfo: TEST_BOT_INFO,
    client: { apiRoot: server.config.apiURL },
  });
  bot.api.config.use(async (prev, method, payload, signal) => {
    if (method === 'getChatMember') {
      const userId = (payload as { user_id: number }).user_id;
      const status = ADMINS.has(userId) ? 'administrator' : 'member';
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      return { ok: true, result: { status, user: { id: userId, is_bot: false, first_name: 'x' } } as any };
    }
    return prev(method, payload, signal);
  });
  bot.use((ctx, next) => {
    ctx.config = config;
    ctx.services = services;
    ctx.state = {} as BotState;
    return next();
  });
  bot.use(digestFeature);

  const scheduler = createDigestScheduler({
    db,
    clock: () => clock.now,
    compose: async (chatId, date) => digest.compose(chatId, date),
    send: async (chatId, threadId, html) => {
      const msg = await bot.api.sendMessage(chatId, html, {
        parse_mode: 'HTML',
        ...(threadId ? { message_thread_id: threadId } : {}),
      });
      return { messageId: msg.message_id };
    },
    graceHours: 6,
    logger: { info: () => {}, warn: () => {}, error: () => {} },
  });

  const client = (who: typeof ADMIN) =>
    server.getClient(TOKEN, {
      ...who,
      chatId: GROUP_ID,
      type: 'supergroup',
      chatTitle: 'Đồn Biên phòng Phước Dinh',
    });

  /** Sends a command as `who`, lets the bot process pending updates, returns the bot's new replies. */
  async function say(who: typeof ADMIN, text: string): Promise<string[]> {
    const before = botTexts().length;
    const c = client(who);
    await c.sendCommand(c.makeCommand(text));
    const updates = (await bot.api.getUpdates()) as Update[];
    for (const update of updates) await bot.handleUpdate(update);
    return botTexts().slice(before);
  }

  return { clock, scheduler, say };
}

function botTexts(): string[] {
  return server.storage.botMessages
    .filter((m) => m.botToken === TOKEN && Number(m.message.chat_id) === GROUP_ID)
    .map((m) => String(m.message.text));
}

describe('digest through the Telegram emulator', () => {
  it('an administrator subscribes the group, the digest arrives once at 07:30, a member cannot change it', async () => {
    const { clock, scheduler, say } = setup();

    const subscribed = await say(ADMIN, '/nhacviec 07:30');
    expect(subscribed).toHaveLength(1);
    expect(subscribed[0]).toContain('Đã đăng ký');
    expect(subscribed[0]).toContain('<b>07:30</b>');

    const refused = await say(MEMBER, '/nhacviec 09:00');
    expect(refused).toHaveLength(1);
    expect(refused[0]).toContain('chỉ quản trị viên của nhóm');
    const refusedStop = await say(MEMBER, '/tatnhacviec');
    expect(refusedStop[0]).toContain('chỉ quản trị viên của nhóm');
    expect(getSubscription(db, GROUP_ID)).toMatchObject({ time: '07:30', active: true });

    const shown = await say(MEMBER, '/nhacviec');
    expect(shown[0]).toContain('đang nhận nhắc việc lúc <b>07:30</b>');

    const invalid = await say(ADMIN, '/nhacviec 25:00');
    expect(invalid[0]).toContain('không hợp lệ');
    expect(invalid[0]).toContain('/nhacviec 07:30');

    // Times as people write them; the zone named as people name it.
    const typed = await say(ADMIN, '/nhacviec 7h30');
    expect(typed[0]).toContain('<b>07:30</b>');
    expect(typed[0]).toContain('giờ Việt Nam');
    expect(typed[0]).not.toContain('Asia/Ho_Chi_Minh');
    expect(getSubscription(db, GROUP_ID)).toMatchObject({ time: '07:30', active: true });

    const digestsSoFar = () => botTexts().filter((t) => t.startsWith('<b>Nhắc việc ngày 05/12/2025</b>'));
    clock.now = new Date('2025-12-05T00:29:00.000Z');
    await scheduler.tick();
    expect(digestsSoFar()).toHaveLength(0);

    clock.now = new Date('2025-12-05T00:30:20.000Z');
    await scheduler.tick();
    clock.now = new Date('2025-12-05T00:30:50.000Z');
    await scheduler.tick();
    clock.now = new Date('2025-12-05T03:00:00.000Z');
    await scheduler.tick();
    expect(digestsSoFar()).toHaveLength(1);
    // Nothing is held yet: one friendly line.
    expect(digestsSoFar()[0]).toContain('Hôm nay không có hạn nào sắp tới hay văn bản mới.');

    const now = await say(MEMBER, '/bantin');
    expect(now[0]?.startsWith('<b>Nhắc việc ngày 05/12/2025</b>')).toBe(true);

    const stopped = await say(ADMIN, '/tatnhacviec');
    expect(stopped[0]).toContain('Đã dừng nhắc việc');
    clock.now = new Date('2025-12-06T00:30:00.000Z');
    await scheduler.tick();
    expect(botTexts().some((t) => t.startsWith('<b>Nhắc việc ngày 06/12/2025</b>'))).toBe(false);
  });

  it('a digest interrupted by a crash is not resent, /nhacviec says so, and the next day arrives as usual', async () => {
    const { clock, scheduler, say } = setup();
    const earlier = botTexts().length; // the emulator keeps the previous test's messages
    await say(ADMIN, '/nhacviec 07:30');

    // The process that claimed the 07:30 send died before Telegram answered.
    const crashed = createDigestScheduler({
      db,
      clock: () => clock.now,
      compose: async () => ({ html: 'không bao giờ tới', isEmpty: false }),
      send: () => new Promise(() => {}),
      sendTimeoutMs: 20,
      graceHours: 6,
      logger: { info: () => {}, warn: () => {}, error: () => {} },
    });
    clock.now = new Date('2025-12-05T00:30:00.000Z');
    await crashed.tick();

    // The restarted bot, 20 minutes later, well within the grace window.
    clock.now = new Date('2025-12-05T00:50:00.000Z');
    const report = await scheduler.tick();
    expect(report.interrupted.map((e) => [e.chatId, e.date])).toEqual([[GROUP_ID, '2025-12-05']]);
    clock.now = new Date('2025-12-05T03:00:00.000Z');
    await scheduler.tick();
    const digestsOf = (date: string) =>
      botTexts()
        .slice(earlier)
        .filter((t) => t.startsWith(`<b>Nhắc việc ngày ${date}</b>`));
    expect(digestsOf('05/12/2025')).toHaveLength(0);

    for (const who of [ADMIN, MEMBER]) {
      const status = await say(who, '/nhacviec');
      expect(status).toHaveLength(1);
      expect(status[0]).toContain('đang nhận nhắc việc lúc <b>07:30</b>');
      expect(status[0]).toContain('⚠️ Bản tin ngày 05/12/2025 bị gián đoạn lúc 07:30 (không gửi lại).');
      expect(status[0]).toContain('xem lại bản hôm nay: /bantin');
    }
    const today = await say(MEMBER, '/bantin');
    expect(today[0]?.startsWith('<b>Nhắc việc ngày 05/12/2025</b>')).toBe(true);

    clock.now = new Date('2025-12-06T00:30:00.000Z');
    await scheduler.tick();
    expect(digestsOf('06/12/2025')).toHaveLength(1);
    const nextDay = await say(ADMIN, '/nhacviec');
    expect(nextDay[0]).toContain('Bản tin ngày 05/12/2025 bị gián đoạn lúc 07:30 (không gửi lại).');
    expect(nextDay[0]).not.toContain('xem lại bản hôm nay');
  });
});
