import { BYTE_TO_HEX, HEX_CHAR_TO_NIBBLE } from '../encoding/hex.js';
import type { FieldSpec } from '../spec/spec-types.js';
import { iso8583Error } from '../errors.js';
import type { ByteWriter } from './byte-writer.js';
import {
  fastCount,
  FieldCodec,
  type ContentCheck,
  type Cursor,
  type FastReader,
  type FastWriter,
  type FieldValue,
} from './field-codec.js';

/**
 * Values up to this size are copied (V8 keeps typed arrays of at most 64 bytes on its heap, where a
 * copy is cheaper than a view); larger ones (ICC data, field 62) are views into the input, which
 * avoids an off-heap allocation that costs more than unpacking the rest of the message.
 */
const MAX_COPIED_BYTES = 64;

/** Nibble → upper-case hex character code. */
const HEX_CODES = new Uint8Array([...'0123456789ABCDEF'].map((c) => c.charCodeAt(0)));

function copyOf(bytes: Uint8Array, pos: number, count: number): Uint8Array {
  const copy = new Uint8Array(count);
  for (let i = 0; i < count; i++) copy[i] = bytes[pos + i] as number;
  return copy;
}

/** Raw binary fields: the value's bytes travel as they are. */
export class BinaryFieldCodec extends FieldCodec {
  write(value: FieldValue, w: ByteWriter): void {
    if (!(value instanceof Uint8Array)) throw this.wrongType('bytes', w.pos);
    this.checkCount(value.length, w.pos);
    this.contentCheck?.(value, w.pos + (this.prefix?.size ?? 0));
    this.writeCount(value.length, w);
    const start = w.reserve(value.length);
    w.bytes.set(value, start);
  }

  read(bytes: Uint8Array, cursor: Cursor, end: number): FieldValue {
    const count = this.readCount(bytes, cursor, end);
    const pos = cursor.pos;
    this.requireBytes(pos, count, end);
    const value = count <= MAX_COPIED_BYTES ? copyOf(bytes, pos, count) : bytes.subarray(pos, pos + count);
    this.contentCheck?.(value, pos);
    cursor.pos = pos + count;
    return value;
  }

  protected wireBytesOf(count: number): number {
    return count;
  }

  override fastReader(cursor: Cursor): FastReader {
    const { contentCheck: check, prefix, fixedCount: fixed, maxCount: max } = this;
    const size = prefix?.size ?? 0;
    return (bytes, pos, end) => {
      const count = prefix === undefined ? fixed : fastCount(prefix, max, bytes, pos, end);
      if (count < 0) return undefined;
      const start = pos + size;
      if (start + count > end) return undefined;
      const value =
        count <= MAX_COPIED_BYTES ? copyOf(bytes, start, count) : bytes.subarray(start, start + count);
      if (check !== undefined) check(value, start);
      cursor.pos = start + count;
      return value;
    };
  }

  override fastWriter(): FastWriter {
    const { contentCheck: check, prefix, fixedCount: fixed, maxCount: max } = this;
    const size = prefix?.size ?? 0;
    return (value, out, pos) => {
      if (!(value instanceof Uint8Array)) return -1;
      const length = value.length;
      if (fixed >= 0 ? length !== fixed : length > max) return -1;
      if (check !== undefined) check(value, pos + size);
      if (prefix !== undefined) prefix.write(length, out, pos);
      const start = pos + size;
      // A loop beats set()'s call overhead for PIN blocks and MACs.
      if (length <= MAX_COPIED_BYTES) for (let i = 0; i < length; i++) out[start + i] = value[i] as number;
      else out.set(value, start);
      return start + length;
    };
  }
}

/** Binary values written as upper-case hex ASCII. `bytes` counts value bytes; `chars` counts hex characters. */
export class HexFieldCodec extends FieldCodec {
  private readonly countsChars: boolean;

  constructor(path: string, spec: FieldSpec, contentCheck?: ContentCheck) {
    super(path, spec, contentCheck);
    this.countsChars = spec.unit === 'chars';
  }

  write(value: FieldValue, w: ByteWriter): void {
    if (!(value instanceof Uint8Array)) throw this.wrongType('bytes', w.pos);
    const count = this.countsChars ? value.length * 2 : value.length;
    this.checkCount(count, w.pos);
    this.contentCheck?.(value, w.pos);
    this.writeCount(count, w);
    let pos = w.reserve(value.length * 2);
    const out = w.bytes;
    for (let i = 0; i < value.length; i++) {
      const hex = BYTE_TO_HEX[value[i] as number] as string;
      out[pos++] = hex.charCodeAt(0);
      out[pos++] = hex.charCodeAt(1);
    }
  }

  read(bytes: Uint8Array, cursor: Cursor, end: number): FieldValue {
    const count = this.readCount(bytes, cursor, end);
    const pos = cursor.pos;
    if (this.countsChars && count % 2 === 1) {
      throw iso8583Error(
        'ISO8583_INVALID_LENGTH',
        `hex data needs an even number of characters, not ${count}`,
        {
          field: this.path,
          phase: 'length',
          offset: pos,
          have: count,
        },
      );
    }
    const valueBytes = this.countsChars ? count >> 1 : count;
    this.requireBytes(pos, valueBytes * 2, end);
    const value = new Uint8Array(valueBytes);
    for (let i = 0; i < valueBytes; i++) {
      const high = HEX_CHAR_TO_NIBBLE[bytes[pos + 2 * i] as number] as number;
      const low = HEX_CHAR_TO_NIBBLE[bytes[pos + 2 * i + 1] as number] as number;
      if (high < 0 || low < 0) {
        const offset = pos + 2 * i + (high < 0 ? 0 : 1);
        throw iso8583Error('ISO8583_INVALID_CHARACTER', `byte ${offset} is not a hex digit`, {
          field: this.path,
          phase: 'data',
          offset,
        });
      }
      value[i] = (high << 4) | low;
    }
    this.contentCheck?.(value, pos);
    cursor.pos = pos + valueBytes * 2;
    return value;
  }

  protected wireBytesOf(count: number): number {
    return this.spec.unit === 'chars' ? count : count * 2;
  }

  override fastReader(cursor: Cursor): FastReader {
    const { contentCheck: check, prefix, fixedCount: fixed, maxCount: max, countsChars } = this;
    const size = prefix?.size ?? 0;
    return (bytes, pos, end) => {
      const count = prefix === undefined ? fixed : fastCount(prefix, max, bytes, pos, end);
      if (count < 0 || (countsChars && (count & 1) === 1)) return undefined;
      const start = pos + size;
      const valueBytes = countsChars ? count >> 1 : count;
      if (start + valueBytes * 2 > end) return undefined;
      const value = new Uint8Array(valueBytes);
      let bad = 0;
      for (let i = 0; i < valueBytes; i++) {
        const high = HEX_CHAR_TO_NIBBLE[bytes[start + 2 * i] as number] as number;
        const low = HEX_CHAR_TO_NIBBLE[bytes[start + 2 * i + 1] as number] as number;
        bad |= high | low;
        value[i] = (high << 4) | low;
      }
      if (bad < 0) return undefined;
      if (check !== undefined) check(value, start);
      cursor.pos = start + valueBytes * 2;
      return value;
    };
  }

  override fastWriter(): FastWriter {
    const { contentCheck: check, prefix, fixedCount: fixed, maxCount: max, countsChars } = this;
    return (value, out, pos) => {
      if (!(value instanceof Uint8Array)) return -1;
      const count = countsChars ? value.length * 2 : value.length;
      if (fixed >= 0 ? count !== fixed : count > max) return -1;
      if (check !== undefined) check(value, pos);
      let at = pos;
      if (prefix !== undefined) {
        prefix.write(count, out, at);
        at += prefix.size;
      }
      for (let i = 0; i < value.length; i++) {
        const byte = value[i] as number;
        out[at++] = HEX_CODES[byte >> 4] as number;
        out[at++] = HEX_CODES[byte & 15] as number;
      }
      return at;
    };
  }
}
