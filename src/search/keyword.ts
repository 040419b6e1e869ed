import { crc32 } from 'node:zlib';
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
function writeVarint(buf: Uint8Array, at: number, value: number): number {
  let v = value;
  while (v >= 0x80) {
    buf[at++] = (v % 0x80) | 0x80;
    v = Math.floor(v / 0x80);
  }
  buf[at++] = v;
  return at;
}

/** Decodes the entries in buf[start, end) after slot `slot`; calls `visit` with slot, tf, ctx. */
function decodeRange(
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

/** Is (score a, id a) ranked below (score b, id b)? Higher score first, then lower id. */
const worse = (sa: number, ia: number, sb: number, ib: number) => sa < sb || (sa === sb && ia > ib);

/**
 * An in-memory BM25 index over Vietnamese syllables and syllable bigrams, with and without
 * diacritics (see src/text/terms.ts for the term namespaces). Passages can be added and removed;
 * removed ones are tombstoned and compacted away when they pile up.
 *
 * Postings live in one byte buffer (`base`, per term a [start, end) range: what was loaded or
 * compacted) followed by a chain of blocks in an append-only arena (what was added since), so the
 * memory per term is a few numbers, not an array per term. `serialize()`/`deserialize()` write and
 * read the whole index as one binary image (see src/search/keyword-file.ts).
 */
export class KeywordIndex {
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
  /** Per term: slot of its last entry (gaps are relative to it) and number of entries. */
  private last: number[] = [];
  private df: number[] = [];
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
    const slot = this.docIds.length;
    this.docIds.push(p.id);
    this.docLens.push(len);
    this.totalLen += len;
    this.slotOf.set(p.id, slot);
    for (const [term, tf] of body) this.append(this.termId(term), slot, tf, context.get(term) ?? 0);
    for (const [term, ctx] of context) if (!body.has(term)) this.append(this.termId(term), slot, 0, ctx);
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
      this.last.push(-1);
      this.df.push(0);
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
    let used = block ? this.arenaView.getUint32(block + 4, true) : 0;
    if (!block || used + MAX_ENTRY > this.tailCap[tid]!) {
      // Blocks double up to 4 KB: a rare term wastes a few bytes, a common one few headers.
      const capacity = block ? Math.min(MAX_BLOCK, this.tailCap[tid]! * 2) : FIRST_BLOCK;
      const fresh = this.newBlock(capacity);
      if (block) this.arenaView.setUint32(block, fresh, true);
      else this.head[tid] = fresh;
      block = fresh;
      used = 0;
      this.tail[tid] = fresh;
      this.tailCap[tid] = capacity;
    }
    const gap = slot - this.last[tid]!;
    const start = block + BLOCK_HEADER + used;
    let at: number;
    if (tf === 1 && ctx === 0) at = writeVarint(this.arena, start, gap * 2);
    else {
      at = writeVarint(this.arena, start, gap * 2 + 1);
      at = writeVarint(this.arena, at, tf);
      at = writeVarint(this.arena, at, ctx);
    }
    this.arenaView.setUint32(block + 4, used + (at - start), true);
    this.last[tid] = slot;
    this.df[tid]!++;
  }

  /** Visits every entry of a term in slot order. */
  private forEachEntry(tid: number, visit: (slot: number, tf: number, ctx: number) => void): void {
    let slot = decodeRange(this.base, this.baseStart[tid]!, this.baseEnd[tid]!, -1, visit);
    for (let block = this.head[tid]!; block; block = this.arenaView.getUint32(block, true)) {
      const from = block + BLOCK_HEADER;
      slot = decodeRange(this.arena, from, from + this.arenaView.getUint32(block + 4, true), slot, visit);
    }
  }

  /** Moves every term's postings into one contiguous buffer (after a bulk build, before saving). */
  pack(): void {
    let total = 0;
    const lengths = this.df.map((_, tid) => {
      let n = this.baseEnd[tid]! - this.baseStart[tid]!;
      for (let block = this.head[tid]!; block; block = this.arenaView.getUint32(block, true))
        n += this.arenaView.getUint32(block + 4, true);
      total += n;
      return n;
    });
    const base = new Uint8Array(total);
    let at = 0;
    for (let tid = 0; tid < lengths.length; tid++) {
      const start = at;
      base.set(this.base.subarray(this.baseStart[tid]!, this.baseEnd[tid]!), at);
      at += this.baseEnd[tid]! - this.baseStart[tid]!;
      for (let block = this.head[tid]!; block; block = this.arenaView.getUint32(block, true)) {
        const used = this.arenaView.getUint32(block + 4, true);
        base.set(this.arena.subarray(block + BLOCK_HEADER, block + BLOCK_HEADER + used), at);
        at += used;
      }
      this.baseStart[tid] = start;
      this.baseEnd[tid] = at;
      this.head[tid] = 0;
      this.tail[tid] = 0;
      this.tailCap[tid] = 0;
    }
    this.base = base;
    this.arena = new Uint8Array(1 << 16);
    this.arenaView = new DataView(this.arena.buffer);
    this.arenaUsed = BLOCK_HEADER;
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
    const old = {
      base: this.base,
      baseStart: this.baseStart,
      baseEnd: this.baseEnd,
      arena: this.arena,
      arenaView: this.arenaView,
      head: this.head,
    };
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
    const n = Math.max(1, this.size);
    const df = this.documentFrequency(term);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** Top `k` passages by BM25 over the query's weighted terms (ties: lower passage id first). */
  search(query: AnalyzedQuery, k: number, allow?: (passageId: number) => boolean): KeywordHit[] {
    const n = this.docIds.length;
    if (n === 0 || k <= 0) return [];
    const { k1, b, contextWeight } = this.params;
    const avgdl = Math.max(1, this.totalLen / Math.max(1, this.size));
    const scores = new Float64Array(n);
    const touched: number[] = [];
    const docLens = this.docLens;
    for (const [term, weight] of query.terms) {
      const tid = this.termIds.get(term);
      if (tid === undefined || weight <= 0) continue;
      const idf = this.idf(term) * weight;
      this.forEachEntry(tid, (slot, tfBody, ctx) => {
        // BM25F: the body is length-normalized, the (short, uniform) context is not, and one saturation
        // applies to both, so a heading shared by many short list items cannot outweigh a body match.
        const tf = tfBody / (1 - b + (b * Math.max(avgdl, docLens[slot]!)) / avgdl) + contextWeight * ctx;
        if (scores[slot] === 0) touched.push(slot);
        scores[slot]! += (idf * tf * (k1 + 1)) / (tf + k1);
      });
    }
    return this.topK(allow ? touched.filter((slot) => allow(this.docIds[slot]!)) : touched, scores, k);
  }

  /** The k best touched slots, without sorting every hit: a min-heap of k on (score, id). */
  private topK(touched: number[], scores: Float64Array, k: number): KeywordHit[] {
    const heapSlots: number[] = [];
    const ids = this.docIds;
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
    for (const slot of touched) {
      if (this.removed.has(slot)) continue;
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

  /**
   * The whole index as one binary image (little-endian; removed passages compacted away first):
   * "CKWI", format version, counts, total length, passage ids (float64), lengths (uint32), per term
   * entries and last slot (uint32) and postings end (uint32), the terms (UTF-8, newline-separated),
   * the postings, then a CRC-32 of everything before it.
   */
  serialize(): Buffer[] {
    if (this.removed.size > 0) this.compact();
    else this.pack();
    const terms = Buffer.from([...this.termIds.keys()].join('\n'), 'utf8');
    const nDocs = this.docIds.length;
    const nTerms = this.df.length;
    const header = Buffer.alloc(32);
    header.write(MAGIC, 0, 'latin1');
    header.writeUInt32LE(FORMAT_VERSION, 4);
    header.writeUInt32LE(nDocs, 8);
    header.writeUInt32LE(nTerms, 12);
    header.writeUInt32LE(terms.length, 16);
    header.writeUInt32LE(this.base.length, 20);
    header.writeDoubleLE(this.totalLen, 24);
    const ints = (values: number[]) => Buffer.from(Uint32Array.from(values).buffer);
    const parts = [
      header,
      Buffer.from(Float64Array.from(this.docIds).buffer),
      ints(this.docLens),
      ints(this.df),
      ints(this.last.map((s) => s + 1)),
      ints(this.baseEnd),
      terms,
      Buffer.from(this.base.buffer, this.base.byteOffset, this.base.length),
    ];
    let crc = 0;
    for (const part of parts) crc = crc32(part, crc);
    const tail = Buffer.alloc(4);
    tail.writeUInt32LE(crc >>> 0, 0);
    parts.push(tail);
    return parts;
  }

  /** Reads an image written by serialize(); throws KeywordIndexFormatError when it is not one. */
  static deserialize(bytes: Buffer, params: Bm25Params = DEFAULT_BM25): KeywordIndex {
    const fail = (why: string) => {
      throw new KeywordIndexFormatError(why);
    };
    if (bytes.length < 36 || bytes.toString('latin1', 0, 4) !== MAGIC) fail('not a keyword index');
    if (bytes.readUInt32LE(4) !== FORMAT_VERSION) fail('other format version');
    const body = bytes.subarray(0, bytes.length - 4);
    if (crc32(body) >>> 0 !== bytes.readUInt32LE(bytes.length - 4)) fail('checksum mismatch');
    const nDocs = bytes.readUInt32LE(8);
    const nTerms = bytes.readUInt32LE(12);
    const termBytes = bytes.readUInt32LE(16);
    const postingBytes = bytes.readUInt32LE(20);
    if (32 + nDocs * 12 + nTerms * 12 + termBytes + postingBytes !== body.length) fail('wrong length');
    let at = 32;
    // Copied out (small) rather than viewed: a Buffer's offset need not be aligned for Float64Array.
    const take = (n: number) => {
      const part = Uint8Array.prototype.slice.call(bytes, at, at + n);
      at += n;
      return part.buffer;
    };
    const index = new KeywordIndex(params);
    index.docIds = Array.from(new Float64Array(take(nDocs * 8)));
    index.docLens = Array.from(new Uint32Array(take(nDocs * 4)));
    index.df = Array.from(new Uint32Array(take(nTerms * 4)));
    index.last = Array.from(new Uint32Array(take(nTerms * 4)), (s) => s - 1);
    index.baseEnd = Array.from(new Uint32Array(take(nTerms * 4)));
    const terms = termBytes ? bytes.toString('utf8', at, at + termBytes).split('\n') : [];
    at += termBytes;
    if (terms.length !== nTerms) fail('wrong term count');
    index.base = bytes.subarray(at, at + postingBytes);
    index.baseStart = index.baseEnd.map((_, tid) => (tid === 0 ? 0 : index.baseEnd[tid - 1]!));
    if (index.baseEnd.some((end, tid) => end < index.baseStart[tid]! || end > postingBytes))
      fail('bad postings offsets');
    index.termIds = new Map(terms.map((t, tid) => [t, tid]));
    index.head = new Array<number>(nTerms).fill(0);
    index.tail = new Array<number>(nTerms).fill(0);
    index.tailCap = new Array<number>(nTerms).fill(0);
    index.slotOf = new Map(index.docIds.map((id, slot) => [id, slot]));
    index.totalLen = bytes.readDoubleLE(24);
    return index;
  }
}

const MAGIC = 'CKWI';
/** Bump when the image layout or the posting encoding changes. */
const FORMAT_VERSION = 1;

/** A keyword index image that cannot be read (truncated, corrupt, another version). */
export class KeywordIndexFormatError extends Error {
  constructor(reason: string) {
    super(`keyword index image: ${reason}`);
    this.name = 'KeywordIndexFormatError';
  }
}
