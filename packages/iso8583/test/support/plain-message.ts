/**
 * A message in a form `toEqual` compares by content alone: fields as a plain object of the present
 * fields (unpack may return them in a sparse array), binary values as `0x…` hex strings (unpack may
 * return views into the input).
 */
import { bytesToHex, type FieldValue, type Iso8583Message } from '@payterm/iso8583';

export interface PlainMessage {
  readonly mti: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly fields: Readonly<Record<string, string>>;
}

export function plainValue(value: FieldValue): string {
  return value instanceof Uint8Array ? `0x${bytesToHex(value)}` : value;
}

export function plainMessage(message: Iso8583Message): PlainMessage {
  const fields: Record<string, string> = {};
  for (const [number, value] of Object.entries(message.fields)) {
    if (value !== undefined) fields[number] = plainValue(value);
  }
  return message.headers === undefined
    ? { mti: message.mti, fields }
    : { mti: message.mti, headers: { ...message.headers }, fields };
}
