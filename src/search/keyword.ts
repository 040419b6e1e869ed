import { AnalyzedQuery, textTerms } from '../text/terms';

/**
 * BM25 parameters. `k1` (term-frequency saturation) is usually 1.2–2; `b` (length normalization) 0–1.
 * Defaults 1.2 and 0.75 as in the literature; on the vilqa benchmark k1 0.9–2.0 and b 0.5–0.9 moved
 * hit@1 by at most 0.015 (sweep in docs/decisions/003-keyword-ranking.md).
 */
export interface Bm25Params {
  k1: number;
  b: number;
  /** Weight of title/section/paragraph-year terms relative to body terms, 0–2 (default 1). */
  contextWeight: number;
}

export const DEFAULT_BM25: Bm25Params = { k1: 1.2, b: 0.75, contextWeight: 1 };

/** What the keyword index needs of a passage. */
export interface IndexablePassage {
  id: number;
  text: string;
  /** Title, section heading and paragraph years: matched with a lower weight. */
  context: string;
}

export interface KeywordHit {
  id: number;
  score: number;
}

/**
 * An in-memory BM25 index over Vietnamese syllables and syllable bigrams, with and without
 * diacritics (see src/text/terms.ts for the term namespaces). Passages can be added and removed;
 * removed ones are tombstoned and compacted away when they pile up.
 */
export class KeywordIndex {
  private termIds = new Map<string, number>();
  /** Per term: passage slots, body term frequencies and context term frequencies. */
  private postings: Array<{ docs: number[]; tfs: number[]; ctx: number[] }> = [];
  private docIds: number[] = [];
  private docLens: number[] = [];
  private slotOf = new Map<number, number>();
  private removed = new Set<number>();
  private totalLen = 0;

  constructor(readonly params: Bm25Params = DEFAULT_BM25) {}

  get size(): number {
    return this.docIds.length - this.removed.size;
  }

  has(id: number): boolean {
    return this.slotOf.has(id);
  }

  add(p: IndexablePassage): void {
    if (this.slotOf.has(p.id)) this.remove(p.id);
    const body = textTerms(p.text);
    let len = 0;
    for (const [k, v] of body) if (k.startsWith('e:')) len += v;
    const context = textTerms(p.context);
    const terms = new Set([...body.keys(), ...context.keys()]);
    const slot = this.docIds.length;
    this.docIds.push(p.id);
    this.docLens.push(len);
    this.totalLen += len;
    this.slotOf.set(p.id, slot);
    for (const term of terms) {
      let tid = this.termIds.get(term);
      if (tid === undefined) {
        tid = this.postings.length;
        this.termIds.set(term, tid);
        this.postings.push({ docs: [], tfs: [], ctx: [] });
      }
      const post = this.postings[tid]!;
      post.docs.push(slot);
      post.tfs.push(body.get(term) ?? 0);
      post.ctx.push(context.get(term) ?? 0);
    }
  }

  remove(id: number): void {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return;
    this.slotOf.delete(id);
    this.removed.add(slot);
    this.totalLen -= this.docLens[slot]!;
    if (this.removed.size > 1000 && this.removed.size > this.docIds.length / 4) this.compact();
  }

  /** Rebuilds postings without removed slots. */
  private compact(): void {
    const remap = new Int32Array(this.docIds.length).fill(-1);
    const docIds: number[] = [];
    const docLens: number[] = [];
    this.docIds.forEach((id, slot) => {
      if (this.removed.has(slot)) return;
      remap[slot] = docIds.length;
      docIds.push(id);
      docLens.push(this.docLens[slot]!);
    });
    for (const post of this.postings) {
      const docs: number[] = [];
      const tfs: number[] = [];
      const ctx: number[] = [];
      post.docs.forEach((s, i) => {
        const to = remap[s]!;
        if (to >= 0) {
          docs.push(to);
          tfs.push(post.tfs[i]!);
          ctx.push(post.ctx[i]!);
        }
      });
      post.docs = docs;
      post.tfs = tfs;
      post.ctx = ctx;
    }
    this.docIds = docIds;
    this.docLens = docLens;
    this.removed.clear();
    this.slotOf = new Map(docIds.map((id, slot) => [id, slot]));
  }

  /** Number of live passages containing the term (approximate after removals until compaction). */
  documentFrequency(term: string): number {
    const tid = this.termIds.get(term);
    return tid === undefined ? 0 : this.postings[tid]!.docs.length;
  }

  /** Inverse document frequency (BM25+ style, always positive). */
  idf(term: string): number {
    const n = Math.max(1, this.size);
    const df = this.documentFrequency(term);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** Top `k` passages by BM25 over the query's weighted terms. */
  search(query: AnalyzedQuery, k: number): KeywordHit[] {
    const n = this.docIds.length;
    if (n === 0 || k <= 0) return [];
    const { k1, b, contextWeight } = this.params;
    const avgdl = Math.max(1, this.totalLen / Math.max(1, this.size));
    const scores = new Float64Array(n);
    const touched: number[] = [];
    for (const [term, weight] of query.terms) {
      const tid = this.termIds.get(term);
      if (tid === undefined || weight <= 0) continue;
      const post = this.postings[tid]!;
      const idf = this.idf(term) * weight;
      const { docs, tfs, ctx } = post;
      for (let i = 0; i < docs.length; i++) {
        const slot = docs[i]!;
        // BM25F: the body is length-normalized, the (short, uniform) context is not, and one saturation
        // applies to both, so a heading shared by many short list items cannot outweigh a body match.
        const tf =
          tfs[i]! / (1 - b + (b * Math.max(avgdl, this.docLens[slot]!)) / avgdl) + contextWeight * ctx[i]!;
        if (scores[slot] === 0) touched.push(slot);
        scores[slot]! += (idf * tf * (k1 + 1)) / (tf + k1);
      }
    }
    const hits: KeywordHit[] = [];
    for (const slot of touched) {
      if (this.removed.has(slot)) continue;
      hits.push({ id: this.docIds[slot]!, score: scores[slot]! });
    }
    hits.sort((x, y) => y.score - x.score || x.id - y.id);
    return hits.slice(0, k);
  }
}
