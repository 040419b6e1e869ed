/**
 * A map from a pair of non-negative 32-bit integers to a non-negative integer, in typed arrays with
 * open addressing: the keyword index looks a bigram up by its two word numbers once per token, and a
 * JavaScript Map would need a string or a floating-point key for the pair.
 */
export class IntPairMap {
  private keys: Int32Array;
  private values: Int32Array;
  private mask: number;
  private used = 0;

  constructor(capacity = 1024) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.keys = new Int32Array(size * 2);
    this.values = new Int32Array(size).fill(-1);
    this.mask = size - 1;
  }

  get size(): number {
    return this.used;
  }

  /** The value stored for (a, b), or -1. */
  get(a: number, b: number): number {
    for (let i = this.slot(a, b); ; i = (i + 1) & this.mask) {
      const v = this.values[i]!;
      if (v < 0 || (this.keys[2 * i] === a && this.keys[2 * i + 1] === b)) return v;
    }
  }

  /** Stores `value` (≥ 0) for (a, b), replacing what was there. */
  set(a: number, b: number, value: number): void {
    if (value < 0) throw new RangeError('IntPairMap stores non-negative values only');
    if ((this.used + 1) * 2 > this.values.length) this.grow();
    let i = this.slot(a, b);
    while (this.values[i]! >= 0 && !(this.keys[2 * i] === a && this.keys[2 * i + 1] === b))
      i = (i + 1) & this.mask;
    if (this.values[i]! < 0) this.used++;
    this.keys[2 * i] = a;
    this.keys[2 * i + 1] = b;
    this.values[i] = value;
  }

  private slot(a: number, b: number): number {
    let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca77);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 12;
    return h & this.mask;
  }

  private grow(): void {
    const { keys, values } = this;
    this.keys = new Int32Array(keys.length * 2);
    this.values = new Int32Array(values.length * 2).fill(-1);
    this.mask = this.values.length - 1;
    this.used = 0;
    for (let i = 0; i < values.length; i++)
      if (values[i]! >= 0) this.set(keys[2 * i]!, keys[2 * i + 1]!, values[i]!);
  }
}
