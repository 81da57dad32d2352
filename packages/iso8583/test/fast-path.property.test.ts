/**
 * The message loops read and write each field through a specialised reader and writer
 * (FieldCodec.fastReader / fastWriter) and fall back to the codec's read() / write() whenever those
 * decline. The fallback keeps errors precise only if the specialised paths never disagree with
 * read() / write(): when they accept, the value (or the bytes) and the position must be identical;
 * when they throw, it must be the very error read() / write() throws. Checked field by field for
 * every field and header part of the shipped and the test specs, on valid values and wire bytes
 * and on mutated ones. They must also accept everything canonical, or the speed is gone.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cupPosSpec,
  iso87AsciiSpec,
  type FieldSpec,
  type FieldValue,
  type MessageSpec,
} from '@payterm/iso8583';
import { ByteWriter } from '../src/codec/byte-writer.js';
import { compileField } from '../src/codec/compile-field.js';
import type { Cursor, FieldCodec } from '../src/codec/field-codec.js';
import { CUSTOM_SPECS } from './support/custom-specs.js';
import { fieldValueArbitrary } from './support/field-arbitraries.js';

const SPECS: readonly MessageSpec[] = [cupPosSpec, iso87AsciiSpec, ...CUSTOM_SPECS];
const RUNS_PER_FIELD = 40;

interface Target {
  readonly label: string;
  readonly codec: FieldCodec;
  readonly spec: FieldSpec;
}

function targets(): Target[] {
  const list: Target[] = [];
  for (const spec of SPECS) {
    for (const part of spec.headers)
      list.push({ label: `${spec.id} ${part.id}`, codec: compileField(part.id, part), spec: part });
    for (const field of spec.fields) {
      const path = String(field.number);
      list.push({ label: `${spec.id} ${path}`, codec: compileField(path, field), spec: field });
    }
  }
  return list;
}

type Outcome =
  | { readonly kind: 'value'; readonly value: FieldValue; readonly end: number }
  | { readonly kind: 'bytes'; readonly bytes: number[]; readonly end: number }
  | { readonly kind: 'error'; readonly error: unknown }
  | { readonly kind: 'declined' };

function outcome(action: () => Outcome): Outcome {
  try {
    return action();
  } catch (error) {
    return { kind: 'error', error };
  }
}

function comparable(result: Outcome): unknown {
  if (result.kind === 'value')
    return { ...result, value: result.value instanceof Uint8Array ? [...result.value] : result.value };
  if (result.kind === 'error' && result.error instanceof Error) {
    const { name, message } = result.error;
    return { kind: 'error', name, message, details: (result.error as { details?: unknown }).details };
  }
  return result;
}

function preciseRead(codec: FieldCodec, bytes: Uint8Array, pos: number): Outcome {
  const cursor: Cursor = { pos };
  return outcome(() => ({ kind: 'value', value: codec.read(bytes, cursor, bytes.length), end: cursor.pos }));
}

function fastRead(codec: FieldCodec, bytes: Uint8Array, pos: number): Outcome {
  const cursor: Cursor = { pos: -1 };
  const read = codec.fastReader(cursor);
  return outcome(() => {
    const value = read(bytes, pos, bytes.length);
    return value === undefined ? { kind: 'declined' } : { kind: 'value', value, end: cursor.pos };
  });
}

function preciseWrite(codec: FieldCodec, value: FieldValue, pos: number): Outcome {
  const w = new ByteWriter(4);
  w.reserve(pos);
  return outcome(() => {
    codec.write(value, w);
    return { kind: 'bytes', bytes: [...w.bytes.subarray(pos, w.pos)], end: w.pos };
  });
}

function fastWrite(codec: FieldCodec, value: FieldValue, pos: number): Outcome {
  const out = new Uint8Array(pos + codec.maxWireBytes);
  return outcome(() => {
    const end = codec.fastWriter()(value, out, pos);
    return end < 0 ? { kind: 'declined' } : { kind: 'bytes', bytes: [...out.subarray(pos, end)], end };
  });
}

/** The specialised result must be the precise one, unless it declined. */
function expectAgreement(fast: Outcome, precise: Outcome): void {
  if (fast.kind !== 'declined') expect(comparable(fast)).toEqual(comparable(precise));
}

/** Values the specialised writers leave to write() by design: EBCDIC, `x+n`, text short of a padded fixed length. */
function writerMayDecline(spec: FieldSpec, value: FieldValue): boolean {
  if (spec.encoding === 'ebcdic' || spec.charset === 'x+n') return true;
  return (
    spec.encoding === 'ascii' &&
    spec.length.kind === 'fixed' &&
    typeof value === 'string' &&
    value.length < spec.length.length
  );
}

/** A value with one change: a character or byte replaced, one added or removed, or the other type. */
function mutatedValue(value: FieldValue): fc.Arbitrary<FieldValue> {
  const length = value.length;
  return fc.oneof(
    fc.tuple(fc.nat(Math.max(0, length - 1)), fc.integer({ min: 0, max: 0x2ff })).map(([at, code]) => {
      if (typeof value !== 'string') {
        const copy = Uint8Array.from(value);
        if (length > 0) copy[at] = code & 0xff;
        return copy;
      }
      return length === 0
        ? String.fromCharCode(code)
        : value.slice(0, at) + String.fromCharCode(code) + value.slice(at + 1);
    }),
    fc.constant(typeof value === 'string' ? value.slice(1) : value.subarray(1)),
    fc.constant(typeof value === 'string' ? `${value}0` : Uint8Array.from([...value, 0])),
    fc.constant(typeof value === 'string' ? new Uint8Array(length) : 'A'.repeat(length)),
  );
}

describe('specialised field readers and writers agree with read() and write()', () => {
  for (const target of targets()) {
    it(`${target.label}: canonical values and bytes take the specialised path with identical results`, () => {
      fc.assert(
        fc.property(fieldValueArbitrary(target.spec), fc.nat(3), (value, pos) => {
          const written = preciseWrite(target.codec, value, pos);
          if (written.kind !== 'bytes') throw new Error(`write() refused a valid value: ${String(value)}`);
          const fastWritten = fastWrite(target.codec, value, pos);
          if (!writerMayDecline(target.spec, value)) expect(fastWritten.kind).toBe('bytes');
          expectAgreement(fastWritten, written);
          const bytes = new Uint8Array(written.end);
          bytes.set(written.bytes, pos);
          const fastValue = fastRead(target.codec, bytes, pos);
          expect(fastValue.kind).toBe('value');
          expectAgreement(fastValue, preciseRead(target.codec, bytes, pos));
        }),
        { numRuns: RUNS_PER_FIELD },
      );
    });

    it(`${target.label}: mutated values and bytes get the precise result or the precise error`, () => {
      const mutatedBytes = fieldValueArbitrary(target.spec).chain((value) => {
        const written = preciseWrite(target.codec, value, 0);
        const bytes = written.kind === 'bytes' ? written.bytes : [];
        return fc.tuple(
          fc.constant(bytes),
          fc.array(fc.tuple(fc.nat(Math.max(0, bytes.length + 1)), fc.integer({ min: -1, max: 255 })), {
            maxLength: 3,
          }),
        );
      });
      fc.assert(
        fc.property(
          fieldValueArbitrary(target.spec).chain(mutatedValue),
          mutatedBytes,
          fc.nat(2),
          (value, [bytes, edits], pos) => {
            expectAgreement(fastWrite(target.codec, value, pos), preciseWrite(target.codec, value, pos));
            // An edit replaces a byte, or with -1 cuts the input there.
            let wire = [...bytes];
            for (const [at, byte] of edits) {
              if (byte < 0) wire = wire.slice(0, at);
              else if (at < wire.length) wire[at] = byte;
            }
            const input = Uint8Array.from([...new Array<number>(pos).fill(0x30), ...wire]);
            expectAgreement(fastRead(target.codec, input, pos), preciseRead(target.codec, input, pos));
          },
        ),
        { numRuns: RUNS_PER_FIELD },
      );
    });
  }
});
