import { assertInvariant } from '../errors/invariant.js';

/**
 * How a division that does not come out even is rounded, named after the magnitude so that a refund
 * (negative) rounds like the sale it reverses:
 * - 'down': toward zero (truncate)
 * - 'up': away from zero
 * - 'half-up': to nearest, ties away from zero
 * - 'half-even': to nearest, ties to the even neighbour (banker's rounding)
 */
export type RoundingMode = 'half-even' | 'half-up' | 'down' | 'up';

export const ROUNDING_MODES: readonly RoundingMode[] = ['half-even', 'half-up', 'down', 'up'];

/** `numerator / denominator` rounded to an integer by `rounding`, exactly (no floating point). */
export function divideRounded(numerator: bigint, denominator: bigint, rounding: RoundingMode): bigint {
  assertInvariant(denominator !== 0n, 'divideRounded: denominator must not be zero');
  if (denominator < 0n) return divideRounded(-numerator, -denominator, rounding);

  const truncated = numerator / denominator;
  const remainder = numerator % denominator;
  if (remainder === 0n) return truncated;

  const awayFromZero = numerator < 0n ? truncated - 1n : truncated + 1n;
  const doubledRemainder = 2n * (remainder < 0n ? -remainder : remainder);
  switch (rounding) {
    case 'down':
      return truncated;
    case 'up':
      return awayFromZero;
    case 'half-up':
      return doubledRemainder >= denominator ? awayFromZero : truncated;
    case 'half-even':
      if (doubledRemainder !== denominator) return doubledRemainder > denominator ? awayFromZero : truncated;
      return truncated % 2n === 0n ? truncated : awayFromZero;
  }
}
