import { bcdByteLength, findInvalidNibble, readBcd, writeBcd } from '../encoding/bcd.js';
import { NIBBLE_TABLES, type NibbleCharset, type NibbleTables } from '../encoding/bcd.js';
import { iso8583Error } from '../errors.js';
import type { FieldSpec } from '../spec/spec-types.js';
import type { ByteWriter } from './byte-writer.js';
import { FieldCodec, type ContentCheck, type Cursor, type FieldValue } from './field-codec.js';

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
}
