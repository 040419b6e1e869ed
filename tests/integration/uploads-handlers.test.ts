/**
 * Uploads and /xoa through the real bot (createBot with the uploads feature) against the recording
 * stub of the Bot API, a real library over a real app (SQLite in a temp dir, keyword search), and a
 * small file server on 127.0.0.1 standing in for Telegram's file downloads.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Bot, Transformer } from 'grammy';
import type { Chat, Message, Update, User } from 'grammy/types';
import { openApp, type App } from '../../src/app';
import type { BotContextWith, BotServices } from '../../src/bot/context';
import { createBot } from '../../src/bot/create-bot';
import { createUploadsFeature, formatStage, nameForMime } from '../../src/bot/features/uploads';
import { createBotServices } from '../../src/bot/start';
import { createDocumentLibrary, type DocumentLibrary } from '../../src/documents/library';
import {
  ALICE,
  BOB,
  captureLogger,
  FakeBotApi,
  GROUP,
  PRIVATE_CHAT,
  sentMessage,
  TEST_BOT_INFO,
  testConfig,
  UpdateFactory,
} from '../helpers/fake-bot-api';
import { FIXTURE, makeDocx, makePng, requireTesseract } from '../helpers/make-fixtures';
import { makeTempDir, type TempDir } from '../helpers/temp-dir';

const TOKEN = '123456:TEST-token-never-logged';
const MB = 1024 * 1024;

/** Files Telegram holds, served like https://api.telegram.org/file/bot<token>/<file_path>. */
class FileServer {
  readonly files = new Map<string, { path: string; content: Buffer; reportedSize?: number }>();
  readonly downloads: string[] = [];
  /** Ids getFile knows but whose download fails (expired links, network trouble). */
  readonly unserved = new Set<string>();
  private server = http.createServer((req, res) => {
    const url = decodeURIComponent(req.url ?? '');
    this.downloads.push(url);
    const file = [...this.files.entries()].find(
      ([id, f]) => !this.unserved.has(id) && url === `/file/bot${TOKEN}/${f.path}`,
    )?.[1];
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(file.content);
  });
  url = '';

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  add(id: string, name: string, content: Buffer, reportedSize?: number): void {
    this.files.set(id, { path: `documents/${id}-${name}`, content, reportedSize });
  }

  /** Answers getFile from the registered files (outermost transformer: FakeBotApi still records). */
  readonly getFile: Transformer = async (prev, method, payload, signal) => {
    const result = await prev(method, payload, signal);
    if (method !== 'getFile') return result;
    const id = String((payload as { file_id: string }).file_id);
    const file = this.files.get(id);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    if (!file) return { ok: false, error_code: 400, description: 'Bad Request: invalid file_id' } as any;
    return {
      ok: true,
      result: {
        file_id: id,
        file_unique_id: id,
        file_size: file.reportedSize ?? file.content.length,
        file_path: file.path,
      },
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
    } as any;
  };
}

const files = new FileServer();
beforeAll(() => files.start());
afterAll(() => files.stop());

interface Harness {
  bot: Bot<BotContextWith<BotServices & { library: DocumentLibrary }>>;
  api: FakeBotApi;
  app: App;
  dataDir: string;
  tmp: TempDir;
  now: { value: Date };
  updates: UpdateFactory;
  send(update: Update): Promise<void>;
  /** The status message's text after every edit, or the last text sent. */
  finalText(): string;
}

const harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) {
    await h.app.close();
    h.tmp.remove();
  }
  files.files.clear();
  files.unserved.clear();
  files.downloads.length = 0;
});

async function setup(env: Record<string, string> = {}): Promise<Harness> {
  const tmp = makeTempDir('chithi-uploads-');
  const dataDir = path.join(tmp.path, 'data');
  fs.mkdirSync(dataDir);
  const config = testConfig({
    ADMIN_USER_IDS: String(ALICE.id),
    TELEGRAM_API_ROOT: files.url,
    DATA_DIR: dataDir,
    INDEX_DIR: path.join(tmp.path, 'index'),
    ...env,
  });
  expect(config.telegramToken).toBe(TOKEN);
  const app = await openApp(config, { semantic: false, notice: () => undefined });
  const now = { value: new Date('2025-03-10T08:00:00+07:00') };
  const services = {
    ...createBotServices(app, captureLogger().logger, () => now.value),
    library: createDocumentLibrary({ app, dataDir }),
  };
  const bot = createBot(config, services, {
    botInfo: TEST_BOT_INFO,
    features: [createUploadsFeature({ progressIntervalMs: 0 })],
  });
  const api = new FakeBotApi().install(bot);
  bot.api.config.use(files.getFile);
  const h: Harness = {
    bot,
    api,
    app,
    dataDir,
    tmp,
    now,
    updates: new UpdateFactory(),
    send: (u) => bot.handleUpdate(u),
    finalText() {
      const edits = api.of('editMessageText');
      return String(edits.at(-1)?.text ?? api.texts().at(-1));
    },
  };
  harnesses.push(h);
  return h;
}

let nextId = 5000;

/** A document message as Telegram delivers it (sent or forwarded). */
function documentUpdate(options: {
  name?: string;
  fileId: string;
  size?: number;
  mime?: string;
  from?: User;
  chat?: Chat;
  caption?: string;
}): Update {
  const from = options.from ?? ALICE;
  const caption = options.caption;
  const mention = caption ? /@[a-zA-Z0-9_]{5,32}/.exec(caption) : null;
  return {
    update_id: nextId++,
    message: {
      message_id: nextId++,
      date: Math.floor(Date.now() / 1000),
      chat: options.chat ?? PRIVATE_CHAT(from),
      from,
      document: {
        file_id: options.fileId,
        file_unique_id: options.fileId,
        ...(options.name !== undefined ? { file_name: options.name } : {}),
        ...(options.mime ? { mime_type: options.mime } : {}),
        ...(options.size !== undefined ? { file_size: options.size } : {}),
      },
      ...(caption ? { caption } : {}),
      ...(mention
        ? { caption_entities: [{ type: 'mention', offset: mention.index, length: mention[0].length }] }
        : {}),
    } as Message,
  } as Update;
}

function buttons(payload: Record<string, unknown> | undefined): { text: string; callback_data: string }[] {
  const markup = payload?.reply_markup as
    { inline_keyboard: { text: string; callback_data: string }[][] } | undefined;
  return markup?.inline_keyboard.flat() ?? [];
}

async function upload(
  h: Harness,
  name: string,
  content: Buffer,
  extra: Partial<Parameters<typeof documentUpdate>[0]> = {},
) {
  const fileId = `f${nextId++}`;
  files.add(fileId, name, content);
  const update = documentUpdate({ name, fileId, size: content.length, ...extra });
  await h.send(update);
  return update;
}

describe('uploads by an admin', () => {
  test('a private .docx is downloaded, stored, ingested; one message shows progress then the result', async () => {
    const h = await setup();
    const update = await upload(h, 'báo cáo quý IV.docx', await makeDocx());

    const [status] = h.api.of('sendMessage');
    expect(h.api.of('sendMessage')).toHaveLength(1);
    expect(status!.text).toBe(formatStage('báo cáo quý IV.docx', { stage: 'download' }));
    expect(status!.reply_parameters).toMatchObject({ message_id: update.message!.message_id });
    expect(h.api.of('getFile')).toEqual([{ file_id: expect.stringMatching(/^f\d+$/) }]);
    expect(files.downloads).toHaveLength(1);

    const edits = h.api.of('editMessageText');
    expect(edits.map((e) => e.message_id)).toEqual(edits.map(() => 10_000));
    expect(edits.map((e) => e.parse_mode)).toEqual(edits.map(() => 'HTML'));
    expect(edits[0]!.text).toBe('📖 Đang đọc <i>báo cáo quý IV.docx</i>…');
    const done = h.finalText();
    expect(done).toContain(`✅ Đã nạp <b>${FIXTURE.title}</b>`);
    expect(done).toMatch(/Tệp <i>báo cáo quý IV\.docx<\/i> · \d+ đoạn/);
    expect(done).toContain('/xoa');

    expect(fs.readdirSync(h.dataDir)).toEqual(['báo cáo quý IV.docx']);
    const answer = await h.app.engine.ask('100% tổ chức đảng, đảng viên hoàn thành nhiệm vụ');
    expect(answer.results[0]!.source.file).toBe('báo cáo quý IV.docx');

    await h.send(h.updates.message('/tailieu'));
    expect(h.api.texts().at(-1)).toContain(FIXTURE.title);
  });

  test('the reply lists the facts found: chairs by name, targets, deadlines', async () => {
    const h = await setup();
    const report =
      'Hội nghị tổng kết công tác năm 2024\n\n' +
      'Sáng 3/12/2024, Đảng ủy BĐBP tỉnh tổ chức hội nghị tổng kết. Đồng chí Ngô Văn Lãng, Bí thư Đảng ủy, ' +
      'Chính ủy BĐBP tỉnh chủ trì hội nghị.\n\n' +
      'Năm 2025 phấn đấu 100% tổ chức đảng hoàn thành tốt nhiệm vụ; giảm 10% số vụ buôn lậu. ' +
      'Các đơn vị hoàn thành báo cáo trước ngày 15/12/2025.\n';
    await upload(h, 'tổng kết 2024.txt', Buffer.from(report));
    const done = h.finalText();
    expect(done).toContain('Thông tin trích được:');
    expect(done).toContain('• Chủ trì: Đồng chí Ngô Văn Lãng, Bí thư Đảng ủy, Chính ủy BĐBP tỉnh');
    expect(done).toMatch(/\d+ chỉ tiêu/);
    expect(done).toMatch(/\d+ mốc thời hạn/);
  });

  test('a forwarded file in a group with a caption mentioning the bot is taken', async () => {
    const h = await setup();
    await upload(
      h,
      'chỉ thị 05.txt',
      Buffer.from('Chỉ thị số 05 về tăng cường công tác tuần tra biên giới.'),
      {
        chat: GROUP,
        caption: `@${TEST_BOT_INFO.username} nạp giúp chỉ thị này`,
      },
    );
    expect(h.api.of('sendMessage')[0]!.chat_id).toBe(GROUP.id);
    expect(h.finalText()).toContain('✅ Đã nạp');
    expect(fs.readdirSync(h.dataDir)).toEqual(['chỉ thị 05.txt']);
  });

  test('in a group, a file not addressed to the bot is ignored, even from an admin', async () => {
    const h = await setup();
    await upload(h, 'chỉ thị 05.txt', Buffer.from('Chỉ thị số 05.'), { chat: GROUP });
    await upload(h, 'chỉ thị 06.txt', Buffer.from('Chỉ thị số 06.'), {
      chat: GROUP,
      caption: 'gửi anh em tham khảo',
    });
    expect(h.api.calls).toEqual([]);
    expect(fs.readdirSync(h.dataDir)).toEqual([]);
  });

  test('a document Telegram sent without a name is named from its type', async () => {
    const h = await setup();
    const fileId = 'unnamed';
    const docx = await makeDocx();
    files.add(fileId, 'x', docx);
    await h.send(
      documentUpdate({
        fileId,
        size: docx.length,
        mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      }),
    );
    expect(fs.readdirSync(h.dataDir)).toEqual(['tai-lieu.docx']);
  });

  test('the same file twice is not stored twice', async () => {
    const h = await setup();
    const docx = await makeDocx();
    await upload(h, 'nghị quyết.docx', docx);
    await upload(h, 'nghị quyết (bản chuyển tiếp).docx', docx);
    expect(h.finalText()).toContain('ℹ️ Tài liệu này đã có trong thư viện');
    expect(fs.readdirSync(h.dataDir)).toEqual(['nghị quyết.docx']);
  });

  test('a photographed page (PNG) shows the OCR stage and is marked as OCR in the result', async () => {
    await requireTesseract();
    const h = await setup();
    await upload(h, 'công văn chụp.png', await makePng(['Công văn về việc tăng cường tuần tra biên giới.']));
    const edits = h.api.of('editMessageText').map((e) => String(e.text));
    expect(edits[0]).toBe('🔎 Đang nhận dạng chữ (OCR) trong <i>công văn chụp.png</i>… có thể mất vài phút.');
    expect(h.finalText()).toMatch(/· \d+ đoạn · bản quét, đã nhận dạng chữ \(OCR\)/);
    const answer = await h.app.engine.ask('tăng cường tuần tra biên giới');
    expect(answer.results[0]?.source.file).toBe('công văn chụp.png');
  }, 120_000);

  test('names are escaped in HTML', async () => {
    const h = await setup();
    await upload(h, 'Đảng & chính quyền.txt', Buffer.from('Đảng ủy và chính quyền phối hợp chặt chẽ.'));
    expect(h.api.texts()[0]).toContain('Đảng &amp; chính quyền.txt');
    expect(h.finalText()).toContain('<b>Đảng &amp; chính quyền</b>');
  });
});

describe('refusals', () => {
  test.each<[string, User, Chat, string | undefined]>([
    ['a non-admin in private', BOB, PRIVATE_CHAT(BOB), undefined],
    ['a non-admin in a group, mentioning the bot', BOB, GROUP, `@${TEST_BOT_INFO.username} nạp giúp`],
  ])('%s gets a polite refusal; nothing is downloaded', async (_label, from, chat, caption) => {
    const h = await setup();
    await upload(h, 'nghị quyết.docx', await makeDocx(), { from, chat, ...(caption ? { caption } : {}) });
    expect(h.api.texts()).toEqual([
      'Xin lỗi, chỉ quản trị viên của bot mới nạp được tài liệu. Nếu cần bổ sung văn bản, anh/chị vui lòng gửi tệp cho quản trị viên ạ.',
    ]);
    expect(h.api.of('getFile')).toEqual([]);
    expect(files.downloads).toEqual([]);
    expect(fs.readdirSync(h.dataDir)).toEqual([]);
  });

  test('a non-admin in a group without mentioning the bot is ignored', async () => {
    const h = await setup();
    await upload(h, 'nghị quyết.docx', await makeDocx(), { from: BOB, chat: GROUP });
    expect(h.api.calls).toEqual([]);
  });

  test.each<[string, Partial<Parameters<typeof documentUpdate>[0]>, RegExp[]]>([
    [
      'a declared size over 20 MB',
      { name: 'báo cáo năm.pdf', size: 25 * MB },
      [
        /^Tệp báo cáo năm\.pdf quá lớn \(tối đa 20 MB\)/,
        /Telegram chỉ cho bot tải tệp đến 20 MB/,
        /\/reindex/,
      ],
    ],
    [
      'an unsupported type',
      { name: 'bảng lương.xlsx', size: 2000 },
      [/^Chưa hỗ trợ định dạng của tệp bảng lương\.xlsx\./, /Bot đọc được các tệp: \.docx, \.pdf/],
    ],
    [
      'an old Word file',
      { name: 'công văn cũ.doc', size: 2000 },
      [/^Chưa hỗ trợ định dạng của tệp công văn cũ\.doc\./, /lưu lại dưới dạng \.docx rồi gửi lại/],
    ],
    ['an empty file', { name: 'trống.txt', size: 0 }, [/^Tệp trống\.txt không có nội dung văn bản\.$/]],
  ])('%s is refused before any download', async (_label, doc, messages) => {
    const h = await setup();
    await h.send(documentUpdate({ fileId: 'never', ...doc }));
    expect(h.api.of('sendMessage')).toHaveLength(1);
    for (const m of messages) expect(h.api.texts()[0]).toMatch(m);
    expect(h.api.of('getFile')).toEqual([]);
    expect(files.downloads).toEqual([]);
  });

  test('a file over 20 MB that did not declare its size is refused after getFile, before downloading', async () => {
    const h = await setup();
    files.add('big', 'scan.pdf', Buffer.from('%PDF-1.4'), 21 * MB);
    await h.send(documentUpdate({ name: 'scan.pdf', fileId: 'big' }));
    expect(h.api.of('getFile')).toHaveLength(1);
    expect(files.downloads).toEqual([]);
    expect(h.finalText()).toMatch(/^Tệp scan\.pdf quá lớn \(tối đa 20 MB\)/);
  });

  test('a broken .docx gets the reader message and leaves nothing in DATA_DIR or the index', async () => {
    const h = await setup();
    await upload(h, 'nghị quyết.docx', await makeDocx());
    const before = h.app.documents();
    await upload(h, 'hỏng.docx', Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(500, 3)]));
    expect(h.finalText()).toMatch(/^❌ Không đọc được tệp hỏng\.docx: /);
    expect(h.finalText()).not.toContain(h.dataDir);
    expect(fs.readdirSync(h.dataDir)).toEqual(['nghị quyết.docx']);
    expect(h.app.documents()).toEqual(before);
  });

  test('a failed download gets a clear message', async () => {
    const h = await setup();
    files.add('gone', 'x.txt', Buffer.from('abc'));
    files.unserved.add('gone');
    await h.send(documentUpdate({ name: 'x.txt', fileId: 'gone', size: 3 }));
    expect(files.downloads).toHaveLength(1);
    expect(h.finalText()).toBe(
      '❌ Không tải được tệp x.txt từ Telegram. Anh/chị vui lòng gửi lại sau ít phút.',
    );
    expect(fs.readdirSync(h.dataDir)).toEqual([]);
  });
});

describe('/xoa', () => {
  async function withTwoDocuments() {
    const h = await setup();
    await upload(h, 'nghị quyết 2025.docx', await makeDocx());
    await upload(
      h,
      'báo cáo quý IV.txt',
      Buffer.from('Báo cáo kết quả công tác quý IV năm 2024 của đơn vị.'),
    );
    await upload(h, 'báo cáo tổng kết.txt', Buffer.from('Báo cáo tổng kết công tác năm 2024.'));
    h.api.clear();
    return h;
  }

  /** Sends /xoa …, then returns the confirmation as Telegram would echo it with a button press. */
  async function ask(h: Harness, text: string) {
    await h.send(h.updates.message(text));
    const sent = h.api.of('sendMessage').at(-1)!;
    return { sent, message: sentMessage(sent, 9000), buttons: buttons(sent) };
  }

  test.each<[string, string]>([
    ['/xoa', 'Cách dùng: <code>/xoa số</code>'],
    ['/xoa quyết định', 'Không tìm thấy tài liệu nào khớp “quyết định”'],
    ['/xoa 9', 'Không tìm thấy tài liệu nào khớp “9”'],
  ])('%j → %j', async (text, expected) => {
    const h = await withTwoDocuments();
    await h.send(h.updates.message(text));
    expect(h.api.texts()).toHaveLength(1);
    expect(h.api.texts()[0]).toContain(expected);
  });

  test('several matches are listed with their /tailieu numbers', async () => {
    const h = await withTwoDocuments();
    await h.send(h.updates.message('/xoa bao cao'));
    const text = h.api.texts()[0]!;
    expect(text).toContain('Có 2 tài liệu khớp “bao cao”');
    expect(text).toContain('2. <b>báo cáo quý IV</b>');
    expect(text).toContain('3. <b>Báo cáo tổng kết công tác năm 2024</b>');
    expect(buttons(h.api.of('sendMessage')[0])).toEqual([]);
  });

  test('a non-admin is refused', async () => {
    const h = await withTwoDocuments();
    await h.send(h.updates.message('/xoa 1', { from: BOB }));
    expect(h.api.texts()).toEqual(['Lệnh này chỉ dành cho quản trị viên của bot.']);
  });

  test('"Hủy" keeps the document; "Xóa" removes it and its file', async () => {
    const h = await withTwoDocuments();
    const first = await ask(h, '/xoa bao cao quy IV');
    expect(first.sent.text).toContain('Xóa tài liệu này khỏi thư viện?\n2. <b>báo cáo quý IV</b>');
    expect(first.buttons.map((b) => b.text)).toEqual(['🗑 Xóa', 'Hủy']);
    for (const b of first.buttons) expect(Buffer.byteLength(b.callback_data)).toBeLessThanOrEqual(64);

    await h.send(h.updates.callback(first.buttons[1]!.callback_data, first.message));
    expect(h.api.of('answerCallbackQuery').at(-1)).toMatchObject({ text: 'Đã hủy.' });
    expect(h.finalText()).toBe('Đã hủy. Tài liệu <b>báo cáo quý IV</b> vẫn được giữ nguyên.');
    expect(h.app.documents()).toHaveLength(3);

    const second = await ask(h, '/xoa 2');
    await h.send(h.updates.callback(second.buttons[0]!.callback_data, second.message));
    expect(h.finalText()).toMatch(
      /^🗑 Đã xóa <b>báo cáo quý IV<\/b>: 1 đoạn đã gỡ khỏi chỉ mục và tệp <i>báo cáo quý IV\.txt<\/i> đã được xóa khỏi thư mục dữ liệu\.$/,
    );
    expect(fs.readdirSync(h.dataDir).sort()).toEqual(['báo cáo tổng kết.txt', 'nghị quyết 2025.docx']);
    expect(h.app.documents().map((d) => d.title)).not.toContain('báo cáo quý IV');
    const answer = await h.app.engine.ask('kết quả công tác quý IV');
    expect(answer.results.map((r) => r.source.title)).not.toContain('báo cáo quý IV');

    // The same button again: used once only.
    await h.send(h.updates.callback(second.buttons[0]!.callback_data, second.message));
    expect(h.api.of('answerCallbackQuery').at(-1)).toMatchObject({
      text: 'Yêu cầu xóa này đã hết hạn. Anh/chị vui lòng gõ lại /xoa.',
    });
    expect(h.app.documents()).toHaveLength(2);
  });

  test('a confirmation older than 10 minutes has expired and removes nothing', async () => {
    const h = await withTwoDocuments();
    const { buttons: b, message } = await ask(h, '/xoa 1');
    h.now.value = new Date(h.now.value.getTime() + 10 * 60 * 1000 + 1);
    await h.send(h.updates.callback(b[0]!.callback_data, message));
    expect(h.api.of('answerCallbackQuery').at(-1)).toMatchObject({
      text: 'Yêu cầu xóa này đã hết hạn. Anh/chị vui lòng gõ lại /xoa.',
    });
    expect(h.finalText()).toBe('Yêu cầu xóa này đã hết hạn. Anh/chị vui lòng gõ lại /xoa.');
    expect(h.app.documents()).toHaveLength(3);
    expect(fs.readdirSync(h.dataDir)).toHaveLength(3);
  });

  test('a non-admin pressing "Xóa" is refused and the request stays usable', async () => {
    const h = await withTwoDocuments();
    const { buttons: b, message } = await ask(h, '/xoa 1');
    await h.send(h.updates.callback(b[0]!.callback_data, message, BOB));
    expect(h.api.of('answerCallbackQuery').at(-1)).toMatchObject({
      text: 'Lệnh này chỉ dành cho quản trị viên của bot.',
    });
    expect(h.app.documents()).toHaveLength(3);
    await h.send(h.updates.callback(b[0]!.callback_data, message, ALICE));
    expect(h.app.documents()).toHaveLength(2);
  });

  test('a document removed meanwhile is reported as gone', async () => {
    const h = await withTwoDocuments();
    const a = await ask(h, '/xoa 3');
    const b = await ask(h, '/xoa 3');
    await h.send(h.updates.callback(a.buttons[0]!.callback_data, a.message));
    await h.send(h.updates.callback(b.buttons[0]!.callback_data, b.message));
    expect(h.finalText()).toBe(
      'Tài liệu <b>Báo cáo tổng kết công tác năm 2024</b> không còn trong thư viện (có thể đã được xóa trước đó).',
    );
    expect(h.app.documents()).toHaveLength(2);
  });
});

test.each([
  ['application/pdf', 'tai-lieu.pdf'],
  ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'tai-lieu.docx'],
  ['TEXT/PLAIN', 'tai-lieu.txt'],
  ['image/jpeg', 'tai-lieu.jpg'],
  ['application/zip', 'tai-lieu'],
  [undefined, 'tai-lieu'],
])('nameForMime(%j) → %j', (mime, name) => {
  expect(nameForMime(mime)).toBe(name);
});

describe('limits and names', () => {
  test('12 files in a minute (question limit 10) are all stored and answered; questions stay open', async () => {
    const h = await setup({ RATE_LIMIT_PER_MINUTE: '10' });
    for (let i = 1; i <= 12; i++) {
      await upload(h, `báo cáo tháng ${i}.txt`, Buffer.from(`Tháng ${i}: kết nạp ${i} đảng viên mới.`));
    }
    expect(fs.readdirSync(h.dataDir)).toHaveLength(12);
    expect(h.api.texts().join('\n')).not.toContain('hơi nhanh');
    expect(h.api.of('editMessageText').filter((e) => String(e.text).startsWith('✅ Đã nạp'))).toHaveLength(
      12,
    );
    await h.send(h.updates.message('kết nạp đảng viên mới'));
    expect(h.api.texts().at(-1)).not.toContain('hơi nhanh');
  });

  test('a file over the upload limit is answered with the wait, not dropped', async () => {
    const h = await setup();
    for (let i = 1; i <= 31; i++)
      await upload(h, `tệp ${i}.txt`, Buffer.from(`Nội dung số ${i} về biên giới.`));
    expect(fs.readdirSync(h.dataDir)).toHaveLength(30);
    expect(h.api.texts().at(-1)).toMatch(
      /^Anh\/chị gửi tệp hơi nhanh; tệp này chưa được nạp, vui lòng gửi lại sau \d+ giây\.$/,
    );
  });

  test('bidi overrides and control characters in a file name are not echoed', async () => {
    const h = await setup();
    await upload(
      h,
      'báo cáo \u202Etxt.exe\u202C\u0007.txt',
      Buffer.from('Đảng ủy lãnh đạo công tác biên phòng.'),
    );
    const shown = [h.api.texts()[0]!, h.finalText()].join('\n');
    expect(shown).toContain('báo cáo txt.exe.txt');
    expect(shown).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    expect(shown).not.toContain('\u0007');
  });
});
