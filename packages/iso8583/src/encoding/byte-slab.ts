/**
 * Small byte arrays carved out of shared 16 KiB slabs, as Node's Buffer pool does: allocating a
 * separate ArrayBuffer costs about as much as packing a whole message, and the codec hands out one
 * array per pack. A returned array is a view: its `.buffer` is the slab, so use `byteOffset` and
 * `byteLength` (or copy it) when handing the raw buffer on.
 */
const SLAB_SIZE = 16 * 1024;
const MAX_POOLED = SLAB_SIZE / 4;

let slab = new Uint8Array(SLAB_SIZE);
let slabUsed = 0;

export function allocateBytes(length: number): Uint8Array {
  if (length > MAX_POOLED) return new Uint8Array(length);
  if (slabUsed + length > SLAB_SIZE) {
    slab = new Uint8Array(SLAB_SIZE);
    slabUsed = 0;
  }
  const bytes = slab.subarray(slabUsed, slabUsed + length);
  slabUsed = (slabUsed + length + 7) & ~7; // keep views 8-byte aligned
  return bytes;
}

/** A pooled copy of bytes[start, end). */
export function copyBytes(bytes: Uint8Array, start: number, end: number): Uint8Array {
  const copy = allocateBytes(end - start);
  copy.set(bytes.subarray(start, end));
  return copy;
}
