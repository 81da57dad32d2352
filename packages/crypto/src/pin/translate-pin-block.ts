import type { RandomSource } from '@payterm/kernel';
import type { BlockCipher } from '../cipher/block-cipher.js';
import { cryptoError } from '../errors.js';
import { pinBlockInvalid } from './pin-block-error.js';
import { pinBlockOf, pinDigitsOf } from './pin-block.js';
import { checkFormat, checkPan, checkPinCipher, type PinBlockFormat } from './pin-inputs.js';

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
  return translatePinBlockOf(block, from.cipher, from.format, to.cipher, to.format, input.pan, input.random);
}

/** {@link translatePinBlock} with its input as arguments. */
export function translatePinBlockOf(
  block: Uint8Array,
  fromCipher: BlockCipher,
  fromFormat: PinBlockFormat,
  toCipher: BlockCipher,
  toFormat: PinBlockFormat,
  pan: string | undefined,
  random: RandomSource,
): Uint8Array {
  checkFormat(fromFormat);
  checkFormat(toFormat);
  checkPinCipher(fromCipher, fromFormat);
  checkPinCipher(toCipher, toFormat);
  if (fromFormat !== 1 && toFormat === 1) {
    throw cryptoError(
      'CRYPTO_PIN_TRANSLATION_FORBIDDEN',
      'A PAN-bound PIN block cannot be translated to format 1',
      {
        from: fromFormat,
        to: toFormat,
      },
    );
  }
  // The checks of decryptPinDigits and encryptPinBlock, in their order, each made once.
  if (fromFormat !== 1) checkPan(pan);
  if (block.length !== fromCipher.blockSize) throw pinBlockInvalid();
  // A decoded PIN is 4 to 12 decimal digits (readPinField), which is all that checkPin asks.
  const pin = pinDigitsOf(fromCipher, block, fromFormat, pan);
  if (fromFormat === 1 && toFormat !== 1) checkPan(pan);
  return pinBlockOf(toCipher, toFormat, pin, pan, random);
}
