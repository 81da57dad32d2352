import { bcdByteLength, findInvalidNibble, readBcd, writeBcd, writeDigits } from '../encoding/bcd.js';
import { NIBBLE_TABLES, type NibbleCharset, type NibbleTables } from '../encoding/bcd.js';
import { iso8583Error } from '../errors.js';
import type { FieldSpec } from '../spec/spec-types.js';
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

/** BCD, hex-nibble and track (`=` as D) fields: two characters per byte. */
export class NibbleFieldCodec extends FieldCodec {
  private readonly tables: NibbleTables;
  private readonly alignLeft: boolean;
  private readonly padNibble: number;
  private readonly countsBytes: boolean;

  constructor(path: string, spec: FieldSpec, contentCheck?: ContentCheck) {
    super(path, spec, contentCheck);
    this.tables = NIBBLE_TABLES[spec.charset as NibbleCharset];
    this.alignLeft = spec.align !== 'right';
    this.padNibble = spec.pad === 'F' || spec.pad === 'f' ? 0xf : 0;
    this.countsBytes = spec.unit === 'bytes';
  }

  write(value: FieldValue, w: ByteWriter): void {
    if (typeof value !== 'string') throw this.wrongType('text', w.pos);
    const length = value.length;
    if (this.countsBytes && length % 2 === 1) {
      throw iso8583Error('ISO8583_INVALID_VALUE', 'the value must have an even number of characters', {
        field: this.path,
        phase: 'data',
        offset: w.pos,
        have: length,
      });
    }
    const count = this.countsBytes ? length >> 1 : length;
    this.checkCount(count, w.pos);
    this.contentCheck?.(value, w.pos);
    this.writeCount(count, w);
    const start = w.reserve(bcdByteLength(length));
    const bad = writeBcd(value, this.tables, this.alignLeft, this.padNibble, w.bytes, start);
    if (bad >= 0) throw this.invalidCharacter(bad, start, 'pack');
  }

  read(bytes: Uint8Array, cursor: Cursor, end: number): FieldValue {
    const count = this.readCount(bytes, cursor, end);
    const chars = this.countsBytes ? count * 2 : count;
    const wireBytes = this.countsBytes ? count : bcdByteLength(count);
    const pos = cursor.pos;
    this.requireBytes(pos, wireBytes, end);
    const value = readBcd(bytes, pos, chars, this.tables, this.alignLeft);
    if (value === undefined) {
      const invalid = findInvalidNibble(bytes, pos, chars, this.tables, this.alignLeft);
      if (invalid.isPad) {
        throw iso8583Error('ISO8583_INVALID_PAD', 'the pad nibble is neither 0 nor F', {
          field: this.path,
          phase: 'data',
          offset: invalid.byteOffset,
        });
      }
      throw this.invalidCharacter(invalid.charIndex, invalid.byteOffset, 'unpack');
    }
    this.contentCheck?.(value, pos);
    cursor.pos = pos + wireBytes;
    return value;
  }

  protected wireBytesOf(count: number): number {
    return this.spec.unit === 'bytes' ? count : bcdByteLength(count);
  }

  override fastReader(cursor: Cursor): FastReader {
    const { tables, alignLeft, countsBytes, contentCheck: check, prefix, maxCount: max } = this;
    if (prefix === undefined) {
      const chars = countsBytes ? this.fixedCount * 2 : this.fixedCount;
      const wireBytes = this.wireBytesOf(this.fixedCount);
      return (bytes, pos, end) => {
        if (pos + wireBytes > end) return undefined;
        const value = readBcd(bytes, pos, chars, tables, alignLeft);
        if (value === undefined) return undefined;
        if (check !== undefined) check(value, pos);
        cursor.pos = pos + wireBytes;
        return value;
      };
    }
    const size = prefix.size;
    return (bytes, pos, end) => {
      const count = fastCount(prefix, max, bytes, pos, end);
      if (count < 0) return undefined;
      const start = pos + size;
      const wireBytes = countsBytes ? count : (count + 1) >> 1;
      if (start + wireBytes > end) return undefined;
      const value = readBcd(bytes, start, countsBytes ? count * 2 : count, tables, alignLeft);
      if (value === undefined) return undefined;
      if (check !== undefined) check(value, start);
      cursor.pos = start + wireBytes;
      return value;
    };
  }

  override fastWriter(): FastWriter {
    const {
      tables,
      alignLeft,
      padNibble,
      countsBytes,
      contentCheck: check,
      prefix,
      fixedCount: fixed,
    } = this;
    const max = this.maxCount;
    const digits = this.spec.charset === 'n';
    return (value, out, pos) => {
      if (typeof value !== 'string') return -1;
      const length = value.length;
      if (countsBytes && (length & 1) === 1) return -1;
      const count = countsBytes ? length >> 1 : length;
      if (fixed >= 0 ? count !== fixed : count > max) return -1;
      if (check !== undefined) check(value, pos);
      let at = pos;
      if (prefix !== undefined) {
        prefix.write(count, out, at);
        at += prefix.size;
      }
      if (digits) return writeDigits(value, alignLeft, padNibble, out, at);
      return writeBcd(value, tables, alignLeft, padNibble, out, at) < 0 ? at + bcdByteLength(length) : -1;
    };
  }
}
