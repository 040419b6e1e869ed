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

function fromCodes(units: Uint16Array, n: number): string {
  let out = '';
  for (let at = 0; at < n; at += FROM_CODES_CHUNK)
    out += String.fromCharCode.apply(null, units.subarray(at, Math.min(n, at + FROM_CODES_CHUNK)) as never);
  return out;
}
