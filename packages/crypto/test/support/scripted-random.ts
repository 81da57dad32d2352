import { hexToBytes } from '@payterm/crypto';
import type { RandomSource } from '@payterm/kernel';

/**
 * A RandomSource that replays given values: nextInt returns the hex digits of `nibbles` in order
 * (reduced modulo the bound), fillBytes copies `bytes`. For vectors whose random parts are published.
 */
export function scriptedRandom(script: { nibbles?: string; bytes?: string }): RandomSource {
  let nibbleIndex = 0;
  const bytes = hexToBytes(script.bytes ?? '');
  return {
    nextUint32: () => 0,
    nextInt: (maxExclusive) => {
      const digit = Number.parseInt(script.nibbles?.[nibbleIndex] ?? '0', 16);
      nibbleIndex += 1;
      return maxExclusive === 6 ? digit - 10 : digit % maxExclusive;
    },
    fillBytes: (target) => {
      for (let index = 0; index < target.length; index += 1) target[index] = bytes[index] ?? 0;
    },
  };
}
