import { cryptoError } from './errors.js';

const HEX_DIGITS = '0123456789ABCDEF';

function nibble(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x41 && code <= 0x46) return code - 0x37;
  if (code >= 0x61 && code <= 0x66) return code - 0x57;
  return -1;
}

/** Bytes of a hex string (either case). The error names the offset only, never the text: it may be a key. */
export function hexToBytes(hex: string): Uint8Array {
  if (hex.length % 2 !== 0) {
    throw cryptoError('CRYPTO_INVALID_HEX', 'Hex string has an odd length', { length: hex.length });
  }
  const out = new Uint8Array(hex.length / 2);
  hexInto(hex, out);
  return out;
}

/** {@link hexToBytes} of an even-length `hex` into out[0, hex.length / 2), same errors. */
export function hexInto(hex: string, out: Uint8Array): void {
  const length = hex.length >> 1;
  for (let index = 0; index < length; index += 1) {
    const high = nibble(hex.charCodeAt(2 * index));
    const low = nibble(hex.charCodeAt(2 * index + 1));
    if (high < 0 || low < 0) {
      const offset = high < 0 ? 2 * index : 2 * index + 1;
      throw cryptoError('CRYPTO_INVALID_HEX', `Hex string has a non-hex character at ${offset}`, { offset });
    }
    out[index] = (high << 4) | low;
  }
}

/** Upper-case hex of `bytes`. */
export function bytesToHex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += HEX_DIGITS[byte >> 4]! + HEX_DIGITS[byte & 0x0f]!;
  return out;
}
