import { mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { seededRandom } from '../../src/seeded-random';
import {
  INDEX_FILE,
  MANIFEST_FILE,
  VectorIndex,
  reconcileVectors,
  type VectorIdentity,
} from '../../src/search/vector-index';

const IDENTITY: VectorIdentity = { modelId: 'tiny#abc', dtype: 'fp32', dims: 16, prefixScheme: 'e5' };

/** Deterministic pseudo-random vectors, so failures reproduce. */
function vectors(n: number, seed: number, dims = IDENTITY.dims): Float32Array[] {
  const random = seededRandom(seed);
  const rand = () => random() - 0.5;
  return Array.from({ length: n }, () => Float32Array.from({ length: dims }, rand));
}

const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'chithi-vectors-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function filled(ids: number[], seed = 1): Promise<{ index: VectorIndex; vecs: Float32Array[] }> {
  const { index, rebuilt, cause } = await VectorIndex.open(dir, IDENTITY, { initialCapacity: 8 });
  expect(rebuilt).toBe(true);
  expect(cause).toBe('missing');
  const vecs = vectors(ids.length, seed);
  await index.upsert(ids, vecs);
  return { index, vecs };
}

describe('VectorIndex', () => {
  it('finds a stored vector first, with similarity 1', async () => {
    const { index, vecs } = await filled([101, 102, 103]);
    const hits = await index.search(vecs[1]!, 3);
    expect(hits.map((h) => h.id)[0]).toBe(102);
    expect(hits[0]!.similarity).toBeCloseTo(1, 5);
    expect(hits).toHaveLength(3);
    for (let i = 1; i < hits.length; i++)
      expect(hits[i]!.similarity).toBeLessThanOrEqual(hits[i - 1]!.similarity);
  });

  it('returns at most the live count, and nothing when empty', async () => {
    const { index, rebuilt } = await VectorIndex.open(dir, IDENTITY);
    expect(rebuilt).toBe(true);
    expect(await index.search(vectors(1, 9)[0]!, 5)).toEqual([]);
    await index.upsert([1, 2], vectors(2, 3));
    expect(await index.search(vectors(1, 9)[0]!, 50)).toHaveLength(2);
  });

  it('keeps vectors, ids and ef across a re-open', async () => {
    const ids = range(1, 40);
    const { index, vecs } = await filled(ids);
    await index.save();
    expect(index.dirty).toBe(false);
    const again = await VectorIndex.open(dir, IDENTITY, { initialCapacity: 8 });
    expect(again.rebuilt).toBe(false);
    expect(again.reason).toBeNull();
    expect([...again.index.ids()].sort((a, b) => a - b)).toEqual(ids);
    // ef is not stored in the file; a default ef of 10 would still find an exact match among 40,
    // so check recall on every id: each must come back first for its own vector.
    for (const [i, id] of ids.entries()) {
      const [top] = await again.index.search(vecs[i]!, 1);
      expect(top?.id).toBe(id);
    }
  });

  it('grows past its initial capacity', async () => {
    const ids = range(1000, 300);
    const { index, vecs } = await filled(ids, 7);
    expect(index.size).toBe(300);
    expect(index.capacity).toBeGreaterThanOrEqual(300);
    await index.save();
    const { index: reopened } = await VectorIndex.open(dir, IDENTITY);
    expect(reopened.size).toBe(300);
    const [top] = await reopened.search(vecs[299]!, 1);
    expect(top?.id).toBe(1299);
  });

  it('deletes, reuses deleted slots and re-adds deleted ids', async () => {
    const { index, vecs } = await filled(range(1, 200), 11);
    const capacity = index.capacity;
    expect(await index.remove([...range(1, 100), 5000])).toBe(100);
    expect(index.size).toBe(100);
    for (const i of [0, 49, 99]) {
      const hits = await index.search(vecs[i]!, 10);
      expect(hits.map((h) => h.id)).not.toContain(i + 1);
    }
    // 100 new passages fill the 100 freed slots: no growth.
    const fresh = vectors(100, 12);
    await index.upsert(range(500, 100), fresh);
    expect(index.capacity).toBe(capacity);
    // Some deleted ids come back with new text; their old slots may have gone to others.
    const back = vectors(50, 13);
    await index.upsert(range(1, 50), back);
    expect(index.size).toBe(250);
    const probes: Array<[number, Float32Array]> = [
      ...range(0, 50).map((i): [number, Float32Array] => [i + 1, back[i]!]),
      ...range(0, 100).map((i): [number, Float32Array] => [500 + i, fresh[i]!]),
      ...range(100, 100).map((i): [number, Float32Array] => [i + 1, vecs[i]!]),
    ];
    for (const [id, v] of probes) {
      const [top] = await index.search(v, 1);
      expect(top?.id).toBe(id);
    }
    await index.save();
    const { index: reopened, rebuilt } = await VectorIndex.open(dir, IDENTITY);
    expect(rebuilt).toBe(false);
    expect(reopened.size).toBe(250);
    expect(reopened.has(60)).toBe(false);
    await reopened.upsert([60], vectors(1, 14));
    expect(reopened.has(60)).toBe(true);
  });

  it('replaces the vector of an id that is upserted again', async () => {
    const { index } = await filled([1, 2, 3]);
    const [replacement] = vectors(1, 99);
    await index.upsert([2], [replacement!]);
    const [top] = await index.search(replacement!, 1);
    expect(top).toEqual({ id: 2, similarity: expect.closeTo(1, 5) });
    expect(index.size).toBe(3);
  });

  it.each([
    [
      'a flipped byte',
      async (file: string) => {
        const buf = await readFile(file);
        const at = Math.floor(buf.length / 2);
        buf[at] = buf[at]! ^ 0xff;
        await writeFile(file, buf);
      },
      /mã kiểm tra/,
    ],
    ['a truncated file', async (file: string) => truncate(file, 100), /dài 100 byte/],
    ['a missing index file', async (file: string) => rm(file), /thiếu vectors\.hnsw/],
    [
      'a missing manifest',
      async (file: string) => rm(path.join(path.dirname(file), MANIFEST_FILE)),
      /thiếu vectors\.manifest\.json/,
    ],
    [
      'a garbled manifest',
      async (file: string) => writeFile(path.join(path.dirname(file), MANIFEST_FILE), '{"version":'),
      /không đọc được/,
    ],
  ])('rebuilds, without crashing, after %s', async (_name, damage, reason) => {
    const { index } = await filled(range(1, 30));
    await index.save();
    await damage(path.join(dir, INDEX_FILE));
    const opened = await VectorIndex.open(dir, IDENTITY);
    expect(opened.rebuilt).toBe(true);
    expect(opened.cause).toBe('corrupt');
    expect(opened.reason).toMatch(reason);
    expect(opened.index.size).toBe(0);
    // The empty index replaces the damaged files at the next save.
    expect(opened.index.dirty).toBe(true);
    await opened.index.save();
    expect((await VectorIndex.open(dir, IDENTITY)).rebuilt).toBe(false);
  });

  it.each([
    ['another model', { ...IDENTITY, modelId: 'Xenova/multilingual-e5-small' }],
    ['another dimension', { ...IDENTITY, dims: 32 }],
    ['another dtype', { ...IDENTITY, dtype: 'q8' }],
    ['another prefix scheme', { ...IDENTITY, prefixScheme: 'none' }],
  ])('rebuilds for %s instead of mixing vectors', async (_name, other) => {
    const { index } = await filled(range(1, 10));
    await index.save();
    const opened = await VectorIndex.open(dir, other);
    expect(opened.rebuilt).toBe(true);
    expect(opened.cause).toBe('mismatch');
    expect(opened.reason).toContain(IDENTITY.modelId);
    expect(opened.reason).toContain('sẽ tính lại toàn bộ vectơ');
    expect(opened.index.size).toBe(0);
    await opened.index.upsert([1], vectors(1, 5, other.dims));
    expect(opened.index.size).toBe(1);
  });

  it('serializes a search issued during a save behind the save', async () => {
    const { index, vecs } = await filled(range(1, 2000), 21);
    const order: string[] = [];
    const saving = index.save().then(() => order.push('save'));
    const searching = index.search(vecs[0]!, 1).then(() => order.push('search'));
    await Promise.all([saving, searching]);
    expect(order).toEqual(['save', 'search']);
  });

  it('does not let an insert issued during a save reach that save', async () => {
    const { index } = await filled(range(1, 500), 22);
    const saving = index.save();
    const adding = index.upsert([9999], vectors(1, 23));
    await Promise.all([saving, adding]);
    expect(index.dirty).toBe(true);
    const manifest = JSON.parse(await readFile(path.join(dir, MANIFEST_FILE), 'utf8')) as {
      labels: number[];
    };
    expect(manifest.labels).not.toContain(9999);
    const reopened = await VectorIndex.open(dir, IDENTITY);
    expect(reopened.rebuilt).toBe(false);
    expect(reopened.index.size).toBe(500);
  });

  it.each([
    ['ids and vectors of different lengths', [1, 2], vectors(1, 1), /2 ids for 1 vectors/],
    ['a vector of the wrong width', [1], vectors(1, 1, 8), /expected 16/],
    ['a negative id', [-1], vectors(1, 1), /non-negative/],
  ])('rejects %s', async (_name, ids, vecs, message) => {
    const { index } = await VectorIndex.open(dir, IDENTITY);
    await expect(index.upsert(ids, vecs)).rejects.toThrow(message);
    expect(index.size).toBe(0);
  });
});

describe('reconcileVectors', () => {
  /** Vector from the text's characters: same text, same vector; enough to check identity. */
  const embedText = (texts: string[]) =>
    Promise.resolve(
      texts.map((t) =>
        Float32Array.from({ length: IDENTITY.dims }, (_, i) =>
          Math.sin((t.codePointAt(i % t.length) ?? 1) * (i + 1)),
        ),
      ),
    );

  it('adds what SQLite has and the index lacks, removes the rest, reporting progress', async () => {
    const { index } = await VectorIndex.open(dir, IDENTITY);
    await index.upsert([1, 2, 3], await embedText(['một', 'hai', 'ba']));
    const passages = new Map<number, string>([
      [2, 'hai'],
      [3, 'ba'],
      ...range(10, 130).map((id): [number, string] => [id, `Đoạn ${id}: chỉ tiêu năm 2025`]),
    ]);
    const embedded: string[] = [];
    const progress: Array<[number, number]> = [];
    const result = await reconcileVectors(
      index,
      passages,
      (texts) => {
        embedded.push(...texts);
        return embedText(texts);
      },
      { batchSize: 50, onProgress: (d, t) => progress.push([d, t]) },
    );
    expect(result).toEqual({ added: 130, removed: 1 });
    expect(embedded).toHaveLength(130);
    expect(embedded).not.toContain('hai');
    expect(progress).toEqual([
      [50, 130],
      [100, 130],
      [130, 130],
    ]);
    expect([...index.ids()].sort((a, b) => a - b)).toEqual([...passages.keys()].sort((a, b) => a - b));
    const [q] = await embedText(['Đoạn 77: chỉ tiêu năm 2025']);
    expect((await index.search(q!, 1))[0]?.id).toBe(77);
    expect(await reconcileVectors(index, passages, embedText)).toEqual({ added: 0, removed: 0 });
  });
});
