import { assertInvariant } from '../errors/invariant.js';

const UINT32_RANGE = 2 ** 32;

/**
 * A uniform integer in [0, maxExclusive) from a source of uniform uint32s. Plain `x % max` favours
 * small results whenever 2^32 is not a multiple of max, so draws from the incomplete last block are
 * rejected and redrawn (fewer than one redraw on average for any max).
 */
export function uniformIntBelow(nextUint32: () => number, maxExclusive: number): number {
  assertInvariant(
    Number.isInteger(maxExclusive) && maxExclusive >= 1 && maxExclusive <= UINT32_RANGE,
    'nextInt needs an integer bound in [1, 2^32]',
    { maxExclusive },
  );
  const acceptBelow = UINT32_RANGE - (UINT32_RANGE % maxExclusive);
  for (;;) {
    const draw = nextUint32();
    if (draw < acceptBelow) return draw % maxExclusive;
  }
}
