import type { FieldValue } from '../codec/field-codec.js';
import type { Iso8583Message, MessageCodec } from '../codec/message-codec.js';
import { splitSubfields } from '../codec/subfields.js';
import { bytesToHex } from '../encoding/hex.js';
import type { FieldSpec, TagSpec } from '../spec/spec-types.js';
import { decodeAsciiTlv } from '../tlv/ascii-tlv.js';
import { decodeBerTlv } from '../tlv/ber-tlv.js';
import type { TlvNode } from '../tlv/tlv-node.js';
import { displayFieldValue, maskText } from './masking.js';
import { mtiMeaning } from './mti-meaning.js';

export interface DescribeOptions {
  /** Show PANs, tracks, PIN blocks and sensitive ICC tags in clear (default false). */
  readonly unmask?: boolean;
}

const NAME_WIDTH = 44;

function line(indent: number, label: string, name: string, value: string): string {
  const head = `${' '.repeat(indent)}${`${label} `.padEnd(8)}${name}`;
  return value === '' ? head : `${head.padEnd(NAME_WIDTH + indent)} ${value}`;
}

function subfieldLines(spec: FieldSpec, path: string, value: FieldValue): string[] {
  if (spec.subfields === undefined || typeof value !== 'string') return [];
  const { parts, rest } = splitSubfields(spec, path, value);
  const lines = parts.map((part) =>
    line(
      10,
      part.path,
      part.name,
      part.meaning === undefined ? part.value : `${part.value} (${part.meaning})`,
    ),
  );
  if (rest !== '') lines.push(line(10, `${path}.+`, 'Further data', rest));
  return lines;
}

function berLines(
  nodes: readonly TlvNode[],
  tags: Readonly<Record<string, TagSpec>>,
  unmask: boolean,
  indent: number,
): string[] {
  return nodes.flatMap((node) => {
    const tag = tags[node.tag];
    const name = `${tag?.name ?? 'Unknown tag'} (${node.value.length})`;
    const hex = bytesToHex(node.value);
    const shown = !unmask && tag?.sensitive !== undefined ? maskText(tag.sensitive, hex) : hex;
    if (node.children !== undefined)
      return [line(indent, node.tag, name, ''), ...berLines(node.children, tags, unmask, indent + 2)];
    return [line(indent, node.tag, name, shown)];
  });
}

function tlvLines(spec: FieldSpec, path: string, value: FieldValue, unmask: boolean): string[] {
  const tlv = spec.tlv;
  if (tlv === undefined) return [];
  const tags = tlv.tags ?? {};
  try {
    if (tlv.format === 'ber' && value instanceof Uint8Array)
      return berLines(decodeBerTlv(value, path), tags, unmask, 10);
    if (tlv.format === 'ascii' && typeof value === 'string') {
      return decodeAsciiTlv(value, tlv, path).map((node) => {
        const tag = tags[node.tag];
        const shown =
          !unmask && tag?.sensitive !== undefined ? maskText(tag.sensitive, node.value) : node.value;
        return line(10, node.tag, `${tag?.name ?? 'Unknown tag'} (${node.value.length})`, shown);
      });
    }
  } catch (error) {
    return [line(10, '!', `TLV content is malformed: ${(error as Error).message}`, '')];
  }
  return [];
}

function fieldLines(
  spec: FieldSpec,
  label: string,
  path: string,
  value: FieldValue,
  unmask: boolean,
): string[] {
  const size = value instanceof Uint8Array ? ` (${value.length} bytes)` : '';
  const shown = displayFieldValue(spec, path, value, unmask);
  return [
    line(0, label, spec.name + size, shown),
    ...subfieldLines(spec, path, value),
    ...tlvLines(spec, path, value, unmask),
  ];
}

/**
 * A readable dump: headers, MTI with its meaning, then each field with its name, value, sub-fields
 * and TLV objects. Sensitive data is masked unless `unmask` is set.
 */
export function describeMessage(
  codec: MessageCodec,
  message: Iso8583Message,
  options: DescribeOptions = {},
): string {
  const unmask = options.unmask === true;
  const lines = [`${codec.spec.name} message`];
  for (const part of codec.spec.headers) {
    const value = message.headers?.[part.id];
    if (value !== undefined) lines.push(...fieldLines(part, part.id, part.id, value, unmask));
  }
  lines.push(line(0, 'MTI', mtiMeaning(message.mti), message.mti));
  for (const key of Object.keys(message.fields)) {
    const value = message.fields[Number(key)];
    const spec = codec.fieldSpec(Number(key));
    if (value === undefined) continue;
    if (spec === undefined) {
      lines.push(line(0, `F${key}`, 'Not defined by this spec', ''));
      continue;
    }
    lines.push(...fieldLines(spec, `F${key}`, key, value, unmask));
  }
  return lines.join('\n');
}
