import { MessageChannel, MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { Db } from '../store/db';
import { workerScript } from '../threads';
import { buildIndex } from './indexable';
import { Bm25Params, decodeRange, IndexContent, TermPostings, VarintCursor, writeEntry } from './keyword';

/** Passages with an id in (after, upTo]. */
export interface IdRange {
  after: number;
  upTo: number;
}

/** A part of the index: built from one range of passages, in one read transaction. */
export interface IndexPart {
  content: IndexContent;
  read: number;
  generation: number;
  stamp: string;
}

/** Builds the index of the passages in `range` (all of them without one). */
export function buildPart(db: Db, params: Bm25Params, range?: IdRange): IndexPart {
  const { index, ...built } = buildIndex(db, params, range);
  return { content: index.content(), ...built };
}

/**
 * An index part as one message between threads: the terms in one string, the postings in one
 * buffer (posting a view per term would copy the whole buffer once per term).
 */
export interface PackedPart {
  docIds: Float64Array;
  docLens: Uint32Array;
  totalLen: number;
  terms: string;
  dfs: Uint32Array;
  lastSlots: Int32Array;
  ends: Float64Array;
  postings: Uint8Array;
  read: number;
  generation: number;
  stamp: string;
}

/** Terms never hold a NUL (they are letters, digits, "%" and spaces): it separates them. */
const SEPARATOR = '\u0000';

export function packPart(part: IndexPart): PackedPart {
  const { content } = part;
  const n = content.terms.length;
  const dfs = new Uint32Array(n);
  const lastSlots = new Int32Array(n);
  const ends = new Float64Array(n);
  let total = 0;
  content.terms.forEach((t, i) => {
    total += t.postings.length;
    ends[i] = total;
    dfs[i] = t.df;
    lastSlots[i] = t.lastSlot ?? lastSlotOf(t);
  });
  // A packed index's postings are one buffer in the terms' order already (KeywordIndex.pack): sent
  // as they are, not copied.
  const views = content.terms.map((t) => t.postings);
  const postings = consecutiveView(views) ?? joinViews(views, total);
  return {
    docIds: Float64Array.from(content.docIds),
    docLens: Uint32Array.from(content.docLens),
    totalLen: content.totalLen,
    terms: content.terms.map((t) => t.term).join(SEPARATOR),
    dfs,
    lastSlots,
    ends,
    postings,
    read: part.read,
    generation: part.generation,
    stamp: part.stamp,
  };
}

/**
 * Waits, blocking this thread, for the part a worker posts on `port` (postPart) and signals at
 * `flags[slot]`: the part, or why there is none, in Vietnamese.
 */
export function receivePart(
  flags: Int32Array,
  slot: number,
  port: MessagePort,
): { part: IndexPart } | { error: string } {
  if (Atomics.wait(flags, slot, 0, PART_TIMEOUT_MS) === 'timed-out')
    return { error: `không trả lời sau ${PART_TIMEOUT_MS / 60_000} phút` };
  const message = receiveMessageOnPort(port) as
    { message: { part?: PackedPart; error?: string } } | undefined;
  const part = message?.message.part;
  return part
    ? { part: unpackPart(part) }
    : { error: message?.message.error ?? 'luồng dừng mà không gửi kết quả' };
}

/**
 * Views that follow one another in one buffer, as one view over them all (empty ones skipped); null
 * when they do not, or none has bytes.
 */
function consecutiveView(views: Uint8Array[]): Uint8Array | null {
  let first: Uint8Array | undefined;
  let end = 0;
  for (const v of views) {
    if (v.length === 0) continue;
    if (!first) first = v;
    else if (v.buffer !== first.buffer || v.byteOffset !== end) return null;
    end = v.byteOffset + v.length;
  }
  return first ? new Uint8Array(first.buffer, first.byteOffset, end - first.byteOffset) : null;
}

/** Views copied one after another into one new buffer of `total` bytes. */
function joinViews(views: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let at = 0;
  for (const v of views) {
    out.set(v, at);
    at += v.length;
  }
  return out;
}

/**
 * Posts a packed part to the thread waiting for it, its buffers moved rather than copied: the index
 * it was packed from may share them (see packPart) and is not to be used after.
 */
export function postPart(port: MessagePort, packed: PackedPart): void {
  port.postMessage({ part: packed }, [
    packed.docIds.buffer,
    packed.docLens.buffer,
    packed.dfs.buffer,
    packed.lastSlots.buffer,
    packed.ends.buffer,
    packed.postings.buffer,
  ] as ArrayBuffer[]);
}

export function unpackPart(packed: PackedPart): IndexPart {
  const names = packed.terms === '' ? [] : packed.terms.split(SEPARATOR);
  const terms: TermPostings[] = names.map((term, i) => ({
    term,
    df: packed.dfs[i]!,
    postings: packed.postings.subarray(i === 0 ? 0 : packed.ends[i - 1]!, packed.ends[i]!),
    lastSlot: packed.lastSlots[i]!,
  }));
  return {
    content: { docIds: packed.docIds, docLens: packed.docLens, totalLen: packed.totalLen, terms },
    read: packed.read,
    generation: packed.generation,
    stamp: packed.stamp,
  };
}

function lastSlotOf(t: TermPostings): number {
  return decodeRange(t.postings, 0, t.postings.length, -1, () => {});
}

/**
 * Joins parts built from consecutive id ranges into the content one index of all of them has: the
 * slots of a later part follow the earlier ones', each term's postings are the parts' one after
 * another, and only the first entry of each later part is encoded again (its gap now counts from the
 * term's last slot in the parts before).
 */
export function joinParts(parts: IndexContent[]): IndexContent {
  const docIds: number[] = [];
  const docLens: number[] = [];
  let totalLen = 0;
  const offsets: number[] = [];
  for (const part of parts) {
    offsets.push(docIds.length);
    for (let i = 0; i < part.docIds.length; i++) {
      docIds.push(part.docIds[i]!);
      docLens.push(part.docLens[i]!);
    }
    totalLen += part.totalLen;
  }
  const at = parts.map(() => 0);
  const terms: TermPostings[] = [];
  const head = new Uint8Array(16);
  for (;;) {
    // The smallest term at the parts' positions, in code-unit order (as images are sorted).
    let term: string | undefined;
    parts.forEach((part, p) => {
      const t = part.terms[at[p]!];
      if (t && (term === undefined || t.term < term)) term = t.term;
    });
    if (term === undefined) break;
    const pieces: Uint8Array[] = [];
    let length = 0;
    let df = 0;
    let last = -1;
    parts.forEach((part, p) => {
      const t = part.terms[at[p]!];
      if (!t || t.term !== term) return;
      at[p]!++;
      if (t.df === 0) return;
      if (last < 0 && offsets[p] === 0) {
        pieces.push(t.postings);
        length += t.postings.length;
      } else {
        // The first entry again, counted from the term's last slot so far (-1: none); the rest as it is.
        const first = firstEntry(t.postings);
        const n = writeEntry(head, 0, offsets[p]! + first.slot - last, first.tf, first.ctx);
        const rest = first.length;
        pieces.push(head.slice(0, n), t.postings.subarray(rest));
        length += n + t.postings.length - rest;
      }
      df += t.df;
      last = offsets[p]! + (t.lastSlot ?? lastSlotOf(t));
    });
    if (df === 0) continue;
    const postings = pieces.length === 1 ? pieces[0]! : new Uint8Array(length);
    if (pieces.length > 1) {
      let w = 0;
      for (const piece of pieces) {
        postings.set(piece, w);
        w += piece.length;
      }
    }
    terms.push({ term, df, postings, lastSlot: last });
  }
  return { docIds, docLens, totalLen, terms };
}

/** The first posting entry of a term in a part: its slot, frequencies and length in bytes. */
function firstEntry(buf: Uint8Array): { slot: number; tf: number; ctx: number; length: number } {
  const cursor = new VarintCursor(buf);
  const v = cursor.next();
  const flag = v % 2;
  // Gaps count from slot -1 at a term's first entry.
  const slot = (v - flag) / 2 - 1;
  if (flag === 0) return { slot, tf: 1, ctx: 0, length: cursor.at };
  const tf = cursor.next();
  const ctx = cursor.next();
  return { slot, tf, ctx, length: cursor.at };
}

/** Longest a worker may take to build its part (or hand over its build) before this thread gives up on it. */
const PART_TIMEOUT_MS = 10 * 60_000;

/**
 * Builds the index of every passage in parts at once (up to `workers`, each of at least `perPart`
 * passages): this thread builds the first, worker threads (each with its own read-only connection
 * to `dbFile`) the others, and the parts are joined.
 * Synchronous, like a rebuild: this thread waits for the workers on a shared flag. Null when parts
 * are not worth it, when a worker fails or takes too long (`onFailure` is told why, in Vietnamese
 * with SQLite's own message: the caller builds the index in one piece, slower, and an operator
 * should know), or when the database changed between
 * the parts' reads.
 */
export function buildInParts(
  db: Db,
  dbFile: string,
  params: Bm25Params,
  workers: number,
  perPart: number,
  onFailure: (reason: string) => void = () => {},
): (IndexPart & { parts: number }) | null {
  const script = workerScript(__dirname, 'keyword-part-worker');
  if (!script || workers < 2) return null;
  const count = (db.prepare('SELECT count(*) AS n FROM passages').get() as { n: number }).n;
  // Starting a worker and joining its part cost a few hundred milliseconds: parts are worth it big.
  const parts = Math.min(workers, Math.floor(count / perPart));
  if (parts < 2) return null;
  const bounds = db.transaction(() => {
    const nth = db.prepare('SELECT id FROM passages ORDER BY id LIMIT 1 OFFSET ?').pluck();
    const ids: number[] = [0];
    for (let i = 1; i < parts; i++) ids.push(nth.get(Math.floor((count * i) / parts) - 1) as number);
    ids.push(Number.MAX_SAFE_INTEGER);
    return ids;
  })();
  const flags = new Int32Array(new SharedArrayBuffer(4 * parts));
  const started: Array<{ worker: Worker; port: MessagePort }> = [];
  try {
    for (let i = 1; i < parts; i++) {
      const { port1, port2 } = new MessageChannel();
      const worker = new Worker(script.file, {
        execArgv: script.execArgv,
        workerData: {
          dbFile,
          params,
          range: { after: bounds[i]!, upTo: bounds[i + 1]! },
          port: port2,
          flags,
          slot: i,
        },
        transferList: [port2],
      });
      started.push({ worker, port: port1 });
    }
    const first = buildPart(db, params, { after: bounds[0]!, upTo: bounds[1]! });
    const all: IndexPart[] = [first];
    for (let i = 1; i < parts; i++) {
      const received = receivePart(flags, i, started[i - 1]!.port);
      if ('error' in received) {
        onFailure(`phần ${i + 1}/${parts}: ${received.error}`);
        return null;
      }
      all.push(received.part);
    }
    // The same state of the database in every part, or nothing.
    if (all.some((p) => p.generation !== first.generation || p.stamp !== first.stamp)) return null;
    return {
      content: joinParts(all.map((p) => p.content)),
      read: all.reduce((n, p) => n + p.read, 0),
      generation: first.generation,
      stamp: first.stamp,
      parts,
    };
  } finally {
    for (const { worker, port } of started) {
      port.close();
      void worker.terminate();
    }
  }
}
