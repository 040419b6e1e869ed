/**
 * A local Telegram Bot API for tests: the npm package telegram-test-api on 127.0.0.1, behind a small
 * proxy that adds what the emulator lacks (setMyCommands/getMyCommands/deleteMyCommands,
 * getChatMember, getFile and file downloads, document messages, sendChatAction, a complete getMe) and turns its
 * instant getUpdates into real long polling, so a bot process does not spin.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import TelegramServer from 'telegram-test-api';

export interface ChatRef {
  id: number;
  type: 'private' | 'group' | 'supergroup';
  title?: string;
  first_name?: string;
  is_forum?: boolean;
}

export interface UserRef {
  id: number;
  is_bot: false;
  first_name: string;
  username?: string;
}

/** A message the bot sent, as the emulator stored it. */
export interface BotMessage {
  messageId: number;
  chatId: number;
  text: string;
  parseMode: string | undefined;
  replyTo: number | undefined;
  threadId: number | undefined;
  buttons: { text: string; callback_data: string }[];
}

export interface TelegramTestServer {
  /** Give this to the bot as TELEGRAM_API_ROOT. */
  apiRoot: string;
  token: string;
  botInfo: { id: number; username: string; first_name: string };
  /** Every Bot API call the bot made, in order (method and parsed body). */
  calls: { method: string; body: Record<string, unknown> }[];
  /** Commands registered per scope type ("default", "all_private_chats", "all_group_chats", …). */
  commands: Map<string, { command: string; description: string }[]>;
  /** Makes the next call(s) of a method fail with this Bot API error. */
  failNext(
    method: string,
    error_code: number,
    description: string,
    parameters?: { retry_after?: number },
  ): void;
  /** Registers a downloadable file; returns the Telegram file object. */
  addFile(content: Buffer, name: string): { file_id: string; file_unique_id: string; file_size: number };
  /** A user writes in a chat; returns the new message id. */
  userSends(
    chat: ChatRef,
    from: UserRef,
    text: string,
    options?: { replyTo?: BotMessage; threadId?: number },
  ): Promise<number>;
  /**
   * A user sends (or forwards) a file as a document message; the file is downloadable through
   * getFile. `declaredSize` overrides the file_size in the message (an oversized file without
   * sending 20 MB); returns the new message id.
   */
  userSendsDocument(
    chat: ChatRef,
    from: UserRef,
    file: { name: string; content: Buffer; mimeType?: string; caption?: string; declaredSize?: number },
  ): Promise<number>;
  /** A user presses an inline button on a bot message. */
  pressButton(chat: ChatRef, from: UserRef, message: BotMessage, callbackData: string): Promise<void>;
  /** Messages the bot sent to a chat, oldest first. */
  botMessages(chatId: number): BotMessage[];
  /** Waits until the bot has sent at least `count` messages to the chat after `afterId`. */
  waitForBotMessages(
    chatId: number,
    options?: { afterId?: number; count?: number; timeoutMs?: number },
  ): Promise<BotMessage[]>;
  /** Waits until a bot message in the chat matches, edits included (progress, then the result). */
  waitForBotMessage(
    chatId: number,
    match: (message: BotMessage) => boolean,
    options?: { timeoutMs?: number },
  ): Promise<BotMessage>;
  close(): Promise<void>;
}

const UPDATE_EVENTS = ['AddedUserMessage', 'AddedUserCommand', 'AddedUserCallbackQuery'] as const;

async function freePort(): Promise<number> {
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function parseBody(raw: Buffer, contentType: string | undefined): Record<string, unknown> {
  const text = raw.toString('utf8');
  if (!text) return {};
  if (contentType?.includes('application/json')) return JSON.parse(text) as Record<string, unknown>;
  if (contentType?.includes('application/x-www-form-urlencoded'))
    return Object.fromEntries(new URLSearchParams(text));
  return {};
}

function json(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  if (typeof value === 'string') {
    try {
      return JSON.parse(value) as Record<string, unknown>;
    } catch {
      return undefined;
    }
  }
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
}

export async function startTelegramServer(
  options: { token?: string; botUsername?: string } = {},
): Promise<TelegramTestServer> {
  const token = options.token ?? '123456789:TEST-e2e-token';
  const botInfo = { id: 777_000, username: options.botUsername ?? 'chithi_e2e_bot', first_name: 'Chỉ thị' };
  const emulatorPort = await freePort();
  const emulator = new TelegramServer({ port: emulatorPort, host: '127.0.0.1', storeTimeout: 3600 });
  await emulator.start();

  const calls: TelegramTestServer['calls'] = [];
  const commands = new Map<string, { command: string; description: string }[]>();
  const failures = new Map<
    string,
    { error_code: number; description: string; parameters?: { retry_after?: number } }[]
  >();
  const files = new Map<string, { content: Buffer; path: string }>();
  const pendingPolls = new Set<() => void>();

  /** Long polling: wait for a user update or the timeout, then hand out unread updates. */
  async function longPoll(body: Record<string, unknown>, res: http.ServerResponse): Promise<unknown[]> {
    const timeoutSec = Math.min(Number(body.timeout ?? 0) || 0, 30);
    let updates = emulator.getUpdates(token) as unknown[];
    if (updates.length > 0 || timeoutSec === 0) return updates;
    // A poll whose client went away (a stopped bot process) must not take updates with it: like
    // Telegram, they wait for the next poll.
    let gone = false;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        for (const e of UPDATE_EVENTS) emulator.off(e, done);
        res.off('close', hangUp);
        pendingPolls.delete(done);
        resolve();
      };
      const hangUp = () => {
        gone = !res.writableEnded;
        done();
      };
      const timer = setTimeout(done, timeoutSec * 1000);
      for (const e of UPDATE_EVENTS) emulator.on(e, done);
      res.on('close', hangUp);
      pendingPolls.add(done);
    });
    if (gone) return [];
    // The emulator emits before some bookkeeping; one tick lets it finish.
    await new Promise((r) => setImmediate(r));
    if (res.destroyed) return [];
    updates = emulator.getUpdates(token) as unknown[];
    return updates;
  }

  /** Methods answered here instead of by the emulator; undefined means "forward". */
  function local(method: string, body: Record<string, unknown>): unknown {
    switch (method) {
      case 'getMe':
        return {
          ...botInfo,
          is_bot: true,
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
      case 'setMyCommands': {
        const scope = String(asObject(body.scope)?.type ?? 'default');
        const list = body.commands;
        commands.set(
          scope,
          (typeof list === 'string' ? JSON.parse(list) : list) as { command: string; description: string }[],
        );
        return true;
      }
      case 'getMyCommands':
        return commands.get(String(asObject(body.scope)?.type ?? 'default')) ?? [];
      case 'deleteMyCommands':
        commands.delete(String(asObject(body.scope)?.type ?? 'default'));
        return true;
      case 'sendChatAction':
      case 'setChatMenuButton':
      case 'deleteWebhook':
        return true;
      case 'getChatMember':
        return {
          status: 'member',
          user: { id: Number(body.user_id), is_bot: false, first_name: 'Người dùng' },
        };
      case 'getFile': {
        const file = files.get(String(body.file_id));
        if (!file) return undefined;
        return {
          file_id: body.file_id,
          file_unique_id: body.file_id,
          file_size: file.content.length,
          file_path: file.path,
        };
      }
      default:
        return undefined;
    }
  }

  const proxy = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const fileMatch = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
      if (fileMatch) {
        const file = [...files.values()].find((f) => f.path === decodeURIComponent(fileMatch[2]!));
        if (fileMatch[1] !== token || !file)
          return json(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        res.end(file.content);
        return;
      }
      const raw = await readBody(req);
      const apiMatch = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
      if (apiMatch) {
        const [, callToken, method] = apiMatch as unknown as [string, string, string];
        if (callToken !== token)
          return json(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
        const body = parseBody(raw, req.headers['content-type']);
        calls.push({ method, body });
        const failure = failures.get(method)?.shift();
        if (failure) return json(res, failure.error_code, { ok: false, ...failure });
        if (method === 'getUpdates') return json(res, 200, { ok: true, result: await longPoll(body, res) });
        if (method === 'getFile' && !files.has(String(body.file_id))) {
          return json(res, 400, { ok: false, error_code: 400, description: 'Bad Request: invalid file_id' });
        }
        const result = local(method, body);
        if (result !== undefined) return json(res, 200, { ok: true, result });
      }
      // Everything else goes to the emulator unchanged.
      const upstream = http.request(
        { host: '127.0.0.1', port: emulatorPort, method: req.method, path: req.url, headers: req.headers },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      upstream.on('error', (err) => json(res, 502, { ok: false, error_code: 502, description: String(err) }));
      upstream.end(raw);
    })().catch((err: unknown) => json(res, 500, { ok: false, error_code: 500, description: String(err) }));
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const { port } = proxy.address() as AddressInfo;

  function toBotMessage(stored: { messageId: number; message: Record<string, unknown> }): BotMessage {
    const m = stored.message;
    const markup = asObject(m.reply_markup) as
      { inline_keyboard?: { text: string; callback_data: string }[][] } | undefined;
    const reply = asObject(m.reply_parameters) as { message_id?: number } | undefined;
    return {
      messageId: stored.messageId,
      chatId: Number(m.chat_id),
      text: String(m.text ?? ''),
      parseMode: m.parse_mode as string | undefined,
      replyTo: reply?.message_id ?? (m.reply_to_message_id as number | undefined),
      threadId: m.message_thread_id !== undefined ? Number(m.message_thread_id) : undefined,
      buttons: markup?.inline_keyboard?.flat() ?? [],
    };
  }

  function botMessages(chatId: number): BotMessage[] {
    return (
      emulator.storage.botMessages as unknown as {
        messageId: number;
        botToken: string;
        message: Record<string, unknown>;
      }[]
    )
      .filter((s) => s.botToken === token && Number(s.message.chat_id) === chatId)
      .map(toBotMessage)
      .sort((a, b) => a.messageId - b.messageId);
  }

  function addFile(content: Buffer, name: string) {
    const id = `file-${files.size + 1}`;
    files.set(id, { content, path: `documents/${id}-${name}` });
    return { file_id: id, file_unique_id: id, file_size: content.length };
  }

  function asMessage(chat: ChatRef, message: BotMessage) {
    return {
      message_id: message.messageId,
      date: Math.floor(Date.now() / 1000),
      chat,
      from: { ...botInfo, is_bot: true },
      text: message.text,
      ...(message.threadId ? { message_thread_id: message.threadId, is_topic_message: true } : {}),
    };
  }

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    token,
    botInfo,
    calls,
    commands,
    failNext(method, error_code, description, parameters) {
      failures.set(method, [
        ...(failures.get(method) ?? []),
        { error_code, description, ...(parameters ? { parameters } : {}) },
      ]);
    },
    addFile,
    async userSends(chat, from, text, opts = {}) {
      const messageId = (emulator as unknown as { messageId: number }).messageId;
      const entities: { type: string; offset: number; length: number }[] = [];
      const command = /^\/[a-zA-Z0-9_]+(@[a-zA-Z0-9_]+)?/.exec(text);
      if (command) entities.push({ type: 'bot_command', offset: 0, length: command[0].length });
      for (const m of text.matchAll(/(?<![\w/])@[a-zA-Z0-9_]{5,32}/g)) {
        entities.push({ type: 'mention', offset: m.index ?? 0, length: m[0].length });
      }
      const message = {
        botToken: token,
        from,
        chat,
        date: Math.floor(Date.now() / 1000),
        text,
        entities,
        ...(opts.replyTo ? { reply_to_message: asMessage(chat, opts.replyTo) } : {}),
        ...(opts.threadId ? { message_thread_id: opts.threadId, is_topic_message: true } : {}),
      };
      await emulator.addUserMessage(message as unknown as Parameters<typeof emulator.addUserMessage>[0]);
      return messageId;
    },
    async userSendsDocument(chat, from, file) {
      const messageId = (emulator as unknown as { messageId: number }).messageId;
      const stored = addFile(file.content, file.name);
      const caption = file.caption;
      const mentions = caption ? [...caption.matchAll(/(?<![\w/])@[a-zA-Z0-9_]{5,32}/g)] : [];
      const message = {
        botToken: token,
        from,
        chat,
        date: Math.floor(Date.now() / 1000),
        document: {
          file_id: stored.file_id,
          file_unique_id: stored.file_unique_id,
          file_name: file.name,
          file_size: file.declaredSize ?? stored.file_size,
          ...(file.mimeType ? { mime_type: file.mimeType } : {}),
        },
        ...(caption ? { caption } : {}),
        ...(mentions.length
          ? {
              caption_entities: mentions.map((m) => ({
                type: 'mention',
                offset: m.index ?? 0,
                length: m[0].length,
              })),
            }
          : {}),
      };
      await emulator.addUserMessage(message as unknown as Parameters<typeof emulator.addUserMessage>[0]);
      return messageId;
    },
    async pressButton(chat, from, message, callbackData) {
      const callback = { botToken: token, from, data: callbackData, message: asMessage(chat, message) };
      await emulator.addUserCallback(callback as unknown as Parameters<typeof emulator.addUserCallback>[0]);
    },
    botMessages,
    async waitForBotMessages(chatId, opts = {}) {
      const { afterId = 0, count = 1, timeoutMs = 15_000 } = opts;
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = botMessages(chatId).filter((m) => m.messageId > afterId);
        if (found.length >= count) return found;
        if (Date.now() > deadline) {
          throw new Error(
            `timed out waiting for ${count} bot message(s) in chat ${chatId}; got ${found.length}`,
          );
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async waitForBotMessage(chatId, match, opts = {}) {
      const deadline = Date.now() + (opts.timeoutMs ?? 15_000);
      for (;;) {
        const found = botMessages(chatId).find(match);
        if (found) return found;
        if (Date.now() > deadline) {
          const texts = botMessages(chatId).map((m) => m.text.slice(0, 200));
          throw new Error(
            `timed out waiting for a matching bot message in chat ${chatId}; got ${JSON.stringify(texts)}`,
          );
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async close() {
      for (const done of [...pendingPolls]) done();
      proxy.closeAllConnections();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
      await emulator.stop();
    },
  };
}
