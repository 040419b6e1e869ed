import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Embedder } from './embedder';

/** Everything that changes the vector of a text: weights, precision and prefixes. */
export function embeddingModelKey(e: Pick<Embedder, 'modelId' | 'dtype' | 'prefixScheme'>): string {
  return `${e.modelId}|${e.dtype}|${e.prefixScheme}`;
}

/** Hex sha256 of the NFC form of `text`: NFC and NFD spellings of one passage share an entry. */
export function hashText(text: string): string {
  return createHash('sha256').update(text.normalize('NFC'), 'utf8').digest('hex');
}

function toBlob(v: Float32Array): Buffer {
  return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
}

function fromBlob(b: Buffer): Float32Array {
  // Copy: a Buffer may sit at an offset that is not a multiple of 4 inside a shared pool.
  const bytes = new Uint8Array(b.byteLength);
  bytes.set(b);
  return new Float32Array(bytes.buffer);
}

/** The SQLite embedding cache for one model key. */
export class EmbeddingCache {
  private readonly getStmt: Database.Statement<[string, Buffer], { dims: number; vector: Buffer }>;
  private readonly putStmt: Database.Statement<[string, Buffer, number, Buffer]>;
  private readonly countStmt: Database.Statement<[string], { n: number }>;

  /** Over the embedding_cache table (src/store/schema.ts). `modelKey` comes from embeddingModelKey(embedder). */
  constructor(
    private readonly db: Database.Database,
    readonly modelKey: string,
  ) {
    this.getStmt = db.prepare('SELECT dims, vector FROM embedding_cache WHERE model = ? AND text_hash = ?');
    this.putStmt = db.prepare(
      'INSERT OR REPLACE INTO embedding_cache (model, text_hash, dims, vector) VALUES (?, ?, ?, ?)',
    );
    this.countStmt = db.prepare('SELECT COUNT(*) AS n FROM embedding_cache WHERE model = ?');
  }

  /** Cached vectors by hex hash; hashes not cached (or stored damaged) are absent from the map. */
  getMany(hashes: Iterable<string>): Map<string, Float32Array> {
    const out = new Map<string, Float32Array>();
    for (const h of hashes) {
      if (out.has(h)) continue;
      const row = this.getStmt.get(this.modelKey, Buffer.from(h, 'hex'));
      if (row && row.vector.byteLength === row.dims * 4) out.set(h, fromBlob(row.vector));
    }
    return out;
  }

  /** Stores vectors in one transaction (one fsync for the batch). */
  putMany(entries: Iterable<{ hash: string; vector: Float32Array }>): void {
    const tx = this.db.transaction((list: Iterable<{ hash: string; vector: Float32Array }>) => {
      for (const { hash, vector } of list) {
        this.putStmt.run(this.modelKey, Buffer.from(hash, 'hex'), vector.length, toBlob(vector));
      }
    });
    tx(entries);
  }

  /** Entries of this model key. */
  count(): number {
    return this.countStmt.get(this.modelKey)?.n ?? 0;
  }

  /**
   * Deletes entries no longer useful: with `keep`, this model's entries whose hash is not in it
   * (e.g. the hashes of all current passages); with `otherModels`, every entry of another model
   * key (after a model change). Returns the number of rows deleted.
   */
  prune(options: { keep?: Iterable<string>; otherModels?: boolean }): number {
    let deleted = 0;
    const tx = this.db.transaction(() => {
      if (options.otherModels) {
        deleted += this.db.prepare('DELETE FROM embedding_cache WHERE model <> ?').run(this.modelKey).changes;
      }
      if (options.keep) {
        this.db.exec(
          'CREATE TEMP TABLE IF NOT EXISTS embedding_keep (text_hash BLOB PRIMARY KEY) WITHOUT ROWID',
        );
        this.db.exec('DELETE FROM embedding_keep');
        const add = this.db.prepare('INSERT OR IGNORE INTO embedding_keep (text_hash) VALUES (?)');
        for (const h of options.keep) add.run(Buffer.from(h, 'hex'));
        deleted += this.db
          .prepare(
            'DELETE FROM embedding_cache WHERE model = ? AND text_hash NOT IN (SELECT text_hash FROM embedding_keep)',
          )
          .run(this.modelKey).changes;
        this.db.exec('DELETE FROM embedding_keep');
      }
    });
    tx();
    return deleted;
  }
}

export interface CachedEmbedding {
  /** One vector per input text, in input order. */
  vectors: Float32Array[];
  /** Texts served from the cache (duplicates within the call count once). */
  hits: number;
  /** Distinct texts the embedder had to compute. */
  embedded: number;
}

/**
 * Embeds passages through the cache: only texts never embedded by this model are sent to the
 * embedder (once each, even when repeated in `texts`), and their vectors are stored. Re-ingesting
 * unchanged text therefore costs a hash and a lookup, not a forward pass.
 */
export async function embedPassagesCached(
  embedder: Embedder,
  cache: EmbeddingCache,
  texts: readonly string[],
): Promise<CachedEmbedding> {
  const hashes = texts.map(hashText);
  const found = cache.getMany(hashes);
  const hits = new Set<string>(found.keys()).size;
  const todo = new Map<string, string>();
  hashes.forEach((h, i) => {
    if (!found.has(h) && !todo.has(h)) todo.set(h, texts[i] as string);
  });
  if (todo.size > 0) {
    const fresh = await embedder.embedPassages([...todo.values()]);
    const entries = [...todo.keys()].map((hash, i) => ({ hash, vector: fresh[i] as Float32Array }));
    cache.putMany(entries);
    for (const { hash, vector } of entries) found.set(hash, vector);
  }
  return { vectors: hashes.map((h) => found.get(h) as Float32Array), hits, embedded: todo.size };
}
