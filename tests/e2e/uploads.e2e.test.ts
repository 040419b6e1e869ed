/**
 * End to end: uploads through the real `chithi start` process against the Bot API emulator
 * (telegram-test-api behind tests/helpers/telegram-server.ts) on 127.0.0.1. An admin's .docx is
 * downloaded, stored in DATA_DIR and answers questions; refusals are clear and change nothing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeDocx, makeEncryptedPdf, makeTextPdf } from '../helpers/make-fixtures';
import {
  startTelegramServer,
  type BotMessage,
  type ChatRef,
  type TelegramTestServer,
  type UserRef,
} from '../helpers/telegram-server';
import { startChithiProcess, type ChithiProcess } from '../helpers/chithi-process';

const ROOT = path.resolve(__dirname, '../..');

const LAN: UserRef = { id: 7101, is_bot: false, first_name: 'Lan' };
const BINH: UserRef = { id: 7102, is_bot: false, first_name: 'Bình' };
const LAN_CHAT: ChatRef = { id: LAN.id, type: 'private', first_name: 'Lan' };
const BINH_CHAT: ChatRef = { id: BINH.id, type: 'private', first_name: 'Bình' };
const GROUP: ChatRef = { id: -100555666, type: 'supergroup', title: 'Ban Chỉ huy BĐBP' };

const QUESTION = '/hoi vụ việc giải quyết đạt bao nhiêu phần trăm?';

describe('uploads through chithi start', () => {
  let server: TelegramTestServer;
  let proc: ChithiProcess;
  let tmp: string;
  let dataDir: string;

  /** Sends a file, then waits until the bot's status message (replying to it) is no longer in progress. */
  async function sendFile(
    chat: ChatRef,
    from: UserRef,
    file: { name: string; content: Buffer; caption?: string; declaredSize?: number },
  ): Promise<BotMessage> {
    const sent = await server.userSendsDocument(chat, from, file);
    return server.waitForBotMessage(chat.id, (m) => m.replyTo === sent && !/^(⏳|📖|🔎|🗂)/u.test(m.text), {
      timeoutMs: 60_000,
    });
  }

  async function ask(chat: ChatRef, from: UserRef, text: string): Promise<BotMessage> {
    const asked = await server.userSends(chat, from, text);
    return server.waitForBotMessage(chat.id, (m) => m.replyTo === asked, { timeoutMs: 20_000 });
  }

  beforeAll(async () => {
    server = await startTelegramServer();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'chithi-e2e-uploads-'));
    dataDir = path.join(tmp, 'data');
    fs.cpSync(path.join(ROOT, 'data'), dataDir, { recursive: true });
    proc = await startChithiProcess(server, {
      DATA_DIR: dataDir,
      INDEX_DIR: path.join(tmp, 'index'),
      ADMIN_USER_IDS: String(LAN.id),
    });
  }, 120_000);

  afterAll(async () => {
    proc?.kill();
    await server?.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  test('an admin uploads a .docx; one message shows progress then the result; a question finds it', async () => {
    const before = await ask(LAN_CHAT, LAN, QUESTION);
    expect(before.text).not.toContain('Nghị quyết lãnh đạo thực hiện nhiệm vụ năm 2025');

    const count = server.botMessages(LAN_CHAT.id).length;
    const done = await sendFile(LAN_CHAT, LAN, { name: 'báo cáo quý IV.docx', content: await makeDocx() });
    expect(server.botMessages(LAN_CHAT.id)).toHaveLength(count + 1);
    expect(done.text).toContain('✅ Đã nạp <b>Nghị quyết lãnh đạo thực hiện nhiệm vụ năm 2025</b>');
    expect(done.text).toMatch(/Tệp <i>báo cáo quý IV\.docx<\/i> · \d+ đoạn/);
    expect(server.calls.filter((c) => c.method === 'editMessageText').length).toBeGreaterThanOrEqual(2);
    expect(fs.existsSync(path.join(dataDir, 'báo cáo quý IV.docx'))).toBe(true);

    const after = await ask(LAN_CHAT, LAN, QUESTION);
    expect(after.text).toContain('Nghị quyết lãnh đạo thực hiện nhiệm vụ năm 2025');
    expect(after.text).toContain('100%');

    // Listed by its title; its card names the file it came from.
    const list = await ask(LAN_CHAT, LAN, '/tailieu');
    expect(list.text).toContain('2. <b>Nghị quyết lãnh đạo thực hiện nhiệm vụ năm 2025</b>');
    const open = list.buttons.find((b) => b.text === '2')!;
    await server.pressButton(LAN_CHAT, LAN, list, open.callback_data);
    const card = await server.waitForBotMessage(
      LAN_CHAT.id,
      (m) => m.messageId === list.messageId && m.text.includes('📄'),
    );
    expect(card.text).toContain('Tệp: <i>báo cáo quý IV.docx</i>');
  });

  test('a non-admin upload is refused and nothing is downloaded', async () => {
    const downloads = server.calls.filter((c) => c.method === 'getFile').length;
    const reply = await sendFile(BINH_CHAT, BINH, { name: 'chỉ thị.docx', content: await makeDocx() });
    expect(reply.text).toContain('chỉ quản trị viên của bot mới nạp được tài liệu');
    expect(server.calls.filter((c) => c.method === 'getFile')).toHaveLength(downloads);
    expect(fs.existsSync(path.join(dataDir, 'chỉ thị.docx'))).toBe(false);
  });

  test('in a group, an admin file is taken only when the caption mentions the bot', async () => {
    const pdf = await makeTextPdf([
      {
        paragraphs: [
          'Kế hoạch diễn tập phòng thủ khu vực năm 2025 của Ban Chỉ huy Quân sự huyện Ninh Phước.',
        ],
      },
    ]);
    await server.userSendsDocument(GROUP, LAN, { name: 'kế hoạch diễn tập.pdf', content: pdf });
    const done = await sendFile(GROUP, LAN, {
      name: 'kế hoạch diễn tập.pdf',
      content: pdf,
      caption: `@${server.botInfo.username} nạp giúp`,
    });
    expect(done.text).toContain('✅ Đã nạp');
    expect(server.botMessages(GROUP.id)).toHaveLength(1);
    const answer = await ask(GROUP, LAN, '/hoi kế hoạch diễn tập phòng thủ khu vực Ninh Phước');
    // Cited by the unit the document is about, never by its file name on the server.
    expect(answer.text).toContain('Ban CHQS huyện Ninh Phước');
    expect(answer.text).not.toContain('.pdf');
  });

  test.each<[string, () => Promise<{ name: string; content: Buffer; declaredSize?: number }>, RegExp]>([
    [
      'an oversized file',
      async () => ({
        name: 'báo cáo năm.pdf',
        content: Buffer.from('%PDF-1.4'),
        declaredSize: 25 * 1024 * 1024,
      }),
      /^Tệp báo cáo năm\.pdf quá lớn \(tối đa 20 MB\)/,
    ],
    [
      'a broken .docx',
      async () => ({
        name: 'hỏng.docx',
        content: Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(400, 9)]),
      }),
      /^❌ Không đọc được tệp hỏng\.docx: /,
    ],
    [
      'a password-protected PDF',
      async () => ({
        name: 'mật.pdf',
        content: await makeEncryptedPdf(await makeTextPdf([{ paragraphs: ['Tài liệu mật.'] }])),
      }),
      /^❌ Không đọc được tệp mật\.pdf: tệp PDF được đặt mật khẩu/,
    ],
  ])('%s gets a clear message and changes nothing', async (_label, make, message) => {
    const files = fs.readdirSync(dataDir).sort();
    const reply = await sendFile(LAN_CHAT, LAN, await make());
    expect(reply.text).toMatch(message);
    expect(reply.text).not.toContain(tmp);
    expect(fs.readdirSync(dataDir).sort()).toEqual(files);
  });

  test('/xoa asks for confirmation, then removes the document and its file', async () => {
    const confirm = await ask(LAN_CHAT, LAN, '/xoa bao cao quy IV');
    expect(confirm.text).toContain('Xóa tài liệu này khỏi thư viện?');
    const remove = confirm.buttons.find((b) => b.text.includes('Xóa'))!;
    await server.pressButton(LAN_CHAT, LAN, confirm, remove.callback_data);
    const done = await server.waitForBotMessage(
      LAN_CHAT.id,
      (m) => m.messageId === confirm.messageId && m.text.startsWith('🗑'),
    );
    expect(done.text).toContain('đã được xóa khỏi thư mục dữ liệu');
    expect(fs.existsSync(path.join(dataDir, 'báo cáo quý IV.docx'))).toBe(false);
    const after = await ask(LAN_CHAT, LAN, QUESTION);
    expect(after.text).not.toContain('Nghị quyết lãnh đạo thực hiện nhiệm vụ năm 2025');
  });

  test('the token never reaches the logs; SIGTERM finishes cleanly', async () => {
    expect(proc.output()).not.toContain(server.token);
    proc.child.kill('SIGTERM');
    expect(await proc.exited).toBe(0);
  });
});
