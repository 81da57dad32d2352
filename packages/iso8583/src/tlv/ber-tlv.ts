import { concatBytes } from '@payterm/kernel';
import { iso8583Error } from '../errors.js';
import { BYTE_TO_HEX, hexToBytes } from '../encoding/hex.js';
import type { TlvNode } from './tlv-node.js';

const MAX_TAG_BYTES = 4;
const MAX_LENGTH_BYTES = 4;
/** Constructed objects nested deeper than this are rejected (EMV nests a few levels; recursion must stay bounded). */
const MAX_NESTING = 32;

interface BerHeader {
  tag: string;
  constructed: boolean;
  valueStart: number;
  valueEnd: number;
}

/**
 * Reads one tag + length at `pos` of bytes[..end). `path` names the enclosing field (`55`);
 * `offsetBase + position * scale` is the absolute message offset of a position, for errors (scale 2
 * when the bytes travelled as hex characters).
 */
function readHeader(
  bytes: Uint8Array,
  pos: number,
  end: number,
  path: string,
  offsetBase: number,
  scale = 1,
): BerHeader {
  const tagStart = pos;
  const first = bytes[pos++] as number;
  let tag = BYTE_TO_HEX[first] as string;
  if ((first & 0x1f) === 0x1f) {
    let more = true;
    while (more) {
      if (pos >= end) {
        throw iso8583Error('ISO8583_INVALID_TLV', `tag ${tag}… is cut off`, {
          field: `${path}.${tag}`,
          phase: 'tag',
          offset: offsetBase + pos * scale,
          need: 1,
          have: 0,
        });
      }
      const next = bytes[pos++] as number;
      tag += BYTE_TO_HEX[next];
      more = (next & 0x80) !== 0;
      if (pos - tagStart > MAX_TAG_BYTES) {
        throw iso8583Error('ISO8583_INVALID_TLV', `tag ${tag}… is longer than ${MAX_TAG_BYTES} bytes`, {
          field: `${path}.${tag}`,
          phase: 'tag',
          offset: offsetBase + tagStart * scale,
        });
      }
    }
  }
  const field = `${path}.${tag}`;
  if (pos >= end) {
    throw iso8583Error('ISO8583_INVALID_TLV', `tag ${tag} has no length`, {
      field,
      phase: 'length',
      offset: offsetBase + pos * scale,
      need: 1,
      have: 0,
    });
  }
  const lengthByte = bytes[pos++] as number;
  let length = lengthByte;
  if (lengthByte & 0x80) {
    const count = lengthByte & 0x7f;
    if (count === 0 || count > MAX_LENGTH_BYTES) {
      throw iso8583Error(
        'ISO8583_INVALID_TLV',
        `tag ${tag} has an unsupported length form 0x${BYTE_TO_HEX[lengthByte]}`,
        {
          field,
          phase: 'length',
          offset: offsetBase + (pos - 1) * scale,
        },
      );
    }
    if (pos + count > end) {
      throw iso8583Error('ISO8583_INVALID_TLV', `tag ${tag}: length bytes are cut off`, {
        field,
        phase: 'length',
        offset: offsetBase + pos * scale,
        need: count,
        have: end - pos,
      });
    }
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + (bytes[pos++] as number);
  }
  if (pos + length > end) {
    throw iso8583Error(
      'ISO8583_INVALID_TLV',
      `tag ${tag} announces ${length} bytes but ${end - pos} remain`,
      {
        field,
        phase: 'data',
        offset: offsetBase + pos * scale,
        need: length,
        have: end - pos,
      },
    );
  }
  return { tag, constructed: (first & 0x20) !== 0, valueStart: pos, valueEnd: pos + length };
}

function checkNesting(depth: number, tag: string, path: string, offset: number): void {
  if (depth < MAX_NESTING) return;
  throw iso8583Error('ISO8583_INVALID_TLV', `tag ${tag} nests deeper than ${MAX_NESTING} levels`, {
    field: `${path}.${tag}`,
    phase: 'tag',
    offset,
  });
}

/**
 * True when bytes[start, end) is well-formed BER-TLV within the limits; no strings, no allocation.
 * The hot path of unpack: the error-reporting walk below runs only when this says no.
 */
function isWellFormedBerTlv(bytes: Uint8Array, start: number, end: number, depth: number): boolean {
  let pos = start;
  while (pos < end) {
    const tagStart = pos;
    const first = bytes[pos++] as number;
    if ((first & 0x1f) === 0x1f) {
      let next: number;
      do {
        if (pos >= end || pos - tagStart >= MAX_TAG_BYTES) return false;
        next = bytes[pos++] as number;
      } while (next & 0x80);
    }
    if (pos >= end) return false;
    let length = bytes[pos++] as number;
    if (length & 0x80) {
      const count = length & 0x7f;
      if (count === 0 || count > MAX_LENGTH_BYTES || pos + count > end) return false;
      length = 0;
      for (let i = 0; i < count; i++) length = length * 256 + (bytes[pos++] as number);
    }
    if (pos + length > end) return false;
    if (first & 0x20 && (depth >= MAX_NESTING || !isWellFormedBerTlv(bytes, pos, pos + length, depth + 1)))
      return false;
    pos += length;
  }
  return true;
}

function reportMalformed(
  bytes: Uint8Array,
  start: number,
  end: number,
  path: string,
  offsetBase: number,
  scale: number,
  depth: number,
): void {
  let pos = start;
  while (pos < end) {
    const header = readHeader(bytes, pos, end, path, offsetBase, scale);
    if (header.constructed) {
      checkNesting(depth, header.tag, path, offsetBase + pos * scale);
      reportMalformed(
        bytes,
        header.valueStart,
        header.valueEnd,
        `${path}.${header.tag}`,
        offsetBase,
        scale,
        depth + 1,
      );
    }
    pos = header.valueEnd;
  }
}

/**
 * Checks BER-TLV structure of bytes[start, end) (recursing into constructed tags); throws
 * ISO8583_INVALID_TLV naming the tag path (`55.71.86`) and offset of the first problem. Offsets are
 * `offsetBase + position * offsetScale`: pass 2 when the bytes were read from hex characters.
 */
export function scanBerTlv(
  bytes: Uint8Array,
  start: number,
  end: number,
  path: string,
  offsetBase = 0,
  offsetScale = 1,
): void {
  if (isWellFormedBerTlv(bytes, start, end, 0)) return;
  reportMalformed(bytes, start, end, path, offsetBase, offsetScale, 0);
  // Both walks apply the same rules; reaching this line means they drifted apart.
  throw iso8583Error('ISO8583_INVALID_TLV', 'BER-TLV content is malformed', {
    field: path,
    phase: 'tag',
    offset: offsetBase + start * offsetScale,
  });
}

/** Decodes BER-TLV into nodes in wire order; unknown tags are kept like any other. */
export function decodeBerTlv(bytes: Uint8Array, path = 'tlv'): TlvNode[] {
  return decodeRange(bytes, 0, bytes.length, path);
}

function decodeRange(bytes: Uint8Array, start: number, end: number, path: string, depth = 0): TlvNode[] {
  const nodes: TlvNode[] = [];
  let pos = start;
  while (pos < end) {
    const header = readHeader(bytes, pos, end, path, 0);
    if (header.constructed) checkNesting(depth, header.tag, path, pos);
    const value = bytes.slice(header.valueStart, header.valueEnd);
    nodes.push(
      header.constructed
        ? {
            tag: header.tag,
            value,
            children: decodeRange(
              bytes,
              header.valueStart,
              header.valueEnd,
              `${path}.${header.tag}`,
              depth + 1,
            ),
          }
        : { tag: header.tag, value },
    );
    pos = header.valueEnd;
  }
  return nodes;
}

/** How many bytes the continuation bits give the tag starting at tag[0], or -1 when it is cut off. */
function berTagLength(tag: Uint8Array): number {
  if (((tag[0] as number) & 0x1f) !== 0x1f) return 1;
  for (let i = 1; i < tag.length; i++) if (((tag[i] as number) & 0x80) === 0) return i + 1;
  return -1;
}

function encodeLength(length: number): number[] {
  if (length < 0x80) return [length];
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return [0x80 | bytes.length, ...bytes];
}

/** Encodes nodes with minimal lengths; a constructed node is encoded from its children when it has them. */
export function encodeBerTlv(nodes: readonly TlvNode[], path = 'tlv'): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const node of nodes) {
    const tag = hexToBytes(node.tag);
    if (tag === undefined || tag.length === 0) {
      throw iso8583Error('ISO8583_INVALID_TLV', `tag "${node.tag}" is not hex`, {
        field: `${path}.${node.tag}`,
        phase: 'tag',
      });
    }
    if (tag.length > MAX_TAG_BYTES || berTagLength(tag) !== tag.length) {
      throw iso8583Error('ISO8583_INVALID_TLV', `"${node.tag}" is not one BER tag`, {
        field: `${path}.${node.tag}`,
        phase: 'tag',
      });
    }
    const value = node.children ? encodeBerTlv(node.children, `${path}.${node.tag}`) : node.value;
    parts.push(tag, Uint8Array.from(encodeLength(value.length)), value);
  }
  return concatBytes(...parts);
}
