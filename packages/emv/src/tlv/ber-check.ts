import { MAX_LENGTH_BYTES, MAX_TAG_BYTES } from './ber-header.js';
import { DEFAULT_MAX_TLV_DEPTH } from './ber-decode.js';

/**
 * True when bytes[start, end) is well-formed BER-TLV that decodeTlv accepts with the same `maxDepth`
 * (tags of at most 4 bytes, definite lengths of at most 4 length bytes, values within their parent,
 * constructed objects nested at most `maxDepth` levels below the top). Builds no strings and
 * allocates nothing, so codecs can run it on every message; when it says no, decodeTlv on the same
 * range throws the EmvError that says where and why.
 */
export function isWellFormedTlv(
  bytes: Uint8Array,
  start = 0,
  end = bytes.length,
  maxDepth = DEFAULT_MAX_TLV_DEPTH,
): boolean {
  return checkRange(bytes, start, end, 0, maxDepth);
}

function checkRange(bytes: Uint8Array, start: number, end: number, depth: number, maxDepth: number): boolean {
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
    if (length > end - pos) return false;
    if (first & 0x20 && (depth >= maxDepth || !checkRange(bytes, pos, pos + length, depth + 1, maxDepth)))
      return false;
    pos += length;
  }
  return true;
}
