/**
 * The morning brief (issue 13) from real documents through the real ingest: only time limits are
 * reminded (not results or meetings held), with who must act and when in words; /hanchot; a chat's
 * filter; "Xem đầy đủ" through the bot.
 */
import type { Message } from 'grammy/types';
import type { App } from '../../src/app';
import { createBot } from '../../src/bot/create-bot';
import { digestFeature } from '../../src/bot/features/digest';
import { digestPlainText } from '../../src/digest/compose';
import { createDigestService, type DigestService } from '../../src/digest/service';
import {
  createTestServices,
  FakeBotApi,
  GROUP,
  TEST_BOT_INFO,
  testConfig,
  UpdateFactory,
} from '../helpers/fake-bot-api';
import { ingestedApp, type TempApp } from '../helpers/temp-app';

const PLAN = `BỘ CHỈ HUY QUÂN SỰ TỈNH HÀ TĨNH
Số: 215/KH-BCH
Hà Tĩnh, ngày 01 tháng 12 năm 2025

KẾ HOẠCH
Tổng kết công tác quốc phòng, quân sự địa phương năm 2025

II. NHIỆM VỤ CỤ THỂ
1. Giao Phòng Tham mưu chủ trì tổng hợp số liệu huấn luyện, hoàn thành trước ngày 08/12/2025.
2. Đề nghị Sở Tài chính bố trí kinh phí tổ chức hội nghị, trình UBND tỉnh trước ngày 12/12/2025.
3. Ban CHQS các huyện báo cáo kết quả tuyển quân về Bộ CHQS tỉnh chậm nhất ngày 30/12/2025.
4. Ban CHQS các huyện báo cáo tình hình sẵn sàng chiến đấu về Bộ CHQS tỉnh trước ngày 10 hằng tháng.
`.normalize('NFD');

const NEWS = `HĐND tỉnh Ninh Bình họp kỳ họp thường lệ cuối năm 2025

Chiều 9/12/2025, HĐND tỉnh Ninh Bình tiếp tục làm việc trong khuôn khổ kỳ họp thường lệ cuối năm 2025.
Tại phiên họp, đồng chí Hoàng Văn Kiên trình bày báo cáo thẩm tra trước ngày bế mạc.
Trong quý III, các đơn vị đã hoàn thành kiểm tra hồ sơ trước ngày 30/9/2025.
`;

let temp: TempApp;
let app: App;
let digest: DigestService;
const CHAT = GROUP.id;

beforeAll(async () => {
  temp = await ingestedApp({ 'ke-hoach-ha-tinh.txt': PLAN, 'tin-ninh-binh.txt': NEWS });
  app = temp.app;
  digest = createDigestService({
    db: app.db,
    clock: () => new Date('2025-12-05T00:00:00.000Z'),
    digest: { timezone: 'Asia/Ho_Chi_Minh', daysAhead: 14 },
  });
});

afterAll(() => temp.close());

test('reminds of the time limits with who and when; never of a meeting held or a past result', () => {
  const { text, full } = digest.compose(CHAT, '2025-12-05');
  const lines = digestPlainText(full).split('\n');
  const due = lines.filter((l) => /^• (?:⏰ )?\d\d\/\d\d/.test(l));
  expect(due).toEqual([
    expect.stringMatching(
      /^• ⏰ 08\/12 \(còn 3 ngày\): .*tổng hợp số liệu huấn luyện.* — Phòng Tham mưu \(Bộ CHQS tỉnh Hà Tĩnh · số 215\/KH-BCH, 1\/12\/2025\)$/u,
    ),
    // A limit that comes back every month: at its next day, saying so.
    expect.stringMatching(
      /^• 10\/12 \(hằng tháng, còn 5 ngày\): Ban CHQS các huyện báo cáo tình hình sẵn sàng chiến đấu về Bộ CHQS tỉnh trước ngày 10 hằng tháng \(Bộ CHQS tỉnh Hà Tĩnh/u,
    ),
    expect.stringMatching(
      /^• ⏰ 12\/12 \(còn 7 ngày\): .*trình UBND tỉnh trước ngày 12\/12\/2025 — Sở Tài chính \(/u,
    ),
  ]);
  // The news report is a new document, but none of its dates is a reminder; no server path anywhere.
  expect(text).toContain('🆕 Văn bản mới được nạp');
  expect(due.join('\n')).not.toMatch(/Ninh Bình|thẩm tra|quý III|bế mạc/u);
  expect(full).not.toMatch(/\/tmp|\.txt/u);
  // 30/12 is 25 days ahead: in /hanchot, not in the 14-day brief.
  expect(digestPlainText(digest.deadlinesAhead(CHAT, '2025-12-05'))).toMatch(
    /30\/12 \(còn 25 ngày\): Ban CHQS các huyện báo cáo kết quả tuyển quân/u,
  );
});

test("a chat's filter keeps its digest to the unit it names", () => {
  digest.subscribe(CHAT, 0, '07:30', 'ninh binh');
  try {
    const { full } = digest.compose(CHAT, '2025-12-05', 0);
    expect(full).not.toContain('Phòng Tham mưu');
    expect(digestPlainText(digest.deadlinesAhead(CHAT, '2025-12-05', 0))).toContain('chưa thấy hạn nào');
    digest.subscribe(CHAT, 0, '07:30', 'Hà Tĩnh');
    expect(digest.compose(CHAT, '2025-12-05', 0).full).toContain('Phòng Tham mưu');
  } finally {
    digest.unsubscribe(CHAT, 0);
  }
});

test('/bantin with more than fits: "Xem đầy đủ" edits the message into the whole digest', async () => {
  const many = {
    ...digest,
    compose: (chatId: number, date: string, threadId?: number) => ({
      ...digest.compose(chatId, date, threadId),
      hasMore: true,
    }),
  };
  const services = {
    ...createTestServices({ clock: () => new Date('2025-12-05T00:00:00.000Z') }),
    digest: many,
  };
  const bot = createBot(testConfig(), services, { botInfo: TEST_BOT_INFO, features: [digestFeature] });
  const api = new FakeBotApi().install(bot);
  const updates = new UpdateFactory();
  await bot.handleUpdate(updates.message('/bantin', { chat: GROUP }));
  const sent = api.calls.find((c) => c.method === 'sendMessage')!;
  const button = (
    sent.payload.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] }
  ).inline_keyboard[0]![0]!;
  expect(button).toEqual({ text: 'Xem đầy đủ ▸', callback_data: 'g:2025-12-05' });
  await bot.handleUpdate(updates.callback(button.callback_data, sent.result as Message));
  const edited = api.calls.find((c) => c.method === 'editMessageText')!;
  expect(String(edited.payload.text)).toBe(digest.compose(CHAT, '2025-12-05').full);
  await bot.handleUpdate(updates.message('/hanchot', { chat: GROUP }));
  expect(api.texts().at(-1)).toContain('⏳ <b>Các hạn trong 60 ngày tới</b>');
});
