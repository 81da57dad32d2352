import { cryptoError } from '../errors.js';
import type { BlockCipher } from '../cipher/block-cipher.js';

/** ISO/IEC 9797-1 padding method 1 (zeros; empty data becomes one block) or 2 (0x80 then zeros). */
export type MacPadding = 1 | 2;

export function checkPadding(padding: MacPadding): void {
  if (padding !== 1 && padding !== 2) {
    throw cryptoError('CRYPTO_INVALID_ARGUMENT', 'MAC padding must be ISO 9797-1 method 1 or 2', {
      padding: String(padding),
    });
  }
}

/** `data` padded to whole blocks (a new array); the MACs pad on the fly instead. */
export function padIso9797(data: Uint8Array, padding: MacPadding, blockSize: number): Uint8Array {
  checkPadding(padding);
  const needsBlock = padding === 2 || data.length % blockSize !== 0 || data.length === 0;
  const length = needsBlock ? (Math.floor(data.length / blockSize) + 1) * blockSize : data.length;
  const out = new Uint8Array(length);
  out.set(data);
  if (padding === 2) out[data.length] = 0x80;
  return out;
}

/**
 * CBC with IV = 0 over `data` padded by `padding`, leaving the last cipher block in `state`
 * (one block long). Padding happens in `state`, so nothing is allocated.
 */
export function cbcMacChain(
  cipher: BlockCipher,
  data: Uint8Array,
  padding: MacPadding,
  state: Uint8Array,
): void {
  const size = cipher.blockSize;
  state.fill(0);
  const whole = data.length - (data.length % size);
  for (let offset = 0; offset < whole; offset += size) {
    for (let index = 0; index < size; index += 1) state[index] = state[index]! ^ data[offset + index]!;
    cipher.encryptBlock(state, 0, state, 0);
  }
  const rest = data.length - whole;
  if (padding === 1 && rest === 0 && data.length > 0) return;
  for (let index = 0; index < rest; index += 1) state[index] = state[index]! ^ data[whole + index]!;
  if (padding === 2) state[rest] = state[rest]! ^ 0x80;
  cipher.encryptBlock(state, 0, state, 0);
}
