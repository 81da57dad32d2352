import { childPath, emvError } from '../errors.js';
import { byteToHex } from '../hex.js';

export const MAX_TAG_BYTES = 4;
export const MAX_LENGTH_BYTES = 4;

export interface BerTag {
  readonly tag: string;
  readonly constructed: boolean;
  /** Position just after the tag. */
  readonly end: number;
}

export interface BerLength {
  readonly length: number;
  /** Position of the first value byte. */
  readonly end: number;
  /** Whether the length used more bytes than its value needs. */
  readonly minimal: boolean;
}

/** Reads one tag at bytes[pos] (pos < end); `parent` is the enclosing tag path, '' at the top. */
export function readBerTag(bytes: Uint8Array, pos: number, end: number, parent: string): BerTag {
  const start = pos;
  const first = bytes[pos++] as number;
  let tag = byteToHex(first);
  if ((first & 0x1f) === 0x1f) {
    let more = true;
    while (more) {
      if (pos >= end) {
        throw emvError('EMV_TLV_TRUNCATED', `tag ${tag}… is cut off`, {
          path: childPath(parent, tag),
          phase: 'tag',
          offset: pos,
          need: 1,
          have: 0,
        });
      }
      const next = bytes[pos++] as number;
      tag += byteToHex(next);
      more = (next & 0x80) !== 0;
      if (more && pos - start >= MAX_TAG_BYTES) {
        throw emvError('EMV_TLV_INVALID_TAG', `tag ${tag}… is longer than ${MAX_TAG_BYTES} bytes`, {
          path: childPath(parent, tag),
          phase: 'tag',
          offset: start,
        });
      }
    }
  }
  return { tag, constructed: (first & 0x20) !== 0, end: pos };
}

/** Reads the length field of `path` at bytes[pos]; the value it announces must fit before `end`. */
export function readBerLength(bytes: Uint8Array, pos: number, end: number, path: string): BerLength {
  if (pos >= end) {
    throw emvError('EMV_TLV_TRUNCATED', `${path} has no length`, {
      path,
      phase: 'length',
      offset: pos,
      need: 1,
      have: 0,
    });
  }
  const start = pos;
  const lead = bytes[pos++] as number;
  let length = lead;
  let minimal = true;
  if (lead & 0x80) {
    const count = lead & 0x7f;
    if (count === 0 || count > MAX_LENGTH_BYTES) {
      throw emvError('EMV_TLV_INVALID_LENGTH', `${path} has an unsupported length form ${byteToHex(lead)}`, {
        path,
        phase: 'length',
        offset: start,
      });
    }
    if (pos + count > end) {
      throw emvError('EMV_TLV_TRUNCATED', `the length bytes of ${path} are cut off`, {
        path,
        phase: 'length',
        offset: pos,
        need: count,
        have: end - pos,
      });
    }
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + (bytes[pos++] as number);
    minimal = length >= 0x80 && minimalLengthBytes(length).length === count + 1;
  }
  if (length > end - pos) {
    throw emvError('EMV_TLV_TRUNCATED', `${path} announces ${length} bytes but ${end - pos} remain`, {
      path,
      phase: 'value',
      offset: pos,
      need: length,
      have: end - pos,
    });
  }
  return { length, end: pos, minimal };
}

/** The shortest BER length field for `length`. */
export function minimalLengthBytes(length: number): Uint8Array {
  if (length < 0x80) return Uint8Array.of(length);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return Uint8Array.from([0x80 | bytes.length, ...bytes]);
}

/** The length a BER length field announces, or -1 when it is not one well-formed length field. */
export function lengthFieldValue(field: Uint8Array): number {
  const lead = field[0];
  if (lead === undefined) return -1;
  if ((lead & 0x80) === 0) return field.length === 1 ? lead : -1;
  const count = lead & 0x7f;
  if (count === 0 || count > MAX_LENGTH_BYTES || field.length !== count + 1) return -1;
  let length = 0;
  for (let i = 1; i <= count; i++) length = length * 256 + (field[i] as number);
  return length;
}
