/**
 * The real bot (createBot with all features) driven through bot.handleUpdate against a recording
 * stub of the Bot API.
 */
import path from 'node:path';
import { InputFile, type Bot } from 'grammy';
import type { Message } from 'grammy/types';
import { createBot } from '../../src/bot/create-bot';
import type { BotContextWith, DocumentSummary } from '../../src/bot/context';
import { emptyProfile } from '../../src/profile/profile';
import { describeProfile } from '../../src/profile/describe';
import { TELEGRAM_MESSAGE_LIMIT } from '../../src/bot/format';
import type { AskResult, SearchResult } from '../../src/search/types';
import { createError } from '../../src/errors';
import { stripUnsafeChars } from '../../src/text/safe-text';
import {
  ALICE,
  BOB,
  captureLogger,
  createFakeRetriever,
  createTestServices,
  FakeBotApi,
  FORUM,
  GROUP,
  PRIVATE_CHAT,
  SAMPLE_RESULTS,
  sentMessage,
  TEST_BOT_INFO,
  testConfig,
  UpdateFactory,
  type TestServices,
} from '../helpers/fake-bot-api';
import { makeTempDir } from '../helpers/temp-dir';

interface Harness {
  bot: Bot<BotContextWith<TestServices>>;
  api: FakeBotApi;
  services: TestServices;
  updates: UpdateFactory;
  send(update: ReturnType<UpdateFactory['message']>): Promise<void>;
}

function setup(env: Record<string, string> = {}, services = createTestServices()): Harness {
  const bot = createBot(testConfig(env), services, { botInfo: TEST_BOT_INFO });
  const api = new FakeBotApi().install(bot);
  const updates = new UpdateFactory();
  return { bot, api, services, updates, send: (u) => bot.handleUpdate(u) };
}

/** The bot's last sendMessage as the Message Telegram would attach to a button press. */
function lastSent(h: Harness): Message {
  const sends = h.api.of('sendMessage');
  return sentMessage(sends[sends.length - 1]!, 9000 + sends.length);
}

function buttons(payload: Record<string, unknown>): { text: string; callback_data: string }[] {
  const markup = payload.reply_markup as
    { inline_keyboard: { text: string; callback_data: string }[][] } | undefined;
  return markup?.inline_keyboard.flat() ?? [];
}

describe('private chat', () => {
  test('every text is a question: answer with passage, source, reply to the asker, HTML mode', async () => {
    const h = setup();
    const update = h.updates.message('chỉ tiêu tổ chức đảng năm 2025 là gì?');
    await h.send(update);
    const [sent] = h.api.of('sendMessage');
    expect(sent!.parse_mode).toBe('HTML');
    expect(sent!.reply_parameters).toEqual({
      message_id: update.message!.message_id,
      allow_sending_without_reply: true,
    });
    expect(sent!.text).toContain('100% tổ chức đảng');
    expect(sent!.text).toContain('Nghị quyết lãnh đạo năm 2025 · Phương hướng năm 2025 · đoạn 4');
    expect(h.services.retriever.asked[0]).toEqual({
      question: 'chỉ tiêu tổ chức đảng năm 2025 là gì?',
      options: { top: 4, offset: 0 },
    });
    expect(h.api.of('sendChatAction')[0]).toMatchObject({ action: 'typing' });
  });

  test.each([
    ['<b>chỉ tiêu</b> 2025', '&lt;b&gt;chỉ tiêu&lt;/b&gt; 2025'],
    ['Đảng & <script>alert(1)</script>', 'Đảng &amp; &lt;script&gt;alert(1)&lt;/script&gt;'],
    ['chỉ tiêu 9,5% > 2.300', 'chỉ tiêu 9,5% &gt; 2.300'],
  ])('question %s is echoed escaped', async (question, escaped) => {
    const h = setup();
    await h.send(h.updates.message(question));
    expect(h.api.texts()[0]).toContain(escaped);
  });

  test('NFD question is passed on and echoed composed', async () => {
    const h = setup();
    await h.send(h.updates.message('chỉ tiêu tổ chức đảng'.normalize('NFD')));
    expect(h.api.texts()[0]).toContain('chỉ tiêu tổ chức đảng');
    expect(h.api.texts()[0]).toContain('100% tổ chức đảng');
  });

  test.each([
    [
      '5,000 characters',
      'Hỏi về chỉ tiêu năm 2025. '.repeat(200).slice(0, 5000),
      /quá dài \(tối đa 1000 ký tự\).*5\.000 ký tự/s,
    ],
    ['1,001 characters', 'đ'.repeat(1001), /quá dài/],
    ['whitespace only', '   \n  ', /Câu hỏi đang trống.*\/hoi chỉ tiêu/s],
  ])('%s question gets a clear message and no search', async (_name, question, expected) => {
    const h = setup();
    await h.send(h.updates.message(question));
    expect(h.api.texts()).toHaveLength(1);
    expect(h.api.texts()[0]).toMatch(expected);
    expect(h.services.retriever.asked).toHaveLength(0);
  });

  test('1,000 characters in NFD (more UTF-16 units) is still accepted', async () => {
    const h = setup();
    const question = ('chỉ tiêu ' + 'ệ'.repeat(991)).normalize('NFD');
    expect(question.length).toBeGreaterThan(1000);
    await h.send(h.updates.message(question));
    expect(h.services.retriever.asked).toHaveLength(1);
  });

  test('not found: says so, suggests rephrasing and /tailieu, no buttons', async () => {
    const h = setup();
    await h.send(h.updates.message('xyzzy quux'));
    const [sent] = h.api.of('sendMessage');
    expect(sent!.text).toContain('chưa tìm thấy');
    expect(sent!.text).toContain('/tailieu');
    expect(buttons(sent!)).toEqual([]);
  });

  test('a sticker gets a short note; an unknown command suggests /help', async () => {
    const h = setup();
    await h.send(h.updates.sticker());
    await h.send(h.updates.message('/khongco'));
    expect(h.api.texts()[0]).toContain('câu hỏi dạng chữ');
    expect(h.api.texts()[1]).toContain('/help');
  });

  test('/start and /help show examples; /tailieu lists documents', async () => {
    const h = setup();
    await h.send(h.updates.message('/start'));
    await h.send(h.updates.message('/help'));
    await h.send(h.updates.message('/tailieu'));
    const [start, help, docs] = h.api.texts();
    // Examples and holdings come from the documents themselves.
    expect(start).toContain('📚 Đang có 2 tài liệu về 1 đơn vị, năm 2024–2025: BĐBP tỉnh Ninh Thuận (1)');
    expect(start).toContain('<code>chỉ tiêu năm 2025 của BĐBP tỉnh Ninh Thuận là gì?</code>');
    expect(start).toContain('<code>nghị quyết số 125-NQ/ĐU do ai ký?</code>');
    expect(start).toContain('/help');
    // /help: asking first, then documents and contact; neither itself nor /start.
    expect(help).not.toBe(start);
    const order = ['/hoi —', '/tailieu —', '/moi —', '/lienhe —'].map((c) => help!.indexOf(c));
    expect(order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1]!))).toBe(true);
    expect(help).not.toContain('/help —');
    expect(help).not.toContain('/start —');
    expect(docs).toContain('Nghị quyết lãnh đạo thực hiện nhiệm vụ năm 2025');
    expect(docs).toContain('Tài liệu đã nạp: 2</b> (2.312 đoạn)');
    expect(h.services.retriever.asked).toHaveLength(0);
  });
});

describe('group chat', () => {
  test('a plain message is ignored', async () => {
    const h = setup();
    await h.send(h.updates.message('chỉ tiêu năm 2025 là gì?', { chat: GROUP }));
    expect(h.api.calls).toEqual([]);
  });

  test.each([
    ['/hoi', '/hoi chỉ tiêu tổ chức đảng 2025 là gì?'],
    ['/ask', '/ask chỉ tiêu tổ chức đảng 2025'],
    ['/hoi@bot', '/hoi@chithi_test_bot chỉ tiêu tổ chức đảng'],
    ['@mention first', '@chithi_test_bot chỉ tiêu tổ chức đảng là gì?'],
    ['@mention last', 'Cho hỏi chỉ tiêu tổ chức đảng @Chithi_Test_Bot'],
  ])('%s is answered', async (_name, text) => {
    const h = setup();
    await h.send(h.updates.message(text, { chat: GROUP }));
    expect(h.api.texts()[0]).toContain('100% tổ chức đảng');
    expect(h.services.retriever.asked[0]!.question).not.toMatch(/@|\/hoi|\/ask/i);
  });

  test('a command for another bot and a mention of another user are ignored', async () => {
    const h = setup();
    await h.send(h.updates.message('/hoi@other_bot chỉ tiêu', { chat: GROUP }));
    await h.send(h.updates.message('@nguyenvanlan chỉ tiêu là gì?', { chat: GROUP }));
    expect(h.api.calls).toEqual([]);
  });

  test('a reply to the bot is answered; a reply to someone else is not', async () => {
    const h = setup();
    await h.send(h.updates.message('/hoi chỉ tiêu tổ chức đảng', { chat: GROUP }));
    const botMessage = lastSent(h);
    h.api.clear();
    await h.send(
      h.updates.message('còn kết nạp đảng viên mới thì sao?', { chat: GROUP, replyTo: botMessage }),
    );
    expect(h.api.texts()[0]).toContain('kết nạp đảng viên mới');
    h.api.clear();
    const human = h.updates.message('chỉ tiêu', { chat: GROUP, from: BOB }).message!;
    await h.send(h.updates.message('đồng ý', { chat: GROUP, replyTo: human }));
    expect(h.api.calls).toEqual([]);
  });

  test('/hoi without a question explains how to ask', async () => {
    const h = setup();
    await h.send(h.updates.message('/hoi', { chat: GROUP }));
    expect(h.api.texts()[0]).toContain('<code>/hoi chỉ tiêu năm 2025 là gì?</code>');
    expect(h.services.retriever.asked).toHaveLength(0);
  });

  test('in a forum topic the answer stays in the topic', async () => {
    const h = setup();
    await h.send(h.updates.message('/hoi chỉ tiêu tổ chức đảng', { chat: FORUM, threadId: 77 }));
    for (const call of h.api.of('sendMessage')) expect(call.message_thread_id).toBe(77);
  });

  test('/help in a group explains /hoi, mention and reply', async () => {
    const h = setup();
    await h.send(h.updates.message('/help', { chat: GROUP }));
    expect(h.api.texts()[0]).toContain('@chithi_test_bot');
  });
});

describe('buttons', () => {
  test('"Toàn văn" for each result and "Xem thêm" when there are more; callback data ≤ 64 bytes', async () => {
    const h = setup();
    await h.send(h.updates.message('chỉ tiêu năm 2025 tổ chức đảng công tác'));
    const kb = buttons(h.api.of('sendMessage')[0]!);
    expect(kb.map((b) => b.text)).toEqual(['Toàn văn 1', 'Toàn văn 2', 'Toàn văn 3', 'Xem thêm ▸']);
    for (const b of kb) expect(Buffer.byteLength(b.callback_data)).toBeLessThanOrEqual(64);
  });

  test('"Xem thêm" edits the answer into the next page, and every callback is answered', async () => {
    const h = setup();
    await h.send(h.updates.message('chỉ tiêu năm 2025 tổ chức đảng công tác'));
    const first = lastSent(h);
    const more = buttons(h.api.of('sendMessage')[0]!).find((b) => b.text.startsWith('Xem thêm'))!;
    h.api.clear();
    await h.send(h.updates.callback(more.callback_data, first));
    expect(h.api.of('answerCallbackQuery')).toHaveLength(1);
    expect(h.services.retriever.asked[1]!.options).toEqual({ top: 4, offset: 3 });
    expect(h.api.of('sendMessage')).toHaveLength(0);
    const edited = h.api.of('editMessageText')[0]!;
    expect(edited).toMatchObject({
      chat_id: first.chat.id,
      message_id: first.message_id,
      parse_mode: 'HTML',
    });
    expect(String(edited.text)).toContain('<b>4.</b>');
    expect(String(edited.text)).not.toContain('<b>1.</b>');
    expect(buttons(edited).map((b) => b.text)).toContain('◂ Trang trước');
  });

  test('when Telegram refuses the edit, the page comes as a reply instead', async () => {
    const h = setup();
    await h.send(h.updates.message('chỉ tiêu năm 2025 tổ chức đảng công tác'));
    const first = lastSent(h);
    const more = buttons(h.api.of('sendMessage')[0]!).find((b) => b.text.startsWith('Xem thêm'))!;
    h.api.clear();
    h.api.failNext('editMessageText', 400, "Bad Request: message can't be edited");
    await h.send(h.updates.callback(more.callback_data, first));
    expect(h.api.texts()[0]).toContain('<b>4.</b>');
    expect(h.api.of('sendMessage')[0]!.reply_parameters).toMatchObject({ message_id: first.message_id });
  });

  test('"Toàn văn" sends the whole paragraph', async () => {
    const long: SearchResult = {
      ...SAMPLE_RESULTS[0]!,
      text: 'Tăng cường công tác biên phòng, phối hợp các lực lượng. '.repeat(30) + SAMPLE_RESULTS[0]!.text,
    };
    const h = setup({}, createTestServices({ retriever: createFakeRetriever([long]) }));
    await h.send(h.updates.message('chỉ tiêu tổ chức đảng'));
    const full = buttons(h.api.of('sendMessage')[0]!)[0]!;
    const answer = lastSent(h);
    expect(h.api.texts()[0]!.length).toBeLessThan(long.text.length);
    h.api.clear();
    await h.send(h.updates.callback(full.callback_data, answer));
    expect(h.api.of('answerCallbackQuery')).toHaveLength(1);
    const text = h.api.shown().join('');
    expect(text).toContain('Toàn văn kết quả 1');
    expect(buttons(h.api.of('editMessageText')[0]!).map((b) => b.text)).toEqual(['◂ Quay lại kết quả']);
    expect((text.match(/Tăng cường công tác biên phòng/g) ?? []).length).toBe(30);
  });

  test('an expired button gets a polite note and nothing else', async () => {
    const h = setup();
    await h.send(h.updates.message('chỉ tiêu năm 2025 tổ chức đảng công tác'));
    const kb = buttons(h.api.of('sendMessage')[0]!);
    const msg = lastSent(h);
    h.services.now.value = new Date(h.services.now.value.getTime() + 25 * 60 * 60 * 1000);
    h.api.clear();
    await h.send(h.updates.callback(kb[3]!.callback_data, msg));
    await h.send(h.updates.callback(kb[0]!.callback_data, msg));
    const answers = h.api.of('answerCallbackQuery');
    expect(answers).toHaveLength(2);
    for (const a of answers) expect(a.text).toContain('đã hết hạn');
    expect(h.api.of('sendMessage')).toHaveLength(0);
  });

  test('unknown callback data is answered too', async () => {
    const h = setup();
    await h.send(h.updates.callback('something-old', sentMessage({ chat_id: ALICE.id, text: 'x' }, 1)));
    expect(h.api.of('answerCallbackQuery')[0]!.text).toContain('không còn hiệu lực');
  });
});

describe('splitting', () => {
  test('very long answers are split, each message ≤ 4096 with the buttons on the last', async () => {
    const huge = (n: number): SearchResult => ({
      ...SAMPLE_RESULTS[0]!,
      passageId: n,
      text:
        'chỉ tiêu ' +
        'Mở đầu về công tác biên phòng. '.repeat(8) +
        'Công tác xây dựng Đảng & chính quyền <cơ sở> đạt 9,5%. '.repeat(100),
      highlight: 'Công tác xây dựng Đảng & chính quyền <cơ sở> đạt 9,5%. '.repeat(70).trim(),
    });
    const h = setup({}, createTestServices({ retriever: createFakeRetriever([huge(1), huge(2), huge(3)]) }));
    await h.send(h.updates.message('chỉ tiêu'));
    // The answer itself stays one short message with its buttons …
    const message = lastSent(h);
    const [answer, ...rest] = h.api.of('sendMessage');
    expect(rest).toEqual([]);
    expect(String(answer!.text).length).toBeLessThan(2000);
    expect(buttons(answer!).length).toBe(3);
    // … and the full text of a huge passage comes as several messages, the button on the last.
    h.api.clear();
    await h.send(h.updates.callback(buttons(answer!)[0]!.callback_data, message));
    const sends = h.api.of('sendMessage');
    expect(sends.length).toBeGreaterThan(1);
    for (const s of sends) expect(String(s.text).length).toBeLessThanOrEqual(TELEGRAM_MESSAGE_LIMIT);
    expect(buttons(sends[sends.length - 1]!).map((b) => b.text)).toEqual(['◂ Quay lại kết quả']);
    for (const s of sends.slice(0, -1)) expect(buttons(s)).toEqual([]);
  });
});

describe('access control', () => {
  test('a chat not in ALLOWED_CHAT_IDS gets one short refusal, then silence', async () => {
    const h = setup({ ALLOWED_CHAT_IDS: '-1009999' });
    await h.send(h.updates.message('/hoi chỉ tiêu', { chat: GROUP }));
    await h.send(h.updates.message('/hoi chỉ tiêu', { chat: GROUP }));
    await h.send(h.updates.message('chỉ tiêu'));
    const texts = h.api.texts();
    expect(texts).toHaveLength(2); // one for the group, one for the private chat
    expect(texts[0]).toContain('chỉ phục vụ các nhóm đã được cấp phép');
    expect(texts[0]).toContain(String(GROUP.id));
    expect(h.services.retriever.asked).toHaveLength(0);
  });

  test('an allowed group is answered; unaddressed messages in other groups get no refusal', async () => {
    const h = setup({ ALLOWED_CHAT_IDS: `${GROUP.id}` });
    await h.send(h.updates.message('nói chuyện riêng', { chat: FORUM }));
    expect(h.api.calls).toEqual([]);
    await h.send(h.updates.message('/hoi chỉ tiêu tổ chức đảng', { chat: GROUP }));
    expect(h.api.texts()[0]).toContain('100% tổ chức đảng');
  });

  test('admins may use the bot in private even when chats are restricted', async () => {
    const h = setup({ ALLOWED_CHAT_IDS: `${GROUP.id}`, ADMIN_USER_IDS: `${ALICE.id}` });
    await h.send(h.updates.message('chỉ tiêu tổ chức đảng', { chat: PRIVATE_CHAT(ALICE) }));
    expect(h.api.texts()[0]).toContain('100% tổ chức đảng');
  });

  test('a button press in a refused chat is answered with the refusal', async () => {
    const h = setup({ ALLOWED_CHAT_IDS: '-1009999' });
    await h.send(h.updates.callback('m:abc', sentMessage({ chat_id: GROUP.id, text: 'x' }, 3)));
    expect(h.api.of('answerCallbackQuery')[0]!.text).toContain('cấp phép');
  });

  test('/reindex only for admins', async () => {
    const h = setup({ ADMIN_USER_IDS: `${BOB.id}` });
    await h.send(h.updates.message('/reindex', { from: ALICE }));
    expect(h.api.texts()[0]).toContain('chỉ dành cho quản trị viên');
    expect(h.services.reindexCalls).toBe(0);
    await h.send(h.updates.message('/reindex', { from: BOB }));
    expect(h.services.reindexCalls).toBe(1);
    expect(h.api.texts().join('\n')).toContain('Đã nạp 2 tệp');
  });
});

describe('rate limit', () => {
  test('every question over the limit gets its own reply with the seconds to wait, none is dropped', async () => {
    const h = setup({ RATE_LIMIT_PER_MINUTE: '2' });
    const asked = [];
    for (let i = 0; i < 5; i++) {
      const update = h.updates.message(`chỉ tiêu tổ chức đảng lần ${i}`);
      asked.push(update.message!.message_id);
      await h.send(update);
      h.services.now.value = new Date(h.services.now.value.getTime() + 10_000);
    }
    expect(h.services.retriever.asked).toHaveLength(2);
    const notes = h.api.of('sendMessage').filter((p) => String(p.text).includes('hỏi hơi nhanh'));
    // The window opened at 0 s: asked at 20, 30 and 40 s, they may ask again after 40, 30 and 20 s.
    expect(notes.map((p) => p.text)).toEqual([
      'Anh/chị hỏi hơi nhanh; vui lòng hỏi lại sau 40 giây.',
      'Anh/chị hỏi hơi nhanh; vui lòng hỏi lại sau 30 giây.',
      'Anh/chị hỏi hơi nhanh; vui lòng hỏi lại sau 20 giây.',
    ]);
    expect(notes.map((p) => (p.reply_parameters as { message_id: number }).message_id)).toEqual(
      asked.slice(2),
    );
    h.services.now.value = new Date(h.services.now.value.getTime() + 11_000);
    await h.send(h.updates.message('chỉ tiêu tổ chức đảng'));
    expect(h.services.retriever.asked).toHaveLength(3);
  });

  test('the limit is per user, and ignored group chatter does not count', async () => {
    const h = setup({ RATE_LIMIT_PER_MINUTE: '1' });
    await h.send(h.updates.message('chuyện phiếm', { chat: GROUP, from: ALICE }));
    await h.send(h.updates.message('/hoi chỉ tiêu', { chat: GROUP, from: ALICE }));
    await h.send(h.updates.message('/hoi chỉ tiêu', { chat: GROUP, from: BOB }));
    expect(h.services.retriever.asked).toHaveLength(2);
  });

  test('button presses have their own limit: a user out of questions can still page and read', async () => {
    const h = setup({ RATE_LIMIT_PER_MINUTE: '1' });
    await h.send(h.updates.message('chỉ tiêu năm 2025 tổ chức đảng công tác'));
    const answer = lastSent(h);
    const kb = buttons(h.api.of('sendMessage')[0]!);
    h.api.clear();
    for (const b of kb.filter((b) => b.text.startsWith('Toàn văn')))
      await h.send(h.updates.callback(b.callback_data, answer));
    expect(h.api.of('answerCallbackQuery').map((p) => p.text)).toEqual([undefined, undefined, undefined]);
    expect(h.api.shown().filter((t) => t.includes('Toàn văn kết quả'))).toHaveLength(3);
  });

  test('buttons pressed faster than 60 a minute get a toast with the wait, not silence', async () => {
    const h = setup();
    await h.send(h.updates.message('chỉ tiêu năm 2025 tổ chức đảng công tác'));
    const answer = lastSent(h);
    const full = buttons(h.api.of('sendMessage')[0]!)[0]!;
    h.api.clear();
    for (let i = 0; i < 61; i++) await h.send(h.updates.callback(full.callback_data, answer));
    const toasts = h.api.of('answerCallbackQuery');
    expect(toasts).toHaveLength(61);
    expect(toasts.at(-1)!.text).toBe('Anh/chị bấm hơi nhanh; vui lòng bấm lại sau 60 giây.');
    expect(h.services.retriever.asked).toHaveLength(1);
  });
});

describe('input hygiene', () => {
  test.each([
    [
      'right-to-left override',
      'chỉ tiêu \u202Etổ chức đảng\u202C năm 2025',
      'chỉ tiêu tổ chức đảng năm 2025',
    ],
    ['isolates and marks', '\u2066chỉ tiêu\u2069 \u200Fđảng viên\u200E mới', 'chỉ tiêu đảng viên mới'],
    ['C0 controls', 'kết nạp\u0000 đảng viên\u0007\u001B[31m mới', 'kết nạp đảng viên[31m mới'],
    [
      'tab and newline kept (then collapsed in the echo)',
      'chỉ tiêu\tnăm 2025\nlà gì?',
      'chỉ tiêu năm 2025 là gì?',
    ],
  ])('%s: stripped from the search and from the echo', async (_name, question, echoed) => {
    const h = setup();
    await h.send(h.updates.message(question));
    const text = h.api.texts()[0]!;
    expect(text).toContain(`<i>${echoed}</i>`);
    expect(stripUnsafeChars(text)).toBe(text);
    const asked = h.services.retriever.asked[0]!.question;
    expect(stripUnsafeChars(asked)).toBe(asked);
  });

  test('a question of only control characters is empty', async () => {
    const h = setup();
    await h.send(h.updates.message('\u202E\u200F\u0007'));
    expect(h.api.texts()[0]).toContain('Câu hỏi đang trống');
    expect(h.services.retriever.asked).toHaveLength(0);
  });

  test.each([
    ['1,000 emoji (2,000 UTF-16 units)', '🇻🇳'.repeat(500), 'accepted'],
    [
      '1,000 NFD letters plus 5 bidi marks',
      'ệ'.repeat(1000).normalize('NFD') + '\u202E'.repeat(5),
      'accepted',
    ],
    ['1,001 characters', 'a'.repeat(1001), 'refused'],
    ['1,001 emoji', '😀'.repeat(1001), 'refused'],
  ])('length counted in characters after NFC: %s is %s', async (_name, question, outcome) => {
    const h = setup();
    await h.send(h.updates.message(question));
    expect(h.services.retriever.asked).toHaveLength(outcome === 'accepted' ? 1 : 0);
    if (outcome === 'refused') expect(h.api.texts()[0]).toContain('1.001 ký tự');
  });

  test.each([
    ['/HOI@chithi_test_bot chỉ tiêu tổ chức đảng'],
    ['/Hoi chỉ tiêu tổ chức đảng'],
    ['/HOI@Chithi_Test_Bot chỉ tiêu tổ chức đảng'],
    ['/hoi@CHITHI_TEST_BOT chỉ tiêu tổ chức đảng'],
    ['/ASK chỉ tiêu tổ chức đảng'],
  ])('group command %s is matched case-insensitively', async (text) => {
    const h = setup();
    await h.send(h.updates.message(text, { chat: GROUP }));
    expect(h.api.texts()[0]).toContain('100% tổ chức đảng');
    expect(h.services.retriever.asked[0]!.question).toBe('chỉ tiêu tổ chức đảng');
  });

  test.each([
    ['/TAILIEU', 'Nghị quyết'],
    ['/Help', '/hoi'],
  ])('%s works in capitals too', async (command, expected) => {
    const h = setup();
    await h.send(h.updates.message(command, { chat: GROUP }));
    expect(h.api.texts()[0]).toContain(expected);
  });

  test('/HOI@other_bot in capitals is still for another bot', async () => {
    const h = setup();
    await h.send(h.updates.message('/HOI@Other_Bot chỉ tiêu', { chat: GROUP }));
    expect(h.api.calls).toEqual([]);
  });
});

describe('errors and logs', () => {
  test('a failing retriever gets an apology, not a crash', async () => {
    const services = createTestServices({
      retriever: {
        ask: async () => {
          throw new Error('disk I/O error');
        },
      } as never,
    });
    const h = setup({}, services);
    await h.send(h.updates.message('chỉ tiêu'));
    expect(h.api.texts()[0]).toContain('Xin lỗi, đã có lỗi');
  });

  test('a ChithiError shows its Vietnamese message', async () => {
    const services = createTestServices({
      retriever: {
        ask: async () => {
          throw createError('INDEX_MISSING', '/srv/chithi/embeddings');
        },
      } as never,
    });
    const h = setup({}, services);
    await h.send(h.updates.message('chỉ tiêu'));
    expect(h.api.texts()[0]).toContain('Chưa có chỉ mục');
  });

  test('403 (bot blocked) on send is logged as a warning, nothing else is attempted', async () => {
    const { logger, lines } = captureLogger();
    const h = setup({}, createTestServices({ logger }));
    h.api.failNext('sendMessage', 403, 'Forbidden: bot was blocked by the user');
    await expect(h.send(h.updates.message('chỉ tiêu tổ chức đảng'))).resolves.toBeUndefined();
    expect(h.api.of('sendMessage')).toHaveLength(1);
    expect(lines.some((l) => l.includes('chat unavailable') && l.includes('"level":40'))).toBe(true);
  });

  test('400 chat not found on send is logged, not thrown', async () => {
    const { logger, lines } = captureLogger();
    const h = setup({}, createTestServices({ logger }));
    h.api.failNext('sendMessage', 400, 'Bad Request: chat not found');
    await h.send(h.updates.message('/hoi chỉ tiêu', { chat: GROUP }));
    expect(lines.some((l) => l.includes('chat unavailable'))).toBe(true);
  });

  test('info logs carry no token and no message text; debug logs the question', async () => {
    const info = captureLogger('info');
    const h = setup({}, createTestServices({ logger: info.logger }));
    await h.send(h.updates.message('chỉ tiêu tổ chức đảng bí mật'));
    const all = info.lines.join('\n');
    expect(all).toContain('question answered');
    expect(all).not.toContain('bí mật');
    expect(all).not.toContain('TEST-token');
    const debug = captureLogger('debug');
    const h2 = setup({}, createTestServices({ logger: debug.logger }));
    await h2.send(h2.updates.message('chỉ tiêu tổ chức đảng bí mật'));
    expect(debug.lines.join('\n')).toContain('bí mật');
  });
});

describe('several meetings fit the question', () => {
  const candidates = [
    'hội nghị của Công an tỉnh Cà Mau (22/12/2023): Đại tá Trịnh Văn Nhân, Giám đốc Công an tỉnh',
    'hội nghị tổng kết công tác công an năm 2024 của Công an tỉnh Cà Mau (20/12/2024): Đại tá Huỳnh Chí Thanh, Giám đốc Công an tỉnh',
  ];
  const retriever = () => {
    const asked: string[] = [];
    return {
      asked,
      async ask(question: string): Promise<AskResult> {
        asked.push(question);
        const picked = question.includes('20/12/2024');
        return {
          question,
          found: true,
          mode: 'keyword',
          answer: picked
            ? {
                text: 'Đại tá Huỳnh Chí Thanh chủ trì hội nghị',
                passageId: SAMPLE_RESULTS[0]!.passageId,
                kind: 'chair',
              }
            : {
                text: 'Có 2 cuộc họp, sự kiện phù hợp; xin nói rõ hơn:',
                passageId: SAMPLE_RESULTS[0]!.passageId,
                kind: 'chair',
                candidates,
              },
          results: SAMPLE_RESULTS.slice(0, 1),
        };
      },
    };
  };

  test('each is a button; pressing one asks again about that meeting', async () => {
    const r = retriever();
    const h = setup({}, createTestServices({ retriever: r }));
    await h.send(h.updates.message('ai chủ trì hội nghị công an Cà Mau'));
    const kb = buttons(h.api.of('sendMessage')[0]!);
    expect(kb.slice(0, 2).map((b) => b.text)).toEqual([
      '1. hội nghị của Công an tỉnh Cà Mau (22/12/2023)',
      '2. hội nghị tổng kết công tác công an năm… (20/12/2024)',
    ]);
    for (const b of kb) expect(Buffer.byteLength(b.callback_data)).toBeLessThanOrEqual(64);
    const msg = lastSent(h);
    h.api.clear();
    await h.send(h.updates.callback(kb[1]!.callback_data, msg));
    expect(h.api.of('answerCallbackQuery')).toHaveLength(1);
    expect(r.asked[1]).toBe(
      'ai chủ trì hội nghị công an Cà Mau — hội nghị tổng kết công tác công an năm 2024 của Công an tỉnh Cà Mau (20/12/2024)',
    );
    expect(h.api.texts().join('')).toContain('Đại tá Huỳnh Chí Thanh chủ trì hội nghị');
  });
});

describe('documents: /tailieu pages, a card per document, asking inside it, its original file, /moi', () => {
  /** Twenty documents of two units, numbered as /tailieu numbers them. */
  function manyDocuments(dir?: string): DocumentSummary[] {
    return Array.from({ length: 20 }, (_, i) =>
      withAbout({
        id: 100 + i,
        title: `Báo cáo tổng kết năm ${2005 + i}`,
        file: dir ? path.join(dir, `bao-cao-${i}.txt`) : `data/bao-cao-${i}.txt`,
        passages: 5,
        addedAt: '2025-01-05T02:00:00.000Z',
        updatedAt: '2025-01-05T02:00:00.000Z',
        profile: {
          ...emptyProfile(),
          kind: 'báo cáo',
          number: `${300 + i}/BC-UBND`,
          date: `${2005 + i}-12-15`,
          unit: i % 2 ? 'UBND huyện Tân Phú Đông' : 'Công an tỉnh Cà Mau',
          reviewedYears: [2005 + i],
          years: [2005 + i],
        },
      }),
    );
  }
  /** As start.ts lists them: with the one-line description of the profile. */
  const withAbout = (d: DocumentSummary): DocumentSummary => ({ ...d, about: describeProfile(d.profile!) });
  const withDocuments = (docs: DocumentSummary[]) => {
    const services = createTestServices();
    services.documents = { list: async () => docs };
    return setup({}, services);
  };
  /** The message a recorded send produced (its real id), as a button press would carry it. */
  const produced = (h: Harness, method = 'sendMessage') =>
    h.api.calls.filter((c) => c.method === method).at(-1)!.result as Message;

  test('/tailieu shows 8 documents a page; "Trang sau" edits the list in place', async () => {
    const h = withDocuments(manyDocuments());
    await h.send(h.updates.message('/tailieu'));
    const first = h.api.texts()[0]!;
    expect(first).toContain('Tài liệu đã nạp: 20</b> (100 đoạn) · trang 1/3');
    expect(first).toContain('1. <b>Báo cáo tổng kết năm 2005</b>');
    expect(first).not.toContain('9. <b>');
    const kb = buttons(h.api.of('sendMessage')[0]!);
    expect(kb.map((b) => b.text)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', 'Trang sau ▸']);
    const list = produced(h);
    h.api.clear();
    await h.send(h.updates.callback(kb.at(-1)!.callback_data, list));
    expect(h.api.of('sendMessage')).toHaveLength(0);
    const page2 = String(h.api.of('editMessageText')[0]!.text);
    expect(page2).toContain('trang 2/3');
    expect(page2).toContain('9. <b>Báo cáo tổng kết năm 2013</b>');
    expect(buttons(h.api.of('editMessageText')[0]!).map((b) => b.text)).toEqual([
      ...['9', '10', '11', '12', '13', '14', '15', '16'],
      '◂ Trang trước',
      'Trang sau ▸',
    ]);
  });

  test('a document’s card; a question in reply to "hỏi trong tài liệu này" is asked inside it, pages too', async () => {
    const docs = manyDocuments();
    const h = withDocuments(docs);
    await h.send(h.updates.message('/tailieu', { chat: GROUP }));
    const list = produced(h);
    const third = buttons(h.api.of('sendMessage')[0]!).find((b) => b.text === '3')!;
    await h.send(h.updates.callback(third.callback_data, list));
    const card = h.api.of('editMessageText').at(-1)!;
    expect(String(card.text)).toContain('📄 <b>3. Báo cáo tổng kết năm 2007</b>');
    expect(String(card.text)).toContain('Báo cáo · số 302/BC-UBND');
    expect(String(card.text)).toContain('Tệp: <i>bao-cao-2.txt</i>');
    const cardButtons = buttons(card);
    expect(cardButtons.map((b) => b.text)).toEqual([
      '🔎 Hỏi trong tài liệu này',
      '📎 Tải bản gốc',
      '◂ Danh sách',
    ]);

    await h.send(h.updates.callback(cardButtons[0]!.callback_data, list));
    const prompt = h.api.of('sendMessage').at(-1)!;
    expect(String(prompt.text)).toContain('hỏi gì trong <b>Báo cáo tổng kết năm 2007</b>');
    expect(prompt.reply_markup).toMatchObject({ force_reply: true });
    await h.send(
      h.updates.message('chỉ tiêu năm 2025 tổ chức đảng công tác', { chat: GROUP, replyTo: produced(h) }),
    );
    expect(h.services.retriever.asked.at(-1)).toEqual({
      question: 'chỉ tiêu năm 2025 tổ chức đảng công tác',
      options: { top: 4, offset: 0, documentId: docs[2]!.id },
    });
    const answer = produced(h);
    const more = buttons(h.api.of('sendMessage').at(-1)!).find((b) => b.text.startsWith('Xem thêm'))!;
    await h.send(h.updates.callback(more.callback_data, answer));
    expect(h.services.retriever.asked.at(-1)!.options).toEqual({
      top: 4,
      offset: 3,
      documentId: docs[2]!.id,
    });
    // A reply to another bot message is not asked inside the document.
    await h.send(h.updates.message('chỉ tiêu tổ chức đảng', { chat: GROUP, replyTo: answer }));
    expect(h.services.retriever.asked.at(-1)!.options).toEqual({ top: 4, offset: 0 });
  });

  test('"Tải bản gốc" sends the file with its title; a file gone is said in a toast', async () => {
    const tmp = makeTempDir();
    try {
      const docs = manyDocuments(tmp.path);
      tmp.write('bao-cao-0.txt', 'BÁO CÁO\nTổng kết năm 2005'.normalize('NFD'));
      const h = withDocuments(docs);
      await h.send(h.updates.message('/tailieu'));
      const list = produced(h);
      await h.send(h.updates.callback(`o:${docs[0]!.id}`, list));
      const sent = h.api.of('sendDocument');
      expect(sent).toHaveLength(1);
      expect(sent[0]!.caption).toBe('Báo cáo tổng kết năm 2005');
      expect(sent[0]!.document).toBeInstanceOf(InputFile);
      await h.send(h.updates.callback(`o:${docs[1]!.id}`, list));
      expect(h.api.of('sendDocument')).toHaveLength(1);
      expect(h.api.of('answerCallbackQuery').at(-1)!.text).toContain('Không còn tệp gốc');
      // A document removed since the list was shown.
      await h.send(h.updates.callback('o:999', list));
      expect(h.api.of('answerCallbackQuery').at(-1)!.text).toContain('không còn trong danh sách');
    } finally {
      tmp.remove();
    }
  });

  test.each<[string, string[], string[]]>([
    ['/moi', ['Tài liệu mới nhất', '20. <b>Báo cáo số 319/BC-UBND · 15/12/2024'], []],
    [
      '/moi 2010',
      ['6. <b>Báo cáo số 305/BC-UBND · 15/12/2010 · Tân Phú Đông'.replace(' · Tân', ' · UBND huyện Tân')],
      ['2011'],
    ],
    ['/moi 12/2006', ['2. <b>Báo cáo số 301/BC-UBND · 15/12/2006'], ['2007']],
    ['/moi 310', ['11. <b>Báo cáo số 310/BC-UBND'], ['311']],
    ['/moi 999', ['Chưa có tài liệu nào khớp "999"'], []],
    ['/moi chỉ tiêu', ['/moi 2025', '/moi 218-NQ'], ['<b>']],
  ])('%s', async (command, shown, hidden) => {
    const h = withDocuments(manyDocuments());
    await h.send(h.updates.message(command));
    const text = h.api.texts()[0]!;
    for (const s of shown) expect(text).toContain(s);
    for (const s of hidden) expect(text).not.toContain(s);
  });
});

describe('/lienhe: a human', () => {
  test('names the admins, or says there are none', async () => {
    const h = setup({ ADMIN_USER_IDS: '901,902' });
    await h.send(h.updates.message('/lienhe'));
    expect(h.api.texts()[0]).toContain('<a href="tg://user?id=901">quản trị viên 1</a>');
    expect(h.api.texts()[0]).toContain('<a href="tg://user?id=902">quản trị viên 2</a>');
    const none = setup();
    await none.send(none.updates.message('/lienhe'));
    expect(none.api.texts()[0]).toContain('chưa có quản trị viên');
  });

  test('passes a message to every admin privately, escaped, with who and where', async () => {
    const h = setup({ ADMIN_USER_IDS: '901,902' });
    h.api.failNext('sendMessage', 403, 'Forbidden: bot was blocked by the user');
    await h.send(h.updates.message('/lienhe thiếu báo cáo quý III <gấp>', { chat: GROUP, from: BOB }));
    const sends = h.api.of('sendMessage');
    // One admin blocked the bot: the other still gets it, and the sender is thanked.
    expect(sends.map((s) => s.chat_id)).toEqual([901, 902, GROUP.id]);
    expect(String(sends[1]!.text)).toContain('thiếu báo cáo quý III &lt;gấp&gt;');
    expect(String(sends[1]!.text)).toContain(`<a href="tg://user?id=${BOB.id}">Trần Văn Bình</a>`);
    expect(String(sends[1]!.text)).toContain('trong nhóm <b>Ban Chỉ huy BĐBP</b>');
    expect(String(sends[2]!.text)).toContain('Đã chuyển lời nhắn');
  });

  test('nobody reachable, or a message too long: said plainly', async () => {
    const h = setup({ ADMIN_USER_IDS: '901' });
    h.api.failNext('sendMessage', 403, 'Forbidden: bot can not initiate conversation with a user');
    await h.send(h.updates.message('/lienhe xin bổ sung tài liệu'));
    expect(h.api.texts().at(-1)).toContain('Chưa chuyển được lời nhắn');
    await h.send(h.updates.message('/lienhe ' + 'a'.repeat(1200)));
    expect(h.api.texts().at(-1)).toContain('Lời nhắn dài quá');
  });
});

describe('inline mode: "@bot câu hỏi" in any chat', () => {
  test('offers the best passages, each posted with its question and source; nothing found: a hint', async () => {
    const h = setup();
    await h.send(h.updates.inline('chỉ tiêu năm 2025 tổ chức đảng công tác'.normalize('NFD')));
    const [answer] = h.api.of('answerInlineQuery');
    expect(answer!.is_personal).toBe(true);
    const results = answer!.results as Array<{
      id: string;
      title: string;
      input_message_content: { message_text: string; parse_mode: string };
    }>;
    expect(results.length).toBeGreaterThan(0);
    expect(new Set(results.map((r) => r.id)).size).toBe(results.length);
    const posted = results[0]!.input_message_content;
    expect(posted.parse_mode).toBe('HTML');
    expect(posted.message_text).toContain('Câu hỏi:</b> <i>chỉ tiêu năm 2025 tổ chức đảng công tác</i>');
    expect(posted.message_text).toContain('📄 <i>');
    expect(h.services.retriever.asked[0]!.question).toBe('chỉ tiêu năm 2025 tổ chức đảng công tác');

    await h.send(h.updates.inline('zzz qqq'));
    const none = h.api.of('answerInlineQuery')[1]!;
    expect(none.results).toEqual([]);
    expect(none.button).toMatchObject({ text: expect.stringContaining('Chưa tìm thấy') });
  });

  test('with ALLOWED_CHAT_IDS, only people who may write to the bot get passages', async () => {
    const h = setup({ ALLOWED_CHAT_IDS: String(GROUP.id), ADMIN_USER_IDS: String(ALICE.id) });
    await h.send(h.updates.inline('chỉ tiêu năm 2025 tổ chức đảng', BOB));
    await h.send(h.updates.inline('chỉ tiêu năm 2025 tổ chức đảng', ALICE));
    const [bob, alice] = h.api.of('answerInlineQuery');
    expect(bob!.results).toEqual([]);
    expect(bob!.button).toMatchObject({ text: expect.stringContaining('nhóm được cấp phép') });
    expect((alice!.results as unknown[]).length).toBeGreaterThan(0);
    expect(h.services.retriever.asked).toHaveLength(1);
  });
});
