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
  /** Asked inside one document (its id): its pages stay inside it. */
  documentId?: number;
}

/** The key under which the bot keeps which document a "hỏi trong tài liệu" prompt message is about. */
export function documentPromptKey(chatId: number, messageId: number): string {
  return `d${chatId}_${messageId}`;
}

/**
 * Where entries live: in memory (tests, the terminal chat) or in SQLite (`npm start`), so buttons
 * keep working after a restart. Entries are JSON strings; times are epoch milliseconds.
 */
export interface ResultBackend {
  has(id: string): boolean;
  set(id: string, json: string, expiresAt: number): void;
  get(id: string): { json: string; expiresAt: number } | undefined;
  delete(id: string): void;
  /** Drops expired entries, then the oldest until at most `maxEntries` remain. */
  prune(now: number, maxEntries: number): void;
  size(): number;
}

export interface ResultStoreOptions {
  /** How long buttons keep working, in milliseconds. Default 24 hours. */
  ttlMs?: number;
  /** Most entries kept; the oldest go first. Default 5000 (a few MB at most). */
  maxEntries?: number;
  clock: () => Date;
  /** Default: in memory (old buttons politely expire after a restart). */
  backend?: ResultBackend;
}

/** Entries in a Map, which keeps insertion order: the oldest come first. */
export function memoryResultBackend(): ResultBackend {
  const entries = new Map<string, { json: string; expiresAt: number }>();
  return {
    has: (id) => entries.has(id),
    set: (id, json, expiresAt) => void entries.set(id, { json, expiresAt }),
    get: (id) => entries.get(id),
    delete: (id) => void entries.delete(id),
    prune(now, maxEntries) {
      for (const [id, entry] of entries) {
        if (entries.size <= maxEntries && entry.expiresAt > now) break;
        entries.delete(id);
      }
    },
    size: () => entries.size,
  };
}

/**
 * Results behind inline buttons live here, server-side, because callback data is limited to 64
 * bytes: buttons carry only the short id.
 */
export class ResultStore {
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly clock: () => Date;
  private readonly backend: ResultBackend;

  constructor(options: ResultStoreOptions) {
    this.ttlMs = options.ttlMs ?? 24 * 60 * 60 * 1000;
    this.maxEntries = options.maxEntries ?? 5000;
    this.clock = options.clock;
    this.backend = options.backend ?? memoryResultBackend();
  }

  /** Stores a page of results and returns its id (8 URL-safe characters). */
  put(entry: StoredResults): string {
    const now = this.clock().getTime();
    let id: string;
    do id = randomBytes(6).toString('base64url');
    while (this.backend.has(id));
    this.backend.set(id, JSON.stringify(entry), now + this.ttlMs);
    this.backend.prune(now, this.maxEntries);
    return id;
  }

  /** Stores an entry under a key chosen by the caller (see documentPromptKey). */
  putAt(id: string, entry: StoredResults): void {
    const now = this.clock().getTime();
    this.backend.set(id, JSON.stringify(entry), now + this.ttlMs);
    this.backend.prune(now, this.maxEntries);
  }

  /** The entry, or undefined when unknown, expired or unreadable. */
  get(id: string): StoredResults | undefined {
    const entry = this.backend.get(id);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.clock().getTime()) {
      this.backend.delete(id);
      return undefined;
    }
    try {
      return JSON.parse(entry.json) as StoredResults;
    } catch {
      this.backend.delete(id);
      return undefined;
    }
  }

  get size(): number {
    return this.backend.size();
  }
}
