import { charsetFlags, firstInvalidByte, firstInvalidCharacter } from '../encoding/charsets.js';
import type { Charset, FieldSpec } from '../spec/spec-types.js';
import type { ByteWriter } from './byte-writer.js';
import { ebcdicToLatin1, latin1, readText, writeText } from '../encoding/text.js';
import {
  fastCount,
  FieldCodec,
  type ContentCheck,
  type Cursor,
  type FastReader,
  type FastWriter,
  type FieldValue,
} from './field-codec.js';

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

  protected wireBytesOf(count: number): number {
    return count;
  }

  /** ASCII fields of a charset with a flag table; EBCDIC and `x+n` keep the default (read()). */
  override fastReader(cursor: Cursor): FastReader {
    const allowed = this.allowed;
    if (this.ebcdic || allowed === undefined) return super.fastReader(cursor);
    const { contentCheck: check, prefix, fixedCount: fixed, maxCount: max } = this;
    const size = prefix?.size ?? 0;
    return (bytes, pos, end) => {
      const count = prefix === undefined ? fixed : fastCount(prefix, max, bytes, pos, end);
      if (count < 0) return undefined;
      const start = pos + size;
      const stop = start + count;
      if (stop > end) return undefined;
      for (let i = start; i < stop; i++) if (allowed[bytes[i] as number] === 0) return undefined;
      const value = latin1(bytes, start, stop);
      if (check !== undefined) check(value, start);
      cursor.pos = stop;
      return value;
    };
  }

  /** Values that need padding, and EBCDIC or `x+n` fields, go to write(). */
  override fastWriter(): FastWriter {
    const allowed = this.allowed;
    if (this.ebcdic || allowed === undefined) return super.fastWriter();
    const { contentCheck: check, prefix, fixedCount: fixed, maxCount: max } = this;
    return (value, out, pos) => {
      if (typeof value !== 'string') return -1;
      const length = value.length;
      if (fixed >= 0 ? length !== fixed : length > max) return -1;
      if (check !== undefined) check(value, pos);
      let at = pos;
      if (prefix !== undefined) {
        prefix.write(length, out, at);
        at += prefix.size;
      }
      for (let i = 0; i < length; i++) {
        const code = value.charCodeAt(i);
        if (code > 0xff || allowed[code] === 0) return -1;
        out[at++] = code;
      }
      return at;
    };
  }
}
