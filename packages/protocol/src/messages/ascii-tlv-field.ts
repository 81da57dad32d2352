import { decodeAsciiTlv, encodeAsciiTlv, Iso8583Error } from '@payterm/iso8583';
import { protocolError } from '../errors.js';

/** Fields 59 and 62 carry ASCII TLV objects: tag an2 ‖ length n3 ‖ value. */
export const FIELD_TLV_LAYOUT = { tagChars: 2, lengthDigits: 3 } as const;

/** One tag-length-value object of an ASCII TLV field, in the order it was sent. */
export interface TlvEntry {
  readonly tag: string;
  readonly value: string;
}

/**
 * The objects of an ASCII TLV field's text. Throws PROTOCOL_INVALID_FIELD naming the object
 * (`62.94`, or `field` alone when `pathWithTag` is false) and the offset in the field: `offsetBase`
 * + the character index in `text`.
 */
export function decodeTlvText(text: string, field: string, pathWithTag = true, offsetBase = 0): TlvEntry[] {
  try {
    return decodeAsciiTlv(text, FIELD_TLV_LAYOUT, field);
  } catch (error) {
    if (!(error instanceof Iso8583Error)) throw error;
    const { phase, need, have } = error.details;
    const offset = error.details.offset < 0 ? -1 : error.details.offset + offsetBase;
    throw protocolError(
      'PROTOCOL_INVALID_FIELD',
      `field ${field} is not tag an2 + length n3 + value objects (${phase} at offset ${offset})`,
      pathWithTag ? (error.details.field ?? field) : field,
      { phase, offset, need, have },
    );
  }
}

/** The text of ASCII TLV objects. Throws PROTOCOL_INVALID_VALUE for a bad tag or a value over 999. */
export function encodeTlvText(entries: readonly TlvEntry[], field: string): string {
  try {
    return encodeAsciiTlv(entries, FIELD_TLV_LAYOUT, field);
  } catch (error) {
    if (!(error instanceof Iso8583Error)) throw error;
    throw protocolError(
      'PROTOCOL_INVALID_VALUE',
      'a TLV object has a tag of 2 characters and a value of at most 999',
      error.details.field ?? field,
    );
  }
}
