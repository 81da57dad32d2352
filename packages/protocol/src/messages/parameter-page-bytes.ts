import { protocolError } from '../errors.js';
import { decodeField62Tlv, encodeField62Tlv } from './field-62.js';
import {
  PARAMETER_PAGE_STATUS_BYTES,
  type ParameterPage,
  type ParameterPageStatus,
} from './tms-parameters.js';

const STATUS_OF_BYTE: ReadonlyMap<number, ParameterPageStatus> = new Map(
  Object.entries(PARAMETER_PAGE_STATUS_BYTES).map(([status, byte]) => [
    byte.charCodeAt(0),
    status as ParameterPageStatus,
  ]),
);

/** Field 62 of a 360 answer: the status byte, then the page's objects. */
export function parameterPageBytes(page: ParameterPage): Uint8Array {
  if (page.status === 'none' && page.entries.length > 0) {
    throw protocolError('PROTOCOL_INVALID_VALUE', 'a page with status `0` carries no objects', '62');
  }
  return encodeField62Tlv(page.entries, PARAMETER_PAGE_STATUS_BYTES[page.status]);
}

/** Reads a 360 answer's field 62; PROTOCOL_INVALID_FIELD for a bad status byte or TLV (offsets count it). */
export function readParameterPage(bytes: Uint8Array): ParameterPage {
  const status = bytes.length === 0 ? undefined : STATUS_OF_BYTE.get(bytes[0]!);
  if (status === undefined) {
    throw protocolError(
      'PROTOCOL_INVALID_FIELD',
      'field 62 of a 360 answer starts with `0`, `1` or `2`',
      '62',
      {
        offset: 0,
      },
    );
  }
  return { status, entries: decodeField62Tlv(bytes, 1) };
}
