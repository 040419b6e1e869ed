/**
 * /chutri, /chitieu, /nhiemvu through the real bot (createBot with the facts feature) against the
 * recording Bot API stub, over facts extracted by a real ingest into a real SQLite database.
 */
import path from 'node:path';
import type { Bot } from 'grammy';
import type { Message } from 'grammy/types';
import { openApp, type App } from '../../src/app';
import { BOT_COMMANDS, registerCommands } from '../../src/bot/commands';
import type { BotContextWith } from '../../src/bot/context';
import { createBot } from '../../src/bot/create-bot';
import { FACTS_COMMANDS, factsFeature } from '../../src/bot/features/facts';
import { TELEGRAM_MESSAGE_LIMIT } from '../../src/bot/format';
import { createFactsService, type FactsService } from '../../src/facts/service';
import {
  ALICE,
  BOB,
  createTestServices,
  FakeBotApi,
  FORUM,
  GROUP,
  sentMessage,
  TEST_BOT_INFO,
  testConfig,
  UpdateFactory,
  type TestServices,
} from '../helpers/fake-bot-api';
import { makeTempDir, type TempDir } from '../helpers/temp-dir';

const QUANG_TRI = `BĐBP tỉnh Quảng Trị tổng kết công tác năm 2024

Sáng 3/12, Đảng ủy Bộ đội Biên phòng tỉnh Quảng Trị tổ chức Hội nghị tổng kết công tác lãnh đạo
thực hiện nhiệm vụ năm 2024, triển khai phương hướng, nhiệm vụ năm 2025. Đồng chí Thượng tá Võ
Thanh Hải, Bí thư Đảng ủy, Chính ủy BĐBP tỉnh chủ trì hội nghị. Dự và chỉ đạo hội nghị có đồng chí
Thiếu tướng Nguyễn Anh Tuấn, Phó Chính ủy BĐBP.

Phương hướng, nhiệm vụ năm 2025

Đảng ủy BĐBP tỉnh xác định tiếp tục quán triệt, triển khai thực hiện nghiêm Nghị quyết số 33-NQ/TW
của Bộ Chính trị về Chiến lược bảo vệ biên giới quốc gia. Phấn đấu có 100% cán bộ, chiến sĩ hoàn
thành nhiệm vụ, trong đó có 80% hoàn thành tốt nhiệm vụ trở lên; kết nạp ít nhất 30 đảng viên mới.
`;

const PHU_YEN = `Hội nghị Ban Chấp hành Đảng bộ tỉnh Phú Yên lần thứ 25

Sáng 18/1, Ban Chấp hành Đảng bộ tỉnh Phú Yên khóa XVII tổ chức Hội nghị lần thứ 25. Đồng chí Phạm
Đại Dương, Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy và đồng chí Cao Thị Hòa An, Phó Bí thư Thường
trực Tỉnh ủy, Chủ tịch HĐND tỉnh đồng chủ trì hội nghị.
`;

/** Eight numbered targets for 2026 (two pages), one with markup-like text and an ampersand. */
const KHANH_HOA = `NGHỊ QUYẾT VỀ KẾ HOẠCH PHÁT TRIỂN KINH TẾ - XÃ HỘI TỈNH KHÁNH HÒA NĂM 2026
Khánh Hòa, ngày 10 tháng 12 năm 2025

Tại kỳ họp thứ 22, HĐND tỉnh Khánh Hòa khóa VII đã thông qua Nghị quyết số 62/NQ-HĐND về kế hoạch
phát triển KT-XH năm 2026.

II. CÁC CHỈ TIÊU KINH TẾ - XÃ HỘI CHỦ YẾU NĂM 2026
1. Tốc độ tăng trưởng GRDP đạt 9–9,5%.
2. GRDP bình quân đầu người đạt khoảng 120 triệu đồng.
3. Tỷ lệ hộ nghèo theo chuẩn đa chiều giảm 1,5%.
4. Tổng vốn đầu tư phát triển toàn xã hội đạt 74.000 tỷ đồng.
5. Tỷ lệ <b>đô thị hóa</b> & chỉnh trang đô thị đạt 52%.
6. Tỷ lệ dân số tham gia bảo hiểm y tế đạt 95%.
7. Tỷ lệ trường học đạt chuẩn quốc gia đạt 70%.
8. Tỷ lệ chất thải rắn sinh hoạt được thu gom đạt 98%.
`;

let dir: TempDir;
let app: App;

beforeAll(async () => {
  dir = makeTempDir('chithi-bot-facts-');
  dir.write('data/bdbp-quang-tri-tong-ket-2024.txt', QUANG_TRI);
  // Stored decomposed (NFD), as some editors save Vietnamese text.
  dir.write('data/tinh-uy-phu-yen-hoi-nghi-25.txt', PHU_YEN.normalize('NFD'));
  dir.write('data/hdnd-khanh-hoa-2026.txt', KHANH_HOA);
  app = await openApp(
    testConfig({ DATA_DIR: path.join(dir.path, 'data'), INDEX_DIR: path.join(dir.path, 'index') }),
    { semantic: false, notice: () => undefined },
  );
  await app.ingest();
});

afterAll(async () => {
  await app.close();
  dir.remove();
});

/** What the facts feature needs besides the bot's own services. */
type FactsServices = TestServices & { facts: FactsService };

interface Harness {
  bot: Bot<BotContextWith<FactsServices>>;
  api: FakeBotApi;
  services: TestServices;
  updates: UpdateFactory;
  send(update: ReturnType<UpdateFactory['message']>): Promise<void>;
}

function setup(options: { resultTtlMs?: number } = {}): Harness {
  const services = createTestServices();
  const withFacts: FactsServices = { ...services, facts: createFactsService(app.db) };
  const bot = createBot(app.config, withFacts, {
    botInfo: TEST_BOT_INFO,
    features: [factsFeature],
    ...options,
  });
  const api = new FakeBotApi().install(bot);
  const updates = new UpdateFactory();
  return { bot, api, services, updates, send: (u) => bot.handleUpdate(u) };
}

function buttons(payload: Record<string, unknown> | undefined): { text: string; callback_data: string }[] {
  const markup = payload?.reply_markup as
    { inline_keyboard: { text: string; callback_data: string }[][] } | undefined;
  return markup?.inline_keyboard.flat() ?? [];
}

/** Sends a command and returns the texts of the bot's replies to it. */
async function command(h: Harness, text: string, options: Parameters<UpdateFactory['message']>[1] = {}) {
  h.api.clear();
  const update = h.updates.message(text, options);
  await h.send(update);
  return { update, sends: h.api.of('sendMessage'), text: h.api.texts().join('\n') };
}

/** The bot message a button press comes from, echoing the asker's message it replied to. */
function pressedMessage(payload: Record<string, unknown>, messageId: number, asker?: Message): Message {
  return { ...sentMessage(payload, messageId), ...(asker ? { reply_to_message: asker } : {}) } as Message;
}

describe('/chutri', () => {
  test('lists every meeting with its chairs and sources, replying to the asker in HTML', async () => {
    const h = setup();
    const { update, sends, text } = await command(h, '/chutri');
    expect(sends).toHaveLength(1);
    expect(sends[0]!.parse_mode).toBe('HTML');
    expect(sends[0]!.reply_parameters).toEqual({
      message_id: update.message!.message_id,
      allow_sending_without_reply: true,
    });
    expect(text).toContain('Hội nghị, sự kiện và người chủ trì</b> (2 mục)');
    expect(text).toContain('Chủ trì: Thượng tá Võ Thanh Hải, Bí thư Đảng ủy, Chính ủy BĐBP tỉnh');
    expect(text).toContain('Dự: Thiếu tướng Nguyễn Anh Tuấn, Phó Chính ủy BĐBP');
    // Names keep their diacritics even though the document was stored decomposed.
    expect(text).toContain('Chủ trì: Đồng chí Phạm Đại Dương');
    expect(text).toContain('Cao Thị Hòa An'.normalize('NFC'));
    expect(text).toMatch(/BĐBP tỉnh Quảng Trị tổng kết công tác năm 2024 · đoạn \d+/);
    // Sources are cited by title and unit, never by a file name.
    expect(text).not.toContain('.txt');
    // The data folder of the server is not shown.
    expect(text).not.toContain(dir.path);
    expect(buttons(sends[0])).toEqual([]);
  });

  test.each<[string, string[], string[]]>([
    ['/chutri Phú Yên', ['Phạm Đại Dương'], ['Võ Thanh Hải']],
    ['/chutri phu yen', ['Phạm Đại Dương'], ['Võ Thanh Hải']],
    ['/chutri ' + 'Phú Yên'.normalize('NFD'), ['Phạm Đại Dương'], ['Võ Thanh Hải']],
    ['/chutri QUẢNG TRỊ', ['Võ Thanh Hải'], ['Phạm Đại Dương']],
    ['/chutri vo thanh hai', ['Võ Thanh Hải'], ['Phạm Đại Dương']],
    ['/chutri Thượng tá', ['Võ Thanh Hải'], ['Phạm Đại Dương']],
    ['/chutri hoi nghi dang uy', ['Võ Thanh Hải', 'Phạm Đại Dương'], []],
    ['/chutri ai chủ trì hội nghị Phú Yên?', ['Phạm Đại Dương'], ['Võ Thanh Hải']],
    [`/chutri@${TEST_BOT_INFO.username} quang tri`, ['Võ Thanh Hải'], ['Phạm Đại Dương']],
  ])('%s', async (text, expected, excluded) => {
    const h = setup();
    const reply = await command(h, text);
    for (const name of expected) expect(reply.text).toContain(name);
    for (const name of excluded) expect(reply.text).not.toContain(name);
  });

  test('no meeting matches: a polite message suggesting /tailieu and /hoi, words escaped', async () => {
    const h = setup();
    const { text } = await command(h, '/chutri hội nghị <b>Cà Mau</b>');
    expect(text).toContain(
      'chưa tìm thấy hội nghị, sự kiện nào khớp với “hội nghị &lt;b&gt;Cà Mau&lt;/b&gt;”',
    );
    expect(text).toContain('/tailieu');
    expect(text).toContain('<code>/hoi ai chủ trì hội nghị</code>');
    expect(text).not.toContain('<b>Cà Mau</b>');
  });
});

describe('/chitieu and /nhiemvu', () => {
  test.each<[string, string[], string[]]>([
    ['/chitieu 2025', ['[2025]', '100% cán bộ'], ['[2026]', 'GRDP']],
    ['/chitieu năm 2025', ['[2025]', '100% cán bộ'], ['[2026]']],
    ['/chitieu nam 2026', ['[2026]', 'GRDP'], ['[2025]']],
    ['/chitieu 2026', ['Chỉ tiêu năm 2026</b> (8 mục, trang 1/2)', '<b>5.</b>'], ['<b>6.</b>']],
    ['/chitieu', ['Chỉ tiêu</b> (10 mục, trang 1/2)', '<code>/chitieu 2025</code>'], []],
    ['/nhiemvu 2025', ['Nhiệm vụ, phương hướng năm 2025', 'quán triệt'], ['[2026]']],
  ])('%s', async (text, expected, excluded) => {
    const h = setup();
    const reply = await command(h, text);
    for (const piece of expected) expect(reply.text).toContain(piece);
    for (const piece of excluded) expect(reply.text).not.toContain(piece);
    for (const t of h.api.texts()) expect(t.length).toBeLessThanOrEqual(TELEGRAM_MESSAGE_LIMIT);
  });

  test('the newest year comes first when no year is given', async () => {
    const h = setup();
    const { text } = await command(h, '/chitieu');
    expect(text.indexOf('[2026]')).toBeGreaterThan(-1);
    expect(text.indexOf('[2026]')).toBeLessThan(text.indexOf('Tổng vốn đầu tư'));
    expect(text).not.toContain('[2025]'); // on page 2
  });

  test.each([
    ['/chitieu abc', '“abc” không phải là một năm', '<code>/chitieu 2025</code>'],
    ['/chitieu 25', '“25” không phải là một năm', '<code>/chitieu 2025</code>'],
    ['/nhiemvu 3000', '“3000” không phải là một năm', '<code>/nhiemvu 2025</code>'],
    ['/chitieu <b>2025</b>', '“&lt;b&gt;2025&lt;/b&gt;” không phải là một năm', '/chitieu để xem tất cả'],
  ])('%s gets a clear message with an example', async (text, message, example) => {
    const h = setup();
    const reply = await command(h, text);
    expect(reply.sends).toHaveLength(1);
    expect(reply.text).toContain(message);
    expect(reply.text).toContain(example);
    expect(buttons(reply.sends[0])).toEqual([]);
  });

  test('a year without targets names the years that have some', async () => {
    const h = setup();
    const { text } = await command(h, '/chitieu 2030');
    expect(text).toContain('chưa tìm thấy chỉ tiêu nào của năm 2030');
    expect(text).toContain('Hiện có chỉ tiêu của các năm: 2026, 2025');
    expect(text).toContain('/tailieu');
    expect(text).toContain('<code>/hoi chỉ tiêu năm 2025 là gì</code>');
  });

  test('<b> written in a document comes back escaped', async () => {
    const h = setup();
    const { text } = await command(h, '/chitieu 2026');
    expect(text).toContain('Tỷ lệ &lt;b&gt;đô thị hóa&lt;/b&gt; &amp; chỉnh trang đô thị đạt 52%');
    expect(text).not.toContain('<b>đô thị hóa</b>');
  });
});

describe('paging', () => {
  test('"Trang sau" sends the next page to the asker, "Trang trước" goes back; every press answered', async () => {
    const h = setup();
    const first = await command(h, '/chitieu 2026');
    const page1 = first.sends.at(-1)!;
    expect(buttons(page1).map((b) => b.text)).toEqual(['Trang sau']);
    const next = buttons(page1)[0]!.callback_data;
    expect(Buffer.byteLength(next)).toBeLessThanOrEqual(64);

    h.api.clear();
    await h.send(h.updates.callback(next, pressedMessage(page1, 900, first.update.message)));
    expect(h.api.of('answerCallbackQuery')).toHaveLength(1);
    // The page already shown loses its buttons, so one press cannot send a page twice.
    expect(h.api.of('editMessageReplyMarkup')[0]).toMatchObject({
      message_id: 900,
      reply_markup: { inline_keyboard: [] },
    });
    const page2 = h.api.of('sendMessage').at(-1)!;
    expect(page2.reply_parameters).toMatchObject({ message_id: first.update.message!.message_id });
    expect(page2.text).toContain('trang 2/2');
    expect(page2.text).toContain('<b>6.</b>');
    expect(page2.text).toContain('<b>8.</b>');
    expect(page2.text).not.toContain('<b>5.</b>');
    expect(buttons(page2).map((b) => b.text)).toEqual(['Trang trước']);

    h.api.clear();
    await h.send(h.updates.callback(buttons(page2)[0]!.callback_data, pressedMessage(page2, 901)));
    expect(h.api.of('answerCallbackQuery')).toHaveLength(1);
    const back = h.api.of('sendMessage').at(-1)!;
    expect(back.text).toContain('trang 1/2');
    expect(back.text).toContain('<b>1.</b>');
    expect(back.reply_parameters).toMatchObject({ message_id: 901 });
    expect(buttons(back).map((b) => b.text)).toEqual(['Trang sau']);
  });

  test('an old button gets an expiry note and nothing else', async () => {
    const h = setup({ resultTtlMs: 60_000 });
    const first = await command(h, '/chitieu 2026');
    const page1 = first.sends.at(-1)!;
    h.services.now.value = new Date(h.services.now.value.getTime() + 61_000);
    h.api.clear();
    await h.send(h.updates.callback(buttons(page1)[0]!.callback_data, pressedMessage(page1, 900)));
    expect(h.api.of('answerCallbackQuery')).toEqual([
      expect.objectContaining({ text: expect.stringContaining('Danh sách này đã hết hạn') }),
    ]);
    expect(h.api.of('sendMessage')).toEqual([]);
  });

  test('a button from before a restart (unknown id) is answered as expired', async () => {
    const h = setup();
    await h.send(h.updates.callback('fp:AbCdEfGh:1', pressedMessage({ chat_id: ALICE.id, text: 'x' }, 5)));
    expect(h.api.of('answerCallbackQuery')[0]!.text).toContain('hết hạn');
    expect(h.api.of('sendMessage')).toEqual([]);
  });
});

describe('groups', () => {
  test('in a group the command is answered as a reply to the asker', async () => {
    const h = setup();
    const { update, sends, text } = await command(h, `/chitieu@${TEST_BOT_INFO.username} 2025`, {
      chat: GROUP,
      from: BOB,
    });
    expect(sends).toHaveLength(1);
    expect(sends[0]!.chat_id).toBe(GROUP.id);
    expect(sends[0]!.reply_parameters).toMatchObject({ message_id: update.message!.message_id });
    expect(text).toContain('100% cán bộ');
  });

  test('in a forum topic the list and its next page stay in the topic', async () => {
    const h = setup();
    const first = await command(h, '/chitieu 2026', { chat: FORUM, threadId: 77 });
    const page1 = first.sends.at(-1)!;
    expect(page1.message_thread_id).toBe(77);
    h.api.clear();
    await h.send(
      h.updates.callback(
        buttons(page1)[0]!.callback_data,
        pressedMessage(page1, 950, first.update.message),
        BOB,
      ),
    );
    const page2 = h.api.of('sendMessage').at(-1)!;
    expect(page2.message_thread_id).toBe(77);
    expect(page2.text).toContain('trang 2/2');
  });

  test('a plain group message that is not a command gets nothing', async () => {
    const h = setup();
    const { sends } = await command(h, 'chutri hội nghị', { chat: GROUP });
    expect(sends).toEqual([]);
  });
});

describe('command menu', () => {
  test('the three commands are registered with Vietnamese descriptions for private chats and groups', async () => {
    const h = setup();
    await registerCommands(h.bot.api, h.services.logger, [...BOT_COMMANDS, ...FACTS_COMMANDS]);
    const calls = h.api.of('setMyCommands');
    expect(calls.map((c) => c.scope)).toEqual([{ type: 'all_private_chats' }, { type: 'all_group_chats' }]);
    for (const call of calls) {
      const list = call.commands as { command: string; description: string }[];
      expect(list.map((c) => c.command)).toEqual(expect.arrayContaining(['chutri', 'chitieu', 'nhiemvu']));
      for (const c of list.filter((x) => ['chutri', 'chitieu', 'nhiemvu'].includes(x.command))) {
        expect(c.description.length).toBeGreaterThanOrEqual(3);
        expect(c.description.length).toBeLessThanOrEqual(256);
        expect(c.description).toMatch(/ví dụ: \/(chutri|chitieu|nhiemvu) /);
      }
    }
  });
});

describe('facts service', () => {
  test('a newly ingested document shows up in the next listing (cache follows the documents)', async () => {
    const facts = createFactsService(app.db);
    expect(facts.list('meeting', { words: 'Kiên Giang' })).toEqual([]);
    const file = dir.write(
      'extra/kien-giang.txt',
      'Sáng 5/3/2025, UBND tỉnh Kiên Giang tổ chức hội nghị triển khai chống khai thác IUU. ' +
        'Đồng chí Nguyễn Thanh Nhàn, Phó Chủ tịch UBND tỉnh chủ trì hội nghị.\n',
    );
    await app.ingest([file]);
    try {
      const found = facts.list('meeting', { words: 'kien giang' });
      expect(found.map((i) => i.stored.fact.chairs.map((c) => c.name))).toEqual([['Nguyễn Thanh Nhàn']]);
      expect(found[0]!.source?.file).toBe(file);
    } finally {
      const doc = app.documents().find((d) => d.file === file);
      if (doc) await app.removeDocument(doc.id);
    }
    expect(facts.list('meeting', { words: 'Kiên Giang' })).toEqual([]);
  });
});
