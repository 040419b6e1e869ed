/**
 * End to end: /chutri and /chitieu from the real `chithi start` process, over the sample document and
 * the report fixtures, against the Bot API emulator (tests/helpers/telegram-server.ts) on 127.0.0.1.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  startTelegramServer,
  type ChatRef,
  type TelegramTestServer,
  type UserRef,
} from '../helpers/telegram-server';
import { startChithiProcess, type ChithiProcess } from '../helpers/chithi-process';

const ROOT = path.resolve(__dirname, '../..');

const GROUP: ChatRef = { id: -100555666, type: 'supergroup', title: 'Ban Chỉ huy BĐBP Ninh Thuận' };
const LAN: UserRef = { id: 7101, is_bot: false, first_name: 'Lan' };
const PRIVATE: ChatRef = { id: LAN.id, type: 'private', first_name: 'Lan' };

describe('facts commands against the Bot API emulator', () => {
  let server: TelegramTestServer;
  let proc: ChithiProcess;
  let tmp: string;

  async function send(chat: ChatRef, text: string) {
    const last = server.botMessages(chat.id).at(-1)?.messageId ?? 0;
    const asked = await server.userSends(chat, LAN, text);
    const [reply] = await server.waitForBotMessages(chat.id, {
      afterId: Math.max(last, asked),
      timeoutMs: 20_000,
    });
    return { asked, reply: reply! };
  }

  beforeAll(async () => {
    server = await startTelegramServer();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'chithi-facts-e2e-'));
    fs.cpSync(path.join(ROOT, 'data'), path.join(tmp, 'data'), { recursive: true });
    fs.cpSync(path.join(ROOT, 'tests/fixtures/reports'), path.join(tmp, 'data/reports'), { recursive: true });
    proc = await startChithiProcess(server, {
      DATA_DIR: path.join(tmp, 'data'),
      INDEX_DIR: path.join(tmp, 'index'),
    });
  }, 120_000);

  afterAll(async () => {
    proc?.kill();
    await server?.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  test('the three commands are in the menu of private chats and groups', () => {
    for (const scope of ['all_private_chats', 'all_group_chats']) {
      const commands = server.commands.get(scope) ?? [];
      expect(commands.map((c) => c.command)).toEqual(
        expect.arrayContaining(['chutri', 'chitieu', 'nhiemvu']),
      );
    }
  });

  test('/chutri in a group returns Ngô Văn Lãng with his source, replying to the asker', async () => {
    const { asked, reply } = await send(GROUP, '/chutri');
    expect(reply.replyTo).toBe(asked);
    expect(reply.parseMode).toBe('HTML');
    expect(reply.text).toContain('Chủ trì: Đồng chí Ngô Văn Lãng, Bí thư Đảng ủy, Chính ủy BĐBP tỉnh');
    expect(reply.text).toMatch(/Đảng ủy BĐBP tỉnh Ninh Thuận[^·]* · đoạn \d+/);
    expect(reply.text).toContain('Trần Minh Hoàng');
  });

  test('/chutri filtered without diacritics in a private chat', async () => {
    const { reply } = await send(PRIVATE, '/chutri hoi nghi phu yen');
    expect(reply.text).toContain('Trần Minh Hoàng');
    expect(reply.text).toContain('Đảng ủy Quân sự tỉnh Phú Yên');
    expect(reply.text).not.toContain('Ngô Văn Lãng');
  });

  test('/chitieu pages with "Trang sau"', async () => {
    const { reply } = await send(GROUP, '/chitieu');
    expect(reply.text).toContain('trang 1/');
    const next = reply.buttons.find((b) => b.text === 'Trang sau');
    expect(next).toBeDefined();
    await server.pressButton(GROUP, LAN, reply, next!.callback_data);
    const [page2] = await server.waitForBotMessages(GROUP.id, { afterId: reply.messageId });
    expect(page2!.text).toContain('trang 2/');
    expect(page2!.text).toContain('<b>6.</b>');
    expect(page2!.buttons.map((b) => b.text)).toContain('Trang trước');
    expect(server.calls.some((c) => c.method === 'answerCallbackQuery')).toBe(true);
  });

  test('/chitieu abc gets a clear message', async () => {
    const { reply } = await send(PRIVATE, '/chitieu abc');
    expect(reply.text).toContain('“abc” không phải là một năm');
    expect(reply.text).toContain('/chitieu 2025');
  });

  test('SIGTERM finishes cleanly', async () => {
    proc.child.kill('SIGTERM');
    expect(await proc.exited).toBe(0);
  });
});
