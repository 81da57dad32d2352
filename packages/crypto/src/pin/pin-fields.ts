/**
 * The clear fields of ISO 9564-1 PIN blocks, as nibbles packed into bytes. The PAN fields check the
 * PAN; callers check the PIN first (pin-inputs.ts).
 */
import type { RandomSource } from '@payterm/kernel';
import { checkPan, type PinBlockFormat } from './pin-inputs.js';

function setNibble(out: Uint8Array, index: number, value: number): void {
  const byte = index >> 1;
  out[byte] = index & 1 ? (out[byte]! & 0xf0) | value : (out[byte]! & 0x0f) | (value << 4);
}

/** target ⊕= source, over target's length. */
export function xorInto(target: Uint8Array, source: Uint8Array): void {
  for (let index = 0; index < target.length; index += 1) target[index] = target[index]! ^ source[index]!;
}

export function getNibble(bytes: Uint8Array, index: number): number {
  const byte = bytes[index >> 1]!;
  return index & 1 ? byte & 0x0f : byte >> 4;
}

/** Format 0/3 PAN field: 0000 ‖ the 12 rightmost PAN digits excluding the check digit (left-padded with 0). */
export function panField8(pan: string): Uint8Array {
  checkPan(pan);
  const out = new Uint8Array(8);
  xorPanField8(out, pan);
  return out;
}

/** target ⊕= the format 0/3 PAN field of `pan`, which the caller has checked (no field allocated). */
export function xorPanField8(target: Uint8Array, pan: string): void {
  // Nibble 4 + i holds digit i of the 12 before the check digit; missing digits are 0.
  const first = pan.length - 13;
  for (let index = Math.max(0, -first); index < 12; index += 1) {
    const nibble = pan.charCodeAt(first + index) - 0x30;
    const byte = 2 + (index >> 1);
    target[byte] = target[byte]! ^ (index & 1 ? nibble : nibble << 4);
  }
}

/** Format 4 PAN field: M = PAN length − 12 (0 when shorter; such PANs are left-padded to 12) ‖ PAN ‖ 0…0. */
export function panField16(pan: string): Uint8Array {
  checkPan(pan);
  return panField16Of(pan);
}

/** {@link panField16} of a PAN the caller has checked. */
export function panField16Of(pan: string): Uint8Array {
  const digits = pan.padStart(12, '0');
  const out = new Uint8Array(16);
  setNibble(out, 0, digits.length - 12);
  for (let index = 0; index < digits.length; index += 1)
    setNibble(out, 1 + index, digits.charCodeAt(index) - 0x30);
  return out;
}

/** Fill nibble of formats 0, 1 and 3: F; random 0–F (the "transaction field"); random A–F. */
function fillNibble(format: 0 | 1 | 3, random: RandomSource): number {
  if (format === 0) return 0xf;
  return format === 1 ? random.nextInt(16) : 10 + random.nextInt(6);
}

/** Format 0/1/3 PIN field: control nibble ‖ N ‖ PIN digits ‖ fill, 16 nibbles. */
export function pinField8(format: 0 | 1 | 3, pin: string, random: RandomSource): Uint8Array {
  const out = new Uint8Array(8);
  setNibble(out, 0, format);
  setNibble(out, 1, pin.length);
  for (let index = 0; index < 16 - 2; index += 1) {
    const nibble = index < pin.length ? pin.charCodeAt(index) - 0x30 : fillNibble(format, random);
    setNibble(out, 2 + index, nibble);
  }
  return out;
}

/** Format 4 PIN field: 4 ‖ N ‖ PIN ‖ A…A to nibble 16, then 8 random bytes. */
export function pinField16(pin: string, random: RandomSource): Uint8Array {
  const out = new Uint8Array(16);
  setNibble(out, 0, 4);
  setNibble(out, 1, pin.length);
  for (let index = 0; index < 14; index += 1) {
    setNibble(out, 2 + index, index < pin.length ? pin.charCodeAt(index) - 0x30 : 0xa);
  }
  random.fillBytes(out.subarray(8));
  return out;
}

/**
 * The PIN digits of a clear PIN field, or undefined when any ISO 9564-1 check fails: control nibble,
 * 4 ≤ N ≤ 12, digits 0–9, and fill (F for format 0, A–F for 3, A for nibbles N+2..15 of format 4,
 * anything for format 1). Every check runs, without an early exit at the first failure.
 */
export function readPinField(format: PinBlockFormat, field: Uint8Array): string | undefined {
  if (!isValidPinField(format, field)) return undefined;
  const length = getNibble(field, 1);
  let pin = '';
  for (let index = 0; index < length; index += 1)
    pin += String.fromCharCode(0x30 + getNibble(field, 2 + index));
  return pin;
}

/** Whether the clear PIN field passes every check of {@link readPinField} (all of them run). */
export function isValidPinField(format: PinBlockFormat, field: Uint8Array): boolean {
  const length = getNibble(field, 1);
  let bad = getNibble(field, 0) !== format || length < 4 || length > 12 ? 1 : 0;
  for (let index = 0; index < 14; index += 1) {
    const nibble = getNibble(field, 2 + index);
    bad |= (index < length ? nibble > 9 : fillIsBad(format, nibble)) ? 1 : 0;
  }
  return bad === 0;
}

/**
 * Turns a valid format 0/1/3 PIN field into the field of `format` for the same PIN, in place: the
 * control nibble and the fill change, drawn as {@link pinField8} draws them (same random numbers).
 */
export function refillPinField8(field: Uint8Array, format: 0 | 1 | 3, random: RandomSource): void {
  setNibble(field, 0, format);
  for (let index = getNibble(field, 1); index < 16 - 2; index += 1) {
    setNibble(field, 2 + index, fillNibble(format, random));
  }
}

function fillIsBad(format: PinBlockFormat, nibble: number): boolean {
  if (format === 0) return nibble !== 0xf;
  if (format === 3) return nibble < 0xa;
  if (format === 4) return nibble !== 0xa;
  return false;
}
