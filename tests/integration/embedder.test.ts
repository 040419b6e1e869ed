/**
 * @jest-environment ./tests/helpers/onnx-environment.ts
 */
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from '@huggingface/transformers';
import { modelCommand } from '../../src/commands/model';
import { loadConfig } from '../../src/config';
import {
  E5_PREFIX_SCHEME,
  loadEmbedder,
  type Embedder,
  type EmbeddingConfig,
} from '../../src/search/embedder';
import { createTinyModel } from '../helpers/tiny-model';

/** Pairs built into the tiny model as sharing a meaning, with no syllable in common. */
const MEANINGS = [
  ['kinh', 'ngân'],
  ['phí', 'sách'],
  ['mục', 'chỉ'],
  ['tới', '2025'],
];

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

let root: string;
let modelDir: string;
let embedder: Embedder;

function embeddingConfig(over: Partial<EmbeddingConfig> = {}): EmbeddingConfig {
  return {
    model: 'Xenova/multilingual-e5-small',
    modelDir: undefined,
    dtype: 'fp32',
    cacheDir: path.join(root, 'cache'),
    threads: 1,
    ...over,
  };
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'chithi-embedder-'));
  modelDir = path.join(root, 'tiny');
  await createTinyModel(modelDir, { meanings: MEANINGS });
  const loaded = await loadEmbedder(embeddingConfig({ modelDir }));
  expect(loaded.reason).toBeNull();
  embedder = loaded.embedder!;
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('tiny model through the real transformers.js pipeline', () => {
  it('gives unit-length vectors of the model width', async () => {
    const texts = ['Kinh phí năm 2025', 'Đảng ủy lãnh đạo công tác biên giới', 'an ninh'];
    const vectors = await embedder.embedPassages(texts);
    expect(embedder.dims).toBe(64);
    expect(embedder.dtype).toBe('fp32');
    expect(embedder.prefixScheme).toBe(E5_PREFIX_SCHEME);
    expect(vectors).toHaveLength(3);
    for (const v of vectors) {
      expect(v).toBeInstanceOf(Float32Array);
      expect(v.length).toBe(64);
      expect(dot(v, v)).toBeCloseTo(1, 5);
    }
  });

  it('prefixes questions with "query: " and passages with "passage: "', async () => {
    const raw = await pipeline('feature-extraction', modelDir, { dtype: 'fp32' });
    const opts = { pooling: 'mean' as const, normalize: true };
    const text = 'kinh phí năm tới';
    const [q] = await embedder.embedQueries([text]);
    const [p] = await embedder.embedPassages([text]);
    const withQuery = (await raw([`query: ${text}`], opts)).data as Float32Array;
    const withPassage = (await raw([`passage: ${text}`], opts)).data as Float32Array;
    const bare = (await raw([text], opts)).data as Float32Array;
    expect(dot(q!, withQuery)).toBeCloseTo(1, 5);
    expect(dot(p!, withPassage)).toBeCloseTo(1, 5);
    expect(dot(q!, bare)).toBeLessThan(0.99);
    expect(dot(q!, p!)).toBeLessThan(0.99);
    await raw.dispose();
  });

  it.each([
    // [question, paraphrase with no shared syllable, unrelated passage]
    ['kinh phí', 'ngân sách', 'an ninh biên giới'],
    ['mục tiêu năm tới', 'chỉ tiêu năm 2025', 'tuyên truyền pháp luật'],
    ['kinh phí năm tới', 'ngân sách 2025', 'phòng chống thiên tai'],
  ])('finds "%s" nearer to "%s" than to "%s"', async (question, paraphrase, unrelated) => {
    const [q] = await embedder.embedQueries([question]);
    const [near, far] = await embedder.embedPassages([paraphrase, unrelated]);
    expect(dot(q!, near!)).toBeGreaterThan(dot(q!, far!) + 0.2);
  });

  it.each(['Mục tiêu năm 2025', 'Đảng ủy chỉ đạo', 'Bảo vệ chủ quyền biên giới biển'])(
    'embeds NFD "%s" the same as NFC',
    async (text) => {
      const nfd = text.normalize('NFD');
      expect(nfd).not.toBe(text);
      const [a] = await embedder.embedPassages([text]);
      const [b] = await embedder.embedPassages([nfd]);
      expect(dot(a!, b!)).toBeCloseTo(1, 5);
    },
  );

  it('keeps input order across length-sorted batches', async () => {
    const words = 'kinh phí ngân sách mục tiêu chỉ năm tới 2025 an ninh biên giới đảng ủy'.split(' ');
    const texts = Array.from({ length: 40 }, (_, i) =>
      Array.from({ length: 1 + ((i * 7) % 11) }, (_, j) => words[(i + j) % words.length]).join(' '),
    );
    const batched = await embedder.embedPassages(texts);
    for (const i of [0, 13, 27, 39]) {
      const [single] = await embedder.embedPassages([texts[i]!]);
      expect(dot(batched[i]!, single!)).toBeCloseTo(1, 5);
    }
  });
});

describe('loadEmbedder', () => {
  it('returns a Vietnamese reason, fast, when the hub model is not cached', async () => {
    const started = Date.now();
    const loaded = await loadEmbedder(embeddingConfig({ cacheDir: path.join(root, 'empty-cache') }));
    const ms = Date.now() - started;
    expect(loaded.embedder).toBeNull();
    expect(loaded.reason).toContain('npx chithi model download');
    expect(loaded.reason).toContain('EMBEDDING_MODEL_DIR');
    expect(ms).toBeLessThan(500);
  });

  it('names the missing weights file when EMBEDDING_MODEL_DIR lacks the dtype', async () => {
    const loaded = await loadEmbedder(embeddingConfig({ modelDir, dtype: 'q8' }));
    expect(loaded.embedder).toBeNull();
    expect(loaded.reason).toContain('onnx/model_quantized.onnx');
  });

  it('reports a broken weights file instead of throwing', async () => {
    const broken = path.join(root, 'broken');
    await cp(modelDir, broken, { recursive: true });
    await cp(path.join(broken, 'config.json'), path.join(broken, 'onnx', 'model.onnx'));
    const loaded = await loadEmbedder(embeddingConfig({ modelDir: broken }));
    expect(loaded.embedder).toBeNull();
    expect(loaded.reason).toMatch(/không nạp được mô hình/);
  });

  it('loads a hub model from the cache folder under its hub id', async () => {
    const cacheDir = path.join(root, 'hub-cache');
    await cp(modelDir, path.join(cacheDir, 'Xenova', 'multilingual-e5-small'), { recursive: true });
    const loaded = await loadEmbedder(embeddingConfig({ cacheDir }));
    expect(loaded.embedder?.modelId).toBe('Xenova/multilingual-e5-small');
  });

  it('gives a folder model a new id when its weights change', async () => {
    const other = path.join(root, 'tiny-other');
    await createTinyModel(other, { meanings: [['kinh', 'an']] });
    const again = path.join(root, 'tiny-again');
    await createTinyModel(again, { meanings: MEANINGS });
    const a = (await loadEmbedder(embeddingConfig({ modelDir: other }))).embedder!;
    const b = (await loadEmbedder(embeddingConfig({ modelDir: again }))).embedder!;
    const idPart = (id: string) => id.split('#')[1];
    expect(idPart(a.modelId)).not.toBe(idPart(embedder.modelId));
    expect(idPart(b.modelId)).toBe(idPart(embedder.modelId));
  });
});

describe('chithi model', () => {
  const run = async (argv: string[], env: Record<string, string>, remoteHost?: string) => {
    const out: string[] = [];
    const err: string[] = [];
    const config = loadConfig({ INDEX_DIR: path.join(root, 'idx'), EMBEDDING_DTYPE: 'fp32', ...env });
    const code = await modelCommand(argv, config, {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      ...(remoteHost ? { remoteHost, timeoutMs: 1000 } : {}),
    });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  it.each([
    [['--help'], 0],
    [['status', '--help'], 0],
    [[], 2],
    [['tải'], 2],
    [['status', 'thêm'], 2],
  ])('%j exits with %i', async (argv, code) => {
    const r = await run(argv, {});
    expect(r.code).toBe(code);
    expect(r.code === 0 ? r.out : r.err).toContain('Cách dùng: chithi model');
  });

  it('status says whether the configured model is present', async () => {
    const absent = await run(['status'], {});
    expect(absent.code).toBe(0);
    expect(absent.out).toContain('Trạng thái: chưa có');
    const present = await run(['status'], { EMBEDDING_MODEL_DIR: modelDir });
    expect(present.out).toContain('đã có trên máy');
  });

  it('download fails fast with exit 1 when the hub is unreachable', async () => {
    // A port nobody listens on: connection refused at once, as an offline machine would.
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const started = Date.now();
    const r = await run(['download'], {}, `http://127.0.0.1:${port}/`);
    expect(r.code).toBe(1);
    expect(r.err).toContain('Không tải được mô hình ngữ nghĩa');
    expect(r.err).toContain('cần Internet');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('download times out on a hub that never answers', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as AddressInfo).port;
    const r = await run(['download'], {}, `http://127.0.0.1:${port}/`);
    silent.closeAllConnections();
    await new Promise((res) => silent.close(res));
    expect(r.code).toBe(1);
    expect(r.err).toContain('không trả lời');
  });

  describe('from a local hub', () => {
    let hub: Server;
    let host: string;
    beforeAll(async () => {
      // Serves the tiny model as the hub would: /<owner>/<name>/resolve/main/<file>.
      hub = createServer((req, res) => {
        const m = /^\/test\/tiny-e5\/resolve\/main\/(.+)$/.exec(req.url ?? '');
        if (!m) return void res.writeHead(404).end();
        readFile(path.join(modelDir, decodeURIComponent(m[1]!)))
          .then((body) => {
            res.writeHead(200, { 'content-length': body.length });
            res.end(req.method === 'HEAD' ? undefined : body);
          })
          .catch(() => res.writeHead(404).end());
      });
      await new Promise<void>((r) => hub.listen(0, '127.0.0.1', r));
      host = `http://127.0.0.1:${(hub.address() as AddressInfo).port}/`;
    });
    afterAll(async () => {
      hub.closeAllConnections();
      await new Promise((r) => hub.close(r));
    });

    it('downloads into the cache, after which the embedder loads offline', async () => {
      const env = { EMBEDDING_MODEL: 'test/tiny-e5' };
      const r = await run(['download'], env, host);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      expect(r.out).toContain('Xong.');
      const config = loadConfig({ INDEX_DIR: path.join(root, 'idx'), EMBEDDING_DTYPE: 'fp32', ...env });
      const loaded = await loadEmbedder(config.embedding);
      expect(loaded.embedder?.modelId).toBe('test/tiny-e5');
      const [v] = await loaded.embedder!.embedQueries(['kinh phí']);
      const [w] = await embedder.embedQueries(['kinh phí']);
      expect(dot(v!, w!)).toBeCloseTo(1, 5);
      const again = await run(['download'], env, host);
      expect(again.out).toContain('không cần tải lại');
    });

    it('says the model does not exist on the hub', async () => {
      const r = await run(['download'], { EMBEDDING_MODEL: 'test/khong-co' }, host);
      expect(r.code).toBe(1);
      expect(r.err).toContain('không tìm thấy mô hình "test/khong-co"');
    });
  });
});
