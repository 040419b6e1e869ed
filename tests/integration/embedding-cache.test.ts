/**
 * @jest-environment ./tests/helpers/onnx-environment.ts
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import {
  EmbeddingCache,
  embedPassagesCached,
  embeddingModelKey,
  hashText,
} from '../../src/search/embedding-cache';
import { loadEmbedder, type Embedder } from '../../src/search/embedder';
import { openDatabase } from '../../src/store/db';
import { createTinyModel } from '../helpers/tiny-model';

const PASSAGES = [
  'Năm 2025, phấn đấu hoàn thành 100% chỉ tiêu tuyển quân.',
  'Đảng ủy lãnh đạo công tác bảo vệ chủ quyền an ninh biên giới biển.',
  'Kinh phí tổ chức hội nghị do ngân sách tỉnh bảo đảm.',
];

let root: string;
let real: Embedder;
let calls: string[][];
/** The real tiny-model embedder, recording which passages reach the model. */
let counting: Embedder;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'chithi-embcache-'));
  const dir = path.join(root, 'tiny');
  await createTinyModel(dir);
  const loaded = await loadEmbedder({ model: 'x', modelDir: dir, dtype: 'fp32', cacheDir: root, threads: 1 });
  real = loaded.embedder!;
  counting = {
    modelId: real.modelId,
    dtype: real.dtype,
    dims: real.dims,
    prefixScheme: real.prefixScheme,
    embedQueries: (t) => real.embedQueries(t),
    embedPassages: (t) => {
      calls.push(t);
      return real.embedPassages(t);
    },
  };
});
beforeEach(() => {
  calls = [];
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A database with the whole schema (the embedding cache is one of its tables), in its own folder. */
function openDb(name: string): Database.Database {
  return openDatabase(path.join(root, name));
}

describe('hashText', () => {
  it.each([
    ['Chỉ tiêu năm 2025', 'Chỉ tiêu năm 2025'.normalize('NFD'), true],
    ['Đảng ủy', 'Đảng ủy'.normalize('NFD'), true],
    ['Đảng ủy', 'Đảng uỷ', false], // old tone placement: the caller's normalizer unifies these
    ['chỉ tiêu', 'chi tieu', false],
    ['Kinh phí', 'kinh phí', false],
  ])('"%s" vs "%s" same key: %s', (a, b, same) => {
    expect(hashText(a) === hashText(b)).toBe(same);
    expect(hashText(a)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('EmbeddingCache', () => {
  it('embeds unchanged passages only once, across reopening the database', async () => {
    const db = openDb('reingest.db');
    const cache = new EmbeddingCache(db, embeddingModelKey(counting));
    const first = await embedPassagesCached(counting, cache, PASSAGES);
    expect(first).toMatchObject({ hits: 0, embedded: 3 });
    expect(calls).toEqual([PASSAGES]);
    db.close();

    // Re-ingest after a restart: one passage edited, one new, two unchanged.
    const db2 = openDb('reingest.db');
    const cache2 = new EmbeddingCache(db2, embeddingModelKey(counting));
    const edited = 'Kinh phí tổ chức hội nghị do ngân sách trung ương bảo đảm.';
    const second = await embedPassagesCached(counting, cache2, [PASSAGES[0]!, PASSAGES[1]!, edited]);
    expect(second).toMatchObject({ hits: 2, embedded: 1 });
    expect(calls[1]).toEqual([edited]);
    const direct = await real.embedPassages([PASSAGES[1]!]);
    expect(Array.from(second.vectors[1]!)).toEqual(Array.from(direct[0]!));
    expect(cache2.count()).toBe(4);
    db2.close();
  });

  it('embeds a passage repeated in one call once, and returns it at each position', async () => {
    const cache = new EmbeddingCache(openDb('dup.db'), embeddingModelKey(counting));
    const texts = [PASSAGES[0]!, PASSAGES[1]!, PASSAGES[0]!, PASSAGES[0]!.normalize('NFD')];
    const r = await embedPassagesCached(counting, cache, texts);
    expect(r.embedded).toBe(2);
    expect(calls).toEqual([[PASSAGES[0], PASSAGES[1]]]);
    expect(r.vectors).toHaveLength(4);
    expect(Array.from(r.vectors[3]!)).toEqual(Array.from(r.vectors[0]!));
  });

  it('keeps models apart and prunes', async () => {
    const db = openDb('models.db');
    const a = new EmbeddingCache(db, embeddingModelKey(counting));
    const b = new EmbeddingCache(db, embeddingModelKey({ ...counting, dtype: 'q8' }));
    await embedPassagesCached(counting, a, PASSAGES);
    expect(b.getMany(PASSAGES.map(hashText)).size).toBe(0);
    b.putMany([{ hash: hashText('khác'), vector: new Float32Array(64) }]);
    expect(a.count()).toBe(3);
    expect(b.count()).toBe(1);

    expect(a.prune({ keep: [hashText(PASSAGES[2]!)] })).toBe(2);
    expect([...a.getMany(PASSAGES.map(hashText)).keys()]).toEqual([hashText(PASSAGES[2]!)]);
    expect(a.prune({ otherModels: true })).toBe(1);
    expect(b.count()).toBe(0);
    expect(a.count()).toBe(1);
  });

  it('treats a damaged blob as a miss and overwrites it', async () => {
    const db = openDb('damaged.db');
    const cache = new EmbeddingCache(db, embeddingModelKey(counting));
    await embedPassagesCached(counting, cache, [PASSAGES[0]!]);
    db.prepare('UPDATE embedding_cache SET vector = ?').run(Buffer.alloc(10));
    const r = await embedPassagesCached(counting, cache, [PASSAGES[0]!]);
    expect(r).toMatchObject({ hits: 0, embedded: 1 });
    expect(r.vectors[0]!.length).toBe(64);
    expect(cache.getMany([hashText(PASSAGES[0]!)]).size).toBe(1);
  });
});
