import type { Api } from 'grammy';
import type { Logger } from 'pino';

export type CommandScope = 'private' | 'group';

export interface BotCommandSpec {
  /** Without the slash, lowercase, 1-32 characters. */
  command: string;
  /** Vietnamese, shown in Telegram's command menu (3-256 characters). */
  description: string;
  scopes: CommandScope[];
}

/**
 * The commands shown in Telegram's menu. Later features (facts, digest, uploads) append theirs here
 * or pass extra specs to registerCommands. Admin-only commands (/reindex) are deliberately absent.
 */
export const BOT_COMMANDS: readonly BotCommandSpec[] = [
  {
    command: 'hoi',
    description: 'Đặt câu hỏi về văn bản, ví dụ: /hoi chỉ tiêu năm 2025',
    scopes: ['private', 'group'],
  },
  { command: 'tailieu', description: 'Danh sách tài liệu đã nạp', scopes: ['private', 'group'] },
  {
    command: 'moi',
    description: 'Tài liệu mới nhất, lọc theo năm, tháng hoặc số hiệu, ví dụ: /moi 2025',
    scopes: ['private', 'group'],
  },
  {
    command: 'lienhe',
    description: 'Liên hệ quản trị viên, ví dụ: /lienhe bot chưa có báo cáo quý III',
    scopes: ['private', 'group'],
  },
  { command: 'help', description: 'Hướng dẫn sử dụng và ví dụ câu hỏi', scopes: ['private', 'group'] },
  { command: 'start', description: 'Bắt đầu trò chuyện với bot', scopes: ['private', 'group'] },
];

/**
 * Registers the command menu for private chats and for groups. Failure is logged, not thrown: a bot
 * without a menu still answers.
 */
export async function registerCommands(
  api: Api,
  logger: Logger,
  commands: readonly BotCommandSpec[] = BOT_COMMANDS,
): Promise<boolean> {
  const scopes = [
    { scope: 'private' as const, telegram: { type: 'all_private_chats' as const } },
    { scope: 'group' as const, telegram: { type: 'all_group_chats' as const } },
  ];
  try {
    for (const { scope, telegram } of scopes) {
      const list = commands
        .filter((c) => c.scopes.includes(scope))
        .map(({ command, description }) => ({ command, description }));
      await api.setMyCommands(list, { scope: telegram });
    }
    return true;
  } catch (err) {
    logger.warn({ err: describeError(err) }, 'could not register bot commands');
    return false;
  }
}

/** Error summary for logs without request payloads (which may hold message text). */
export function describeError(err: unknown): Record<string, unknown> {
  if (err && typeof err === 'object') {
    const e = err as {
      name?: string;
      message?: string;
      error_code?: number;
      method?: string;
      description?: string;
    };
    return {
      name: e.name,
      message: e.message,
      code: e.error_code,
      method: e.method,
      description: e.description,
    };
  }
  return { message: String(err) };
}
