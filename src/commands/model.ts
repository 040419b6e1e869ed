import type { Config } from '../config';
import { createError, isChithiError } from '../errors';
import {
  howToGetModel,
  locateModel,
  modelFileFor,
  transformersLibrary,
  type EmbeddingConfig,
} from '../search/embedder';

export interface ModelCommandDeps {
  /** Model hub root, e.g. a mirror. Defaults to transformers.js's (https://huggingface.co/). */
  remoteHost?: string;
  /** How long to wait for the hub to answer before giving up, in ms. Default 10 000. */
  timeoutMs?: number;
  out?: (line: string) => void;
  err?: (line: string) => void;
}

const USAGE = `Cách dùng: chithi model <lệnh>

  download   tải mô hình đã cấu hình (EMBEDDING_MODEL, EMBEDDING_DTYPE) vào EMBEDDING_CACHE_DIR
             (cần Internet; sau đó có thể chép thư mục này sang máy không có mạng)
  status     cho biết mô hình nào đang được cấu hình và đã có trên máy chưa
  check      so mô hình với tìm theo từ khóa trên bộ đánh giá của dự án (genre, vilqa), chọn trọng số
             của vectơ và ghi vào chỉ mục; mô hình chưa kiểm tra hoặc kém hơn thì xếp theo từ khóa

Tuỳ chọn: --help  hiện hướng dẫn này`;

/** Default wait for the hub's first answer: long enough for a slow link, short enough not to look hung. */
export const DEFAULT_DOWNLOAD_TIMEOUT_MS = 10_000;

function describe(cfg: EmbeddingConfig): string[] {
  const where = locateModel(cfg);
  const lines = [
    cfg.modelDir
      ? `Mô hình: thư mục ${cfg.modelDir} (EMBEDDING_MODEL_DIR), dtype ${cfg.dtype}`
      : `Mô hình: ${cfg.model}, dtype ${cfg.dtype}, lưu tại ${where.folder}`,
    `Số luồng: ${cfg.threads > 0 ? cfg.threads : 'mặc định của onnxruntime'}`,
  ];
  lines.push(
    where.missing.length === 0
      ? 'Trạng thái: đã có trên máy, tìm kiếm theo ngữ nghĩa sẵn sàng.'
      : `Trạng thái: chưa có — ${howToGetModel(cfg, where)}`,
  );
  return lines;
}

/**
 * Probes the hub with one HEAD request under a timeout, so an offline machine fails in well under
 * a second (DNS error) or at worst after `timeoutMs`, instead of hanging inside a download.
 */
async function probeHub(host: string, cfg: EmbeddingConfig, timeoutMs: number): Promise<void> {
  const url = `${host.replace(/\/+$/, '')}/${cfg.model}/resolve/main/config.json`;
  let status: number;
  try {
    const res = await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(timeoutMs) });
    status = res.status;
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause?.code;
    const why =
      (e as Error).name === 'TimeoutError'
        ? `máy chủ ${host} không trả lời sau ${Math.round(timeoutMs / 1000)} giây`
        : `không kết nối được tới ${host}${cause ? ` (${cause})` : ''}`;
    throw createError(
      'MODEL_UNAVAILABLE',
      `${why}. Lệnh "npx chithi model download" cần Internet: hãy chạy trên máy có mạng rồi chép thư mục ${cfg.cacheDir} sang máy này, hoặc đặt EMBEDDING_MODEL_DIR tới một thư mục mô hình có sẵn.`,
    );
  }
  if (status === 404 || status === 401) {
    throw createError(
      'MODEL_UNAVAILABLE',
      `không tìm thấy mô hình "${cfg.model}" trên ${host} (mã ${status}).`,
    );
  }
  if (status >= 400) {
    throw createError('MODEL_UNAVAILABLE', `máy chủ ${host} trả lỗi ${status}.`);
  }
}

/** Downloads the configured model into cfg.cacheDir through transformers.js's own file cache. */
export async function downloadModel(cfg: EmbeddingConfig, deps: ModelCommandDeps = {}): Promise<void> {
  const { env, pipeline } = transformersLibrary();
  const host = deps.remoteHost ?? env.remoteHost;
  const say = deps.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  await probeHub(host, cfg, deps.timeoutMs ?? DEFAULT_DOWNLOAD_TIMEOUT_MS);

  const saved = { remoteHost: env.remoteHost, cacheDir: env.cacheDir };
  env.remoteHost = host.endsWith('/') ? host : `${host}/`;
  env.allowRemoteModels = true;
  env.useFSCache = true;
  env.cacheDir = cfg.cacheDir;
  const reported = new Map<string, number>();
  try {
    const extractor = await pipeline('feature-extraction', cfg.model, {
      dtype: cfg.dtype as 'fp32',
      device: 'cpu',
      progress_callback: (p: { status: string; file?: string; progress?: number }) => {
        if (!p.file) return;
        if (p.status === 'progress' && typeof p.progress === 'number') {
          // One line per 25 %: readable in a log file as well as on a terminal.
          const step = Math.floor(p.progress / 25) * 25;
          if (step > (reported.get(p.file) ?? -1) && step < 100) {
            reported.set(p.file, step);
            say(`Đang tải ${p.file}: ${step}%`);
          }
        } else if (p.status === 'done') {
          say(`Đã tải xong ${p.file}`);
        }
      },
    });
    await extractor.dispose();
  } catch (e) {
    throw createError('MODEL_UNAVAILABLE', `tải ${cfg.model} thất bại: ${(e as Error).message}`);
  } finally {
    // Query time must never fetch: put the switches back however the download ended.
    env.remoteHost = saved.remoteHost;
    env.allowRemoteModels = false;
    env.cacheDir = saved.cacheDir;
  }
  const where = locateModel(cfg);
  if (where.missing.length > 0) {
    throw createError(
      'MODEL_UNAVAILABLE',
      `đã tải nhưng thiếu ${where.missing.join(', ')} trong ${where.folder}; mô hình có thể không có bản ${modelFileFor(cfg.dtype)} (thử EMBEDDING_DTYPE khác).`,
    );
  }
}

/**
 * `chithi model download|status`. Returns the exit code: 0 success, 1 failure (message printed),
 * 2 usage error.
 */
export async function modelCommand(
  argv: string[],
  config: Config,
  deps: ModelCommandDeps = {},
): Promise<number> {
  const out = deps.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  const err = deps.err ?? ((line: string) => process.stderr.write(`${line}\n`));
  const args = argv.filter((a) => a !== '--help' && a !== '-h');
  if (args.length !== argv.length) {
    out(USAGE);
    return 0;
  }
  const [sub, ...rest] = args;
  if (sub === 'check' && rest.length === 0) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { modelCheck } = require('./model-check') as typeof import('./model-check');
    try {
      return await modelCheck(config, { out });
    } catch (e) {
      if (!isChithiError(e)) throw e;
      err(e.message);
      return 1;
    }
  }
  if (rest.length > 0 || (sub !== 'download' && sub !== 'status')) {
    err(sub === undefined ? 'Thiếu lệnh con.' : `Không hiểu "${[sub, ...rest].join(' ')}".`);
    err(USAGE);
    return 2;
  }
  const cfg = config.embedding;
  if (sub === 'status') {
    for (const line of describe(cfg)) out(line);
    return 0;
  }
  if (cfg.modelDir) {
    out(`Đang dùng thư mục mô hình ${cfg.modelDir} (EMBEDDING_MODEL_DIR), không cần tải.`);
    for (const line of describe(cfg)) out(line);
    return locateModel(cfg).missing.length === 0 ? 0 : 1;
  }
  if (locateModel(cfg).missing.length === 0) {
    out(`Mô hình ${cfg.model} (${cfg.dtype}) đã có trong ${locateModel(cfg).folder}, không cần tải lại.`);
    return 0;
  }
  try {
    out(`Đang tải mô hình ${cfg.model} (${cfg.dtype}) vào ${cfg.cacheDir} …`);
    await downloadModel(cfg, { ...deps, out });
    out(`Xong. Mô hình nằm trong ${locateModel(cfg).folder}.`);
    return 0;
  } catch (e) {
    err(isChithiError(e) ? e.message : `Lỗi không mong đợi: ${(e as Error).message}`);
    return 1;
  }
}
