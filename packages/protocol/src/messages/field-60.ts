import { protocolError } from '../errors.js';

/** Field 60 split into 60.1 type code, 60.2 batch, 60.3 network code and the digits after it. */
export interface Field60 {
  readonly typeCode: string;
  readonly batch: string;
  /** 60.3; absent when a financial request stops after 60.2 (tolerated). */
  readonly networkCode?: string;
  /** 60.4 onwards as sent. */
  readonly extension?: string;
}

const DIGITS = /^\d*$/;

/** Reads field 60; 60.1 and 60.2 must be there, 60.3 when `networkCodeRequired`. Throws ProtocolError. */
export function parseField60(value: string, networkCodeRequired: boolean): Field60 {
  if (!DIGITS.test(value)) throw protocolError('PROTOCOL_INVALID_FIELD', 'field 60 must be digits', '60');
  if (value.length < 2) throw protocolError('PROTOCOL_MISSING_FIELD', 'field 60 needs 60.1', '60.1');
  if (value.length < 8) throw protocolError('PROTOCOL_MISSING_FIELD', 'field 60 needs 60.2 (batch)', '60.2');
  if (value.length < 11 && (networkCodeRequired || value.length > 8)) {
    throw protocolError('PROTOCOL_MISSING_FIELD', 'field 60 needs 60.3 (network code)', '60.3');
  }
  // Assigned rather than spread from conditional objects: every request's field 60 is parsed.
  const field60: { typeCode: string; batch: string; networkCode?: string; extension?: string } = {
    typeCode: value.slice(0, 2),
    batch: value.slice(2, 8),
  };
  if (value.length >= 11) field60.networkCode = value.slice(8, 11);
  if (value.length > 11) field60.extension = value.slice(11);
  return field60;
}

/** Field 60 of a message we send: always 60.1, 60.2 and 60.3. Throws PROTOCOL_INVALID_VALUE. */
export function formatField60(typeCode: string, batch: string, networkCode: string, extension = ''): string {
  if (!/^\d{6}$/.test(batch)) throw protocolError('PROTOCOL_INVALID_VALUE', 'the batch is 6 digits', '60.2');
  if (!DIGITS.test(extension) || extension.length > 988) {
    throw protocolError('PROTOCOL_INVALID_VALUE', 'the field 60 extension is up to 988 digits', '60.4');
  }
  return typeCode + batch + networkCode + extension;
}
