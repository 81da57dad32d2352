import { Secret } from '@payterm/kernel';
import type { BlockCipher } from '../cipher/block-cipher.js';
import { cryptoError } from '../errors.js';
import { hexInto } from '../hex.js';
import { getNibble } from './pin-fields.js';
import { checkPan, checkPin } from './pin-inputs.js';
import { checkDigits, checkPvk } from './pin-verification-inputs.js';

export interface Ibm3624Params {
  /** 16 hex characters: the chosen PAN digits right-padded (see {@link ibm3624ValidationData}). */
  readonly validationData: string;
  /**
   * 16 decimal digits mapping hex digits 0–F. Callers that take tables from outside must check them
   * against an allow-list (decimalisation table attack, Bond & Zieliński 2003).
   */
  readonly decimalizationTable: string;
}

/** Validation data: `length` PAN digits from `start`, right-padded to 16 with the `pad` hex digit. */
export function ibm3624ValidationData(
  pan: string,
  options: { start?: number; length?: number; pad?: string } = {},
): string {
  const start = options.start ?? 0;
  const length = options.length ?? Math.min(16, pan.length - start);
  const pad = options.pad ?? 'F';
  checkPan(pan);
  if (
    !Number.isInteger(start) ||
    !Number.isInteger(length) ||
    start < 0 ||
    length < 1 ||
    length > 16 ||
    start + length > pan.length ||
    !/^[0-9A-Fa-f]$/.test(pad)
  ) {
    throw cryptoError(
      'CRYPTO_INVALID_ARGUMENT',
      'IBM 3624 validation data needs 1 to 16 PAN digits and one hex pad digit',
      {
        start,
        length,
      },
    );
  }
  return pan.slice(start, start + length).padEnd(16, pad.toUpperCase());
}

/** The block encryptValidationData returns: calls run one at a time, and each zeroes it when done. */
const VALIDATION_BLOCK = new Uint8Array(8);

/** E_PVK(validation data), after the checks of the PVK, the table and the data; the caller zeroes it. */
function encryptValidationData(pvk: BlockCipher, params: Ibm3624Params): Uint8Array {
  checkPvk(pvk);
  checkDigits(params.decimalizationTable, 'decimalizationTable', 16, 16);
  if (params.validationData.length !== 16) {
    throw cryptoError('CRYPTO_INVALID_ARGUMENT', 'IBM 3624 validation data must be 16 hex characters', {
      length: params.validationData.length,
    });
  }
  const encrypted = VALIDATION_BLOCK;
  try {
    hexInto(params.validationData, encrypted);
  } catch (error) {
    encrypted.fill(0);
    throw error;
  }
  pvk.encryptBlock(encrypted, 0, encrypted, 0);
  return encrypted;
}

/** Natural PIN digit `index` (its character code): nibble `index` of `encrypted`, decimalised. */
function naturalDigitCode(encrypted: Uint8Array, table: string, index: number): number {
  return table.charCodeAt((encrypted[index >> 1]! >> (index & 1 ? 0 : 4)) & 0x0f);
}

/** The natural PIN digits: E_PVK(validation data) decimalised, leftmost `length`. */
function naturalDigits(pvk: BlockCipher, params: Ibm3624Params, length: number): string {
  const encrypted = encryptValidationData(pvk, params);
  let natural = '';
  for (let index = 0; index < length; index += 1) {
    natural += String.fromCharCode(naturalDigitCode(encrypted, params.decimalizationTable, index));
  }
  encrypted.fill(0);
  return natural;
}

function addDigits(a: string, b: string, sign: 1 | -1): string {
  let out = '';
  for (let index = 0; index < a.length; index += 1) {
    out += String.fromCharCode(
      0x30 + ((a.charCodeAt(index) - 0x30 + sign * (b.charCodeAt(index) - 0x30) + 10) % 10),
    );
  }
  return out;
}

/** The natural PIN of `length` digits (4 to 12). */
export function ibm3624NaturalPin(pvk: BlockCipher, params: Ibm3624Params, length: number): Secret<string> {
  if (!Number.isInteger(length) || length < 4 || length > 12) {
    throw cryptoError('CRYPTO_INVALID_ARGUMENT', 'PIN length must be 4 to 12', {
      parameter: 'length',
      length,
    });
  }
  return new Secret(naturalDigits(pvk, params, length), 'PIN');
}

/** The offset of `pin`: (PIN − natural PIN) mod 10, digit by digit; as long as the PIN. */
export function ibm3624Offset(pvk: BlockCipher, params: Ibm3624Params, pin: string): string {
  checkPin(pin);
  return addDigits(pin, naturalDigits(pvk, params, pin.length), -1);
}

/** The PIN that `offset` stands for: natural PIN + offset, digit by digit. */
export function ibm3624PinFromOffset(
  pvk: BlockCipher,
  params: Ibm3624Params,
  offset: string,
): Secret<string> {
  checkDigits(offset, 'offset', 4, 12);
  return new Secret(addDigits(naturalDigits(pvk, params, offset.length), offset, 1), 'PIN');
}

/** Whether `pin` matches `offset` (compares every digit). */
export function verifyIbm3624Offset(
  pvk: BlockCipher,
  params: Ibm3624Params,
  pin: string,
  offset: string,
): boolean {
  checkPin(pin);
  checkDigits(offset, 'offset', 4, 12);
  if (offset.length !== pin.length) return false;
  // ibm3624Offset compared digit by digit as it is computed: no natural PIN or offset string.
  const encrypted = encryptValidationData(pvk, params);
  let difference = 0;
  for (let index = 0; index < pin.length; index += 1) {
    const natural = naturalDigitCode(encrypted, params.decimalizationTable, index) - 0x30;
    const expected = (pin.charCodeAt(index) - 0x30 - natural + 10) % 10;
    difference |= expected ^ (offset.charCodeAt(index) - 0x30);
  }
  encrypted.fill(0);
  return difference === 0;
}

/**
 * {@link verifyIbm3624Offset} of the PIN in a valid clear PIN field (pin-block.ts decryptPinFieldInto):
 * its digits read from the nibbles, no PIN string.
 */
export function verifyIbm3624OffsetOfField(
  pvk: BlockCipher,
  params: Ibm3624Params,
  field: Uint8Array,
  offset: string,
): boolean {
  checkDigits(offset, 'offset', 4, 12);
  const length = getNibble(field, 1);
  if (offset.length !== length) return false;
  const encrypted = encryptValidationData(pvk, params);
  let difference = 0;
  for (let index = 0; index < length; index += 1) {
    const natural = naturalDigitCode(encrypted, params.decimalizationTable, index) - 0x30;
    const expected = (getNibble(field, 2 + index) - natural + 10) % 10;
    difference |= expected ^ (offset.charCodeAt(index) - 0x30);
  }
  encrypted.fill(0);
  return difference === 0;
}
