import type { FieldValue } from '../codec/field-codec.js';
import type { Iso8583Message, MessageCodec } from '../codec/message-codec.js';
import { fieldNumberOfKey } from '../codec/field-number.js';
import { joinSubfields } from '../codec/subfields.js';
import { hexToBytes } from '../encoding/hex.js';
import { iso8583Error } from '../errors.js';
import type { FieldSpec } from '../spec/spec-types.js';
import { displayFieldValue } from '../describe/masking.js';
import { encodeAsciiTlv } from '../tlv/ascii-tlv.js';
import { encodeBerTlv } from '../tlv/ber-tlv.js';
import type { TlvNode } from '../tlv/tlv-node.js';

/**
 * A message as JSON: binary values as upper-case hex. When read back, a field with sub-fields may
 * also be an object of sub-field values ({"1": "22", "2": "000001"}) and a TLV field an array of
 * {tag, value} objects (values hex for BER, text for ASCII TLV; BER objects may nest `children`).
 */
export interface MessageJson {
  readonly spec?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly mti: string;
  readonly fields: Readonly<Record<string, unknown>>;
}

export interface ToJsonOptions {
  readonly unmask?: boolean;
}

export function messageToJson(
  codec: MessageCodec,
  message: Iso8583Message,
  options: ToJsonOptions = {},
): MessageJson {
  const unmask = options.unmask === true;
  const fields: Record<string, string> = {};
  for (const key of Object.keys(message.fields)) {
    const value = message.fields[Number(key)];
    const spec = codec.fieldSpec(Number(key));
    if (value === undefined || spec === undefined) continue;
    fields[key] = displayFieldValue(spec, key, value, unmask);
  }
  return {
    spec: codec.spec.id,
    ...(message.headers === undefined ? {} : { headers: { ...message.headers } }),
    mti: message.mti,
    fields,
  };
}

function invalid(field: string | null, reason: string): Error {
  return iso8583Error('ISO8583_INVALID_VALUE', reason, { field, phase: 'data' });
}

function berNodesFromJson(items: unknown, path: string): TlvNode[] {
  if (!Array.isArray(items)) throw invalid(path, 'TLV children must be an array');
  return items.map((item: unknown) => {
    const node = item as { tag?: unknown; value?: unknown; children?: unknown };
    if (typeof node?.tag !== 'string') throw invalid(path, 'each TLV object needs a "tag" string');
    if (node.children !== undefined) {
      return {
        tag: node.tag,
        value: new Uint8Array(),
        children: berNodesFromJson(node.children, `${path}.${node.tag}`),
      };
    }
    const value = typeof node.value === 'string' ? hexToBytes(node.value) : undefined;
    if (value === undefined) throw invalid(`${path}.${node.tag}`, 'a BER-TLV value is a hex string');
    return { tag: node.tag, value };
  });
}

function fieldFromJson(spec: FieldSpec, path: string, raw: unknown): FieldValue {
  if (Array.isArray(raw) && spec.tlv !== undefined) {
    if (spec.tlv.format === 'ber') return encodeBerTlv(berNodesFromJson(raw, path), path);
    const nodes = raw.map((item: unknown) => {
      const node = item as { tag?: unknown; value?: unknown };
      if (typeof node?.tag !== 'string' || typeof node.value !== 'string')
        throw invalid(path, 'each TLV object needs "tag" and "value" strings');
      return { tag: node.tag, value: node.value };
    });
    return encodeAsciiTlv(nodes, spec.tlv, path);
  }
  if (typeof raw === 'object' && raw !== null && !Array.isArray(raw) && spec.subfields !== undefined) {
    return joinSubfields(spec, path, raw as Record<string, string>);
  }
  if (typeof raw !== 'string') throw invalid(path, 'a field value is a string (hex for binary fields)');
  if (spec.charset !== 'b') return raw;
  const bytes = hexToBytes(raw);
  if (bytes === undefined) throw invalid(path, 'a binary field value is an even-length hex string');
  return bytes;
}

/** Reads a message from JSON (as produced by messageToJson with unmask, or written by hand). */
export function messageFromJson(codec: MessageCodec, json: unknown): Iso8583Message {
  if (typeof json !== 'object' || json === null) throw invalid(null, 'a message is a JSON object');
  const { mti, headers, fields } = json as Partial<MessageJson>;
  if (typeof mti !== 'string') throw invalid('mti', 'the message needs an "mti" string');
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields))
    throw invalid(null, 'the message needs a "fields" object');
  if (headers !== undefined && (typeof headers !== 'object' || headers === null))
    throw invalid(null, '"headers" is an object');
  const values: Record<number, FieldValue> = {};
  for (const [key, raw] of Object.entries(fields)) {
    const number = fieldNumberOfKey(key);
    const spec = number === undefined ? undefined : codec.fieldSpec(number);
    if (number === undefined || spec === undefined) {
      throw iso8583Error('ISO8583_UNKNOWN_FIELD', `field ${key} is not defined by spec ${codec.spec.id}`, {
        field: key,
        phase: 'data',
      });
    }
    values[number] = fieldFromJson(spec, key, raw);
  }
  for (const [id, value] of Object.entries(headers ?? {})) {
    if (typeof value !== 'string') throw invalid(id, `header part ${id} is a string`);
  }
  return headers === undefined ? { mti, fields: values } : { mti, headers: { ...headers }, fields: values };
}
