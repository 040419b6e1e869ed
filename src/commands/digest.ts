import { parseArgs } from 'node:util';
import { isIsoDate, localDate } from '../digest/time';

export const DIGEST_USAGE = `Cách dùng: npx chithi digest [--date YYYY-MM-DD] [--chat ID] [--index DIR]

In ra bản nhắc việc của một ngày để xem trước, không gửi đi.

  --date YYYY-MM-DD   ngày của bản nhắc việc (mặc định: hôm nay theo DIGEST_TIMEZONE)
  --chat ID           ID nhóm/cuộc trò chuyện trên Telegram; chỉ tiêu và nhiệm vụ được chọn
                      luân phiên theo từng nhóm, và "văn bản mới" tính từ bản gửi trước của nhóm
                      (mặc định: 0, không gắn với nhóm nào)
  --index DIR         thư mục chỉ mục (mặc định: INDEX_DIR)
  -h, --help          hiện hướng dẫn này
`;

export interface DigestCommandDeps {
  /**
   * Builds the digest of a chat for a local date; `notices` (how that day's scheduled send went,
   * e.g. interrupted) are printed after it.
   */
  compose: (chatId: number, date: string) => Promise<{ text: string; notices?: readonly string[] }>;
  out: (text: string) => void;
  /** Where usage errors go; defaults to `out`. */
  err?: (text: string) => void;
  /** Today's local date when --date is not given; defaults to today in Asia/Ho_Chi_Minh. */
  today?: () => string;
}

/** Parsed options of `chithi digest`; the caller opens the index named by `index`. */
export interface DigestCommandOptions {
  date?: string;
  chatId: number;
  index?: string;
}

/**
 * Parses `chithi digest` arguments. Returns the options, or a Vietnamese usage error message.
 * Exported so the CLI can read --index before building `compose`.
 */
export function parseDigestArgs(argv: string[]): DigestCommandOptions | { error: string } | { help: true } {
  let values: { date?: string; chat?: string; index?: string; help?: boolean };
  // parseArgs would read a negative group id ("--chat -100123") as short options.
  const args = argv.flatMap((a, i) =>
    a === '--chat' && /^-\d+$/.test(argv[i + 1] ?? '')
      ? []
      : i > 0 && argv[i - 1] === '--chat' && /^-\d+$/.test(a)
        ? [`--chat=${a}`]
        : [a],
  );
  try {
    ({ values } = parseArgs({
      args,
      options: {
        date: { type: 'string' },
        chat: { type: 'string' },
        index: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    return { error: `Tham số không hợp lệ: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (values.help) return { help: true };
  if (values.date !== undefined && !isIsoDate(values.date)) {
    return { error: `Ngày "${values.date}" không hợp lệ; hãy viết theo dạng YYYY-MM-DD, ví dụ 2025-12-01.` };
  }
  let chatId = 0;
  if (values.chat !== undefined) {
    chatId = Number(values.chat);
    if (!/^-?\d+$/.test(values.chat) || !Number.isSafeInteger(chatId)) {
      return { error: `ID nhóm "${values.chat}" không hợp lệ; đó là một số, ví dụ -1001234567890.` };
    }
  }
  return {
    chatId,
    ...(values.date !== undefined ? { date: values.date } : {}),
    ...(values.index !== undefined ? { index: values.index } : {}),
  };
}

/**
 * `npx chithi digest`: prints a chat's digest for a date for review, without sending anything.
 * Exit codes: 0 printed, 2 usage error.
 */
export async function digestCommand(argv: string[], deps: DigestCommandDeps): Promise<number> {
  const err = deps.err ?? deps.out;
  const parsed = parseDigestArgs(argv);
  if ('help' in parsed) {
    deps.out(DIGEST_USAGE);
    return 0;
  }
  if ('error' in parsed) {
    err(`${parsed.error}\n\n${DIGEST_USAGE}`);
    return 2;
  }
  const date = parsed.date ?? (deps.today ? deps.today() : localDate(new Date(), 'Asia/Ho_Chi_Minh'));
  const { text, notices = [] } = await deps.compose(parsed.chatId, date);
  deps.out(text);
  if (notices.length > 0) deps.out(`\n${notices.map((n) => `⚠ ${n}.`).join('\n')}`);
  return 0;
}
