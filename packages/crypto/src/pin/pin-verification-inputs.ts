import type { BlockCipher } from '../cipher/block-cipher.js';
import { cryptoError } from '../errors.js';

const DIGITS = /^[0-9]+$/;

/** PIN verification keys (IBM 3624 PVK, Visa PVK) are DES or TDES keys. */
export function checkPvk(pvk: BlockCipher): void {
  if (pvk.blockSize !== 8) {
    throw cryptoError('CRYPTO_INVALID_ALGORITHM', 'A PIN verification key must be DES or TDES', {
      algorithm: pvk.algorithm,
    });
  }
}

export function checkDigits(value: string, name: string, minLength: number, maxLength: number): void {
  if (
    typeof value !== 'string' ||
    value.length < minLength ||
    value.length > maxLength ||
    !DIGITS.test(value)
  ) {
    throw cryptoError(
      'CRYPTO_INVALID_ARGUMENT',
      `${name} must be ${minLength} to ${maxLength} decimal digits`,
      {
        parameter: name,
        length: typeof value === 'string' ? value.length : -1,
      },
    );
  }
}

/** Digit-wise comparison that looks at every digit (for PVVs and offsets). */
export function digitsEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let index = 0; index < a.length; index += 1) difference |= a.charCodeAt(index) ^ b.charCodeAt(index);
  return difference === 0;
}
