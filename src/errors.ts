/**
 * One catalog of the errors chithi reports to people. Messages are Vietnamese because they reach
 * officers in the terminal and in Telegram; codes are stable for logs and tests.
 */
export const ERROR_MESSAGES = {
  CONFIG_INVALID: (details: string) => `Cấu hình không hợp lệ:\n${details}`,
  FILE_NOT_FOUND: (file: string) => `Không tìm thấy tệp hoặc thư mục: ${file}`,
  FILE_NOT_UTF8: (file: string) =>
    `Tệp ${file} không phải văn bản UTF-8 (có thể là mã TCVN3/VNI hoặc tệp nhị phân); hãy lưu lại dưới dạng UTF-8.`,
  FILE_BINARY: (file: string) => `Tệp ${file} là tệp nhị phân, không đọc được như văn bản.`,
  FILE_UNSUPPORTED: (file: string) => `Chưa hỗ trợ định dạng của tệp ${file}.`,
  FILE_EMPTY: (file: string) => `Tệp ${file} không có nội dung văn bản.`,
  FILE_BROKEN: (file: string, why: string) => `Không đọc được tệp ${file}: ${why}`,
  INDEX_MISSING: (dir: string) =>
    `Chưa có chỉ mục trong ${dir}. Hãy chạy "npx chithi ingest" để nạp tài liệu trước.`,
  MODEL_UNAVAILABLE: (why: string) => `Không tải được mô hình ngữ nghĩa: ${why}`,
  INDEX_DAMAGED: (file: string, why: string) =>
    `Cơ sở dữ liệu ${file} bị hỏng (${why}). Hãy khôi phục bản sao lưu gần nhất ("npx chithi restore TỆP") ` +
    `hoặc xóa tệp này rồi chạy "npx chithi ingest" để dựng lại chỉ mục từ DATA_DIR.`,
  INDEX_UNWRITABLE: (dir: string, why: string) =>
    `Không ghi được vào thư mục chỉ mục ${dir} (${why}). Hãy cấp quyền ghi cho thư mục này hoặc đặt INDEX_DIR tới một thư mục khác.`,
  INDEX_READONLY: (dir: string) =>
    `Thư mục chỉ mục ${dir} chỉ cho phép đọc: có thể hỏi đáp nhưng không nạp hay xóa được tài liệu. ` +
    'Hãy cấp quyền ghi cho thư mục này để nạp tài liệu.',
  FOLDER_UNREADABLE: (dir: string, why: string) =>
    `Không đọc được ${dir} (${why}). Hãy kiểm tra đường dẫn và quyền đọc của thư mục.`,
  QUESTION_EMPTY: () => 'Câu hỏi đang trống.',
  QUESTION_TOO_LONG: (max: number) => `Câu hỏi quá dài (tối đa ${max} ký tự).`,
  TELEGRAM_TOKEN_MISSING: () =>
    'Chưa có TELEGRAM_BOT_TOKEN. Hãy tạo bot với @BotFather và ghi token vào tệp .env (xem .env.example).',
  TELEGRAM_UNREACHABLE: (apiRoot: string, attempts: number, why: string) =>
    `Không kết nối được Telegram Bot API tại ${apiRoot} sau ${attempts} lần thử: ${why}; kiểm tra TELEGRAM_API_ROOT và mạng.`,
  TELEGRAM_TOKEN_REJECTED: (apiRoot: string, status: string) =>
    `Telegram Bot API tại ${apiRoot} từ chối TELEGRAM_BOT_TOKEN (${status}): token sai hoặc đã bị thu hồi; ` +
    'lấy lại token từ @BotFather (và kiểm tra TELEGRAM_API_ROOT).',
  TELEGRAM_POLLING_STOPPED: (why: string) =>
    `Bot ngừng nhận tin nhắn từ Telegram: ${why}. Nếu là 409, một tiến trình khác đang chạy cùng token; ` +
    'nếu là 401, token đã bị thu hồi.',
  FILE_TOO_LARGE: (file: string, maxMb: number) =>
    `Tệp ${file} quá lớn (tối đa ${maxMb} MB); hãy tách thành các tệp nhỏ hơn rồi gửi lại.`,
  OCR_UNAVAILABLE: (file: string, why: string) => `Không nhận dạng được chữ trong tệp ${file}: ${why}`,
  /** A bot upload the ingest refused: the reader's own message, naming the file as the admin sent it. */
  UPLOAD_REFUSED: (readerMessage: string) => readerMessage,
  UPLOAD_DOWNLOAD_FAILED: (file: string) =>
    `Không tải được tệp ${file} từ Telegram. Anh/chị vui lòng gửi lại sau ít phút.`,
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

/** An error people should read: carries a stable code and a Vietnamese message. */
export class ChithiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ChithiError';
  }
}

export function createError<C extends ErrorCode>(
  code: C,
  ...args: Parameters<(typeof ERROR_MESSAGES)[C]>
): ChithiError {
  const make = ERROR_MESSAGES[code] as (...a: unknown[]) => string;
  return new ChithiError(code, make(...args));
}

export function isChithiError(err: unknown): err is ChithiError {
  return err instanceof ChithiError;
}

/** What went wrong, in Vietnamese, for an operator (SQLite and file system codes). */
export function explainError(err: unknown): string {
  const code = String((err as { code?: unknown }).code ?? '');
  if (code.startsWith('SQLITE_NOTADB')) return 'tệp không phải cơ sở dữ liệu SQLite';
  if (code.startsWith('SQLITE_CORRUPT')) return 'dữ liệu bên trong bị hỏng';
  if (code === 'EACCES' || code === 'EPERM' || code.startsWith('SQLITE_PERM')) return 'không có quyền';
  if (code === 'EROFS' || code.startsWith('SQLITE_READONLY')) return 'chỉ cho phép đọc';
  if (code === 'ENOSPC' || code.startsWith('SQLITE_FULL')) return 'ổ đĩa đã đầy';
  if (code.startsWith('SQLITE_CANTOPEN') || code === 'ENOENT') return 'không mở được tệp';
  if (code.startsWith('SQLITE_IOERR')) return 'lỗi đọc ghi đĩa';
  return code || 'lỗi không rõ';
}
