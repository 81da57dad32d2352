import { protocolError } from '../errors.js';
import { decodeTlvText, encodeTlvText } from './ascii-tlv-field.js';

/**
 * Field 59 tag → value (`A3` QR payment code, `A4` voucher …). Throws PROTOCOL_INVALID_FIELD naming
 * field `59` only: a tag read from a misaligned A3 could be two characters of the payment code.
 */
export function parseField59(text: string): ReadonlyMap<string, string> {
  return new Map(decodeTlvText(text, '59', false).map((node) => [node.tag, node.value]));
}

export function formatField59(tag: 'A3' | 'A4', value: string): string {
  if (value.length === 0 || value.length > 994) {
    throw protocolError('PROTOCOL_INVALID_VALUE', `59.${tag} must be 1 to 994 characters`, `59.${tag}`);
  }
  return encodeTlvText([{ tag, value }], '59');
}
