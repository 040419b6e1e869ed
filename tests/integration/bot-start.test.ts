import { PassThrough } from 'node:stream';
import { describeProfile } from '../../src/profile/describe';
import { Composer } from 'grammy';
import type { BotContext } from '../../src/bot/context';
import type { App } from '../../src/app';
import { createBotServices, formatIngestSummary, startBot, type BotAppLike } from '../../src/bot/start';
import { emptyIngestReport, type IngestReport } from '../../src/ingest/ingest';
import { captureLogger, createFakeRetriever, SAMPLE_DOCUMENTS, testConfig } from '../helpers/fake-bot-api';
import { startTelegramServer } from '../helpers/telegram-server';

// The composed app must keep fitting what the bot needs (checked by tsc).
const fits = (app: App): BotAppLike => app;
void fits;

function report(overrides: Partial<IngestReport> = {}): IngestReport {
  return { ...emptyIngestReport(), ...overrides };
}

function fakeApp(reports: IngestReport[]): BotAppLike & { ingests: number } {
  const app = {
    ingests: 0,
    engine: createFakeRetriever(),
    documents: () => SAMPLE_DOCUMENTS,
    async ingest() {
      return reports[Math.min(app.ingests++, reports.length - 1)]!;
    },
  };
  return app;
}

describe('formatIngestSummary', () => {
  test.each([
    [report({ added: ['a.txt'], passages: 2300 }), ['Tài liệu mới: 1', 'Số đoạn được ghi: 2.300.']],
    [report({ unchanged: ['a', 'b'], skipped: ['x.jpg'] }), ['không đổi: 2', 'Bỏ qua 1 tệp']],
    [
      report({ failed: [{ file: 'data/cũ.doc', message: 'Chưa hỗ trợ định dạng của tệp data/cũ.doc.' }] }),
      ['lỗi: 1', '• data/cũ.doc: Chưa hỗ trợ định dạng'],
    ],
  ])('%#', (r, expected) => {
    const text = formatIngestSummary(r);
    for (const e of expected) expect(text).toContain(e);
  });
});

test('reindex runs an ingest and returns the summary', async () => {
  const app = fakeApp([report({ changed: ['data/nq.txt'], passages: 12 })]);
  const services = createBotServices(app, captureLogger().logger);
  expect(await services.reindex()).toContain('cập nhật: 1');
  // Each document with a profile is listed with its one-line description.
  expect(await services.documents.list()).toEqual(
    SAMPLE_DOCUMENTS.map((d) => (d.profile ? { ...d, about: describeProfile(d.profile) } : d)),
  );
  expect((await services.documents.list())[0]!.about).toBe(
    'Nghị quyết · số 125-NQ/ĐU · 20/12/2024 · Đảng ủy BĐBP tỉnh Ninh Thuận (nay thuộc Khánh Hòa) · kết quả năm 2024 · kế hoạch năm 2025',
  );
});

test('without a token: ingests, then opens the terminal chat', async () => {
  const app = fakeApp([report({ added: ['data/nq.txt'] })]);
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (c: Buffer) => (printed += c.toString('utf8')));
  input.end('chỉ tiêu tổ chức đảng\n');
  const config = { ...testConfig(), telegramToken: undefined };
  const code = await startBot(config, app, { io: { input, output }, logger: captureLogger().logger });
  expect(code).toBe(0);
  expect(app.ingests).toBe(1);
  expect(printed).toContain('Chưa có TELEGRAM_BOT_TOKEN');
  expect(printed).toContain('100% tổ chức đảng');
});

test('with a token: ingest failure is logged, the bot still runs until shutdown', async () => {
  const server = await startTelegramServer();
  try {
    const app = fakeApp([]);
    app.ingest = async () => {
      throw new Error('EACCES: permission denied, scandir data');
    };
    const { logger, lines } = captureLogger();
    let stop!: () => void;
    const shutdown = new Promise<void>((r) => (stop = r));
    const config = testConfig({ TELEGRAM_BOT_TOKEN: server.token, TELEGRAM_API_ROOT: server.apiRoot });
    const running = startBot(config, app, { logger, shutdown });
    const chat = { id: 9001, type: 'private' as const, first_name: 'Lan' };
    await server.userSends(chat, { id: 9001, is_bot: false, first_name: 'Lan' }, 'chỉ tiêu tổ chức đảng');
    const [answer] = await server.waitForBotMessages(chat.id);
    expect(answer!.text).toContain('100% tổ chức đảng');
    stop();
    expect(await running).toBe(0);
    expect(lines.join('\n')).toContain('ingest at start failed');
  } finally {
    await server.close();
  }
});

test('extra features and services reach the handlers (terminal chat shown here)', async () => {
  const feature = new Composer<BotContext>();
  feature.command('bantin', async (ctx) => {
    const extra = ctx.services as unknown as { digest: { today(): string } };
    await ctx.reply(extra.digest.today());
  });
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (c: Buffer) => (printed += c.toString('utf8')));
  input.end('/bantin\n');
  await startBot({ ...testConfig(), telegramToken: undefined }, fakeApp([report()]), {
    io: { input, output },
    logger: captureLogger().logger,
    bot: { features: [feature] },
    extraServices: { digest: { today: () => 'Hạn chót 15/12/2025: nộp báo cáo quý IV.' } },
  });
  expect(printed).toContain('Hạn chót 15/12/2025: nộp báo cáo quý IV.');
});
