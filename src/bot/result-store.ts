import { randomBytes } from 'node:crypto';
import type { SearchResult } from '../search/types';

/** What a button needs to act on: the question and the page of results it was shown with. */
export interface StoredResults {
  question: string;
  /** Rank offset of results[0] (0 for the first page). */
  offset: number;
  results: SearchResult[];
  /** True when the retriever had more results after this page. */
  hasMore: boolean;
  /**
   * When the question fits several meetings, how each is named ("hội nghị … của Công an tỉnh Cà Mau
   * (20/12/2024)"): a button per meeting asks the question again about that one.
   */
  choices?: string[];
}

export interface ResultStoreOptions {
  /** How long buttons keep working, in milliseconds. Default 24 hours. */
  ttlMs?: number;
  /** Most entries kept; the oldest go first. Default 5000 (a few MB at most). */
  maxEntries?: number;
  clock: () => Date;
}

/**
 * Results behind inline buttons live here, server-side, because callback data is limited to 64
 * bytes: buttons carry only the short id. In memory only: after a restart old buttons politely expire.
 */
export class ResultStore {
  private readonly entries = new Map<string, StoredResults & { expiresAt: number }>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly clock: () => Date;

  constructor(options: ResultStoreOptions) {
    this.ttlMs = options.ttlMs ?? 24 * 60 * 60 * 1000;
    this.maxEntries = options.maxEntries ?? 5000;
    this.clock = options.clock;
  }

  /** Stores a page of results and returns its id (8 URL-safe characters). */
  put(entry: StoredResults): string {
    const now = this.clock().getTime();
    let id: string;
    do id = randomBytes(6).toString('base64url');
    while (this.entries.has(id));
    this.entries.set(id, { ...entry, expiresAt: now + this.ttlMs });
    this.prune(now);
    return id;
  }

  /** The entry, or undefined when unknown or expired. */
  get(id: string): StoredResults | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.clock().getTime()) {
      this.entries.delete(id);
      return undefined;
    }
    return entry;
  }

  get size(): number {
    return this.entries.size;
  }

  private prune(now: number): void {
    // Map keeps insertion order, so the oldest entries come first.
    for (const [id, entry] of this.entries) {
      if (this.entries.size <= this.maxEntries && entry.expiresAt > now) break;
      this.entries.delete(id);
    }
  }
}
