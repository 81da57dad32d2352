import { maskPan, maskTrackData } from '@payterm/kernel';
import type { FieldValue } from '../codec/field-codec.js';
import { bytesToHex } from '../encoding/hex.js';
import type { FieldSpec, Sensitivity, TagSpec } from '../spec/spec-types.js';
import { decodeAsciiTlv, encodeAsciiTlv } from '../tlv/ascii-tlv.js';
import { decodeBerTlv } from '../tlv/ber-tlv.js';
import type { TlvNode } from '../tlv/tlv-node.js';

/** A field value as display text: binary as upper-case hex, text as is. */
export function valueText(value: FieldValue): string {
  return typeof value === 'string' ? value : bytesToHex(value);
}

const hidden = (text: string): string => '*'.repeat(text.length);

/** Masks display text by kind: PANs keep first 6 / last 4, tracks keep only the masked PAN, the rest is hidden. */
export function maskText(sensitivity: Sensitivity, text: string): string {
  switch (sensitivity) {
    case 'pan':
      return maskPan(text);
    case 'track':
      return maskTrackData(text);
    default:
      return hidden(text);
  }
}

function berHeaderHex(node: TlvNode, valueLength: number): string {
  const lengthBytes: number[] = [];
  if (valueLength < 0x80) lengthBytes.push(valueLength);
  else {
    for (let rest = valueLength; rest > 0; rest = Math.floor(rest / 256)) lengthBytes.unshift(rest % 256);
    lengthBytes.unshift(0x80 | lengthBytes.length);
  }
  return node.tag + bytesToHex(Uint8Array.from(lengthBytes));
}

/** Hex of BER-TLV nodes with the values of sensitive tags replaced by '*'. */
function maskBerNodes(nodes: readonly TlvNode[], tags: Readonly<Record<string, TagSpec>>): string {
  return nodes
    .map((node) => {
      const sensitivity = tags[node.tag]?.sensitive;
      const valueHex =
        sensitivity !== undefined
          ? maskText(sensitivity, bytesToHex(node.value))
          : node.children !== undefined
            ? maskBerNodes(node.children, tags)
            : bytesToHex(node.value);
      return berHeaderHex(node, node.value.length) + valueHex;
    })
    .join('');
}

/** Masks a TLV field's display text object by object; malformed content is hidden whole. */
function maskTlvContent(spec: FieldSpec, path: string, value: FieldValue): string {
  const tlv = spec.tlv;
  const tags = tlv?.tags ?? {};
  try {
    if (tlv?.format === 'ber' && value instanceof Uint8Array)
      return maskBerNodes(decodeBerTlv(value, path), tags);
    if (tlv?.format === 'ascii' && typeof value === 'string') {
      const nodes = decodeAsciiTlv(value, tlv, path).map((node) => {
        const sensitivity = tags[node.tag]?.sensitive;
        return sensitivity === undefined ? node : { tag: node.tag, value: maskText(sensitivity, node.value) };
      });
      return encodeAsciiTlv(nodes, tlv, path);
    }
  } catch {
    // Malformed content cannot be masked selectively.
  }
  return hidden(valueText(value));
}

function hasSensitiveTags(spec: FieldSpec): boolean {
  return Object.values(spec.tlv?.tags ?? {}).some((tag) => tag.sensitive !== undefined);
}

/**
 * The display text of a field value, masked unless `unmask` is set: fields marked sensitive by the
 * spec are masked by kind; TLV fields (ICC data, field 59) keep their structure and mask only their
 * sensitive tags (PAN, track equivalents, cardholder name, QR payment code).
 */
export function displayFieldValue(spec: FieldSpec, path: string, value: FieldValue, unmask: boolean): string {
  if (unmask) return valueText(value);
  if (spec.tlv !== undefined && (spec.sensitive === 'icc' || hasSensitiveTags(spec)))
    return maskTlvContent(spec, path, value);
  if (spec.sensitive !== undefined) return maskText(spec.sensitive, valueText(value));
  return valueText(value);
}
