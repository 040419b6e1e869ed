/**
 * A stubbed Bot API for handler tests: an API transformer that records every call and answers with
 * plausible results, plus builders for the updates Telegram would send. Nothing leaves the process.
 */
import { Writable } from 'node:stream';
import type { Api, Transformer } from 'grammy';
import { GrammyError } from 'grammy';
import type { Chat, Message, MessageEntity, Update, User, UserFromGetMe } from 'grammy/types';
import pino from 'pino';
import type { Config } from '../../src/config';
import { loadConfig } from '../../src/config';
import type { BotServices, DocumentSummary } from '../../src/bot/context';
import { emptyProfile } from '../../src/profile/profile';
import type { AskOptions, AskResult, Retriever, SearchResult } from '../../src/search/types';

export const TEST_BOT_INFO: UserFromGetMe = {
  id: 4242,
  is_bot: true,
  first_name: 'Chỉ thị',
  username: 'chithi_test_bot',
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
};

export interface RecordedCall {
  method: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  payload: Record<string, any>;
  /** What the stub answered (a sent Message, true …). */
  result?: unknown;
}

/** Records calls; `failures` makes the next call to a method fail like the real API would. */
export class FakeBotApi {
  readonly calls: RecordedCall[] = [];
  private nextMessageId = 10_000;
  private readonly failures = new Map<string, { error_code: number; description: string }[]>();

  install(bot: { api: Api }): this {
    bot.api.config.use(this.transformer);
    return this;
  }

  failNext(method: string, error_code: number, description: string): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), { error_code, description }]);
  }

  /** Payloads of one method, in order. */
  of(method: string): RecordedCall['payload'][] {
    return this.calls.filter((c) => c.method === method).map((c) => c.payload);
  }

  /** Texts of sendMessage calls, in order. */
  texts(): string[] {
    return this.of('sendMessage').map((p) => String(p.text));
  }

  /** Texts the user sees appear, in order: new messages and edits of the bot's messages. */
  shown(): string[] {
    return this.calls
      .filter((c) => c.method === 'sendMessage' || c.method === 'editMessageText')
      .map((c) => String(c.payload.text));
  }

  clear(): void {
    this.calls.length = 0;
  }

  readonly transformer: Transformer = async (_prev, method, payload) => {
    const p = (payload ?? {}) as Record<string, unknown>;
    this.calls.push({ method, payload: p });
    const failure = this.failures.get(method)?.shift();
    if (failure) {
      throw new GrammyError(
        `Call to '${method}' failed!`,
        { ok: false, error_code: failure.error_code, description: failure.description },
        method,
        p,
      );
    }
    const result = this.resultFor(method, p);
    this.calls[this.calls.length - 1]!.result = result;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return { ok: true, result: result as any };
  };

  private resultFor(method: string, p: Record<string, unknown>): unknown {
    switch (method) {
      case 'getMe':
        return TEST_BOT_INFO;
      case 'sendMessage':
      case 'sendDocument':
        return {
          message_id: this.nextMessageId++,
          date: Math.floor(Date.now() / 1000),
          chat: {
            id: Number(p.chat_id),
            type: Number(p.chat_id) < 0 ? 'supergroup' : 'private',
            title: 'Nhóm',
          },
          from: TEST_BOT_INFO,
          text: String(p.text ?? ''),
          ...(p.message_thread_id ? { message_thread_id: p.message_thread_id, is_topic_message: true } : {}),
        };
      case 'getMyCommands':
        return [];
      default:
        return true;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Updates

export const ALICE: User = { id: 501, is_bot: false, first_name: 'Nguyễn Thị Lan' };
export const BOB: User = { id: 502, is_bot: false, first_name: 'Trần Văn Bình' };
export const PRIVATE_CHAT = (user: User): Chat.PrivateChat => ({
  id: user.id,
  type: 'private',
  first_name: user.first_name,
});
export const GROUP: Chat.SupergroupChat = { id: -1001234, type: 'supergroup', title: 'Ban Chỉ huy BĐBP' };
export const FORUM: Chat.SupergroupChat = {
  id: -1005678,
  type: 'supergroup',
  title: 'Diễn đàn',
  is_forum: true,
};

/** Entities Telegram would attach: a leading /command and every @username. */
export function entitiesFor(text: string): MessageEntity[] {
  const entities: MessageEntity[] = [];
  const command = /^\/[a-zA-Z0-9_]+(@[a-zA-Z0-9_]+)?/.exec(text);
  if (command) entities.push({ type: 'bot_command', offset: 0, length: command[0].length });
  for (const m of text.matchAll(/(?<![\w/])@[a-zA-Z0-9_]{5,32}/g)) {
    entities.push({ type: 'mention', offset: m.index ?? 0, length: m[0].length });
  }
  return entities;
}

export class UpdateFactory {
  private updateId = 1;
  private messageId = 1;

  message(
    text: string,
    options: {
      chat?: Chat;
      from?: User;
      replyTo?: Message;
      threadId?: number;
      entities?: MessageEntity[];
    } = {},
  ): Update {
    const from = options.from ?? ALICE;
    const chat = options.chat ?? PRIVATE_CHAT(from);
    const entities = options.entities ?? entitiesFor(text);
    return {
      update_id: this.updateId++,
      message: {
        message_id: this.messageId++,
        date: Math.floor(Date.now() / 1000),
        chat,
        from,
        text,
        ...(entities.length ? { entities } : {}),
        ...(options.replyTo ? { reply_to_message: { ...options.replyTo, reply_to_message: undefined } } : {}),
        ...(options.threadId ? { message_thread_id: options.threadId, is_topic_message: true } : {}),
      } as Message,
    } as Update;
  }

  sticker(options: { chat?: Chat; from?: User } = {}): Update {
    const from = options.from ?? ALICE;
    return {
      update_id: this.updateId++,
      message: {
        message_id: this.messageId++,
        date: Math.floor(Date.now() / 1000),
        chat: options.chat ?? PRIVATE_CHAT(from),
        from,
        sticker: {
          file_id: 'x',
          file_unique_id: 'x',
          type: 'regular',
          width: 1,
          height: 1,
          is_animated: false,
          is_video: false,
        },
      } as Message,
    } as Update;
  }

  /** "@bot <query>" typed in any chat (inline mode). */
  inline(query: string, from: User = ALICE): Update {
    return {
      update_id: this.updateId++,
      inline_query: { id: `iq${this.updateId}`, from, query, offset: '' },
    } as Update;
  }

  /** A press on a button of `message` (a message the bot sent). */
  callback(data: string, message: Message, from: User = ALICE): Update {
    return {
      update_id: this.updateId++,
      callback_query: { id: `cb${this.updateId}`, from, chat_instance: 'ci', data, message },
    } as Update;
  }
}

/** The Message a recorded sendMessage call produced, as Telegram would echo it in a callback. */
export function sentMessage(call: RecordedCall['payload'], messageId: number): Message {
  return {
    message_id: messageId,
    date: Math.floor(Date.now() / 1000),
    chat: { id: Number(call.chat_id), type: Number(call.chat_id) < 0 ? 'supergroup' : 'private' },
    from: TEST_BOT_INFO,
    text: String(call.text),
    ...(call.message_thread_id ? { message_thread_id: call.message_thread_id, is_topic_message: true } : {}),
  } as unknown as Message;
}

// ---------------------------------------------------------------------------------------------
// Services

export const SOURCE = {
  file: 'data/bdbp-ninh-thuan-nghi-quyet-2025.txt',
  title: 'Nghị quyết lãnh đạo năm 2025',
};

/** Passages from the sample document, so the bot is exercised with real Vietnamese text. */
export const SAMPLE_RESULTS: SearchResult[] = [
  {
    passageId: 11,
    documentId: 1,
    score: 3.2,
    text:
      'Xây dựng các cấp ủy, tổ chức đảng vững mạnh về chính trị, tư tưởng, đạo đức, tổ chức và cán bộ. ' +
      'Phấn đấu trong năm có 100% tổ chức đảng, đảng viên hoàn thành nhiệm vụ trở lên; hoàn thành chỉ tiêu kết nạp đảng viên mới được giao.',
    highlight:
      'Phấn đấu trong năm có 100% tổ chức đảng, đảng viên hoàn thành nhiệm vụ trở lên; hoàn thành chỉ tiêu kết nạp đảng viên mới được giao.',
    source: { ...SOURCE, section: 'Phương hướng năm 2025', paragraph: 4, page: null },
  },
  {
    passageId: 10,
    documentId: 1,
    score: 2.1,
    text:
      'Phương hướng lãnh đạo thực hiện nhiệm vụ năm 2025, Đảng ủy BĐBP tỉnh xác định tiếp tục triển khai thực hiện hiệu quả ' +
      'các nghị quyết, chỉ thị của Đảng, mệnh lệnh của Quân đội về công tác xây dựng Đảng và công tác biên phòng. ' +
      'Lãnh đạo thực hiện tốt công tác nắm, dự báo tình hình, tham mưu với Đảng ủy, Bộ Tư lệnh BĐBP, Tỉnh ủy, UBND tỉnh ' +
      'xử lý tốt các tình huống xảy ra trên khu vực biên giới biển không để bị động, bất ngờ.',
    highlight: 'Quyết liệt lãnh đạo, chỉ đạo thực hiện hiệu quả một số chỉ tiêu chủ yếu',
    source: { ...SOURCE, section: 'Phương hướng năm 2025', paragraph: 3, page: null },
  },
  {
    passageId: 12,
    documentId: 1,
    score: 1.4,
    text:
      'Bên cạnh đó lãnh đạo, chỉ đạo làm tốt công tác chuẩn bị và tổ chức thành công Đại hội Đảng các cấp tiến tới ' +
      'Đại hội Đại biểu toàn quốc lần thứ XIV của Đảng trong toàn Đảng bộ.',
    highlight: null,
    source: { ...SOURCE, section: null, paragraph: 5, page: 2, ocr: true },
  },
  {
    passageId: 5,
    documentId: 1,
    score: 1.1,
    text: 'Công tác đấu tranh phòng, chống tội phạm có những chuyển biến tiến bộ; thu giữ 2.300 kg hàng lậu, giảm 9,5% so với năm 2023.',
    highlight: 'thu giữ 2.300 kg hàng lậu, giảm 9,5% so với năm 2023.',
    source: { ...SOURCE, section: 'Kết quả năm 2024', paragraph: 1, page: null },
  },
  {
    passageId: 6,
    documentId: 1,
    score: 0.9,
    text: 'Trận địa tư tưởng của Đảng trong đơn vị được giữ vững.',
    highlight: 'Trận địa tư tưởng của Đảng trong đơn vị được giữ vững.',
    source: { ...SOURCE, section: 'Kết quả năm 2024', paragraph: 2, page: null },
  },
];

/** Words of 2+ letters, lowercase NFC, for a crude overlap match. */
function words(text: string): string[] {
  return (
    text
      .normalize('NFC')
      .toLowerCase()
      .match(/[\p{L}\p{N}%]{2,}/gu) ?? []
  );
}

/**
 * A retriever over fixed results: returns those sharing a word with the question, best overlap
 * first, honouring top and offset. Records what it was asked.
 */
export function createFakeRetriever(results: SearchResult[] = SAMPLE_RESULTS): Retriever & {
  asked: { question: string; options: AskOptions | undefined }[];
} {
  const asked: { question: string; options: AskOptions | undefined }[] = [];
  return {
    asked,
    async ask(question: string, options?: AskOptions): Promise<AskResult> {
      asked.push({ question, options });
      const q = new Set(words(question));
      const ranked = results
        .map((r) => ({ r, overlap: words(r.text).filter((w) => q.has(w)).length }))
        .filter((x) => x.overlap > 0)
        .sort((a, b) => b.overlap - a.overlap || b.r.score - a.r.score)
        .map((x) => x.r);
      const offset = options?.offset ?? 0;
      const page = ranked.slice(offset, offset + (options?.top ?? 3));
      return { question, found: ranked.length > 0, mode: 'keyword', answer: null, results: page };
    },
  };
}

export const SAMPLE_DOCUMENTS: DocumentSummary[] = [
  {
    id: 1,
    title: 'Nghị quyết lãnh đạo thực hiện nhiệm vụ năm 2025',
    file: 'data/bdbp-ninh-thuan-nghi-quyet-2025.txt',
    passages: 12,
    addedAt: '2025-01-05T02:00:00.000Z',
    updatedAt: '2025-01-05T17:30:00.000Z',
    profile: {
      ...emptyProfile(),
      kind: 'nghị quyết',
      number: '125-NQ/ĐU',
      date: '2024-12-20',
      unit: 'Đảng ủy BĐBP tỉnh Ninh Thuận',
      unitTypes: ['bdbp'],
      provinces: ['Ninh Thuận'],
      reviewedYears: [2024],
      planYears: [2025],
      years: [2024, 2025],
    },
  },
  {
    id: 2,
    title: 'Báo cáo <tổng kết> công tác 2024 & phương hướng',
    file: 'data/bao-cao-2024.pdf',
    passages: 2300,
    addedAt: '2024-12-30T01:00:00.000Z',
    updatedAt: '2024-12-31T01:00:00.000Z',
    ocr: true,
  },
];

/** A pino logger writing JSON lines into `lines`, to assert on what gets logged. */
export function captureLogger(level: pino.Level = 'info'): { logger: pino.Logger; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return { logger: pino({ level }, stream), lines };
}

export interface TestServices extends BotServices {
  retriever: ReturnType<typeof createFakeRetriever>;
  now: { value: Date };
  reindexCalls: number;
}

export function createTestServices(overrides: Partial<BotServices> = {}): TestServices {
  const now = { value: new Date('2025-03-10T08:00:00+07:00') };
  const services: TestServices = {
    retriever: createFakeRetriever(),
    documents: { list: async () => SAMPLE_DOCUMENTS },
    reindexCalls: 0,
    async reindex() {
      services.reindexCalls++;
      return 'Đã nạp 2 tệp: 1 mới, 1 cập nhật, 0 lỗi.';
    },
    logger: pino({ level: 'silent' }),
    clock: () => now.value,
    now,
    ...overrides,
  } as TestServices;
  return services;
}

export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({ TELEGRAM_BOT_TOKEN: '123456:TEST-token-never-logged', ...env });
}
