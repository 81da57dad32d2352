import { maskPan } from '@payterm/kernel';
import { bytesToHex } from '../hex.js';
import type { TlvNode } from '../tlv/tlv-node.js';
import { EMV_TAGS } from './emv-tags.js';
import type { TagInfo, TagSensitivity } from './tag-info.js';

export interface DescribeTlvOptions {
  /** Show sensitive values (PAN, track data, cardholder name) in clear. Default false. */
  readonly unmask?: boolean;
  /** The dictionary to name tags from (default EMV_TAGS). */
  readonly tags?: Readonly<Record<string, TagInfo>>;
}

/**
 * A readable dump, one line per object and children indented:
 * `5A   Application PAN (8): 622848******1234F`. Sensitive values are masked unless `unmask`.
 */
export function describeTlv(nodes: readonly TlvNode[], options: DescribeTlvOptions = {}): string {
  const lines: string[] = [];
  describeInto(lines, nodes, 0, options);
  return lines.join('\n');
}

function describeInto(
  lines: string[],
  nodes: readonly TlvNode[],
  depth: number,
  options: DescribeTlvOptions,
): void {
  const tags = options.tags ?? EMV_TAGS;
  for (const node of nodes) {
    const info = tags[node.tag];
    const head = `${'  '.repeat(depth)}${node.tag.padEnd(4)} ${info?.name ?? 'Unknown tag'} (${node.value.length})`;
    if (node.children !== undefined) {
      lines.push(head);
      describeInto(lines, node.children, depth + 1, options);
      continue;
    }
    lines.push(`${head}: ${valueText(node.value, info, options.unmask === true)}`);
  }
}

function valueText(value: Uint8Array, info: TagInfo | undefined, unmask: boolean): string {
  const text = info?.format === 'an' || info?.format === 'ans' ? printable(value) : undefined;
  const shown = text ?? bytesToHex(value);
  if (unmask || info?.sensitive === undefined) return text === undefined ? shown : JSON.stringify(shown);
  const masked = maskValue(info.sensitive, shown);
  return text === undefined ? masked : JSON.stringify(masked);
}

/** The value as text when every byte is printable ASCII; otherwise undefined (shown as hex). */
function printable(value: Uint8Array): string | undefined {
  for (const byte of value) if (byte < 0x20 || byte > 0x7e) return undefined;
  return String.fromCharCode(...value);
}

const hidden = (text: string): string => '*'.repeat(text.length);

/**
 * PANs keep the first 6 and last 4 digits (and their F pad); track data keeps only the masked PAN,
 * its format code and separator (`D` in track 2 equivalent data, `^` in track 1); the rest is hidden.
 */
function maskValue(kind: TagSensitivity, shown: string): string {
  if (kind === 'pan') {
    const digits = shown.replace(/F+$/, '');
    return maskPan(digits) + shown.slice(digits.length);
  }
  if (kind !== 'track') return hidden(shown);
  const lead = /^%?B/.exec(shown)?.[0] ?? '';
  const body = shown.slice(lead.length);
  const separator = body.search(/[D=^]/);
  if (separator < 0) return lead + hidden(body);
  return lead + maskPan(body.slice(0, separator)) + body[separator] + hidden(body.slice(separator + 1));
}
