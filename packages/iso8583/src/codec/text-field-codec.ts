import { charsetFlags, firstInvalidByte, firstInvalidCharacter } from '../encoding/charsets.js';
import { ebcdicToLatin1, readText, writeText } from '../encoding/text.js';
import type { Charset, FieldSpec } from '../spec/spec-types.js';
import type { ByteWriter } from './byte-writer.js';
import { FieldCodec, type ContentCheck, type Cursor, type FieldValue } from './field-codec.js';

type TextCharset = Exclude<Charset, 'b'>;

const ANY_LATIN1 = new Uint8Array(256).fill(1);

/** ASCII and EBCDIC fields: one byte per character; fixed fields with a pad character accept short values. */
export class TextFieldCodec extends FieldCodec {
  private readonly charset: TextCharset;
  private readonly ebcdic: boolean;
  /** Undefined for `x+n`, which is checked position by position before writing. */
  private readonly allowed: Uint8Array | undefined;

  constructor(path: string, spec: FieldSpec, contentCheck?: ContentCheck) {
    super(path, spec, contentCheck);
    this.charset = spec.charset as TextCharset;
    this.ebcdic = spec.encoding === 'ebcdic';
    this.allowed = charsetFlags(this.charset);
  }

  write(value: FieldValue, w: ByteWriter): void {
    if (typeof value !== 'string') throw this.wrongType('text', w.pos);
    const text = this.padded(value);
    this.checkCount(text.length, w.pos);
    const allowed = this.allowed;
    if (allowed === undefined) {
      const bad = firstInvalidCharacter(this.charset, text);
      if (bad >= 0) throw this.invalidCharacter(bad, w.pos, 'pack');
    }
    this.contentCheck?.(text, w.pos);
    this.writeCount(text.length, w);
    const start = w.reserve(text.length);
    const bad = writeText(text, allowed ?? ANY_LATIN1, this.ebcdic, w.bytes, start);
    if (bad >= 0) throw this.invalidCharacter(bad, start + bad, 'pack');
  }

  read(bytes: Uint8Array, cursor: Cursor, end: number): FieldValue {
    const count = this.readCount(bytes, cursor, end);
    const pos = cursor.pos;
    this.requireBytes(pos, count, end);
    const bad = this.ebcdic
      ? firstInvalidByte(this.charset, ebcdicToLatin1(bytes, pos, pos + count), 0, count)
      : firstInvalidByte(this.charset, bytes, pos, pos + count) - pos;
    if (bad >= 0) throw this.invalidCharacter(bad, pos + bad, 'unpack');
    const value = readText(bytes, pos, pos + count, this.ebcdic);
    this.contentCheck?.(value, pos);
    cursor.pos = pos + count;
    return value;
  }

  private padded(value: string): string {
    const pad = this.spec.pad;
    if (this.fixedCount < 0 || pad === undefined || value.length >= this.fixedCount) return value;
    return this.spec.align === 'right'
      ? value.padStart(this.fixedCount, pad)
      : value.padEnd(this.fixedCount, pad);
  }
}
