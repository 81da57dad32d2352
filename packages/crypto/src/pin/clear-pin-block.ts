import { Secret, type RandomSource } from '@payterm/kernel';
import { pinBlockInvalid } from './pin-block-error.js';
import { pinField8, readPinField, xorPanField8 } from './pin-fields.js';
import { checkPan, checkPin } from './pin-inputs.js';

/** The 8-byte formats: 0 and 3 bind the PAN, 1 has none. */
export type ClearPinBlockFormat = 0 | 1 | 3;

/** The clear ISO 9564-1 block of format 0, 1 or 3 (PIN field ⊕ PAN field for 0 and 3). */
export function buildClearPinBlock(
  format: ClearPinBlockFormat,
  pin: string,
  pan: string | undefined,
  random: RandomSource,
): Uint8Array {
  checkPin(pin);
  if (format !== 1) checkPan(pan);
  return clearPinBlockOf(format, pin, pan, random);
}

/** {@link buildClearPinBlock} of a PIN and PAN (unless format 1) that the caller has checked. */
export function clearPinBlockOf(
  format: ClearPinBlockFormat,
  pin: string,
  pan: string | undefined,
  random: RandomSource,
): Uint8Array {
  const block = pinField8(format, pin, random);
  if (format !== 1) xorPanField8(block, pan!);
  return block;
}

/** The PIN digits of a clear format 0/1/3 block; every failure is CRYPTO_PIN_BLOCK_INVALID. */
export function readClearPinBlock(
  format: ClearPinBlockFormat,
  block: Uint8Array,
  pan: string | undefined,
): string {
  if (format !== 1) checkPan(pan);
  if (block.length !== 8) throw pinBlockInvalid();
  const field = block.slice();
  try {
    return pinOfClearBlock(format, field, pan);
  } finally {
    field.fill(0);
  }
}

/**
 * {@link readClearPinBlock} of an 8-byte block and a PAN (unless format 1) that the caller has
 * checked. Works in place: `block` ends up as the PIN field, for the caller to zero.
 */
export function pinOfClearBlock(
  format: ClearPinBlockFormat,
  block: Uint8Array,
  pan: string | undefined,
): string {
  if (format !== 1) xorPanField8(block, pan!);
  const pin = readPinField(format, block);
  if (pin === undefined) throw pinBlockInvalid();
  return pin;
}

/** {@link readClearPinBlock} with the PIN wrapped, so that it cannot be printed by accident. */
export function decodeClearPinBlock(
  format: ClearPinBlockFormat,
  block: Uint8Array,
  pan: string | undefined,
): Secret<string> {
  return new Secret(readClearPinBlock(format, block, pan), 'PIN');
}
