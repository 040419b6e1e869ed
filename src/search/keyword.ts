import { AnalyzedQuery, EXACT, EXACT_BIGRAM, FOLDED, FOLDED_BIGRAM } from '../text/terms';
import {
  formOf,
  scanSpans,
  scanTokens,
  SPAN_GAP,
  SPAN_NUMBER,
  TokenForm,
  TokenSpans,
} from '../text/tokenize';
import { IntPairMap } from './int-pair-map';
import { SpanMap } from './span-map';

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

const EMPTY = new Uint8Array(0);
/** Arena block header: offset of the next block (0: none) and bytes used, both uint32. */
const BLOCK_HEADER = 8;
const FIRST_BLOCK = 16;
const MAX_BLOCK = 4096;
/** The longest entry: three varints of at most 5 bytes. */
const MAX_ENTRY = 15;

/**
 * Postings are bytes, one entry per (term, passage): varint(gap × 2 + flag), where gap is the slot
 * distance from the term's previous entry and flag 0 means "body frequency 1, context 0" (the commonest
 * case); flag 1 is followed by varint(body tf) and varint(context tf). Under 2 bytes per entry
 * on the benchmark corpus against 24 for three JavaScript number arrays (docs/decisions/009-benchmark.md).
 */
export function writeVarint(buf: Uint8Array, at: number, value: number): number {
  let v = value;
  // Below 2^31 (every gap, frequency and count of an index) bit operations do what division does.
  if (v < 0x80000000) {
    while (v >= 0x80) {
      buf[at++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    buf[at++] = v;
    return at;
  }
  while (v >= 0x80) {
    buf[at++] = (v % 0x80) | 0x80;
    v = Math.floor(v / 0x80);
  }
  buf[at++] = v;
  return at;
}

/** Writes one posting entry (see above) at `at`; returns the offset after it (at most MAX_ENTRY bytes). */
export function writeEntry(buf: Uint8Array, at: number, gap: number, tf: number, ctx: number): number {
  if (tf === 1 && ctx === 0) return writeVarint(buf, at, gap * 2);
  let next = writeVarint(buf, at, gap * 2 + 1);
  next = writeVarint(buf, next, tf);
  return writeVarint(buf, next, ctx);
}

/** Reads varints one after another (dictionary blocks, a part's first posting entry); decodeRange inlines its own. */
export class VarintCursor {
  constructor(
    private readonly buf: Uint8Array,
    public at = 0,
  ) {}

  next(): number {
    let v = 0;
    let mul = 1;
    let byte: number;
    do {
      byte = this.buf[this.at++]!;
      v += (byte & 0x7f) * mul;
      mul *= 0x80;
    } while (byte >= 0x80);
    return v;
  }
}

/** Decodes the entries in buf[start, end) after slot `slot`; calls `visit` with slot, tf, ctx. */
export function decodeRange(
  buf: Uint8Array,
  start: number,
  end: number,
  slot: number,
  visit: (slot: number, tf: number, ctx: number) => void,
): number {
  let p = start;
  while (p < end) {
    let v = 0;
    let mul = 1;
    let byte: number;
    do {
      byte = buf[p++]!;
      v += (byte & 0x7f) * mul;
      mul *= 0x80;
    } while (byte >= 0x80);
    const flag = v % 2;
    slot += (v - flag) / 2;
    if (flag === 0) {
      visit(slot, 1, 0);
      continue;
    }
    let tf = 0;
    mul = 1;
    do {
      byte = buf[p++]!;
      tf += (byte & 0x7f) * mul;
      mul *= 0x80;
    } while (byte >= 0x80);
    let ctx = 0;
    mul = 1;
    do {
      byte = buf[p++]!;
      ctx += (byte & 0x7f) * mul;
      mul *= 0x80;
    } while (byte >= 0x80);
    visit(slot, tf, ctx);
  }
  return slot;
}

/** At most this many remembered raw tokens per index (a few MB); the memo starts over when full. */
const RAW_WORDS_ENTRIES = 200_000;

/** Is (score a, id a) ranked below (score b, id b)? Higher score first, then lower id. */
const worse = (sa: number, ia: number, sb: number, ib: number) => sa < sb || (sa === sb && ia > ib);

/** A word's term ids in an index, and its numbers as the first or second syllable of a bigram. */
interface WordTerms {
  exact: number;
  folded: number;
  exactWord: number;
  foldedWord: number;
}

/**
 * An in-memory BM25 index over Vietnamese syllables and syllable bigrams, with and without
 * diacritics (see src/text/terms.ts for the term namespaces). Passages can be added and removed;
 * removed ones are tombstoned and compacted away when they pile up.
 *
 * Postings live in one byte buffer (`base`, per term a [start, end) range: what was loaded or
 * compacted) followed by a chain of blocks in an append-only arena (what was added since), so the
 * memory per term is a few numbers, not an array per term. `serialize()` writes the image that
 * KeywordIndexFile (src/search/keyword-image.ts) serves from disk without reading it whole.
 */
export class KeywordIndex implements KeywordSearch {
  private termIds = new Map<string, number>();
  private base: Uint8Array = EMPTY;
  private baseStart: number[] = [];
  private baseEnd: number[] = [];
  private arena = new Uint8Array(1 << 16);
  private arenaView = new DataView(this.arena.buffer);
  /** Next free arena offset; 0 is never a block, so 0 means "no block". */
  private arenaUsed = BLOCK_HEADER;
  private head: number[] = [];
  private tail: number[] = [];
  private tailCap: number[] = [];
  /**
   * Per term: bytes used in its tail block. A block's header gets its size only once the block is
   * full (blockUsed reads a tail's here): the headers of an archive's tail blocks are spread over the
   * arena, and reading or writing one per append was most of an append's time (issue 14).
   */
  private tailUsed: number[] = [];
  /** The terms in the order the last pack laid their postings out in (see packSorted). */
  private packedOrder: Array<[string, number]> | undefined;
  /** Per term: slot of its last entry (gaps are relative to it) and number of entries. */
  private last: number[] = [];
  private df: number[] = [];
  private docIds: number[] = [];
  private docLens: number[] = [];
  private slotOf = new Map<number, number>();
  private removed = new Set<number>();
  private totalLen = 0;
  /** Per exact word: its term ids and word numbers (see tally); per folded word its number. */
  private words = new Map<string, WordTerms>();
  private foldedWords = new Map<string, number>();
  /**
   * Tokens as written ("Đảng", "ĐẢNG", "2.300") → their word's terms, so a token seen before costs one
   * lookup, not its forms' and then its word's (issue 14). Words and numbers never share a spelling.
   * Looked up by a token's span and hash (see scanSpans), without cutting a string for it.
   */
  private rawWords = new SpanMap<WordTerms>(RAW_WORDS_ENTRIES);
  /** The token spans of the text being counted (see tally). */
  private spans = new TokenSpans();
  private exactWordText: string[] = [];
  private foldedWordText: string[] = [];
  /** (exact word number, exact word number) → pair number (see pairOf); folded pair → bigram term id. */
  private exactBigrams = new IntPairMap();
  private foldedBigrams = new IntPairMap();
  /** Per pair of exact words: its exact and its folded bigram term ids. */
  private pairExact: number[] = [];
  private pairFolded: number[] = [];
  /** The passage being added: body and context frequency by term id, and the ids counted. */
  private bodyTf = new Int32Array(1024);
  private ctxTf = new Int32Array(1024);
  private touched: number[] = [];
  /** The last context counted: its text, its term ids and their counts (see tallyContext). */
  private lastContext: string | undefined;
  private contextTids: number[] = [];
  private contextCounts: number[] = [];

  constructor(readonly params: Bm25Params = DEFAULT_BM25) {}

  get size(): number {
    return this.docIds.length - this.removed.size;
  }

  has(id: number): boolean {
    return this.slotOf.has(id);
  }

  add(p: IndexablePassage): void {
    if (this.slotOf.has(p.id)) this.remove(p.id);
    // The passage's terms are counted by term id (see tally): the same terms and frequencies as
    // textTerms (src/text/terms.ts) gives, without building a string per term and token.
    const len = this.tally(p.text, true);
    this.tallyContext(p.context);
    const slot = this.docIds.length;
    this.docIds.push(p.id);
    this.docLens.push(len);
    this.totalLen += len;
    this.slotOf.set(p.id, slot);
    for (const tid of this.touched) {
      this.append(tid, slot, this.bodyTf[tid]!, this.ctxTf[tid]!);
      this.bodyTf[tid] = 0;
      this.ctxTf[tid] = 0;
    }
    this.touched.length = 0;
  }

  /**
   * Counts the terms of `text` (see src/text/terms.ts: syllables and bigrams, exact and folded) into
   * the body or context frequencies by term id; returns the number of syllables. A word's term ids
   * are looked up once per word, a bigram's by the pair of word numbers: a term's string is built
   * only the first time the index sees it (issue 14: strings per term and token were most of
   * building the index of an archive).
   */
  private tally(text: string, body: boolean): number {
    let syllables = 0;
    let prev: WordTerms | undefined;
    const step = (word: WordTerms, gapBefore: boolean) => {
      this.count(word.exact, body);
      this.count(word.folded, body);
      if (prev && !gapBefore) {
        const pair = this.pairOf(prev, word);
        this.count(this.pairExact[pair]!, body);
        this.count(this.pairFolded[pair]!, body);
      }
      prev = word;
      syllables++;
    };
    const spans = this.spans;
    if (scanSpans(text, spans)) {
      const data = spans.data;
      for (let k = 0; k < spans.count; k++) {
        const at = 4 * k;
        const flags = data[at + 3]!;
        step(
          this.rawWordTerms(text, data[at]!, data[at + 1]!, data[at + 2]!, (flags & SPAN_NUMBER) !== 0),
          (flags & SPAN_GAP) !== 0,
        );
      }
    } else {
      scanTokens(text, (form, gapBefore) => step(this.wordTerms(form), gapBefore));
    }
    return syllables;
  }

  /**
   * A token as written, text[start, end) with its span hash → its word's terms: a token seen before is
   * found by its hash and units, without cutting a string for it (see rawWords).
   */
  private rawWordTerms(text: string, start: number, end: number, hash: number, isNumber: boolean): WordTerms {
    let word = this.rawWords.get(text, start, end, hash);
    if (word !== undefined) return word;
    const token = text.slice(start, end);
    word = this.wordTerms(formOf(token, isNumber));
    this.rawWords.set(token, hash, word);
    return word;
  }

  /**
   * Counts a context's terms. Passages of one section share their context (title, heading, years),
   * and an archive is added section by section, so the last context's counts are kept and reused.
   */
  private tallyContext(context: string): void {
    if (context !== this.lastContext) {
      this.contextTids = [];
      this.tally(context, false);
      this.lastContext = context;
      this.contextCounts = this.contextTids.map((tid) => this.ctxTf[tid]!);
      return;
    }
    this.contextTids.forEach((tid, i) => {
      if (this.bodyTf[tid] === 0) this.touched.push(tid);
      this.ctxTf[tid] = this.contextCounts[i]!;
    });
  }

  private count(tid: number, body: boolean): void {
    if (this.bodyTf[tid] === 0 && this.ctxTf[tid] === 0) this.touched.push(tid);
    if (body) {
      this.bodyTf[tid]!++;
    } else {
      if (this.ctxTf[tid] === 0) this.contextTids.push(tid);
      this.ctxTf[tid]!++;
    }
  }

  private wordTerms(form: TokenForm): WordTerms {
    let word = this.words.get(form.text);
    if (word !== undefined) return word;
    let foldedWord = this.foldedWords.get(form.folded);
    if (foldedWord === undefined) {
      foldedWord = this.foldedWordText.length;
      this.foldedWordText.push(form.folded);
      this.foldedWords.set(form.folded, foldedWord);
    }
    word = {
      exact: this.termId(EXACT + form.text),
      folded: this.termId(FOLDED + form.folded),
      exactWord: this.exactWordText.length,
      foldedWord,
    };
    this.exactWordText.push(form.text);
    this.words.set(form.text, word);
    return word;
  }

  /**
   * Two words in a row → the number of their pair, whose exact and folded bigram term ids are
   * pairExact and pairFolded: the folded pair follows from the exact one, so one lookup gives both.
   */
  private pairOf(prev: WordTerms, word: WordTerms): number {
    let pair = this.exactBigrams.get(prev.exactWord, word.exactWord);
    if (pair < 0) {
      pair = this.pairExact.length;
      this.pairExact.push(
        this.termId(
          `${EXACT_BIGRAM}${this.exactWordText[prev.exactWord]} ${this.exactWordText[word.exactWord]}`,
        ),
      );
      let folded = this.foldedBigrams.get(prev.foldedWord, word.foldedWord);
      if (folded < 0) {
        folded = this.termId(
          `${FOLDED_BIGRAM}${this.foldedWordText[prev.foldedWord]} ${this.foldedWordText[word.foldedWord]}`,
        );
        this.foldedBigrams.set(prev.foldedWord, word.foldedWord, folded);
      }
      this.pairFolded.push(folded);
      this.exactBigrams.set(prev.exactWord, word.exactWord, pair);
    }
    return pair;
  }

  remove(id: number): void {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return;
    this.slotOf.delete(id);
    this.removed.add(slot);
    this.totalLen -= this.docLens[slot]!;
    if (this.removed.size > 1000 && this.removed.size > this.docIds.length / 4) this.compact();
  }

  private termId(term: string): number {
    let tid = this.termIds.get(term);
    if (tid === undefined) {
      tid = this.df.length;
      this.termIds.set(term, tid);
      this.baseStart.push(0);
      this.baseEnd.push(0);
      this.head.push(0);
      this.tail.push(0);
      this.tailCap.push(0);
      this.tailUsed.push(0);
      this.last.push(-1);
      this.df.push(0);
      if (tid >= this.bodyTf.length) {
        const grown = (from: Int32Array) => {
          const to = new Int32Array(from.length * 2);
          to.set(from);
          return to;
        };
        this.bodyTf = grown(this.bodyTf);
        this.ctxTf = grown(this.ctxTf);
      }
    }
    return tid;
  }

  private newBlock(capacity: number): number {
    const need = this.arenaUsed + BLOCK_HEADER + capacity;
    if (need > this.arena.length) {
      let size = this.arena.length * 2;
      while (size < need) size *= 2;
      const grown = new Uint8Array(size);
      grown.set(this.arena.subarray(0, this.arenaUsed));
      this.arena = grown;
      this.arenaView = new DataView(grown.buffer);
    }
    const at = this.arenaUsed;
    this.arenaView.setUint32(at, 0, true);
    this.arenaView.setUint32(at + 4, 0, true);
    this.arenaUsed = need;
    return at;
  }

  private append(tid: number, slot: number, tf: number, ctx: number): void {
    let block = this.tail[tid]!;
    let used = this.tailUsed[tid]!;
    if (!block || used + MAX_ENTRY > this.tailCap[tid]!) {
      // Blocks double up to 4 KB: a rare term wastes a few bytes, a common one few headers.
      const capacity = block ? Math.min(MAX_BLOCK, this.tailCap[tid]! * 2) : FIRST_BLOCK;
      const fresh = this.newBlock(capacity);
      if (block) {
        // The block is full: its header gets its link and its size (see tailUsed).
        this.arenaView.setUint32(block, fresh, true);
        this.arenaView.setUint32(block + 4, used, true);
      } else this.head[tid] = fresh;
      block = fresh;
      used = 0;
      this.tail[tid] = fresh;
      this.tailCap[tid] = capacity;
    }
    const gap = slot - this.last[tid]!;
    const start = block + BLOCK_HEADER + used;
    const at = writeEntry(this.arena, start, gap, tf, ctx);
    this.tailUsed[tid] = used + (at - start);
    this.last[tid] = slot;
    this.df[tid]!++;
  }

  /** Visits every entry of a term in slot order. */
  private forEachEntry(tid: number, visit: (slot: number, tf: number, ctx: number) => void): void {
    let slot = decodeRange(this.base, this.baseStart[tid]!, this.baseEnd[tid]!, -1, visit);
    for (let block = this.head[tid]!; block; block = this.arenaView.getUint32(block, true)) {
      const from = block + BLOCK_HEADER;
      slot = decodeRange(this.arena, from, from + this.blockUsed(tid, block), slot, visit);
    }
  }

  /** Bytes used in one of a term's blocks: a tail block's header is written only once it is full. */
  private blockUsed(tid: number, block: number): number {
    return block === this.tail[tid] ? this.tailUsed[tid]! : this.arenaView.getUint32(block + 4, true);
  }

  /**
   * Moves every term's postings into one contiguous buffer (after a bulk build, before saving), the
   * terms in code-unit order: an image's order, so its postings are this buffer as it is (see
   * content).
   */
  pack(): void {
    this.packSorted();
  }

  /** Packs (see pack) unless nothing changed since the last time; returns the terms in their order. */
  private packSorted(): Array<[string, number]> {
    // Every addition makes an arena block (and a new term one more term): without either, the
    // postings are where the last pack put them.
    if (this.packedOrder && this.arenaUsed === BLOCK_HEADER && this.packedOrder.length === this.termIds.size)
      return this.packedOrder;
    const order = [...this.termIds].sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
    let total = 0;
    for (let tid = 0; tid < this.df.length; tid++) {
      total += this.baseEnd[tid]! - this.baseStart[tid]!;
      for (let block = this.head[tid]!; block; block = this.arenaView.getUint32(block, true))
        total += this.blockUsed(tid, block);
    }
    const base = new Uint8Array(total);
    let at = 0;
    for (const [, tid] of order) {
      const start = at;
      base.set(this.base.subarray(this.baseStart[tid]!, this.baseEnd[tid]!), at);
      at += this.baseEnd[tid]! - this.baseStart[tid]!;
      for (let block = this.head[tid]!; block; block = this.arenaView.getUint32(block, true)) {
        const used = this.blockUsed(tid, block);
        base.set(this.arena.subarray(block + BLOCK_HEADER, block + BLOCK_HEADER + used), at);
        at += used;
      }
      this.baseStart[tid] = start;
      this.baseEnd[tid] = at;
      this.head[tid] = 0;
      this.tail[tid] = 0;
      this.tailCap[tid] = 0;
      this.tailUsed[tid] = 0;
    }
    this.base = base;
    this.arena = new Uint8Array(1 << 16);
    this.arenaView = new DataView(this.arena.buffer);
    this.arenaUsed = BLOCK_HEADER;
    this.packedOrder = order;
    return order;
  }

  /** Rebuilds postings without removed slots. */
  private compact(): void {
    this.packedOrder = undefined;
    // The old blocks are read through their headers below: the tails' sizes go into theirs first.
    this.tail.forEach((block, tid) => {
      if (block) this.arenaView.setUint32(block + 4, this.tailUsed[tid]!, true);
    });
    const remap = new Int32Array(this.docIds.length).fill(-1);
    const docIds: number[] = [];
    const docLens: number[] = [];
    this.docIds.forEach((id, slot) => {
      if (this.removed.has(slot)) return;
      remap[slot] = docIds.length;
      docIds.push(id);
      docLens.push(this.docLens[slot]!);
    });
    const old = {
      base: this.base,
      baseStart: this.baseStart,
      baseEnd: this.baseEnd,
      arena: this.arena,
      arenaView: this.arenaView,
      head: this.head,
    };
    // Terms are renumbered in their order, so each keeps its id: the words, bigrams and last context
    // remembered for adding passages stay right.
    const terms = [...this.termIds.keys()];
    this.termIds = new Map();
    this.base = EMPTY;
    this.baseStart = [];
    this.baseEnd = [];
    this.arena = new Uint8Array(1 << 16);
    this.arenaView = new DataView(this.arena.buffer);
    this.arenaUsed = BLOCK_HEADER;
    this.head = [];
    this.tail = [];
    this.tailCap = [];
    this.tailUsed = [];
    this.last = [];
    this.df = [];
    terms.forEach((term, oldTid) => {
      const tid = this.termId(term);
      const visit = (slot: number, tf: number, ctx: number) => {
        const to = remap[slot]!;
        if (to >= 0) this.append(tid, to, tf, ctx);
      };
      let slot = decodeRange(old.base, old.baseStart[oldTid]!, old.baseEnd[oldTid]!, -1, visit);
      for (let block = old.head[oldTid]!; block; block = old.arenaView.getUint32(block, true)) {
        const from = block + BLOCK_HEADER;
        slot = decodeRange(old.arena, from, from + old.arenaView.getUint32(block + 4, true), slot, visit);
      }
    });
    this.docIds = docIds;
    this.docLens = docLens;
    this.removed.clear();
    this.slotOf = new Map(docIds.map((id, slot) => [id, slot]));
    this.pack();
  }

  /** Number of live passages containing the term (approximate after removals until compaction). */
  documentFrequency(term: string): number {
    const tid = this.termIds.get(term);
    return tid === undefined ? 0 : this.df[tid]!;
  }

  /** Inverse document frequency (BM25+ style, always positive). */
  idf(term: string): number {
    return idfOf(this.size, this.documentFrequency(term));
  }

  /** Top `k` passages by BM25 over the query's weighted terms (ties: lower passage id first). */
  search(query: AnalyzedQuery, k: number, allow?: (passageId: number) => boolean): KeywordHit[] {
    return bm25Search(this.postingSource(), this.params, query, k, allow);
  }

  /** What BM25 reads of this index, as it is now (slots change when removed passages are compacted). */
  postingSource(): PostingSource {
    return {
      docIds: this.docIds,
      docLens: this.docLens,
      size: this.size,
      totalLen: this.totalLen,
      removed: this.removed,
      documentFrequency: (term) => this.documentFrequency(term),
      forEachPosting: (term, visit) => {
        const tid = this.termIds.get(term);
        if (tid !== undefined) this.forEachEntry(tid, visit);
      },
    };
  }

  /** Nothing to release: the index is in memory (the file-backed one closes its file). */
  close(): void {}

  /**
   * What an image of the index holds (removed passages compacted away first): per slot the passage
   * id and length, per term in code-unit order its document frequency and encoded postings.
   * writeImage (src/search/keyword-image.ts) lays it out for reading without loading it whole.
   */
  content(): IndexContent {
    if (this.removed.size > 0) this.compact();
    const order = this.packSorted();
    return {
      docIds: this.docIds,
      docLens: this.docLens,
      totalLen: this.totalLen,
      terms: order.map(([term, tid]) => ({
        term,
        df: this.df[tid]!,
        postings: this.base.subarray(this.baseStart[tid]!, this.baseEnd[tid]!),
        lastSlot: this.last[tid]!,
      })),
    };
  }
}

/** One term of an index image: its document frequency and encoded postings. */
export interface TermPostings {
  term: string;
  df: number;
  postings: Uint8Array;
  /** The slot of the last entry, when known (joining parts needs it; decoding finds it otherwise). */
  lastSlot?: number;
}

/** The content of a keyword index image (see KeywordIndex.content). */
export interface IndexContent {
  docIds: ArrayLike<number>;
  docLens: ArrayLike<number>;
  totalLen: number;
  terms: TermPostings[];
}

/** What a keyword index answers: the in-memory builder and the file-backed reader alike. */
export interface KeywordSearch {
  readonly size: number;
  readonly params: Bm25Params;
  documentFrequency(term: string): number;
  idf(term: string): number;
  search(query: AnalyzedQuery, k: number, allow?: (passageId: number) => boolean): KeywordHit[];
  /** What BM25 reads of the index (per slot passage id and length, per term postings). */
  postingSource(): PostingSource;
  /** Releases the file behind the index, if any. */
  close(): void;
}

/** Inverse document frequency (BM25+ style, always positive) of a term in `df` of `size` passages. */
export function idfOf(size: number, df: number): number {
  const n = Math.max(1, size);
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

export type PostingVisit = (slot: number, tf: number, ctx: number) => void;

/** What BM25 scoring reads of an index: per slot the passage id and length, per term its postings. */
export interface PostingSource {
  docIds: ArrayLike<number>;
  docLens: ArrayLike<number>;
  /** Live passages (idf and the average length count these). */
  size: number;
  totalLen: number;
  /** Slots of removed passages, skipped. */
  removed?: ReadonlySet<number>;
  documentFrequency(term: string): number;
  forEachPosting(term: string, visit: PostingVisit): void;
}

let scratch = new Float64Array(0);
let touchedScratch = new Int32Array(0);

/** Top `k` passages of a posting source by BM25 over the query's weighted terms (ties: lower id first). */
export function bm25Search(
  src: PostingSource,
  params: Bm25Params,
  query: AnalyzedQuery,
  k: number,
  allow?: (passageId: number) => boolean,
): KeywordHit[] {
  const n = src.docIds.length;
  if (n === 0 || k <= 0) return [];
  const { k1, b, contextWeight } = params;
  const avgdl = Math.max(1, src.totalLen / Math.max(1, src.size));
  // One score array reused by every search (synchronous, so never shared), cleared where it was
  // touched: a new 800 KB array per question at 100k passages was most of the memory serving churned.
  if (scratch.length < n) scratch = new Float64Array(n);
  const scores = scratch;
  // The slots scored so far, in the same way: a common term touches tens of thousands of them.
  if (touchedScratch.length < n) touchedScratch = new Int32Array(n);
  const touched = touchedScratch;
  let count = 0;
  const docLens = src.docLens;
  const coord = coordination(query);
  if (coord && maskScratch.length < n) maskScratch = new Int32Array(n);
  const masks = maskScratch;
  for (const [term, weight] of query.terms) {
    if (weight <= 0) continue;
    const df = src.documentFrequency(term);
    if (df === 0) continue;
    const idf = idfOf(src.size, df) * weight;
    const bits = coord?.bits.get(term) ?? 0;
    src.forEachPosting(term, (slot, tfBody, ctx) => {
      // BM25F: the body is length-normalized, the (short, uniform) context is not, and one saturation
      // applies to both, so a heading shared by many short list items cannot outweigh a body match.
      const tf = tfBody / (1 - b + (b * Math.max(avgdl, docLens[slot]!)) / avgdl) + contextWeight * ctx;
      if (scores[slot] === 0 && count < touched.length) touched[count++] = slot;
      scores[slot]! += (idf * tf * (k1 + 1)) / (tf + k1);
      if (bits !== 0) masks[slot]! |= bits;
    });
  }
  if (coord) {
    for (let i = 0; i < count; i++) {
      const slot = touched[i]!;
      scores[slot]! *= bitCount(masks[slot]!) / coord.syllables;
      masks[slot] = 0;
    }
  }
  const ids = src.docIds;
  const removed = src.removed;
  const live = (slot: number) => !removed?.has(slot) && (!allow || allow(ids[slot]!));
  const top = topK(touched, count, live, scores, ids, k);
  for (let i = 0; i < count; i++) scores[touched[i]!] = 0;
  return top;
}

let maskScratch = new Int32Array(0);

/** Most syllables a question's coordination counts (one bit each in an Int32). */
const COORD_MAX_SYLLABLES = 31;

/**
 * The coordination factor of a question typed without diacritics (Lucene's classic "coord"): a
 * passage's score is multiplied by the share of the question's distinct syllables it holds. Typed
 * without marks every syllable is ambiguous ("chu" is chủ, chú, chu) and two neighbouring words of the
 * question may meet as a phrase in a passage by chance ("trên vùng"), which BM25 with bigrams rewards
 * above a passage holding every word of the question (issue 14: scattered words without diacritics).
 * With diacritics the exact syllables already tell such passages apart; it is not used there. A
 * syllable that an abbreviation expands ("bdbp") counts as held by either form. Per index term, the
 * syllables (bits) it stands for; null when the question has diacritics, one syllable or too many.
 */
export function coordination(query: AnalyzedQuery): { bits: Map<string, number>; syllables: number } | null {
  if (query.hasDiacritics) return null;
  const bits = new Map<string, number>();
  const terms: string[] = [];
  for (const s of query.syllables) {
    if (terms.includes(s.folded)) continue;
    if (terms.length === COORD_MAX_SYLLABLES) return null;
    const bit = 1 << terms.length;
    terms.push(s.folded);
    // An expansion is held when its last two syllables are ("biên phòng" of "bộ đội biên phòng").
    for (const t of [s.folded, ...(s.alternatives ?? []).map(lastPair)])
      bits.set(t, (bits.get(t) ?? 0) | bit);
  }
  return terms.length > 1 ? { bits, syllables: terms.length } : null;
}

/** The index term of a phrase's last two syllables (["f:bo", "f:doi", "f:bien", "f:phong"] → "F:bien phong"). */
function lastPair(phrase: string[]): string {
  if (phrase.length < 2) return phrase[0] ?? '';
  const [a, b] = phrase.slice(-2).map((t) => t.slice(FOLDED.length));
  return `${FOLDED_BIGRAM}${a} ${b}`;
}

function bitCount(v: number): number {
  let x = v - ((v >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** The k best of the first `count` slots that `keep` keeps, without sorting every hit: a min-heap of k on (score, id). */
function topK(
  slots: Int32Array,
  count: number,
  keep: (slot: number) => boolean,
  scores: Float64Array,
  ids: ArrayLike<number>,
  k: number,
): KeywordHit[] {
  const heapSlots: number[] = [];
  const below = (i: number, j: number) =>
    worse(scores[heapSlots[i]!]!, ids[heapSlots[i]!]!, scores[heapSlots[j]!]!, ids[heapSlots[j]!]!);
  const swap = (i: number, j: number) => {
    const t = heapSlots[i]!;
    heapSlots[i] = heapSlots[j]!;
    heapSlots[j] = t;
  };
  const siftDown = (from: number) => {
    let i = from;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heapSlots.length && below(l, m)) m = l;
      if (r < heapSlots.length && below(r, m)) m = r;
      if (m === i) return;
      swap(i, m);
      i = m;
    }
  };
  for (let i = 0; i < count; i++) {
    const slot = slots[i]!;
    if (!keep(slot)) continue;
    if (heapSlots.length < k) {
      heapSlots.push(slot);
      for (let i = heapSlots.length - 1; i > 0;) {
        const parent = (i - 1) >> 1;
        if (!below(i, parent)) break;
        swap(i, parent);
        i = parent;
      }
    } else if (worse(scores[heapSlots[0]!]!, ids[heapSlots[0]!]!, scores[slot]!, ids[slot]!)) {
      heapSlots[0] = slot;
      siftDown(0);
    }
  }
  return heapSlots
    .map((slot) => ({ id: ids[slot]!, score: scores[slot]! }))
    .sort((x, y) => y.score - x.score || x.id - y.id);
}

/** A keyword index image that cannot be read (truncated, corrupt, another version). */
export class KeywordIndexFormatError extends Error {
  constructor(reason: string) {
    super(`keyword index image: ${reason}`);
    this.name = 'KeywordIndexFormatError';
  }
}
