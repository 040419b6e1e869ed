import fs from 'node:fs';
import { crc32 } from 'node:zlib';
import { AnalyzedQuery } from '../text/terms';
import {
  Bm25Params,
  bm25Search,
  decodeRange,
  DEFAULT_BM25,
  idfOf,
  IndexContent,
  KeywordHit,
  KeywordIndexFormatError,
  KeywordSearch,
  PostingSource,
  PostingVisit,
  TermPostings,
  VarintCursor,
  writeVarint,
} from './keyword';

/**
 * The keyword index image, laid out so that a server opens it by reading a few small arrays and
 * reads the rest as questions need it (little-endian throughout):
 *
 *   header (64 bytes)   "CKWI", format version, passages, terms, dictionary blocks, bytes of the
 *                       first-term list, total length, dictionary and postings sizes, CRC-32 of the
 *                       header and the small arrays
 *   small arrays        passage ids (float64) and lengths (uint32) per slot; per dictionary block its
 *                       end in the dictionary and its first term's postings offset (float64 each);
 *                       the first term of every block (UTF-8, newline-separated)
 *   dictionary          blocks of up to TERMS_PER_BLOCK terms in code-unit order, each entry
 *                       varint(term bytes) term varint(df) varint(postings bytes) CRC-32 of the
 *                       postings (uint32); each block ends with the CRC-32 of its entries
 *   postings            every term's entries (see KeywordIndex), in dictionary order
 *
 * Memory at open is 12 bytes per passage and one string per block; a question reads one dictionary
 * block and one postings run per term (both cached, bounded), and every read is checked against its
 * CRC, so a damaged file is noticed where it is read (KeywordIndexFormatError) and rebuilt.
 */
const MAGIC = 'CKWI';
/** Bump when the image layout or the posting encoding changes. */
const FORMAT_VERSION = 2;
const HEADER = 64;
const TERMS_PER_BLOCK = 64;
/**
 * Decoded dictionary blocks kept (each up to TERMS_PER_BLOCK entries, about 6 KB of heap): a few
 * questions' worth; the operating system's page cache keeps the file's hot parts anyway.
 */
const BLOCK_CACHE = 512;
/** Bytes of postings kept between questions (the common terms' runs, read again by most questions). */
const POSTINGS_CACHE_BYTES = 8 << 20;

/** The image of an index's content, as parts to write one after another (after the file's key). */
export function writeImage(content: IndexContent): Buffer[] {
  const nDocs = content.docIds.length;
  const blockEnds: number[] = [];
  const blockPostings: number[] = [];
  const firstTerms: string[] = [];
  let dict = new Uint8Array(1 << 16);
  let dictBytes = 0;
  const room = (n: number) => {
    if (dictBytes + n <= dict.length) return;
    const grown = new Uint8Array(Math.max(dict.length * 2, dictBytes + n));
    grown.set(dict.subarray(0, dictBytes));
    dict = grown;
  };
  const putU32 = (value: number) => {
    new DataView(dict.buffer).setUint32(dictBytes, value >>> 0, true);
    dictBytes += 4;
  };
  let postingsBytes = 0;
  for (let i = 0; i < content.terms.length; i += TERMS_PER_BLOCK) {
    const blockStart = dictBytes;
    firstTerms.push(content.terms[i]!.term);
    blockPostings.push(postingsBytes);
    for (const { term, df, postings } of content.terms.slice(i, i + TERMS_PER_BLOCK)) {
      const name = Buffer.from(term, 'utf8');
      room(name.length + 3 * 5 + 4);
      dictBytes = writeVarint(dict, dictBytes, name.length);
      dict.set(name, dictBytes);
      dictBytes += name.length;
      dictBytes = writeVarint(dict, dictBytes, df);
      dictBytes = writeVarint(dict, dictBytes, postings.length);
      putU32(crc32(postings));
      postingsBytes += postings.length;
    }
    room(4);
    putU32(crc32(dict.subarray(blockStart, dictBytes)));
    blockEnds.push(dictBytes);
  }
  const terms = Buffer.from(firstTerms.join('\n'), 'utf8');
  const header = Buffer.alloc(HEADER);
  header.write(MAGIC, 0, 'latin1');
  header.writeUInt32LE(FORMAT_VERSION, 4);
  header.writeUInt32LE(nDocs, 8);
  header.writeUInt32LE(content.terms.length, 12);
  header.writeUInt32LE(blockEnds.length, 16);
  header.writeUInt32LE(terms.length, 20);
  header.writeDoubleLE(content.totalLen, 24);
  header.writeDoubleLE(dictBytes, 32);
  header.writeDoubleLE(postingsBytes, 40);
  const small = [
    Buffer.from(Float64Array.from(content.docIds).buffer),
    Buffer.from(Uint32Array.from(content.docLens).buffer),
    Buffer.from(Float64Array.from(blockEnds).buffer),
    Buffer.from(Float64Array.from(blockPostings).buffer),
    terms,
  ];
  let crc = crc32(header.subarray(0, 48));
  // An empty part is skipped: Node's crc32 of an empty ArrayBuffer view returns 0, not the running value.
  for (const part of small) if (part.length > 0) crc = crc32(part, crc);
  header.writeUInt32LE(crc >>> 0, 48);
  const postings = content.terms.map((t) =>
    Buffer.from(t.postings.buffer, t.postings.byteOffset, t.postings.length),
  );
  return [header, ...small, Buffer.from(dict.buffer, 0, dictBytes), ...postings];
}

interface TermEntry {
  df: number;
  /** Offset of the term's postings in the postings section, their length and CRC-32. */
  offset: number;
  length: number;
  crc: number;
}

/**
 * A keyword index served from its image file: the file stays open and is read where questions
 * need it (one dictionary block and one postings run per term), so memory grows with what the
 * questions touch, not with the corpus. Read-only; a changed corpus is a new image.
 */
export class KeywordIndexFile implements KeywordSearch {
  private readonly blocks = new Map<number, Map<string, TermEntry>>();
  private readonly postings = new Map<string, Uint8Array>();
  private postingsBytes = 0;
  private closed = false;

  private constructor(
    private readonly fd: number,
    readonly params: Bm25Params,
    private readonly docIds: Float64Array,
    private readonly docLens: Uint32Array,
    private readonly totalLen: number,
    private readonly blockEnds: Float64Array,
    private readonly blockPostings: Float64Array,
    private readonly firstTerms: string[],
    private readonly dictAt: number,
    private readonly postingsAt: number,
  ) {}

  /**
   * Opens the image that starts at byte `at` of the open file `fd` and ends at its end. Reads the
   * header and the small arrays only; throws KeywordIndexFormatError when they are not an image's.
   * The index owns `fd` from then on (close() closes it).
   */
  static open(fd: number, at: number, params: Bm25Params = DEFAULT_BM25): KeywordIndexFile {
    const fail = (why: string): never => {
      throw new KeywordIndexFormatError(why);
    };
    const fileSize = fs.fstatSync(fd).size;
    if (fileSize - at < HEADER) fail('truncated');
    const header = readAt(fd, at, HEADER);
    if (header.toString('latin1', 0, 4) !== MAGIC) fail('not a keyword index');
    if (header.readUInt32LE(4) !== FORMAT_VERSION) fail('other format version');
    const nDocs = header.readUInt32LE(8);
    const nBlocks = header.readUInt32LE(16);
    const termBytes = header.readUInt32LE(20);
    const totalLen = header.readDoubleLE(24);
    const dictBytes = header.readDoubleLE(32);
    const postingsBytes = header.readDoubleLE(40);
    const smallBytes = nDocs * 12 + nBlocks * 16 + termBytes;
    if (at + HEADER + smallBytes + dictBytes + postingsBytes !== fileSize) fail('wrong length');
    const small = readAt(fd, at + HEADER, smallBytes);
    if (crc32(small, crc32(header.subarray(0, 48))) >>> 0 !== header.readUInt32LE(48))
      fail('checksum mismatch');
    let p = 0;
    // Copied out rather than viewed: a Buffer's offset need not be aligned for a Float64Array.
    const take = (n: number) => {
      const part = Uint8Array.prototype.slice.call(small, p, p + n);
      p += n;
      return part.buffer;
    };
    const docIds = new Float64Array(take(nDocs * 8));
    const docLens = new Uint32Array(take(nDocs * 4));
    const blockEnds = new Float64Array(take(nBlocks * 8));
    const blockPostings = new Float64Array(take(nBlocks * 8));
    const firstTerms = termBytes ? small.toString('utf8', p, p + termBytes).split('\n') : [];
    if (firstTerms.length !== nBlocks) fail('wrong block count');
    const dictAt = at + HEADER + smallBytes;
    return new KeywordIndexFile(
      fd,
      params,
      docIds,
      docLens,
      totalLen,
      blockEnds,
      blockPostings,
      firstTerms,
      dictAt,
      dictAt + dictBytes,
    );
  }

  get size(): number {
    return this.docIds.length;
  }

  documentFrequency(term: string): number {
    return this.entry(term)?.df ?? 0;
  }

  idf(term: string): number {
    return idfOf(this.size, this.documentFrequency(term));
  }

  search(query: AnalyzedQuery, k: number, allow?: (passageId: number) => boolean): KeywordHit[] {
    return bm25Search(this.postingSource(), this.params, query, k, allow);
  }

  postingSource(): PostingSource {
    return {
      docIds: this.docIds,
      docLens: this.docLens,
      size: this.size,
      totalLen: this.totalLen,
      documentFrequency: (term) => this.documentFrequency(term),
      forEachPosting: (term, visit) => this.forEachPosting(term, visit),
    };
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    fs.closeSync(this.fd);
  }

  /**
   * Every term with its document frequency and postings, in dictionary order, read a block at a time
   * without filling the caches (to write a new image from this one and what was added since).
   */
  *terms(): Generator<TermPostings> {
    for (let n = 0; n < this.firstTerms.length; n++) {
      const entries = this.readBlock(n);
      const first = this.blockPostings[n]!;
      let total = 0;
      for (const e of entries.values()) total += e.length;
      const bytes = readAt(this.fd, this.postingsAt + first, total);
      for (const [term, e] of entries) {
        const postings = bytes.subarray(e.offset - first, e.offset - first + e.length);
        if (crc32(postings) >>> 0 !== e.crc) throw new KeywordIndexFormatError(`postings of a term damaged`);
        yield { term, df: e.df, postings };
      }
    }
  }

  private forEachPosting(term: string, visit: PostingVisit): void {
    const entry = this.entry(term);
    if (!entry) return;
    let bytes = this.postings.get(term);
    if (bytes) {
      // Most recently used last: the oldest are evicted first.
      this.postings.delete(term);
      this.postings.set(term, bytes);
    } else {
      bytes = readAt(this.fd, this.postingsAt + entry.offset, entry.length);
      if (crc32(bytes) >>> 0 !== entry.crc) throw new KeywordIndexFormatError(`postings of a term damaged`);
      this.postings.set(term, bytes);
      this.postingsBytes += bytes.length;
      for (const [old, b] of this.postings) {
        if (this.postingsBytes <= POSTINGS_CACHE_BYTES || old === term) break;
        this.postings.delete(old);
        this.postingsBytes -= b.length;
      }
    }
    decodeRange(bytes, 0, bytes.length, -1, visit);
  }

  /** The dictionary entry of a term, from its block (binary search over the blocks' first terms). */
  private entry(term: string): TermEntry | undefined {
    const firsts = this.firstTerms;
    let lo = 0;
    let hi = firsts.length - 1;
    if (hi < 0 || term < firsts[0]!) return undefined;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (firsts[mid]! <= term) lo = mid;
      else hi = mid - 1;
    }
    return this.block(lo).get(term);
  }

  private block(n: number): Map<string, TermEntry> {
    const cached = this.blocks.get(n);
    if (cached) return cached;
    const entries = this.readBlock(n);
    if (this.blocks.size >= BLOCK_CACHE) this.blocks.delete(this.blocks.keys().next().value!);
    this.blocks.set(n, entries);
    return entries;
  }

  /** The entries of dictionary block `n`, read from the file. */
  private readBlock(n: number): Map<string, TermEntry> {
    const start = n === 0 ? 0 : this.blockEnds[n - 1]!;
    const end = this.blockEnds[n]!;
    const bytes = readAt(this.fd, this.dictAt + start, end - start);
    if (
      end - start < 4 ||
      crc32(bytes.subarray(0, bytes.length - 4)) >>> 0 !== bytes.readUInt32LE(bytes.length - 4)
    )
      throw new KeywordIndexFormatError('dictionary block damaged');
    const entries = new Map<string, TermEntry>();
    let offset = this.blockPostings[n]!;
    const cursor = new VarintCursor(bytes);
    const varint = () => cursor.next();
    while (cursor.at < bytes.length - 4) {
      const nameLength = varint();
      const term = bytes.toString('utf8', cursor.at, cursor.at + nameLength);
      cursor.at += nameLength;
      const df = varint();
      const length = varint();
      const crc = bytes.readUInt32LE(cursor.at);
      cursor.at += 4;
      entries.set(term, { df, offset, length, crc });
      offset += length;
    }
    return entries;
  }
}

/** `length` bytes of `fd` from `position`, or KeywordIndexFormatError when the file is shorter. */
export function readAt(fd: number, position: number, length: number): Buffer {
  // Not from the shared 8 KB pool: a cached run of a few bytes must not keep a whole pool slab alive.
  const buf = Buffer.allocUnsafeSlow(length);
  let done = 0;
  while (done < length) {
    const n = fs.readSync(fd, buf, done, length - done, position + done);
    if (n === 0) throw new KeywordIndexFormatError('truncated');
    done += n;
  }
  return buf;
}
