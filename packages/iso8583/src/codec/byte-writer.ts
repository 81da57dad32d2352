/** A growable output buffer reused across pack calls (packing is synchronous, so one per codec is safe). */
export class ByteWriter {
  bytes: Uint8Array;
  pos = 0;

  constructor(initialCapacity = 1024) {
    this.bytes = new Uint8Array(initialCapacity);
  }

  reset(): void {
    this.pos = 0;
  }

  /**
   * Makes room for `count` more bytes and returns the offset where they start. It may replace
   * `bytes`: read `bytes` only after calling it.
   */
  reserve(count: number): number {
    const start = this.pos;
    const needed = start + count;
    if (needed > this.bytes.length) {
      let capacity = this.bytes.length * 2;
      while (capacity < needed) capacity *= 2;
      const grown = new Uint8Array(capacity);
      grown.set(this.bytes.subarray(0, start));
      this.bytes = grown;
    }
    this.pos = needed;
    return start;
  }

  /** Makes room for `count` bytes after `pos` without moving it; may replace `bytes` like reserve(). */
  ensureRoom(count: number): void {
    if (this.pos + count > this.bytes.length) {
      const start = this.pos;
      this.reserve(count);
      this.pos = start;
    }
  }

  /**
   * A copy of what was written, in its own ArrayBuffer: packed messages carry PANs and PIN blocks, so
   * they never share memory with another message (a pooled slab would be faster, and would hand every
   * holder of `.buffer` its neighbours' card data).
   */
  toBytes(): Uint8Array {
    // slice allocates and copies in one native call: measured faster than allocating, then set().
    return this.bytes.slice(0, this.pos);
  }
}
