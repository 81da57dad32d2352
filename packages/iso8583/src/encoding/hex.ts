const HEX_DIGITS = '0123456789ABCDEF';

/** byte → two upper-case hex characters. */
export const BYTE_TO_HEX: readonly string[] = Array.from(
  { length: 256 },
  (_, b) => (HEX_DIGITS[b >> 4] as string) + (HEX_DIGITS[b & 15] as string),
);

/** Latin-1 code point → nibble value, or -1 when not a hex digit (either case). */
export const HEX_CHAR_TO_NIBBLE: Int8Array = (() => {
  const nibbles = new Int8Array(256).fill(-1);
  for (let i = 0; i < 16; i++) {
    nibbles[HEX_DIGITS.charCodeAt(i)] = i;
    nibbles[HEX_DIGITS.toLowerCase().charCodeAt(i)] = i;
  }
  return nibbles;
})();

export function bytesToHex(bytes: Uint8Array, start = 0, end = bytes.length): string {
  let hex = '';
  for (let i = start; i < end; i++) hex += BYTE_TO_HEX[bytes[i] as number];
  return hex;
}

/** Index of the first character that is not a hex digit, or -1. */
export function firstNonHexCharacter(hex: string): number {
  for (let i = 0; i < hex.length; i++) {
    const c = hex.charCodeAt(i);
    if (c > 0xff || (HEX_CHAR_TO_NIBBLE[c] as number) < 0) return i;
  }
  return -1;
}

/** Parses an even-length hex string; whitespace is not allowed. Returns undefined on bad input. */
export function hexToBytes(hex: string): Uint8Array | undefined {
  if (hex.length % 2 !== 0 || firstNonHexCharacter(hex) >= 0) return undefined;
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) {
    bytes[i] =
      ((HEX_CHAR_TO_NIBBLE[hex.charCodeAt(2 * i)] as number) << 4) |
      (HEX_CHAR_TO_NIBBLE[hex.charCodeAt(2 * i + 1)] as number);
  }
  return bytes;
}
