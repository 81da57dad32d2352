import type { BlockCipher } from '../cipher/block-cipher.js';
import { cryptoError } from '../errors.js';
import { hexToBytes } from '../hex.js';
import { checkPan, checkPin } from './pin-inputs.js';
import { checkDigits, checkPvk, digitsEqual } from './pin-verification-inputs.js';

export interface VisaPvvInput {
  readonly pan: string;
  /** PIN verification key index, 0 to 9. */
  readonly pvki: number;
  /** The PIN; its leftmost 4 digits enter the PVV. */
  readonly pin: string;
}

/** TSP = 11 rightmost PAN digits excluding the check digit ‖ PVKI ‖ 4 PIN digits. */
function transformedSecurityParameter(input: VisaPvvInput): string {
  checkPan(input.pan);
  if (input.pan.length < 12) {
    throw cryptoError('CRYPTO_INVALID_PAN', 'Visa PVV needs a PAN of at least 12 digits', {
      length: input.pan.length,
    });
  }
  if (!Number.isInteger(input.pvki) || input.pvki < 0 || input.pvki > 9) {
    throw cryptoError('CRYPTO_INVALID_ARGUMENT', 'PVKI must be a digit 0 to 9', { parameter: 'pvki' });
  }
  checkPin(input.pin);
  return input.pan.slice(-12, -1) + String(input.pvki) + input.pin.slice(0, 4);
}

/** Visa PVV: E_PVK(TSP); its decimal digits left to right, then A–F as 0–5, first 4. */
export function visaPvv(pvk: BlockCipher, input: VisaPvvInput): string {
  checkPvk(pvk);
  const tsp = hexToBytes(transformedSecurityParameter(input));
  const encrypted = pvk.encryptBlocksEcb(tsp);
  tsp.fill(0);
  const nibbles = Array.from(
    { length: 16 },
    (_, index) => (encrypted[index >> 1]! >> (index & 1 ? 0 : 4)) & 0x0f,
  );
  encrypted.fill(0);
  const digits = nibbles.filter((nibble) => nibble <= 9);
  const letters = nibbles.filter((nibble) => nibble > 9).map((nibble) => nibble - 10);
  return [...digits, ...letters].slice(0, 4).join('');
}

/** Whether `pvv` (4 digits) is the PVV of the PIN (compares every digit). */
export function verifyVisaPvv(pvk: BlockCipher, input: VisaPvvInput & { readonly pvv: string }): boolean {
  checkDigits(input.pvv, 'PVV', 4, 4);
  return digitsEqual(visaPvv(pvk, input), input.pvv);
}
