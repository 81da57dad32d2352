import { childPath, emvError } from '../errors.js';
import { readBerLength, readBerTag } from './ber-header.js';
import type { TlvNode } from './tlv-node.js';

/** EMV nests templates a few levels deep; the bound keeps recursion (and hostile input) in check. */
export const DEFAULT_MAX_TLV_DEPTH = 16;

export interface DecodeTlvOptions {
  /** Constructed objects may nest this many levels below the top (default 16). */
  readonly maxDepth?: number;
}

/**
 * Decodes BER-TLV into nodes in wire order: multi-byte tags, long-form lengths, constructed objects
 * decoded into `children`, unknown tags kept like any other. Non-minimal length fields are kept on
 * the node (`lengthBytes`) so that encodeTlv reproduces the input byte for byte. Values are copies.
 * Throws EmvError naming the tag path (`71.86`), the phase and the byte offset.
 */
export function decodeTlv(bytes: Uint8Array, options: DecodeTlvOptions = {}): TlvNode[] {
  return decodeRange(bytes, 0, bytes.length, '', 0, options.maxDepth ?? DEFAULT_MAX_TLV_DEPTH);
}

function decodeRange(
  bytes: Uint8Array,
  start: number,
  end: number,
  parent: string,
  depth: number,
  maxDepth: number,
): TlvNode[] {
  const nodes: TlvNode[] = [];
  let pos = start;
  while (pos < end) {
    const tag = readBerTag(bytes, pos, end, parent);
    const path = childPath(parent, tag.tag);
    const length = readBerLength(bytes, tag.end, end, path);
    const valueEnd = length.end + length.length;
    const value = bytes.slice(length.end, valueEnd);
    const lengthBytes = length.minimal ? undefined : bytes.slice(tag.end, length.end);
    let children: TlvNode[] | undefined;
    if (tag.constructed) {
      if (depth >= maxDepth) {
        throw emvError('EMV_TLV_TOO_DEEP', `${path} nests deeper than ${maxDepth} levels`, {
          path,
          phase: 'tag',
          offset: pos,
          need: depth + 1,
          have: maxDepth,
        });
      }
      children = decodeRange(bytes, length.end, valueEnd, path, depth + 1, maxDepth);
    }
    nodes.push({
      tag: tag.tag,
      value,
      ...(children === undefined ? {} : { children }),
      ...(lengthBytes === undefined ? {} : { lengthBytes }),
    });
    pos = valueEnd;
  }
  return nodes;
}
