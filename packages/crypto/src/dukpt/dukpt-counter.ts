import { cryptoError } from '../errors.js';

/** Number of one-bits of a counter below 2^32. */
export function bitCount(value: number): number {
  let count = 0;
  let rest = value >>> 0;
  while (rest !== 0) {
    rest &= rest - 1;
    count += 1;
  }
  return count;
}

/** Lowest set bit of a counter below 2^32, as a number (0 for 0). */
export function lowestBit(value: number): number {
  return (value & -value) >>> 0;
}

export function checkKsnLength(ksn: Uint8Array, length: number): void {
  if (!(ksn instanceof Uint8Array) || ksn.length !== length) {
    throw cryptoError('CRYPTO_INVALID_KSN', `A KSN must be ${length} bytes`, {
      need: length,
      have: ksn instanceof Uint8Array ? ksn.length : -1,
    });
  }
}

/** A transaction counter a host may derive a key for: not zero (the initial key) and at most `maxOnes` one-bits. */
export function checkTransactionCounter(counter: number, maxOnes: number): void {
  if (counter === 0 || bitCount(counter) > maxOnes) {
    throw cryptoError(
      'CRYPTO_INVALID_KSN',
      `A transaction counter must be non-zero with at most ${maxOnes} one-bits`,
      { counter, maxOnes },
    );
  }
}

export function checkKey(key: Uint8Array, lengths: readonly number[], algorithm: string): void {
  if (!(key instanceof Uint8Array) || !lengths.includes(key.length)) {
    throw cryptoError(
      'CRYPTO_INVALID_KEY_LENGTH',
      `A ${algorithm} key must be ${lengths.join(' or ')} bytes`,
      {
        algorithm,
        length: key instanceof Uint8Array ? key.length : -1,
      },
    );
  }
}

export function outputOf(length: number, output: Uint8Array | undefined): Uint8Array {
  if (output === undefined) return new Uint8Array(length);
  if (output.length < length) {
    throw cryptoError('CRYPTO_INVALID_DATA_LENGTH', 'Output buffer is too small', {
      need: length,
      have: output.length,
    });
  }
  return output;
}
