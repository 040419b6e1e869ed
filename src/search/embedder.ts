import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FeatureExtractionPipeline } from '@huggingface/transformers';
import type { Config } from '../config';

/** Turns text into unit-length vectors on this machine. Cosine similarity is then a dot product. */
export interface Embedder {
  /** Identifies the weights: hub id for a cached model, folder name + content fingerprint for a folder. */
  readonly modelId: string;
  readonly dtype: string;
  /** Vector length, measured on the loaded model. */
  readonly dims: number;
  /** How questions and passages are prefixed; vectors made under another scheme must not be mixed. */
  readonly prefixScheme: string;
  /**
   * Embeds questions ("query: " prefix). Expects NFC text that went through src/text normalization;
   * NFC is re-applied here because a decomposed (NFD) syllable is a different token.
   */
  embedQueries(texts: string[]): Promise<Float32Array[]>;
  /** Embeds passages ("passage: " prefix); same text expectations as embedQueries. */
  embedPassages(texts: string[]): Promise<Float32Array[]>;
}

export type EmbeddingConfig = Config['embedding'];

/** Minimal logger shape (pino's Logger fits). */
export interface EmbedLog {
  info(msg: string): void;
  warn(msg: string): void;
}

/** The e5 family expects these prefixes; the scheme string goes into the vector manifest. */
export const E5_PREFIXES = { query: 'query: ', passage: 'passage: ' } as const;
export const E5_PREFIX_SCHEME = 'e5:"query: "/"passage: "';

/** Texts per forward pass. 16 keeps peak memory of e5-small at 512 tokens around 100 MB. */
export const DEFAULT_BATCH_SIZE = 16;

/** transformers.js file suffix per dtype (its DEFAULT_DTYPE_SUFFIX_MAPPING). */
const DTYPE_SUFFIX: Record<string, string> = {
  fp32: '',
  fp16: '_fp16',
  int8: '_int8',
  uint8: '_uint8',
  q8: '_quantized',
  q4: '_q4',
  q4f16: '_q4f16',
  bnb4: '_bnb4',
};

/** Relative path of the ONNX weights transformers.js loads for a dtype, e.g. "onnx/model_quantized.onnx". */
export function modelFileFor(dtype: string): string {
  return `onnx/model${DTYPE_SUFFIX[dtype] ?? `_${dtype}`}.onnx`;
}

export interface ModelLocation {
  /** 'dir' = EMBEDDING_MODEL_DIR; 'cache' = hub model inside EMBEDDING_CACHE_DIR. */
  kind: 'dir' | 'cache';
  /** Absolute folder that must hold config.json, tokenizer files and the ONNX weights. */
  folder: string;
  /** Files the folder must hold for this dtype. */
  required: string[];
  /** Required files that are not there. */
  missing: string[];
}

/**
 * Where the configured model lives on disk and whether it is complete. transformers.js caches a
 * hub model as `<cacheDir>/<owner>/<name>/<file>`, the same layout as a local model folder, so
 * both cases are read the same way, without the network.
 */
export function locateModel(cfg: EmbeddingConfig): ModelLocation {
  const kind = cfg.modelDir ? 'dir' : 'cache';
  const folder = cfg.modelDir ?? path.join(cfg.cacheDir, ...cfg.model.split('/'));
  const required = ['config.json', 'tokenizer.json', 'tokenizer_config.json', modelFileFor(cfg.dtype)];
  const missing = required.filter((f) => !existsSync(path.join(folder, f)));
  return { kind, folder, required, missing };
}

/** Vietnamese explanation of how to get the model, for the one message ingest/ask print. */
export function howToGetModel(cfg: EmbeddingConfig, where: ModelLocation): string {
  if (where.kind === 'dir') {
    return (
      `thư mục EMBEDDING_MODEL_DIR (${where.folder}) thiếu ${where.missing.join(', ')}. ` +
      `Hãy chép đủ tệp mô hình vào thư mục này (với EMBEDDING_DTYPE=${cfg.dtype} cần ${modelFileFor(cfg.dtype)}).`
    );
  }
  return (
    `chưa có mô hình ${cfg.model} (${cfg.dtype}) trong ${where.folder}. ` +
    `Hãy chạy "npx chithi model download" trên một máy có Internet rồi chép thư mục ${cfg.cacheDir} sang máy này, ` +
    `hoặc đặt EMBEDDING_MODEL_DIR tới một thư mục mô hình có sẵn.`
  );
}

/**
 * Content fingerprint of a model folder: the JSON files in full plus the size and the first and
 * last 4 MiB of the weights. Hashing all of a 120 MB file at every start would cost ~0.3 s, and a
 * re-exported model differs at both ends anyway (header and trailing initializers).
 */
async function fingerprint(folder: string, dtype: string): Promise<string> {
  const hash = createHash('sha256');
  for (const f of ['config.json', 'tokenizer.json', 'tokenizer_config.json']) {
    hash.update(await readFile(path.join(folder, f)));
  }
  const weights = path.join(folder, modelFileFor(dtype));
  const size = statSync(weights).size;
  hash.update(String(size));
  const chunk = 4 * 1024 * 1024;
  const fh = await open(weights, 'r');
  try {
    const head = Buffer.alloc(Math.min(chunk, size));
    await fh.read(head, 0, head.length, 0);
    hash.update(head);
    if (size > chunk) {
      const tail = Buffer.alloc(Math.min(chunk, size - chunk));
      await fh.read(tail, 0, tail.length, size - tail.length);
      hash.update(tail);
    }
  } finally {
    await fh.close();
  }
  return hash.digest('hex').slice(0, 12);
}

/**
 * The one module-level singleton: pipelines by folder + dtype + threads. The *promise* is cached so
 * concurrent callers share one load; a failed load is forgotten so a later call can retry.
 */
type Transformers = typeof import('@huggingface/transformers');

/**
 * transformers.js, loaded on first use rather than at import: with onnxruntime it takes ~170 MB,
 * which keyword-only deployments and every CLI command without a model never need.
 */
export function transformersLibrary(): Transformers {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('@huggingface/transformers') as Transformers;
}

const pipelines = new Map<string, Promise<FeatureExtractionPipeline>>();

/** Loading touches transformers.js's global `env`; loads are chained so two never interleave. */
let loadChain: Promise<unknown> = Promise.resolve();

function loadPipeline(folder: string, cfg: EmbeddingConfig): Promise<FeatureExtractionPipeline> {
  const key = JSON.stringify([folder, cfg.dtype, cfg.threads]);
  let p = pipelines.get(key);
  if (!p) {
    p = loadChain.then(async () => {
      // Never fetch at load: the folder was checked to be complete, and a query must not hang on a
      // network that agencies' machines do not have. cacheDir moves any cache out of node_modules.
      const { env, pipeline } = transformersLibrary();
      env.allowRemoteModels = false;
      env.allowLocalModels = true;
      env.cacheDir = cfg.cacheDir;
      const sessionOptions =
        cfg.threads > 0 ? { intraOpNumThreads: cfg.threads, interOpNumThreads: 1 } : undefined;
      // An absolute path is not a valid hub id, so transformers.js reads it as a folder as is.
      return (await pipeline('feature-extraction', folder, {
        dtype: cfg.dtype as 'fp32',
        device: 'cpu',
        local_files_only: true,
        ...(sessionOptions ? { session_options: sessionOptions } : {}),
      })) as FeatureExtractionPipeline;
    });
    loadChain = p.catch(() => undefined);
    pipelines.set(key, p);
    p.catch(() => pipelines.delete(key));
  }
  return p;
}

class TransformersEmbedder implements Embedder {
  readonly prefixScheme = E5_PREFIX_SCHEME;

  constructor(
    private readonly extractor: FeatureExtractionPipeline,
    readonly modelId: string,
    readonly dtype: string,
    readonly dims: number,
    private readonly batchSize: number,
  ) {}

  embedQueries(texts: string[]): Promise<Float32Array[]> {
    return this.embed(texts, E5_PREFIXES.query);
  }

  embedPassages(texts: string[]): Promise<Float32Array[]> {
    return this.embed(texts, E5_PREFIXES.passage);
  }

  private async embed(texts: string[], prefix: string): Promise<Float32Array[]> {
    const out = new Array<Float32Array>(texts.length);
    // Batch texts of similar length together: padding to the longest in a batch is wasted work.
    const order = texts.map((_, i) => i).sort((a, b) => texts[a]!.length - texts[b]!.length);
    for (let start = 0; start < order.length; start += this.batchSize) {
      const idx = order.slice(start, start + this.batchSize);
      const batch = idx.map((i) => prefix + texts[i]!.normalize('NFC'));
      const tensor = await this.extractor(batch, { pooling: 'mean', normalize: true });
      const data = tensor.data as Float32Array;
      const dims = data.length / idx.length;
      idx.forEach((i, row) => {
        // slice copies, so callers keep the vector without pinning the whole batch buffer.
        out[i] = data.slice(row * dims, (row + 1) * dims);
      });
    }
    return out;
  }
}

export interface LoadedEmbedder {
  embedder: Embedder | null;
  /** Vietnamese, for people: why there is no embedder and how to get one. Null when loaded. */
  reason: string | null;
}

/**
 * Loads the configured model without touching the network. Returns `{ embedder: null, reason }`
 * when the model folder is missing or incomplete or the weights fail to load, so callers fall back
 * to keyword search and say `reason` once. Takes a few milliseconds when the model is absent.
 */
export async function loadEmbedder(
  cfg: EmbeddingConfig,
  log?: EmbedLog,
  options: { batchSize?: number } = {},
): Promise<LoadedEmbedder> {
  const where = locateModel(cfg);
  if (where.missing.length > 0) {
    return { embedder: null, reason: howToGetModel(cfg, where) };
  }
  try {
    const started = Date.now();
    const extractor = await loadPipeline(where.folder, cfg);
    const id =
      where.kind === 'dir'
        ? `${path.basename(where.folder)}#${await fingerprint(where.folder, cfg.dtype)}`
        : cfg.model;
    // Measure the width rather than trusting config.json's hidden_size.
    const probe = await extractor(['passage: .'], { pooling: 'mean', normalize: true });
    const dims = probe.dims[probe.dims.length - 1] as number;
    const embedder = new TransformersEmbedder(
      extractor,
      id,
      cfg.dtype,
      dims,
      options.batchSize ?? DEFAULT_BATCH_SIZE,
    );
    log?.info(
      `Đã nạp mô hình ngữ nghĩa ${id} (${cfg.dtype}, ${dims} chiều) trong ${Date.now() - started} ms.`,
    );
    return { embedder, reason: null };
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return {
      embedder: null,
      reason: `không nạp được mô hình trong ${where.folder} (${why}). Hãy tải lại bằng "npx chithi model download" hoặc kiểm tra EMBEDDING_MODEL_DIR, EMBEDDING_DTYPE.`,
    };
  }
}
