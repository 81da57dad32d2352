import type { RandomSource } from '@payterm/kernel';
import type { BlockCipher } from '../cipher/block-cipher.js';
import { cryptoError } from '../errors.js';
import { pinBlockInvalid } from './pin-block-error.js';
import { pinBlockOf, pinDigitsOf } from './pin-block.js';
import { isValidPinField, refillPinField8, xorPanField8 } from './pin-fields.js';
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
  if (fromFormat !== 4 && toFormat !== 4)
    return translatePinField8(block, fromCipher, fromFormat, toCipher, toFormat, pan, random);
  // A decoded PIN is 4 to 12 decimal digits (readPinField), which is all that checkPin asks.
  const pin = pinDigitsOf(fromCipher, block, fromFormat, pan);
  if (fromFormat === 1 && toFormat !== 1) checkPan(pan);
  return pinBlockOf(toCipher, toFormat, pin, pan, random);
}

/** The clear PIN field of a translation between 8-byte formats: zeroed before each translation returns. */
const FIELD = new Uint8Array(8);

/**
 * A translation between formats 0, 1 and 3 on the clear PIN field itself: the same checks, errors,
 * random draws and block as decoding the PIN and encoding it again, without the PIN as a string.
 */
function translatePinField8(
  block: Uint8Array,
  fromCipher: BlockCipher,
  fromFormat: 0 | 1 | 3,
  toCipher: BlockCipher,
  toFormat: 0 | 1 | 3,
  pan: string | undefined,
  random: RandomSource,
): Uint8Array {
  const field = FIELD;
  try {
    fromCipher.decryptBlock(block, 0, field, 0);
    if (fromFormat !== 1) xorPanField8(field, pan!);
    if (!isValidPinField(fromFormat, field)) throw pinBlockInvalid();
    if (fromFormat === 1 && toFormat !== 1) checkPan(pan);
    refillPinField8(field, toFormat, random);
    if (toFormat !== 1) xorPanField8(field, pan!);
    const out = new Uint8Array(8);
    toCipher.encryptBlock(field, 0, out, 0);
    return out;
  } finally {
    field.fill(0);
  }
}
