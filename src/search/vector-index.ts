import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readFile, rename, stat } from 'node:fs/promises';
import path from 'node:path';
import type { HierarchicalNSW } from 'hnswlib-node';
import { Mutex } from './mutex';

// The native addon is loaded when a vector index is first opened or built, not with the module: a
// keyword-only start (no model, or `chithi ask` on a read-only database) never reads it.
/* eslint-disable @typescript-eslint/no-require-imports */
const newHnsw = (dims: number): HierarchicalNSW =>
  new (require('hnswlib-node') as typeof import('hnswlib-node')).HierarchicalNSW('cosine', dims);
/* eslint-enable @typescript-eslint/no-require-imports */

export const INDEX_FILE = 'vectors.hnsw';
export const MANIFEST_FILE = 'vectors.manifest.json';
const MANIFEST_VERSION = 1;

/** What the stored vectors were made with; vectors of two identities are never mixed. */
export interface VectorIdentity {
  modelId: string;
  dtype: string;
  dims: number;
  prefixScheme: string;
}

export interface VectorIndexOptions {
  /** Slots allocated for a new index; doubled whenever full. Default 1024. */
  initialCapacity?: number;
  /** hnsw M, links per node: 8–48; more is more accurate, larger and slower to build. Default 16. */
  m?: number;
  /**
   * hnsw efConstruction: candidate list while inserting, ≥ M. Default 100: on 20k random 384-d
   * vectors (2-core machine) it inserted 1526/s against 1050/s for 200, self-recall@1 500/500 vs 499/500.
   */
  efConstruction?: number;
  /** hnsw ef at query time, raised to k when k is larger. Default 64. */
  efSearch?: number;
}

interface Manifest extends VectorIdentity {
  version: number;
  space: 'cosine';
  m: number;
  efConstruction: number;
  /** Live (not deleted) vectors. */
  count: number;
  capacity: number;
  /** Live labels = passage ids, ascending. */
  labels: number[];
  indexBytes: number;
  indexSha256: string;
  savedAt: string;
}

export interface VectorHit {
  /** Passage id. */
  id: number;
  /** Cosine similarity, −1..1 (1 = same direction). */
  similarity: number;
}

/** Why an existing index could not be used: 'missing' is a first run, the others deserve a message. */
export type RebuildCause = 'missing' | 'corrupt' | 'mismatch';

export interface OpenedIndex {
  index: VectorIndex;
  /** True when the index starts empty and every passage must be (re)added. */
  rebuilt: boolean;
  cause: RebuildCause | null;
  /** Vietnamese, for people; null when the stored index was loaded. */
  reason: string | null;
}

async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Writes `data` to a temporary file, flushes it to disk and renames it over `file`. */
async function writeAtomic(file: string, data: string): Promise<void> {
  const tmp = `${file}.tmp-${process.pid}`;
  const fh = await open(tmp, 'w');
  try {
    await fh.writeFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
  await rename(tmp, file);
}

function describeIdentity(v: VectorIdentity): string {
  return `${v.modelId} (${v.dtype}, ${v.dims} chiều, tiền tố ${v.prefixScheme})`;
}

function sameIdentity(a: VectorIdentity, b: VectorIdentity): boolean {
  return (
    a.modelId === b.modelId && a.dtype === b.dtype && a.dims === b.dims && a.prefixScheme === b.prefixScheme
  );
}

/**
 * Passage vectors in an hnswlib graph (cosine space), persisted in one folder as vectors.hnsw plus
 * vectors.manifest.json. Labels are passage ids. Every operation is serialized through one mutex,
 * so no search runs while the graph is read, written or changed.
 */
export class VectorIndex {
  private readonly mutex = new Mutex();
  private changed = false;

  private constructor(
    readonly dir: string,
    readonly identity: VectorIdentity,
    private readonly options: Required<VectorIndexOptions>,
    private hnsw: HierarchicalNSW,
    /** Live labels. */
    private readonly live: Set<number>,
    /**
     * Labels marked deleted that may still own a slot. A superset: hnswlib reuses deleted slots in
     * an order JavaScript cannot see, so an entry can be stale; unmarkDelete tells for sure.
     */
    private readonly deleted: Set<number>,
  ) {
    this.hnsw.setEf(options.efSearch);
  }

  /**
   * Opens the index in `dir` for vectors of `expected`. A missing, truncated or corrupt file, or
   * one made by another model, dimension, dtype or prefix scheme, is never loaded: the index
   * starts empty and `rebuilt` says so, with the reason. Never throws for a bad file.
   */
  static async open(
    dir: string,
    expected: VectorIdentity,
    options: VectorIndexOptions = {},
  ): Promise<OpenedIndex> {
    const opts: Required<VectorIndexOptions> = {
      initialCapacity: options.initialCapacity ?? 1024,
      m: options.m ?? 16,
      efConstruction: options.efConstruction ?? 100,
      efSearch: options.efSearch ?? 64,
    };
    if (!Number.isInteger(expected.dims) || expected.dims < 1) {
      throw new RangeError(`vector index: dims ${expected.dims} must be a positive integer`);
    }
    await mkdir(dir, { recursive: true });
    const loaded = await VectorIndex.load(dir, expected);
    if ('hnsw' in loaded) {
      const deleted = new Set(loaded.hnsw.getIdsList().filter((id) => !loaded.live.has(id)));
      return {
        index: new VectorIndex(dir, expected, opts, loaded.hnsw, loaded.live, deleted),
        rebuilt: false,
        cause: null,
        reason: null,
      };
    }
    const hnsw = newHnsw(expected.dims);
    hnsw.initIndex({
      maxElements: opts.initialCapacity,
      m: opts.m,
      efConstruction: opts.efConstruction,
      allowReplaceDeleted: true,
    });
    const index = new VectorIndex(dir, expected, opts, hnsw, new Set(), new Set());
    // An empty index that replaced a stale one must reach the disk even if nothing is added.
    index.changed = loaded.cause !== 'missing';
    return { index, rebuilt: true, cause: loaded.cause, reason: loaded.reason };
  }

  private static async load(
    dir: string,
    expected: VectorIdentity,
  ): Promise<{ hnsw: HierarchicalNSW; live: Set<number> } | { cause: RebuildCause; reason: string }> {
    const indexPath = path.join(dir, INDEX_FILE);
    const manifestPath = path.join(dir, MANIFEST_FILE);
    const indexStat = await stat(indexPath).catch(() => null);
    const manifestText = await readFile(manifestPath, 'utf8').catch(() => null);
    if (!indexStat && manifestText === null) {
      return { cause: 'missing', reason: `chưa có chỉ mục vectơ trong ${dir}; sẽ tạo mới.` };
    }
    const corrupt = (why: string) => ({
      cause: 'corrupt' as const,
      reason: `chỉ mục vectơ trong ${dir} bị hỏng (${why}); sẽ tạo lại từ cơ sở dữ liệu.`,
    });
    if (manifestText === null) return corrupt(`thiếu ${MANIFEST_FILE}`);
    if (!indexStat) return corrupt(`thiếu ${INDEX_FILE}`);
    let manifest: Manifest;
    try {
      manifest = JSON.parse(manifestText) as Manifest;
    } catch {
      return corrupt(`${MANIFEST_FILE} không đọc được`);
    }
    if (manifest.version !== MANIFEST_VERSION || !Array.isArray(manifest.labels)) {
      return corrupt(`${MANIFEST_FILE} không đúng định dạng`);
    }
    if (!sameIdentity(manifest, expected)) {
      return {
        cause: 'mismatch',
        reason:
          `chỉ mục vectơ được tạo bằng ${describeIdentity(manifest)}, nay cấu hình là ${describeIdentity(expected)}; ` +
          `sẽ tính lại toàn bộ vectơ thay vì trộn hai loại.`,
      };
    }
    if (indexStat.size !== manifest.indexBytes) {
      return corrupt(`${INDEX_FILE} dài ${indexStat.size} byte, đúng ra ${manifest.indexBytes} byte`);
    }
    // The checksum is checked before hnswlib reads the file: a damaged graph can crash native code.
    if ((await sha256File(indexPath)) !== manifest.indexSha256) {
      return corrupt(`mã kiểm tra của ${INDEX_FILE} không khớp`);
    }
    try {
      const hnsw = newHnsw(expected.dims);
      await hnsw.readIndex(indexPath, true);
      const all = new Set(hnsw.getIdsList());
      if (hnsw.getNumDimensions() !== expected.dims || manifest.labels.some((id) => !all.has(id))) {
        return corrupt(`nội dung ${INDEX_FILE} không khớp ${MANIFEST_FILE}`);
      }
      // ef is not stored in the file (reading resets it to 10): the constructor sets it.
      return { hnsw, live: new Set(manifest.labels) };
    } catch (e) {
      return corrupt((e as Error).message);
    }
  }

  /** Live vectors. */
  get size(): number {
    return this.live.size;
  }

  /** Slots allocated (live + deleted + free). */
  get capacity(): number {
    return this.hnsw.getMaxElements();
  }

  /** True when there are changes not yet saved. */
  get dirty(): boolean {
    return this.changed;
  }

  /** Passage ids held (a copy), to reconcile with SQLite: add the missing, remove the extra. */
  ids(): Set<number> {
    return new Set(this.live);
  }

  has(id: number): boolean {
    return this.live.has(id);
  }

  /**
   * Adds or replaces the vectors of passages `ids` (parallel arrays). Slots of deleted passages
   * are reused; capacity doubles when full. Vectors need not be normalised (cosine space).
   */
  upsert(ids: readonly number[], vectors: readonly Float32Array[]): Promise<void> {
    if (ids.length !== vectors.length) {
      return Promise.reject(new RangeError(`vector index: ${ids.length} ids for ${vectors.length} vectors`));
    }
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i] as number;
      if (!Number.isSafeInteger(id) || id < 0) {
        return Promise.reject(new RangeError(`vector index: id ${id} must be a non-negative integer`));
      }
      if (vectors[i]!.length !== this.identity.dims) {
        return Promise.reject(
          new RangeError(
            `vector index: vector of ${vectors[i]!.length} numbers, expected ${this.identity.dims}`,
          ),
        );
      }
    }
    return this.mutex.runExclusive(() => {
      ids.forEach((id, i) => {
        const point = Array.from(vectors[i] as Float32Array);
        if (this.live.has(id)) {
          this.hnsw.addPoint(point, id); // same label: hnswlib updates the slot in place
        } else if (this.deleted.has(id) && this.revive(id)) {
          this.hnsw.addPoint(point, id);
        } else {
          const slots = this.hnsw.getCurrentCount();
          if (slots === this.live.size && slots >= this.hnsw.getMaxElements()) {
            this.hnsw.resizeIndex(Math.max(this.options.initialCapacity, this.hnsw.getMaxElements() * 2));
          }
          // Takes the slot of some deleted passage if there is one, else a fresh slot.
          this.hnsw.addPoint(point, id, true);
        }
        this.deleted.delete(id);
        this.live.add(id);
      });
      this.pruneDeleted();
      if (ids.length > 0) this.changed = true;
    });
  }

  /** Un-deletes a label that still owns a slot; false when its slot went to another passage. */
  private revive(id: number): boolean {
    try {
      // hnswlib refuses to update a deleted label while slot reuse is on, so it is revived first.
      this.hnsw.unmarkDelete(id);
      return true;
    } catch {
      return false;
    }
  }

  /** Keeps the stale entries of `deleted` bounded by re-reading hnswlib's labels now and then. */
  private pruneDeleted(): void {
    const slotsOfDeleted = this.hnsw.getCurrentCount() - this.live.size;
    if (this.deleted.size > 2 * slotsOfDeleted + 64) {
      const inGraph = new Set(this.hnsw.getIdsList());
      for (const id of this.deleted) if (!inGraph.has(id)) this.deleted.delete(id);
    }
  }

  /** Deletes passages `ids`; unknown ids are ignored. Returns how many were deleted. */
  remove(ids: readonly number[]): Promise<number> {
    return this.mutex.runExclusive(() => {
      let n = 0;
      for (const id of ids) {
        if (!this.live.has(id)) continue;
        this.hnsw.markDelete(id);
        this.live.delete(id);
        this.deleted.add(id);
        n++;
      }
      if (n > 0) this.changed = true;
      return n;
    });
  }

  /** The `k` passages nearest to `vector`, most similar first. Empty when the index is empty. */
  search(vector: Float32Array, k: number): Promise<VectorHit[]> {
    if (vector.length !== this.identity.dims) {
      return Promise.reject(
        new RangeError(`vector index: query of ${vector.length} numbers, expected ${this.identity.dims}`),
      );
    }
    return this.mutex.runExclusive(() => {
      const want = Math.min(Math.max(0, Math.floor(k)), this.live.size);
      if (want === 0) return [];
      this.hnsw.setEf(Math.max(this.options.efSearch, want));
      const { neighbors, distances } = this.hnsw.searchKnn(Array.from(vector), want);
      return neighbors.map((id, i) => ({ id, similarity: 1 - (distances[i] as number) }));
    });
  }

  /**
   * Writes the index to a temporary file, renames it over vectors.hnsw, then replaces the manifest
   * the same way. A crash leaves either the old pair or a pair whose checksum disagrees, which the
   * next open detects and rebuilds. Does nothing when there are no unsaved changes.
   */
  save(): Promise<void> {
    return this.mutex.runExclusive(async () => {
      if (!this.changed) return;
      const indexPath = path.join(this.dir, INDEX_FILE);
      const tmp = `${indexPath}.tmp-${process.pid}`;
      await this.hnsw.writeIndex(tmp);
      const fh = await open(tmp, 'r+');
      try {
        await fh.sync();
      } finally {
        await fh.close();
      }
      const manifest: Manifest = {
        version: MANIFEST_VERSION,
        ...this.identity,
        space: 'cosine',
        m: this.options.m,
        efConstruction: this.options.efConstruction,
        count: this.live.size,
        capacity: this.hnsw.getMaxElements(),
        labels: [...this.live].sort((a, b) => a - b),
        indexBytes: (await stat(tmp)).size,
        indexSha256: await sha256File(tmp),
        savedAt: new Date().toISOString(),
      };
      await rename(tmp, indexPath);
      await writeAtomic(path.join(this.dir, MANIFEST_FILE), JSON.stringify(manifest));
      this.changed = false;
    });
  }
}

export interface ReconcileOptions {
  /** Passages embedded per call of `embed`. Default 64 (the embedder batches again inside). */
  batchSize?: number;
  /** Called after each batch with passages done and to do, for a progress bar. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Makes the index hold exactly the passages of `passages` (SQLite is the source of truth): ids
 * missing from the index are embedded with `embed` and added, ids no longer in SQLite are deleted.
 * Used after open (crash or rebuild) and after ingest. Assumes a passage id never changes text;
 * re-ingest deletes and inserts rows. Does not save: call index.save() afterwards.
 */
export async function reconcileVectors(
  index: VectorIndex,
  /** The passages to hold: `has` every one, `keys` and `get` at least those the index lacks. */
  passages: Pick<ReadonlyMap<number, string>, 'has' | 'keys' | 'get'>,
  embed: (texts: string[]) => Promise<Float32Array[]>,
  options: ReconcileOptions = {},
): Promise<{ added: number; removed: number }> {
  const batchSize = options.batchSize ?? 64;
  const extra = [...index.ids()].filter((id) => !passages.has(id));
  const removed = await index.remove(extra);
  const missing = [...passages.keys()].filter((id) => !index.has(id));
  for (let i = 0; i < missing.length; i += batchSize) {
    const ids = missing.slice(i, i + batchSize);
    const vectors = await embed(ids.map((id) => passages.get(id) as string));
    await index.upsert(ids, vectors);
    options.onProgress?.(Math.min(i + batchSize, missing.length), missing.length);
  }
  return { added: missing.length, removed };
}
