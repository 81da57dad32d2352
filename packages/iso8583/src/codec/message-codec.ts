import { iso8583Error, type Iso8583Error } from '../errors.js';
import type { FieldSpec, MessageSpec } from '../spec/spec-types.js';
import { validateSpec } from '../spec/validate-spec.js';
import { BitmapCodec } from './bitmap.js';
import { ByteWriter } from './byte-writer.js';
import { compileField, type FieldCompileOptions } from './compile-field.js';
import type { Cursor, FastReader, FastWriter, FieldCodec, FieldValue } from './field-codec.js';
import type { MessageLayout } from './message-layout.js';
import { SpanRecorder } from './message-layout.js';
import { fieldNumberOfKey, MAX_FIELD_NUMBER } from './field-number.js';

/** An ISO 8583 message as plain data. Field values are strings, or bytes for binary fields. */
export interface Iso8583Message {
  readonly mti: string;
  /** Values of the spec's header parts by id (`tpdu`, `header` …). */
  readonly headers?: Readonly<Record<string, string>>;
  readonly fields: Readonly<Record<number, FieldValue | undefined>>;
}

export interface UnpackOptions {
  /** Accept bytes after the last field (default false: they are an error). */
  readonly allowTrailingBytes?: boolean;
}

export type CodecOptions = FieldCompileOptions;

const MTI_SPEC_BASE = { name: 'Message type indicator', charset: 'n', unit: 'digits' } as const;

/**
 * One header part, the MTI or a field as the message loops use it: the specialised reader and
 * writer, and the codec whose read()/write() run when they defer (and then throw the precise error).
 */
interface CompiledPart {
  readonly codec: FieldCodec;
  readonly read: FastReader;
  readonly write: FastWriter;
  readonly maxWireBytes: number;
}

function compilePart(codec: FieldCodec, cursor: Cursor): CompiledPart {
  return {
    codec,
    read: codec.fastReader(cursor),
    write: codec.fastWriter(),
    maxWireBytes: codec.maxWireBytes,
  };
}

function writePart(part: CompiledPart, value: FieldValue, w: ByteWriter): void {
  w.ensureRoom(part.maxWireBytes);
  const end = part.write(value, w.bytes, w.pos);
  if (end >= 0) w.pos = end;
  else part.codec.write(value, w);
}

/** Reads one part at `pos`; cursor.pos is then after it. */
function readPart(
  part: CompiledPart,
  bytes: Uint8Array,
  pos: number,
  end: number,
  cursor: Cursor,
): FieldValue {
  const value = part.read(bytes, pos, end);
  if (value !== undefined) return value;
  cursor.pos = pos;
  return part.codec.read(bytes, cursor, end);
}

/**
 * A compiled message spec: packs and unpacks messages. Packing reuses one buffer, so a codec is
 * cheap to call in a loop; the bytes it returns are always a fresh copy.
 */
export class MessageCodec {
  readonly spec: MessageSpec;
  private readonly fieldCodecs: (FieldCodec | undefined)[];
  private readonly fieldParts: (CompiledPart | undefined)[];
  private readonly headerParts: { id: string; part: CompiledPart }[];
  private readonly mtiPart: CompiledPart;
  private readonly bitmap: BitmapCodec;
  private readonly tertiary: boolean;
  private readonly hexBitmap: boolean;
  private readonly writer = new ByteWriter(2048);
  /** Field numbers to pack, ascending; `presentCount` of them are current. */
  private readonly present = new Int32Array(MAX_FIELD_NUMBER + 1);
  private presentCount = 0;
  /** Unpacking is synchronous, so one cursor per codec serves every call. */
  private readonly cursor: Cursor = { pos: 0 };
  private readonly spans: SpanRecorder;

  constructor(spec: MessageSpec, options: CodecOptions = {}) {
    validateSpec(spec);
    this.spec = spec;
    this.fieldCodecs = [];
    this.fieldParts = [];
    for (const field of spec.fields) {
      const codec = compileField(String(field.number), field, options);
      this.fieldCodecs[field.number] = codec;
      this.fieldParts[field.number] = compilePart(codec, this.cursor);
    }
    this.headerParts = spec.headers.map((part) => ({
      id: part.id,
      part: compilePart(compileField(part.id, part, options), this.cursor),
    }));
    const mtiSpec: FieldSpec = {
      ...MTI_SPEC_BASE,
      encoding: spec.mti.encoding,
      length: { kind: 'fixed', length: 4 },
    };
    this.mtiPart = compilePart(compileField('mti', mtiSpec), this.cursor);
    this.bitmap = new BitmapCodec(spec.bitmap.encoding, spec.bitmap.maxBitmaps);
    this.tertiary = spec.bitmap.maxBitmaps === 3;
    this.hexBitmap = spec.bitmap.encoding === 'hex';
    const prefixSizes = new Uint8Array(spec.bitmap.maxBitmaps * 64 + 1);
    for (const field of spec.fields)
      prefixSizes[field.number] = this.fieldCodecs[field.number]?.prefixSize ?? 0;
    this.spans = new SpanRecorder(prefixSizes);
  }

  /** The codec of field `number`, or undefined when the spec does not define it. */
  field(number: number): FieldCodec | undefined {
    return this.fieldCodecs[number];
  }

  fieldSpec(number: number): FieldSpec | undefined {
    return this.fieldCodecs[number]?.spec;
  }

  pack(message: Iso8583Message): Uint8Array {
    this.writeMessage(message);
    return this.writer.toBytes();
  }

  /**
   * Packs into `target` at `offset` (e.g. a frame buffer after its length prefix) and returns the
   * offset after the message: no allocation. Throws ISO8583_INVALID_VALUE when it does not fit.
   */
  packInto(message: Iso8583Message, target: Uint8Array, offset = 0): number {
    this.writeMessage(message);
    const length = this.writer.pos;
    if (offset < 0 || offset + length > target.length) {
      throw iso8583Error(
        'ISO8583_INVALID_VALUE',
        `the message needs ${length} bytes at offset ${offset} of a ${target.length}-byte target`,
        {
          field: null,
          phase: 'message',
          need: length,
          have: Math.max(0, target.length - offset),
        },
      );
    }
    target.set(this.writer.bytes.subarray(0, length), offset);
    return offset + length;
  }

  /** Packs and reports where each part landed, e.g. to compute a MAC and write it into field 64 in place. */
  packWithLayout(message: Iso8583Message): { bytes: Uint8Array; layout: MessageLayout } {
    this.writeMessage(message);
    return { bytes: this.writer.toBytes(), layout: this.spans.snapshot() };
  }

  unpack(bytes: Uint8Array, options: UnpackOptions = {}): Iso8583Message {
    return this.unpackFrom(bytes, options);
  }

  /** Unpacks and reports where each part was found, e.g. to verify a MAC over the received bytes. */
  unpackWithLayout(
    bytes: Uint8Array,
    options: UnpackOptions = {},
  ): { message: Iso8583Message; layout: MessageLayout } {
    const message = this.unpackFrom(bytes, options);
    return { message, layout: this.spans.snapshot() };
  }

  private writeMessage(message: Iso8583Message): void {
    const w = this.writer;
    const spans = this.spans;
    w.reset();
    spans.reset();
    const headers = message.headers;
    for (const { id, part } of this.headerParts) {
      const value = headers?.[id];
      if (value === undefined) {
        throw iso8583Error('ISO8583_INVALID_VALUE', `header part ${id} is missing`, {
          field: id,
          phase: 'data',
          offset: w.pos,
        });
      }
      writePart(part, value, w);
    }
    spans.mtiStart = w.pos;
    writePart(this.mtiPart, message.mti, w);
    const present = this.collectPresentFields(message.fields);
    const count = this.presentCount;
    const last = count > 0 ? (present[count - 1] as number) : 0;
    const bitmapCount = last > 128 ? 3 : last > 64 ? 2 : 1;
    this.bitmap.write(present, count, bitmapCount, w);
    const fields = message.fields;
    const parts = this.fieldParts;
    const starts = spans.starts;
    const order = spans.order;
    for (let i = 0; i < count; i++) {
      const number = present[i] as number;
      starts[number] = w.pos;
      order[i] = number;
      writePart(parts[number] as CompiledPart, fields[number] as FieldValue, w);
    }
    spans.count = count;
    spans.end = w.pos;
  }

  /**
   * Field numbers with a value, ascending. Unpacked messages hold their fields in a sparse array,
   * which is walked by index; other objects are walked by key (integer keys enumerate ascending).
   */
  private collectPresentFields(fields: Iso8583Message['fields']): Int32Array {
    const present = this.present;
    this.presentCount = 0;
    if (Array.isArray(fields)) {
      const values = fields as readonly (FieldValue | undefined)[];
      const parts = this.fieldParts;
      let count = 0;
      for (let number = 1; number < values.length; number++) {
        if (values[number] === undefined) continue;
        if (parts[number] === undefined) this.addPresent(number);
        present[count++] = number;
      }
      this.presentCount = count;
      return present;
    }
    const keys = Object.keys(fields);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as string;
      if (fields[key as unknown as number] !== undefined) this.addPresent(fieldNumberOfKey(key) ?? 0, key);
    }
    return present;
  }

  /**
   * `key` is the caller's spelling of the field. Only the canonical spelling names a field: `02` or
   * `2.0` would be written out of order, or twice next to `2`.
   */
  private addPresent(number: number, key?: string): void {
    if (this.fieldCodecs[number] === undefined) {
      const field = key ?? String(number);
      throw iso8583Error('ISO8583_UNKNOWN_FIELD', `field ${field} is not defined by spec ${this.spec.id}`, {
        field,
        phase: 'bitmap',
      });
    }
    this.present[this.presentCount++] = number;
  }

  private unpackFrom(bytes: Uint8Array, options: UnpackOptions): Iso8583Message {
    const end = bytes.length;
    const cursor = this.cursor;
    const spans = this.spans;
    spans.reset();
    let pos = 0;
    let headers: Record<string, string> | undefined;
    if (this.headerParts.length > 0) {
      headers = {};
      for (const { id, part } of this.headerParts) {
        headers[id] = readPart(part, bytes, pos, end, cursor) as string;
        pos = cursor.pos;
      }
    }
    spans.mtiStart = pos;
    const mti = readPart(this.mtiPart, bytes, pos, end, cursor) as string;
    const bitmapStart = cursor.pos;
    const bitmapCount = this.bitmap.read(bytes, cursor, end);
    pos = cursor.pos;
    // A sparse array indexed by field number: far cheaper to fill than an object with integer keys.
    const fields: FieldValue[] = new Array<FieldValue>(bitmapCount * 64 + 1);
    const bits = this.bitmap.bits;
    const parts = this.fieldParts;
    const tertiary = this.tertiary;
    const starts = spans.starts;
    const order = spans.order;
    let recorded = 0;
    for (let byteIndex = 0; byteIndex < bitmapCount * 8; byteIndex++) {
      let byte = bits[byteIndex] as number;
      if (byteIndex === 0 || (byteIndex === 8 && tertiary)) byte &= 0x7f;
      for (let bit = 0; byte !== 0; bit++, byte = (byte << 1) & 0xff) {
        if ((byte & 0x80) === 0) continue;
        const number = byteIndex * 8 + bit + 1;
        const part = parts[number];
        if (part === undefined)
          throw this.unknownField(number, bitmapStart + byteIndex * (this.hexBitmap ? 2 : 1));
        starts[number] = pos;
        order[recorded++] = number;
        fields[number] = readPart(part, bytes, pos, end, cursor);
        pos = cursor.pos;
      }
    }
    spans.count = recorded;
    spans.end = pos;
    if (pos !== end && options.allowTrailingBytes !== true) {
      throw iso8583Error('ISO8583_TRAILING_BYTES', `${end - pos} bytes follow the last field`, {
        field: null,
        phase: 'message',
        offset: pos,
        need: 0,
        have: end - pos,
      });
    }
    return headers === undefined ? { mti, fields } : { mti, headers, fields };
  }

  private unknownField(number: number, offset: number): Iso8583Error {
    return iso8583Error(
      'ISO8583_UNKNOWN_FIELD',
      `the bitmap announces field ${number}, which spec ${this.spec.id} does not define`,
      { field: String(number), phase: 'bitmap', offset },
    );
  }
}

/** Checks the spec and compiles it. Throws ISO8583_INVALID_SPEC naming the first problem. */
export function createCodec(spec: MessageSpec, options: CodecOptions = {}): MessageCodec {
  return new MessageCodec(spec, options);
}
