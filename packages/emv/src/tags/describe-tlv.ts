import { bytesToHex } from '../hex.js';
import type { TlvNode } from '../tlv/tlv-node.js';
import { EMV_TAGS } from './emv-tags.js';
import { maskSensitiveValue, printableText } from './mask-value.js';
import type { TagInfo } from './tag-info.js';

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
  const text = info?.format === 'an' || info?.format === 'ans' ? printableText(value) : undefined;
  const shown = text ?? bytesToHex(value);
  if (unmask || info?.sensitive === undefined) return text === undefined ? shown : JSON.stringify(shown);
  const masked = maskSensitiveValue(info.sensitive, shown);
  return text === undefined ? masked : JSON.stringify(masked);
}
