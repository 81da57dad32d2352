import { concatBytes } from '@payterm/kernel';
import { childPath, emvError } from '../errors.js';
import { hexToBytes } from '../hex.js';
import { lengthFieldValue, MAX_TAG_BYTES, minimalLengthBytes } from './ber-header.js';
import type { TlvNode } from './tlv-node.js';

/**
 * Encodes nodes in order. A node with `children` is encoded from them (its `value` is ignored); a
 * node's `lengthBytes` is reused when it still announces the value's length, so decoded input
 * re-encodes byte for byte; otherwise (new or changed nodes) the length is minimal.
 */
export function encodeTlv(nodes: readonly TlvNode[]): Uint8Array {
  return concatBytes(...encodeParts(nodes, ''));
}

function encodeParts(nodes: readonly TlvNode[], parent: string): Uint8Array[] {
  const parts: Uint8Array[] = [];
  for (const node of nodes) {
    const path = childPath(parent, node.tag);
    const tag = tagBytes(node.tag, path);
    let value = node.value;
    if (node.children !== undefined) {
      if (((tag[0] as number) & 0x20) === 0) {
        throw emvError('EMV_TLV_INVALID_NODE', `${node.tag} is primitive but has children`, {
          path,
          phase: 'tag',
        });
      }
      value = concatBytes(...encodeParts(node.children, path));
    }
    const kept = node.lengthBytes;
    const length =
      kept !== undefined && lengthFieldValue(kept) === value.length ? kept : minimalLengthBytes(value.length);
    parts.push(tag, length, value);
  }
  return parts;
}

/** The bytes of a tag given as hex, checked to be exactly one BER tag. */
export function tagBytes(tag: string, path: string): Uint8Array {
  const bytes = hexToBytes(tag);
  if (bytes === undefined || bytes.length === 0 || bytes.length > MAX_TAG_BYTES) {
    throw emvError('EMV_TLV_INVALID_TAG', `tag "${tag}" is not 1–${MAX_TAG_BYTES} hex bytes`, {
      path,
      phase: 'tag',
    });
  }
  if (berTagLength(bytes) !== bytes.length) {
    throw emvError('EMV_TLV_INVALID_TAG', `"${tag}" is not exactly one BER tag`, { path, phase: 'tag' });
  }
  return bytes;
}

/** How many bytes the continuation bits give the tag starting at tag[0], or -1 when it is cut off. */
function berTagLength(tag: Uint8Array): number {
  if (((tag[0] as number) & 0x1f) !== 0x1f) return 1;
  for (let i = 1; i < tag.length; i++) if (((tag[i] as number) & 0x80) === 0) return i + 1;
  return -1;
}
