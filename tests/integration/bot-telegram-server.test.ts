/**
 * runBot for real (runner, long polling, autoRetry, command registration) against the local Bot API
 * emulator on 127.0.0.1, with injected fake services.
 */
import { runBot, type RunningBot } from '../../src/bot/run-bot';
import { captureLogger, createTestServices, testConfig } from '../helpers/fake-bot-api';
import {
  startTelegramServer,
  type ChatRef,
  type TelegramTestServer,
  type UserRef,
} from '../helpers/telegram-server';

const GROUP: ChatRef = { id: -100200300, type: 'supergroup', title: 'Ban Chỉ huy BĐBP tỉnh' };
const OTHER: ChatRef = { id: -100999, type: 'supergroup', title: 'Nhóm lạ' };
const LAN: UserRef = { id: 9001, is_bot: false, first_name: 'Lan' };

let server: TelegramTestServer;
let running: RunningBot | undefined;
const log = captureLogger('info');

beforeAll(async () => {
  server = await startTelegramServer();
  const config = testConfig({
    TELEGRAM_BOT_TOKEN: server.token,
    TELEGRAM_API_ROOT: server.apiRoot,
    ALLOWED_CHAT_IDS: String(GROUP.id),
  });
  server.failNext('setMyCommands', 400, 'Bad Request: BOT_COMMANDS_TOO_MUCH');
  running = await runBot(config, createTestServices({ logger: log.logger }));
});

afterAll(async () => {
  await running?.stop();
  await server.close();
});

test('starts even though command registration failed, and logs it without the token', () => {
  expect(running?.username).toBe('chithi_e2e_bot');
  const all = log.lines.join('\n');
  expect(all).toContain('could not register bot commands');
  expect(all).not.toContain(server.token);
  expect(all).not.toContain(server.token.split(':')[1]);
});

test('group: plain message ignored, /hoi answered in HTML as a reply, with buttons', async () => {
  await server.userSends(GROUP, LAN, 'chỉ tiêu năm 2025 là gì?');
  const asked = await server.userSends(GROUP, LAN, '/hoi chỉ tiêu tổ chức đảng năm 2025 công tác');
  const [answer, ...rest] = await server.waitForBotMessages(GROUP.id);
  expect(rest).toEqual([]);
  expect(answer!.replyTo).toBe(asked);
  expect(answer!.parseMode).toBe('HTML');
  expect(answer!.text).toContain('100% tổ chức đảng');
  expect(answer!.buttons.map((b) => b.text)).toContain('Xem thêm ▸');
  expect(server.calls.some((c) => c.method === 'sendChatAction')).toBe(true);
});

test('"Xem thêm" pages, and a reply to the bot is answered', async () => {
  const before = server.botMessages(GROUP.id);
  const first = before[before.length - 1]!;
  const more = first.buttons.find((b) => b.text.startsWith('Xem thêm'))!;
  await server.pressButton(GROUP, LAN, first, more.callback_data);
  // The answer is edited into the next page, not posted again.
  const page2 = await server.waitForBotMessage(
    GROUP.id,
    (m) => m.messageId === first.messageId && m.text.includes('<b>4.</b>'),
  );
  expect(server.botMessages(GROUP.id)).toHaveLength(before.length);
  expect(server.calls.filter((c) => c.method === 'answerCallbackQuery')).toHaveLength(1);

  const asked = await server.userSends(GROUP, LAN, 'kết nạp đảng viên mới?', { replyTo: page2 });
  const [reply] = await server.waitForBotMessages(GROUP.id, { afterId: asked });
  expect(reply!.replyTo).toBe(asked);
  expect(reply!.text).toContain('kết nạp đảng viên mới');
});

test('a chat not in ALLOWED_CHAT_IDS is refused once', async () => {
  await server.userSends(OTHER, LAN, '/hoi chỉ tiêu');
  const [refusal] = await server.waitForBotMessages(OTHER.id);
  expect(refusal!.text).toContain('cấp phép');
  await server.userSends(OTHER, LAN, '/hoi chỉ tiêu');
  await server.userSends(GROUP, LAN, '/hoi tổ chức đảng');
  const last = server.botMessages(GROUP.id).at(-1)!;
  await server.waitForBotMessages(GROUP.id, { afterId: last.messageId });
  expect(server.botMessages(OTHER.id)).toHaveLength(1);
});

test('429 on send is retried after retry_after', async () => {
  server.failNext('sendMessage', 429, 'Too Many Requests: retry after 1', { retry_after: 1 });
  const last = server.botMessages(GROUP.id).at(-1)!;
  const started = Date.now();
  await server.userSends(GROUP, LAN, '/hoi tổ chức đảng');
  const [answer] = await server.waitForBotMessages(GROUP.id, { afterId: last.messageId });
  expect(answer!.text).toContain('tổ chức đảng');
  expect(Date.now() - started).toBeGreaterThanOrEqual(900);
});

test('stop() ends polling and resolves', async () => {
  await running!.stop();
  const polls = server.calls.filter((c) => c.method === 'getUpdates').length;
  await new Promise((r) => setTimeout(r, 300));
  expect(server.calls.filter((c) => c.method === 'getUpdates').length).toBe(polls);
  running = undefined;
});

test('registers the Vietnamese command menu for private and group scopes', async () => {
  const config = testConfig({ TELEGRAM_BOT_TOKEN: server.token, TELEGRAM_API_ROOT: server.apiRoot });
  const again = await runBot(config, createTestServices());
  try {
    for (const scope of ['all_private_chats', 'all_group_chats']) {
      const list = server.commands.get(scope) ?? [];
      expect(list.map((c) => c.command).sort()).toEqual(['help', 'hoi', 'lienhe', 'moi', 'start', 'tailieu']);
      expect(list.find((c) => c.command === 'tailieu')!.description).toBe('Danh sách tài liệu đã nạp');
    }
  } finally {
    await again.stop();
  }
});
