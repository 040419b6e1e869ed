/**
 * A chat in the terminal over the same bot and handlers: typed lines become private-chat updates
 * fed to bot.handleUpdate, and an API transformer prints what the bot would have sent to Telegram.
 */
import readline from 'node:readline';
import type { Transformer } from 'grammy';
import type { InlineKeyboardMarkup, Message, Update, User, UserFromGetMe } from 'grammy/types';
import type { Config } from '../config';
import type { BotServices } from './context';
import { createBot, type CreateBotOptions } from './create-bot';
import { htmlToPlainText } from './format';

export interface LocalChatIO {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
}

const LOCAL_BOT: UserFromGetMe = {
  id: 1,
  is_bot: true,
  first_name: 'Chithi',
  username: 'chithi_local_bot',
  can_join_groups: false,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
};

/** The person at the keyboard: the machine's operator, so admin commands (/reindex) work too. */
const LOCAL_USER: User = { id: 2, is_bot: false, first_name: 'Cán bộ' };

const EXIT_WORDS = new Set(['/thoat', '/thoát', '/exit', '/quit']);
const MORE_WORDS = new Set(['xem thêm', 'xem them', 'thêm', 'them', '+']);

function normalizeInput(line: string): string {
  return line.normalize('NFC').trim();
}

/**
 * Opens the terminal chat and resolves on EOF or /thoat. Buttons are pressed by typing their number
 * ("1" for "Toàn văn 1") or "xem thêm".
 */
export async function runLocalChat<S extends BotServices = BotServices>(
  config: Config,
  services: S,
  io: LocalChatIO = { input: process.stdin, output: process.stdout },
  options: CreateBotOptions<S> = {},
): Promise<void> {
  const write = (text: string) => io.output.write(text.endsWith('\n') ? text : text + '\n');
  const localConfig: Config = {
    ...config,
    telegramToken: undefined,
    allowedChatIds: [],
    adminUserIds: [...config.adminUserIds, LOCAL_USER.id],
  };
  const bot = createBot(localConfig, services, { ...options, botInfo: LOCAL_BOT });
  const chat = { id: LOCAL_USER.id, type: 'private' as const, first_name: LOCAL_USER.first_name };

  let messageId = 1;
  let updateId = 1;
  /** What typing a key does: "3" → press "Toàn văn 3" on the message that carried it. */
  let keys = new Map<string, { data: string; message: Message }>();
  /** The bot message with a reply box (force_reply) the next line answers, if any. */
  let awaitingReply: Message | undefined;

  const transformer: Transformer = async (_prev, method, payload) => {
    const p = payload as Record<string, unknown>;
    let result: unknown = true;
    // An edit (the next page, a full text) is printed as a new message: a terminal cannot redraw.
    if (method === 'sendMessage' || method === 'editMessageText') {
      const message = {
        message_id:
          method === 'editMessageText' && typeof p.message_id === 'number' ? p.message_id : messageId++,
        date: Math.floor(services.clock().getTime() / 1000),
        chat,
        from: LOCAL_BOT,
        text: String(p.text ?? ''),
      } as Message.TextMessage;
      const text = p.parse_mode === 'HTML' ? htmlToPlainText(String(p.text ?? '')) : String(p.text ?? '');
      write(`\n${text}`);
      const markup = p.reply_markup as InlineKeyboardMarkup | undefined;
      // A reply box ("hỏi trong tài liệu này"): the next line typed is the reply to this message.
      awaitingReply = (p.reply_markup as { force_reply?: boolean } | undefined)?.force_reply
        ? message
        : undefined;
      if (markup?.inline_keyboard) {
        const hints: string[] = [];
        for (const button of markup.inline_keyboard.flat()) {
          if (!('callback_data' in button)) continue;
          const number = /(\d+)$/.exec(button.text)?.[1];
          const key =
            number ??
            (/xem thêm/i.test(button.text)
              ? 'xem thêm'
              : button.text.replace(/[◂▸]/gu, '').trim().toLowerCase());
          keys.set(key, { data: button.callback_data, message });
          hints.push(number ? number : `"${key}"`);
        }
        const fullTexts = markup.inline_keyboard.flat().some((b) => b.text.startsWith('Toàn văn'));
        if (hints.length)
          write(`(Gõ ${hints.join(', ')} để bấm nút${fullTexts ? ': số = toàn văn kết quả đó' : ''}.)`);
      }
      result = message;
    } else if (method === 'sendDocument') {
      // The terminal runs on the server: the original file is where it lies.
      const doc = p.document as { filename?: string } | undefined;
      write(`\n📎 Tệp gốc: ${String(doc?.filename ?? '')}${p.caption ? ` — ${String(p.caption)}` : ''}`);
      result = { message_id: messageId++, date: Math.floor(services.clock().getTime() / 1000), chat };
    } else if (method === 'answerCallbackQuery' && p.text) {
      write(`ℹ️  ${String(p.text)}`);
    } else if (method === 'getMe') {
      result = LOCAL_BOT;
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return { ok: true, result: result as any };
  };
  bot.api.config.use(transformer);

  const userMessage = (text: string, replyTo?: Message): Update => {
    const command = /^\/[a-zA-Z0-9_]+/.exec(text);
    return {
      update_id: updateId++,
      message: {
        message_id: messageId++,
        date: Math.floor(services.clock().getTime() / 1000),
        chat,
        from: LOCAL_USER,
        text,
        ...(command ? { entities: [{ type: 'bot_command', offset: 0, length: command[0].length }] } : {}),
        ...(replyTo ? { reply_to_message: replyTo } : {}),
      },
    } as Update;
  };

  write(
    'Chưa có TELEGRAM_BOT_TOKEN nên bot chưa kết nối với Telegram.\n' +
      'Anh/chị có thể hỏi ngay tại đây, trên các tài liệu đã nạp. Gõ /help để xem hướng dẫn, /tailieu để xem tài liệu, /thoat để thoát.',
  );
  const prompt = () => io.output.write('\n› ');
  const rl = readline.createInterface({ input: io.input, terminal: false });
  prompt();
  for await (const raw of rl) {
    const line = normalizeInput(raw);
    if (EXIT_WORDS.has(line.toLowerCase())) break;
    if (!line) {
      prompt();
      continue;
    }
    const key = MORE_WORDS.has(line.toLowerCase()) ? 'xem thêm' : line;
    const button = keys.get(key);
    let update: Update;
    if (button) {
      update = {
        update_id: updateId++,
        callback_query: {
          id: `local-${updateId}`,
          from: LOCAL_USER,
          chat_instance: 'local',
          data: button.data,
          message: button.message,
        },
      } as Update;
    } else {
      // A new question: old buttons' numbers no longer mean anything.
      keys = new Map();
      update = userMessage(line, line.startsWith('/') ? undefined : awaitingReply);
      awaitingReply = undefined;
    }
    try {
      await bot.handleUpdate(update);
    } catch (err) {
      services.logger.error({ err: String(err) }, 'local chat: update failed');
    }
    prompt();
  }
  rl.close();
  write('\nTạm biệt!');
}
