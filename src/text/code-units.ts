import { isUtf8, transcode } from 'node:buffer';
import { endianness } from 'node:os';

/** Code units per String.fromCharCode call (its arguments go on the stack). */
const FROM_CODES_CHUNK = 4096;

/** Reused by every call (synchronous, never shared); grows to the longest text made. */
let bytes = Buffer.allocUnsafe(1024);

/**
 * The string of the first `n` UTF-16 code units of `units`. Folded text is nearly always Latin-1
 * (a–z, digits, punctuation): then it is made by Node's Latin-1 decoder from a byte copy, about twenty
 * times faster than String.fromCharCode over the units (issue 14: the folds of every block of an
 * archive). A unit above U+00FF makes it take String.fromCharCode.
 */
export function unitsToString(units: Uint16Array, n: number): string {
  if (bytes.length < n) bytes = Buffer.allocUnsafe(Math.max(n, 2 * bytes.length));
  for (let i = 0; i < n; i++) {
    const u = units[i]!;
    if (u > 0xff) return fromCodes(units, n);
    bytes[i] = u;
  }
  return bytes.toString('latin1', 0, n);
}

/** Whether a Uint16Array's bytes are UTF-16LE, as Buffer#toString('utf16le') reads them. */
const LITTLE_ENDIAN = endianness() === 'LE';

/**
 * The string of units some of which are above U+00FF (a folded "–"): Node's UTF-16 decoder copies
 * the array's bytes, several times faster than String.fromCharCode over them (one fold in nine of
 * the bench's passages keeps a dash).
 */
function fromCodes(units: Uint16Array, n: number): string {
  if (LITTLE_ENDIAN) return Buffer.from(units.buffer, units.byteOffset, 2 * n).toString('utf16le');
  let out = '';
  for (let at = 0; at < n; at += FROM_CODES_CHUNK)
    out += String.fromCharCode.apply(null, units.subarray(at, Math.min(n, at + FROM_CODES_CHUNK)) as never);
  return out;
}

/**
 * The text of bytes already known to be valid UTF-8 (buffer.isUtf8), byte order mark included. ICU
 * transcodes them to UTF-16 and the string is a copy of that, a tenth of the time V8's UTF-8 decoder
 * takes (TextDecoder or Buffer#toString: 330 ms for the 59 MB of the bench's 100k corpus, against 20;
 * issue 14). Ingest decodes every file on the thread that writes them.
 */
export function utf8ToString(bytes: Uint8Array): string {
  if (bytes.length === 0) return '';
  try {
    return transcode(bytes, 'utf8', 'utf16le').toString('utf16le');
  } catch {
    // A Node built without ICU has no transcoding.
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  }
}

/**
 * The text of UTF-8 bytes, or null when they are not valid UTF-8: checked by Node's buffer code and
 * made a string by utf8ToString, many times faster than a fatal TextDecoder on an archive's files
 * (issue 14); a leading byte order mark is dropped, as TextDecoder drops it.
 */
export function decodeUtf8(bytes: Uint8Array): string | null {
  if (!isUtf8(bytes)) return null;
  const text = utf8ToString(bytes);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
