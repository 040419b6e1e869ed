import path from 'node:path';
import { parseArgs, ParseArgsConfig } from 'node:util';
import dotenv from 'dotenv';
import { App, openApp, OpenAppOptions } from './app';
import { loadConfig } from './config';
import { createError, explainError, isChithiError } from './errors';
import { DB_FILE } from './store/db';
import { runAsk } from './commands/ask';
import { runIngest } from './commands/ingest';
import type { EvalPart } from './commands/eval';

/*
 * Commands other than ask and ingest load their modules when run: the evaluation alone pulls in zod
 * and the benchmarks' readers (~80 ms), which every `chithi ask` would otherwise pay (issue 14).
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const evalCommand = () => require('./commands/eval') as typeof import('./commands/eval');
const factsModule = () => require('./commands/facts') as typeof import('./commands/facts');
const docsModule = () => require('./commands/docs') as typeof import('./commands/docs');
const backupModule = () => require('./commands/backup') as typeof import('./commands/backup');
const digestModule = () => require('./commands/digest') as typeof import('./commands/digest');
const modelModule = () => require('./commands/model') as typeof import('./commands/model');
const digestService = () => require('./digest/service') as typeof import('./digest/service');
const digestCompose = () => require('./digest/compose') as typeof import('./digest/compose');
const digestTime = () => require('./digest/time') as typeof import('./digest/time');
/* eslint-enable @typescript-eslint/no-require-imports */

const USAGE = `chithi — hỏi đáp văn bản, báo cáo ngay trên máy của đơn vị

Cách dùng:
  chithi ingest [ĐƯỜNG_DẪN...] [--index THƯ_MỤC] [--prune]   nạp tài liệu (mặc định: DATA_DIR)
  chithi ask "CÂU HỎI" [--index THƯ_MỤC] [--top K] [--json]  hỏi một câu
  chithi ask --json [--index THƯ_MỤC] [--top K]              đọc mỗi dòng một câu hỏi từ stdin, in JSON từng dòng
  chithi backup THƯ_MỤC [--index THƯ_MỤC]                    sao lưu cơ sở dữ liệu (an toàn khi bot đang chạy)
  chithi restore TỆP [--index THƯ_MỤC]                       khôi phục một bản sao lưu (dừng bot trước)
  chithi docs [--index THƯ_MỤC] [--json]                     liệt kê tài liệu: loại, số, ngày, đơn vị, địa bàn, năm
  chithi facts [--index THƯ_MỤC] [--json]                    in các dữ kiện đã trích (hội nghị, chỉ tiêu, nhiệm vụ, thời hạn)
  chithi digest [--date YYYY-MM-DD] [--chat ID] [--index THƯ_MỤC]  xem trước bản tin nhắc việc
  chithi model download|status                                tải hoặc kiểm tra mô hình ngữ nghĩa
  chithi eval [--only PHẦN] [--limit N] [--json]              đánh giá: vilqa, genre, heldout, formats, facts
  chithi start                                                chạy bot Telegram (không có token: trò chuyện trong terminal)

Mỗi lệnh có --help. Cấu hình qua biến môi trường hoặc tệp .env (xem .env.example).`;

const HELP: Record<string, string> = {
  ingest: `chithi ingest [ĐƯỜNG_DẪN...] [--index THƯ_MỤC] [--prune]
  Nạp tệp .txt/.md (và thư mục) vào chỉ mục. Tệp không đổi được bỏ qua, tệp thay đổi được thay thế.
  --index THƯ_MỤC  nơi lưu chỉ mục (mặc định INDEX_DIR hoặc embeddings/)
  --prune          xóa khỏi chỉ mục các tài liệu mà tệp đã bị xóa`,
  ask: `chithi ask "CÂU HỎI" [--index THƯ_MỤC] [--top K] [--json]
  In K đoạn phù hợp nhất (mặc định 3), câu trả lời được làm nổi bật, kèm nguồn.
  Không có câu hỏi và có --json: đọc mỗi dòng một câu hỏi từ stdin, in mỗi dòng một đối tượng JSON.`,
  eval: `chithi eval [--only PHẦN] [--limit N] [--json]
  Mỗi phần nạp tài liệu vào một chỉ mục tạm và hỏi qua đúng đường của "chithi ask":
    vilqa    ../shared/eval/vilqa: hit@1/3/5 và MRR@5 theo loại câu hỏi
    genre    eval/genre (bộ phát triển): hit@1/3, MRR@5 theo loại, có/không dấu, câu vắng, trả lời trực tiếp
    heldout  eval/genre-heldout: câu hỏi riêng trên kho phát triển + tài liệu riêng
    formats  kho phát triển dưới dạng .docx, Windows-1258, TCVN3, PDF chữ và PDF quét (12 tài liệu, OCR)
    facts    độ chính xác trích dữ kiện trên tài liệu mẫu gán nhãn tay
  --only PHẦN  chỉ chạy các phần này (lặp lại hoặc phân cách bằng dấu phẩy); mặc định: tất cả
  --limit N    chỉ hỏi N câu đầu của mỗi loại
  --json       in toàn bộ kết quả thành một đối tượng JSON`,
  start: `chithi start
  Chạy bot Telegram với TELEGRAM_BOT_TOKEN; không có token thì mở cửa sổ trò chuyện trong terminal.`,
};

class UsageError extends Error {}

interface ParsedArgs {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

function parse(argv: string[], options: ParseArgsConfig['options']): ParsedArgs {
  try {
    return parseArgs({
      args: argv,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    }) as ParsedArgs;
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}

function parseTop(v: string | undefined): number {
  if (v === undefined) return 3;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 50) throw new UsageError('--top phải là số nguyên từ 1 đến 50');
  return n;
}

/** Opens the app on INDEX_DIR (or `--index`), runs `fn`, and always closes the database. */
async function withApp<T>(
  env: NodeJS.ProcessEnv,
  index: string | boolean | undefined,
  options: OpenAppOptions & { timeZone?: 'check' | 'defer' },
  fn: (app: App) => Promise<T>,
): Promise<T> {
  const config = loadConfig(
    { ...env, ...(typeof index === 'string' ? { INDEX_DIR: index } : {}) },
    { timeZone: options.timeZone ?? 'check' },
  );
  const app = await openApp(config, options);
  try {
    return await fn(app);
  } catch (e) {
    // A page found damaged after a light check at open (chithi ask): named as a failed check is.
    if (/^SQLITE_(CORRUPT|NOTADB)/.test(String((e as { code?: unknown }).code ?? '')))
      throw createError('INDEX_DAMAGED', path.join(config.indexDir, DB_FILE), explainError(e));
    throw e;
  } finally {
    await app.close();
  }
}

/** Runs the `chithi` command; returns the exit code (0 ok, 1 runtime error, 2 usage error). */
export async function runCli(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  dotenv.config({ quiet: true });
  const out = (s: string) => process.stdout.write(s + '\n');
  const err = (s: string) => process.stderr.write(s + '\n');
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    out(USAGE);
    return command ? 0 : 2;
  }
  try {
    switch (command) {
      case 'ingest': {
        const a = parse(rest, { index: { type: 'string' }, prune: { type: 'boolean' } });
        if (a.values.help) return (out(HELP.ingest!), 0);
        return await withApp(env, a.values.index, { notice: err }, (app) =>
          runIngest(app, a.positionals, Boolean(a.values.prune), err, process.stderr),
        );
      }
      case 'ask': {
        const a = parse(rest, {
          index: { type: 'string' },
          top: { type: 'string' },
          json: { type: 'boolean' },
        });
        if (a.values.help) return (out(HELP.ask!), 0);
        const top = parseTop(a.values.top as string | undefined);
        if (a.positionals.length > 1)
          throw new UsageError('Hãy đặt câu hỏi trong dấu ngoặc kép: chithi ask "câu hỏi"');
        const question = a.positionals[0];
        if (question === undefined && !a.values.json)
          throw new UsageError('Thiếu câu hỏi (hoặc dùng --json để đọc từ stdin).');
        // One question: the database's header is checked, not every page (see openDatabase), and the
        // time zone only if the question needs it (see loadConfig).
        const opening = { notice: err, integrityCheck: 'header', timeZone: 'defer' } as const;
        return await withApp(env, a.values.index, opening, (app) => {
          if (app.documentCount() === 0)
            err(`Chỉ mục ${app.config.indexDir} chưa có tài liệu nào; hãy chạy "npx chithi ingest".`);
          return runAsk(
            app,
            question,
            { json: Boolean(a.values.json), top },
            {
              out,
              input: process.stdin,
              tty: Boolean(process.stdout.isTTY),
            },
          );
        });
      }
      case 'eval': {
        const a = parse(rest, {
          limit: { type: 'string' },
          verbose: { type: 'boolean' },
          only: { type: 'string', multiple: true },
          json: { type: 'boolean' },
        });
        if (a.values.help) return (out(HELP.eval!), 0);
        const limit = a.values.limit === undefined ? undefined : Number(a.values.limit);
        if (limit !== undefined && (!Number.isInteger(limit) || limit < 1))
          throw new UsageError('--limit phải là số nguyên dương');
        let only: EvalPart[];
        try {
          only = evalCommand().parseEvalParts(a.values.only as unknown as string[] | undefined);
        } catch (e) {
          throw new UsageError(e instanceof Error ? e.message : String(e));
        }
        return await evalCommand().runEval({
          limit,
          verbose: Boolean(a.values.verbose),
          out,
          only,
          json: Boolean(a.values.json),
        });
      }
      case 'backup': {
        const a = parse(rest, { index: { type: 'string' } });
        if (a.values.help) return (out(backupModule().BACKUP_HELP), 0);
        const dir = a.positionals[0];
        if (!dir || a.positionals.length > 1)
          throw new UsageError('Cần đúng một thư mục: chithi backup THƯ_MỤC');
        return await withApp(env, a.values.index, { notice: err, semantic: false }, async (app) => {
          const file = await backupModule().backupDatabase(app.db, dir);
          out(`Đã sao lưu ${app.documentCount()} tài liệu vào ${file}.`);
          return 0;
        });
      }
      case 'restore': {
        const a = parse(rest, { index: { type: 'string' } });
        if (a.values.help) return (out(backupModule().BACKUP_HELP), 0);
        const file = a.positionals[0];
        if (!file || a.positionals.length > 1)
          throw new UsageError('Cần đúng một tệp: chithi restore TỆP_SAO_LƯU');
        const config = loadConfig({
          ...env,
          ...(typeof a.values.index === 'string' ? { INDEX_DIR: a.values.index } : {}),
        });
        const live = backupModule().restoreDatabase(file, config.indexDir);
        out(`Đã khôi phục ${file} vào ${live}; bản trước đó được giữ ở ${live}.truoc-khoi-phuc.`);
        return 0;
      }
      case 'docs': {
        const a = parse(rest, { index: { type: 'string' }, json: { type: 'boolean' } });
        if (a.values.help) return (out(docsModule().DOCS_HELP), 0);
        return await withApp(env, a.values.index, { notice: err, semantic: false }, async (app) =>
          docsModule().runDocs(app, { json: Boolean(a.values.json) }, out),
        );
      }
      case 'facts': {
        const a = parse(rest, {
          index: { type: 'string' },
          json: { type: 'boolean' },
          kind: { type: 'string' },
          year: { type: 'string' },
        });
        if (a.values.help) return factsModule().factsCommand(['--help'], { db: undefined as never, out });
        return await withApp(env, a.values.index, { notice: err, semantic: false }, (app) =>
          factsModule().factsCommand(rest, { db: app.db, out }),
        );
      }
      case 'digest': {
        const parsed = digestModule().parseDigestArgs(rest);
        if (!('chatId' in parsed))
          return digestModule().digestCommand(rest, { compose: async () => ({ text: '' }), out, err });
        return await withApp(env, parsed.index, { notice: err, semantic: false }, (app) => {
          const { digest } = app.config;
          const service = digestService().createDigestService({
            db: app.db,
            clock: () => new Date(),
            digest,
          });
          return digestModule().digestCommand(rest, {
            // The terminal has no "Xem đầy đủ" button: the whole digest.
            compose: async (chatId, date) => {
              const digest = service.compose(chatId, date);
              return { ...digest, text: digestCompose().digestPlainText(digest.full) };
            },
            out,
            err,
            today: () => digestTime().localDate(new Date(), digest.timezone),
          });
        });
      }
      case 'model':
        return await modelModule().modelCommand(rest, loadConfig(env));
      case 'start': {
        const a = parse(rest, {});
        if (a.values.help) return (out(HELP.start!), 0);
        // require, not import(): tsx's CommonJS hook resolves .ts files for require only.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { runStart } = require('./main') as typeof import('./main');
        return await runStart(loadConfig(env));
      }
      default:
        throw new UsageError(`Lệnh không có: "${command}".`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      err(`${e.message}\n\n${HELP[command] ?? USAGE}`);
      return 2;
    }
    if (isChithiError(e)) {
      err(e.message);
      return 1;
    }
    err(`Lỗi: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}
