import { AnalyzedQuery } from '../text/terms';
import {
  Bm25Params,
  bm25Search,
  decodeRange,
  idfOf,
  IndexablePassage,
  IndexContent,
  KeywordHit,
  KeywordIndex,
  KeywordSearch,
  PostingSource,
  PostingVisit,
  TermPostings,
  writeEntry,
} from './keyword';

/** A base whose terms can be read in order: the saved image (KeywordIndexFile). */
export interface TermStream {
  terms(): Iterable<TermPostings>;
}

/**
 * A keyword index that catches up without being rebuilt: a base (the saved image, read from disk as
 * questions need it) and, on top, the passages added since in a small in-memory index, minus the
 * base's passages removed since. One BM25 runs over both, with their statistics summed, so a passage
 * scores as it would in an index built from scratch (exactly so while nothing was removed; after
 * removals a term's document frequency still counts the removed passages, as KeywordIndex's does,
 * until the next rebuild).
 *
 * Added to or removed from, it changes in place; `postingSource()` is recomputed after each change.
 */
export class LayeredKeywordIndex implements KeywordSearch {
  private readonly baseIds: ArrayLike<number>;
  private readonly baseLens: ArrayLike<number>;
  private readonly baseSource: PostingSource;
  private readonly removedBase = new Set<number>();
  private removedBaseLen = 0;
  private readonly top: KeywordIndex;
  private source: PostingSource | null = null;
  /** Base passage id → slot, only for a base not in id order (a base built from SQLite always is). */
  private readonly unordered: Map<number, number> | null = null;

  constructor(private readonly base: KeywordSearch) {
    this.baseSource = base.postingSource();
    this.baseIds = this.baseSource.docIds;
    this.baseLens = this.baseSource.docLens;
    this.top = new KeywordIndex(base.params);
    for (let i = 1; i < this.baseIds.length; i++) {
      if (this.baseIds[i]! > this.baseIds[i - 1]!) continue;
      this.unordered = new Map();
      for (let j = 0; j < this.baseIds.length; j++) this.unordered.set(this.baseIds[j]!, j);
      break;
    }
  }

  get params(): Bm25Params {
    return this.base.params;
  }

  /** Passages searched: the base's still present and those added. */
  get size(): number {
    return this.baseSource.size - this.removedBase.size + this.top.size;
  }

  /** Passages added on top of the base (what a rebuild would fold in). */
  get added(): number {
    return this.top.size;
  }

  /** Passages of the base removed since it was saved. */
  get removed(): number {
    return this.removedBase.size;
  }

  /** Whether `index` is this index's base (closing this one closes it). */
  wraps(index: KeywordSearch): boolean {
    return index === this.base;
  }

  /** Visits the id of every passage searched. */
  forEachId(visit: (id: number) => void): void {
    const baseRemoved = this.baseSource.removed;
    for (let i = 0; i < this.baseIds.length; i++)
      if (!this.removedBase.has(i) && !baseRemoved?.has(i)) visit(this.baseIds[i]!);
    const top = this.top.postingSource();
    for (let i = 0; i < top.docIds.length; i++) if (!top.removed?.has(i)) visit(top.docIds[i]!);
  }

  /** Whether the passage is searched. */
  has(id: number): boolean {
    if (this.top.has(id)) return true;
    const slot = this.slotOfBase(id);
    return slot >= 0 && !this.removedBase.has(slot) && !this.baseSource.removed?.has(slot);
  }

  add(p: IndexablePassage): void {
    this.remove(p.id);
    this.top.add(p);
    this.source = null;
  }

  remove(id: number): void {
    if (this.top.has(id)) {
      this.top.remove(id);
      this.source = null;
      return;
    }
    const slot = this.slotOfBase(id);
    if (slot < 0 || this.removedBase.has(slot)) return;
    this.removedBase.add(slot);
    this.removedBaseLen += this.baseLens[slot]!;
    this.source = null;
  }

  documentFrequency(term: string): number {
    return this.baseSource.documentFrequency(term) + this.top.documentFrequency(term);
  }

  idf(term: string): number {
    return idfOf(this.size, this.documentFrequency(term));
  }

  search(query: AnalyzedQuery, k: number, allow?: (passageId: number) => boolean): KeywordHit[] {
    return bm25Search(this.postingSource(), this.params, query, k, allow);
  }

  /**
   * The base's slots first, then the added passages' after them: per slot its passage id and length
   * (copied into one array each, once per change), per term the base's postings then the added ones.
   */
  postingSource(): PostingSource {
    if (this.source) return this.source;
    const top = this.top.postingSource();
    const n = this.baseIds.length;
    const docIds = new Float64Array(n + top.docIds.length);
    const docLens = new Uint32Array(n + top.docIds.length);
    for (let i = 0; i < n; i++) {
      docIds[i] = this.baseIds[i]!;
      docLens[i] = this.baseLens[i]!;
    }
    for (let i = 0; i < top.docIds.length; i++) {
      docIds[n + i] = top.docIds[i]!;
      docLens[n + i] = top.docLens[i]!;
    }
    const removed = this.removedBaseSlots();
    for (const slot of top.removed ?? []) removed.add(n + slot);
    const base = this.baseSource;
    this.source = {
      docIds,
      docLens,
      size: this.size,
      totalLen: base.totalLen - this.removedBaseLen + top.totalLen,
      removed,
      documentFrequency: (term) => this.documentFrequency(term),
      forEachPosting: (term: string, visit: PostingVisit) => {
        base.forEachPosting(term, visit);
        top.forEachPosting(term, (slot, tf, ctx) => visit(n + slot, tf, ctx));
      },
    };
    return this.source;
  }

  close(): void {
    this.base.close();
  }

  /** True when the base can be merged with what was added (see content). */
  canMerge(): boolean {
    return typeof (this.base as Partial<TermStream>).terms === 'function';
  }

  /**
   * The content of an image of base and additions together, removed passages dropped, without
   * tokenizing anything again: the base's postings are copied (re-encoded only where removed slots
   * shift the others), the added ones appended. Document frequencies are exact again.
   */
  content(): IndexContent {
    const stream = this.base as Partial<TermStream>;
    if (!stream.terms) throw new Error('the base of this index cannot be read term by term');
    const top = this.top.content();
    this.source = null;
    const n = this.baseIds.length;
    const removed = this.removedBaseSlots();
    const remap = new Int32Array(n);
    const docIds: number[] = [];
    const docLens: number[] = [];
    let totalLen = 0;
    for (let i = 0; i < n; i++) {
      if (removed.has(i)) {
        remap[i] = -1;
        continue;
      }
      remap[i] = docIds.length;
      docIds.push(this.baseIds[i]!);
      docLens.push(this.baseLens[i]!);
      totalLen += this.baseLens[i]!;
    }
    const offset = docIds.length;
    for (let i = 0; i < top.docIds.length; i++) {
      docIds.push(top.docIds[i]!);
      docLens.push(top.docLens[i]!);
      totalLen += top.docLens[i]!;
    }
    const writer = new PostingWriter();
    const merge = (fromBase: TermPostings | undefined, fromTop: TermPostings | undefined): TermPostings => {
      writer.reset();
      if (fromBase) {
        if (removed.size === 0 && !fromTop) return fromBase;
        decodeRange(fromBase.postings, 0, fromBase.postings.length, -1, (slot, tf, ctx) => {
          if (remap[slot]! >= 0) writer.put(remap[slot]!, tf, ctx);
        });
      }
      if (fromTop)
        decodeRange(fromTop.postings, 0, fromTop.postings.length, -1, (slot, tf, ctx) =>
          writer.put(offset + slot, tf, ctx),
        );
      return { term: (fromBase ?? fromTop)!.term, df: writer.df, postings: writer.take() };
    };
    const terms: TermPostings[] = [];
    const keep = (t: TermPostings) => {
      if (t.df > 0) terms.push(t);
    };
    // Both lists are in code-unit order of their terms: one merge-join.
    let j = 0;
    for (const b of stream.terms()) {
      while (j < top.terms.length && top.terms[j]!.term < b.term) keep(merge(undefined, top.terms[j++]));
      if (j < top.terms.length && top.terms[j]!.term === b.term) keep(merge(b, top.terms[j++]));
      else keep(merge(b, undefined));
    }
    while (j < top.terms.length) keep(merge(undefined, top.terms[j++]));
    return { docIds, docLens, totalLen, terms };
  }

  /** The base's slots not searched: removed since it was saved, or tombstoned in the base itself. */
  private removedBaseSlots(): Set<number> {
    const removed = new Set(this.removedBase);
    for (const slot of this.baseSource.removed ?? []) removed.add(slot);
    return removed;
  }

  /** The base's slot of a passage, or -1 (a base holds its passages in id order). */
  private slotOfBase(id: number): number {
    if (this.unordered) return this.unordered.get(id) ?? -1;
    let lo = 0;
    let hi = this.baseIds.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const at = this.baseIds[mid]!;
      if (at === id) return mid;
      if (at < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }
}

/** Encodes one term's postings (see KeywordIndex.append for the format). */
class PostingWriter {
  private buf = new Uint8Array(1 << 12);
  private length = 0;
  private last = -1;
  df = 0;

  reset(): void {
    this.length = 0;
    this.last = -1;
    this.df = 0;
  }

  put(slot: number, tf: number, ctx: number): void {
    if (this.length + 32 > this.buf.length) {
      const grown = new Uint8Array(this.buf.length * 2);
      grown.set(this.buf.subarray(0, this.length));
      this.buf = grown;
    }
    this.length = writeEntry(this.buf, this.length, slot - this.last, tf, ctx);
    this.last = slot;
    this.df++;
  }

  /** A copy of the bytes written since the last reset. */
  take(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}
