import type { RandomSource } from './random-source.js';
import { uniformIntBelow } from './uniform-int.js';

/** Web Crypto refuses to fill more than 65 536 bytes per call. */
const GET_RANDOM_VALUES_MAX_BYTES = 65_536;

/** Draws into a fresh buffer and copies, since Web Crypto rejects views of a SharedArrayBuffer. */
function fillBytes(bytes: Uint8Array): void {
  for (let offset = 0; offset < bytes.length; offset += GET_RANDOM_VALUES_MAX_BYTES) {
    const chunk = new Uint8Array(Math.min(GET_RANDOM_VALUES_MAX_BYTES, bytes.length - offset));
    globalThis.crypto.getRandomValues(chunk);
    bytes.set(chunk, offset);
  }
}

function nextUint32(): number {
  const word = new Uint32Array(1);
  globalThis.crypto.getRandomValues(word);
  return word[0] ?? 0;
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
