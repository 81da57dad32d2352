import type { RandomSource } from '@payterm/kernel';
import type { BlockCipher } from '../cipher/block-cipher.js';
import { cryptoError } from '../errors.js';
import { decryptPinDigits, encryptPinBlock } from './pin-block.js';
import { checkFormat, checkPinCipher, type PinBlockFormat } from './pin-inputs.js';

export interface PinBlockSide {
  readonly cipher: BlockCipher;
  readonly format: PinBlockFormat;
}

export interface TranslatePinBlockInput {
  readonly from: PinBlockSide;
  readonly to: PinBlockSide;
  /** The one PAN of both sides: a translation never changes the PAN. Required unless both formats are 1. */
  readonly pan?: string;
  readonly random: RandomSource;
}

/**
 * Re-encrypts a PIN block under another key and/or format without returning the PIN. Allowed:
 * 0/3/4 ↔ 0/3/4 and 1 → any; 0/3/4 → 1 is refused because it drops the PAN binding (PCI PIN 3-3).
 */
export function translatePinBlock(block: Uint8Array, input: TranslatePinBlockInput): Uint8Array {
  const { from, to } = input;
  checkFormat(from.format);
  checkFormat(to.format);
  checkPinCipher(from.cipher, from.format);
  checkPinCipher(to.cipher, to.format);
  if (from.format !== 1 && to.format === 1) {
    throw cryptoError(
      'CRYPTO_PIN_TRANSLATION_FORBIDDEN',
      'A PAN-bound PIN block cannot be translated to format 1',
      {
        from: from.format,
        to: to.format,
      },
    );
  }
  const pan = input.pan === undefined ? {} : { pan: input.pan };
  const pin = decryptPinDigits(from.cipher, block, { format: from.format, ...pan });
  return encryptPinBlock(to.cipher, { format: to.format, pin, random: input.random, ...pan });
}
