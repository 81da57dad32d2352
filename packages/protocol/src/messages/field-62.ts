import { protocolError } from '../errors.js';
import { decodeTlvText, encodeTlvText, type TlvEntry } from './ascii-tlv-field.js';

/** Field 62 of the management messages is at most 512 bytes (docs/TMS.md §2). */
export const FIELD_62_MAX_BYTES = 512;

const utf8 = new TextDecoder('utf-8', { fatal: true });
const utf8Encoder = new TextEncoder();

/** One character per byte, so TLV lengths count bytes (a UTF-8 merchant name is longer in bytes). */
function bytesToByteString(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return text;
}

function byteStringToBytes(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/**
 * The TLV objects of field 62 bytes from `start` (the 360 answer has a status byte first). Values are
 * UTF-8; lengths count bytes. Throws PROTOCOL_INVALID_FIELD with the object path (`62.94`) and the
 * byte offset within field 62.
 */
export function decodeField62Tlv(bytes: Uint8Array, start = 0): TlvEntry[] {
  const entries = decodeTlvText(bytesToByteString(bytes.subarray(start)), '62', true, start);
  return entries.map(({ tag, value }) => {
    try {
      return { tag, value: utf8.decode(byteStringToBytes(value)) };
    } catch {
      throw protocolError('PROTOCOL_INVALID_FIELD', `62.${tag} is not UTF-8 text`, `62.${tag}`);
    }
  });
}

/** Field 62 bytes of TLV objects, after `prefix` (the 360 answer's status byte). */
export function encodeField62Tlv(entries: readonly TlvEntry[], prefix = ''): Uint8Array {
  const encoded = entries.map(({ tag, value }) => ({
    tag,
    value: bytesToByteString(utf8Encoder.encode(value)),
  }));
  return byteStringToBytes(prefix + encodeTlvText(encoded, '62'));
}

/** Bytes one object takes in field 62: tag 2 + length 3 + UTF-8 value. */
export function field62EntrySize(entry: TlvEntry): number {
  return 5 + utf8Encoder.encode(entry.value).length;
}
