/**
 * A map from a span of a text, text[start, end), to a value, looked up by the span's code units and a
 * hash of them (the caller's, e.g. scanSpans's) without cutting a string for it: the keyword index finds
 * each token it has seen before this way (issue 14: a string and a Map lookup per token were most of
 * building the index). Open addressing in a typed array, as IntPairMap; a slot holds an entry's
 * number + 1, 0 when empty. It starts over when it holds `limit` entries.
 */
export class SpanMap<V> {
  private slots = new Int32Array(4096);
  private mask = 4095;
  private keys: string[] = [];
  private hashes: number[] = [];
  private values: V[] = [];

  constructor(private readonly limit: number) {}

  get size(): number {
    return this.keys.length;
  }

  /** The value stored for the units text[start, end) with this hash, or undefined. */
  get(text: string, start: number, end: number, hash: number): V | undefined {
    const length = end - start;
    for (let i = hash & this.mask, entry = this.slots[i]!; entry !== 0; entry = this.slots[i]!) {
      const e = entry - 1;
      const key = this.keys[e]!;
      if (this.hashes[e] === hash && key.length === length && sameUnits(key, text, start))
        return this.values[e];
      i = (i + 1) & this.mask;
    }
    return undefined;
  }

  /** Stores `value` for `key` (not in the map), whose units hash to `hash`. */
  set(key: string, hash: number, value: V): void {
    if (this.keys.length >= this.limit) {
      this.slots.fill(0);
      this.keys.length = 0;
      this.hashes.length = 0;
      this.values.length = 0;
    } else if (2 * (this.keys.length + 1) > this.slots.length) {
      this.grow();
    }
    this.keys.push(key);
    this.hashes.push(hash);
    this.values.push(value);
    this.place(hash, this.keys.length);
  }

  private place(hash: number, slotValue: number): void {
    let i = hash & this.mask;
    while (this.slots[i] !== 0) i = (i + 1) & this.mask;
    this.slots[i] = slotValue;
  }

  private grow(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    this.mask = this.slots.length - 1;
    this.hashes.forEach((hash, e) => this.place(hash, e + 1));
  }
}

/** True when `key` is the units of `text` from `start` on (the caller compared the lengths). */
function sameUnits(key: string, text: string, start: number): boolean {
  for (let u = 0; u < key.length; u++) if (key.charCodeAt(u) !== text.charCodeAt(start + u)) return false;
  return true;
}
