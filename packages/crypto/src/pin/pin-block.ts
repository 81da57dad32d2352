import { Secret, type RandomSource } from '@payterm/kernel';
import type { BlockCipher } from '../cipher/block-cipher.js';
import { clearPinBlockOf, pinOfClearBlock } from './clear-pin-block.js';
import { pinBlockInvalid } from './pin-block-error.js';
import {
  isValidPinField,
  panField16Of,
  pinField16,
  readPinField,
  xorInto,
  xorPanField8,
} from './pin-fields.js';
import { checkFormat, checkPan, checkPin, checkPinCipher, type PinBlockFormat } from './pin-inputs.js';

export interface EncryptPinBlockInput {
  readonly format: PinBlockFormat;
  readonly pin: string;
  /** Required for formats 0, 3 and 4; ignored by format 1. */
  readonly pan?: string;
  /** Fill of formats 1 and 3, random half of format 4. */
  readonly random: RandomSource;
}

export interface DecryptPinBlockInput {
  readonly format: PinBlockFormat;
  readonly pan?: string;
}

/** Format 4, ISO 9564-1: A = E(PIN field), block = E(A ⊕ PAN field). */
function encryptFormat4(cipher: BlockCipher, pin: string, pan: string, random: RandomSource): Uint8Array {
  const block = pinField16(pin, random);
  cipher.encryptBlock(block, 0, block, 0);
  xorInto(block, panField16Of(pan));
  cipher.encryptBlock(block, 0, block, 0);
  return block;
}

function decryptFormat4(cipher: BlockCipher, block: Uint8Array, pan: string): string | undefined {
  const field = new Uint8Array(16);
  cipher.decryptBlock(block, 0, field, 0);
  xorInto(field, panField16Of(pan));
  cipher.decryptBlock(field, 0, field, 0);
  const pin = readPinField(4, field);
  field.fill(0);
  return pin;
}

/** The PIN digits in clear: internal to this package (translation), never exported. */
export function decryptPinDigits(
  cipher: BlockCipher,
  block: Uint8Array,
  input: DecryptPinBlockInput,
): string {
  return decryptPinDigitsOf(cipher, block, input.format, input.pan);
}

/** {@link decryptPinDigits} with its input as arguments. */
export function decryptPinDigitsOf(
  cipher: BlockCipher,
  block: Uint8Array,
  format: PinBlockFormat,
  pan: string | undefined,
): string {
  checkFormat(format);
  checkPinCipher(cipher, format);
  if (format !== 1) checkPan(pan);
  if (block.length !== cipher.blockSize) throw pinBlockInvalid();
  return pinDigitsOf(cipher, block, format, pan);
}

/**
 * The checks of {@link decryptPinDigitsOf} for an 8-byte format, then its clear PIN field (PAN field
 * removed) in `field`, which the caller zeroes: the PIN's length in nibble 1, its digits from nibble 2.
 */
export function decryptPinFieldInto(
  cipher: BlockCipher,
  block: Uint8Array,
  format: 0 | 1 | 3,
  pan: string | undefined,
  field: Uint8Array,
): void {
  checkFormat(format);
  checkPinCipher(cipher, format);
  if (format !== 1) checkPan(pan);
  if (block.length !== cipher.blockSize) throw pinBlockInvalid();
  cipher.decryptBlock(block, 0, field, 0);
  if (format !== 1) xorPanField8(field, pan!);
  if (!isValidPinField(format, field)) throw pinBlockInvalid();
}

const CLEAR_BLOCK = new Uint8Array(8);

/** {@link decryptPinDigits} once the format, cipher, PAN and block length are checked. */
export function pinDigitsOf(
  cipher: BlockCipher,
  block: Uint8Array,
  format: PinBlockFormat,
  pan: string | undefined,
): string {
  if (format === 4) {
    const pin = decryptFormat4(cipher, block, pan!);
    if (pin === undefined) throw pinBlockInvalid();
    return pin;
  }
  // One block, its length checked: decryptBlock without the ECB checks and output sizing, into a
  // scratch block that is zeroed before this returns (calls run one at a time).
  const clear = CLEAR_BLOCK;
  cipher.decryptBlock(block, 0, clear, 0);
  try {
    return pinOfClearBlock(format, clear, pan);
  } finally {
    clear.fill(0);
  }
}

/** An encrypted ISO 9564-1 PIN block: formats 0, 1, 3 under an 8-byte block cipher (TDES), 4 under AES. */
export function encryptPinBlock(cipher: BlockCipher, input: EncryptPinBlockInput): Uint8Array {
  checkFormat(input.format);
  checkPinCipher(cipher, input.format);
  checkPin(input.pin);
  if (input.format !== 1) checkPan(input.pan);
  return pinBlockOf(cipher, input.format, input.pin, input.pan, input.random);
}

/** {@link encryptPinBlock} once the format, cipher, PIN and PAN are checked. */
export function pinBlockOf(
  cipher: BlockCipher,
  format: PinBlockFormat,
  pin: string,
  pan: string | undefined,
  random: RandomSource,
): Uint8Array {
  if (format === 4) return encryptFormat4(cipher, pin, pan!, random);
  const block = clearPinBlockOf(format, pin, pan, random);
  cipher.encryptBlock(block, 0, block, 0);
  return block;
}

/**
 * The PIN of an encrypted block, after every check of ISO 9564-1. All decode failures (length,
 * control nibble, PIN length, digits, fill) are the same CRYPTO_PIN_BLOCK_INVALID with no details.
 */
export function decryptPinBlock(
  cipher: BlockCipher,
  block: Uint8Array,
  input: DecryptPinBlockInput,
): Secret<string> {
  return new Secret(decryptPinDigits(cipher, block, input), 'PIN');
}
