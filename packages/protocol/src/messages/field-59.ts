import { decodeAsciiTlv, encodeAsciiTlv } from '@payterm/iso8583';
import { protocolError } from '../errors.js';

const LAYOUT = { tagChars: 2, lengthDigits: 3 } as const;

/** Field 59 tag → value (`A3` QR payment code, `A4` voucher …). Throws PROTOCOL_INVALID_FIELD. */
export function parseField59(text: string): ReadonlyMap<string, string> {
  try {
    return new Map(decodeAsciiTlv(text, LAYOUT, '59').map((node) => [node.tag, node.value]));
  } catch {
    throw protocolError(
      'PROTOCOL_INVALID_FIELD',
      'field 59 is not tag an2 + length n3 + value objects',
      '59',
    );
  }
}

export function formatField59(tag: 'A3' | 'A4', value: string): string {
  if (value.length === 0 || value.length > 994) {
    throw protocolError('PROTOCOL_INVALID_VALUE', `59.${tag} must be 1 to 994 characters`, `59.${tag}`);
  }
  return encodeAsciiTlv([{ tag, value }], LAYOUT);
}
