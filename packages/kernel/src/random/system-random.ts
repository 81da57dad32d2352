import type { RandomSource } from './random-source.js';
import { uniformIntBelow } from './uniform-int.js';

/** Web Crypto refuses to fill more than 65 536 bytes per call. */
const GET_RANDOM_VALUES_MAX_BYTES = 65_536;

/** Requests up to this size are served from a pool refilled in one system call. */
const POOLED_MAX_BYTES = 256;
// As much as one call gives: per byte it costs about 0.4 ns against 1 ns for 8 KiB.
const POOL_BYTES = GET_RANDOM_VALUES_MAX_BYTES;
const pool = new Uint8Array(POOL_BYTES);
let poolOffset = POOL_BYTES;
/** Up to this size (ids, IVs, words) a byte loop costs less than a view, a copy and a fill. */
const BYTEWISE_MAX_BYTES = 32;

/**
 * Small draws (ids, IVs, keys) come from a pool that one getRandomValues call refills: a host draws
 * several times per transaction, and a system call each time cost more than the cryptography. Bytes
 * handed out are zeroed in the pool, so no copy of a drawn key stays behind.
 */
function fillBytes(bytes: Uint8Array): void {
  if (bytes.length <= POOLED_MAX_BYTES) {
    if (poolOffset + bytes.length > POOL_BYTES) {
      globalThis.crypto.getRandomValues(pool);
      poolOffset = 0;
    }
    const start = poolOffset;
    const end = start + bytes.length;
    if (bytes.length <= BYTEWISE_MAX_BYTES) {
      for (let index = 0; index < bytes.length; index += 1) {
        bytes[index] = pool[start + index]!;
        pool[start + index] = 0;
      }
    } else {
      bytes.set(pool.subarray(start, end));
      pool.fill(0, start, end);
    }
    poolOffset = end;
    return;
  }
  fillDirect(bytes);
}

/** Draws into a fresh buffer and copies, since Web Crypto rejects views of a SharedArrayBuffer. */
function fillDirect(bytes: Uint8Array): void {
  for (let offset = 0; offset < bytes.length; offset += GET_RANDOM_VALUES_MAX_BYTES) {
    const chunk = new Uint8Array(Math.min(GET_RANDOM_VALUES_MAX_BYTES, bytes.length - offset));
    globalThis.crypto.getRandomValues(chunk);
    bytes.set(chunk, offset);
  }
}

const word = new Uint8Array(4);

function nextUint32(): number {
  fillBytes(word);
  const value = ((word[0] ?? 0) << 24) | ((word[1] ?? 0) << 16) | ((word[2] ?? 0) << 8) | (word[3] ?? 0);
  word.fill(0);
  return value >>> 0;
}

/**
 * Cryptographically strong randomness from Web Crypto (browsers and Node.js alike). This file is the
 * only place allowed to reach the system's randomness (see eslint.config.js).
 */
export const systemRandom: RandomSource = Object.freeze({
  nextUint32,
  fillBytes,
  nextInt: (maxExclusive: number) => uniformIntBelow(nextUint32, maxExclusive),
});
