import { iso8583Error, type Iso8583Error } from '../errors.js';
import type { FieldSpec, SubfieldSpec } from '../spec/spec-types.js';
import { describeCharset } from '../encoding/charsets.js';
import { compileLengthPrefix, type LengthPrefixCodec } from './length-prefix.js';
import type { ByteWriter } from './byte-writer.js';

/** A field value: text for every charset but `b`, bytes for `b`. */
export type FieldValue = string | Uint8Array;

/**
 * Checks the content of a value beyond its charset (TLV structure); `offset` is where the value's
 * first byte sits in the message, so errors point at absolute positions.
 */
export type ContentCheck = (value: FieldValue, offset: number) => void;

/** Read position shared by the field codecs of one unpack call. */
export interface Cursor {
  pos: number;
}

/**
 * The message loop's reader of one field at `pos`: the value (with `cursor.pos` set after it), or
 * undefined whenever read() could throw; the loop then calls read() at `pos` for the precise error.
 * It may throw only what read() would throw at the same point (the content check).
 */
export type FastReader = (bytes: Uint8Array, pos: number, end: number) => FieldValue | undefined;

/**
 * The message loop's writer of one field at `pos` into `out`, which has room for `maxWireBytes`:
 * the offset after the field, or -1 whenever write() could throw or would write something else (a
 * short value to pad); the loop then calls write() at `pos`. The same throwing rule as FastReader.
 */
export type FastWriter = (value: FieldValue, out: Uint8Array, pos: number) => number;

/** The count in a variable field's prefix, or -1 when it is unreadable or over `max`. */
export function fastCount(
  prefix: LengthPrefixCodec,
  max: number,
  bytes: Uint8Array,
  pos: number,
  end: number,
): number {
  if (pos + prefix.size > end) return -1;
  const count = prefix.read(bytes, pos);
  return count > max ? -1 : count;
}

/** Where each subfield starts within its parent's value, for error paths. */
function subfieldStarts(subfields: readonly SubfieldSpec[] | undefined): number[] {
  const starts: number[] = [];
  let start = 0;
  for (const subfield of subfields ?? []) {
    starts.push(start);
    start += subfield.length;
  }
  return starts;
}

/**
 * Packs and unpacks one field. Subclasses know the encoding; this base knows lengths, prefixes and
 * how to name what went wrong. Counts are in the field's unit (digits, chars or bytes).
 */
export abstract class FieldCodec {
  readonly path: string;
  readonly spec: FieldSpec;
  protected readonly prefix: LengthPrefixCodec | undefined;
  /** The fixed count, or -1 for a variable field. */
  protected readonly fixedCount: number;
  protected readonly maxCount: number;
  protected readonly contentCheck: ContentCheck | undefined;
  private readonly starts: number[];
  constructor(path: string, spec: FieldSpec, contentCheck?: ContentCheck) {
    this.path = path;
    this.spec = spec;
    this.contentCheck = contentCheck;
    if (spec.length.kind === 'fixed') {
      this.prefix = undefined;
      this.fixedCount = spec.length.length;
      this.maxCount = spec.length.length;
    } else {
      this.prefix = compileLengthPrefix(spec.length.prefix);
      this.fixedCount = -1;
      this.maxCount = spec.length.max;
    }
    this.starts = subfieldStarts(spec.subfields);
  }

  /** The most bytes a value of this field takes on the wire, length prefix included. */
  get maxWireBytes(): number {
    return this.prefixSize + this.wireBytesOf(this.maxCount);
  }

  /** Bytes that `count` units of this field take on the wire (without the prefix). */
  protected abstract wireBytesOf(count: number): number;

  /** A reader specialised for this field (see FastReader); by default read() itself. */
  fastReader(cursor: Cursor): FastReader {
    return (bytes, pos, end) => {
      cursor.pos = pos;
      return this.read(bytes, cursor, end);
    };
  }

  /** A writer specialised for this field (see FastWriter); by default one that always defers to write(). */
  fastWriter(): FastWriter {
    return () => -1;
  }

  /** Bytes of the length prefix (0 for fixed fields). */
  get prefixSize(): number {
    return this.prefix?.size ?? 0;
  }

  abstract write(value: FieldValue, w: ByteWriter): void;
  abstract read(bytes: Uint8Array, cursor: Cursor, end: number): FieldValue;

  /** `60.3` when the character at `index` of the value lies in sub-field 3, else the field path. */
  pathAt(index: number): string {
    const subfields = this.spec.subfields;
    if (!subfields || index < 0) return this.path;
    for (let i = subfields.length - 1; i >= 0; i--) {
      if (index >= (this.starts[i] as number)) {
        return index < (this.starts[i] as number) + (subfields[i] as SubfieldSpec).length
          ? `${this.path}.${(subfields[i] as SubfieldSpec).id}`
          : this.path;
      }
    }
    return this.path;
  }

  /** Reads the count (fixed, or from the prefix at cursor.pos, which it then skips). */
  protected readCount(bytes: Uint8Array, cursor: Cursor, end: number): number {
    const prefix = this.prefix;
    if (prefix === undefined) return this.fixedCount;
    const pos = cursor.pos;
    if (pos + prefix.size > end) {
      throw iso8583Error('ISO8583_TRUNCATED', 'the length prefix is cut off', {
        field: this.path,
        phase: 'length',
        offset: pos,
        need: prefix.size,
        have: end - pos,
      });
    }
    const count = prefix.read(bytes, pos);
    if (count < 0) {
      throw iso8583Error('ISO8583_INVALID_LENGTH', 'the length prefix is not a number', {
        field: this.path,
        phase: 'length',
        offset: pos,
      });
    }
    if (count > this.maxCount) {
      throw iso8583Error(
        'ISO8583_INVALID_LENGTH',
        `the length prefix says ${count} ${this.spec.unit} but the maximum is ${this.maxCount}`,
        { field: this.path, phase: 'length', offset: pos, need: count, have: this.maxCount },
      );
    }
    cursor.pos = pos + prefix.size;
    return count;
  }

  protected requireBytes(pos: number, wireBytes: number, end: number): void {
    if (pos + wireBytes > end) {
      throw iso8583Error('ISO8583_TRUNCATED', `the data needs ${wireBytes} bytes but ${end - pos} remain`, {
        field: this.path,
        phase: 'data',
        offset: pos,
        need: wireBytes,
        have: end - pos,
      });
    }
  }

  /** Checks a count before packing: exactly the fixed count, or at most the maximum. */
  protected checkCount(count: number, offset: number): void {
    const fixed = this.fixedCount;
    if (fixed >= 0 ? count !== fixed : count > this.maxCount) {
      const expected = fixed >= 0 ? `exactly ${fixed}` : `at most ${this.maxCount}`;
      throw iso8583Error(
        'ISO8583_INVALID_VALUE',
        `the value has ${count} ${this.spec.unit}, expected ${expected}`,
        {
          field: this.path,
          phase: 'data',
          offset,
          need: fixed >= 0 ? fixed : this.maxCount,
          have: count,
        },
      );
    }
  }

  protected writeCount(count: number, w: ByteWriter): void {
    const prefix = this.prefix;
    if (prefix === undefined) return;
    const start = w.reserve(prefix.size);
    prefix.write(count, w.bytes, start);
  }

  protected wrongType(expected: 'text' | 'bytes', offset: number): Iso8583Error {
    const reason = expected === 'text' ? 'the value must be a string' : 'the value must be a Uint8Array';
    return iso8583Error('ISO8583_INVALID_VALUE', reason, { field: this.path, phase: 'data', offset });
  }

  protected invalidCharacter(index: number, offset: number, direction: 'pack' | 'unpack'): Iso8583Error {
    const what = direction === 'pack' ? `character ${index + 1} of the value` : `byte ${offset}`;
    return iso8583Error(
      'ISO8583_INVALID_CHARACTER',
      `${what} is not allowed: ${this.spec.name} holds ${describeCharset(this.spec.charset)}`,
      { field: this.pathAt(index), phase: 'data', offset },
    );
  }
}
