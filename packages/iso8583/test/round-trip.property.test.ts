/**
 * Random valid messages round-trip: unpack(pack(m)) equals m and pack(unpack(b)) equals b, for every
 * field of the shipped specs and of the custom specs that cover what the shipped ones do not. The
 * arbitraries are built from the spec data (support/field-arbitraries.ts), so a field added to a spec
 * is covered without touching this file.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bytesToHex,
  createCodec,
  cupPosSpec,
  iso87AsciiSpec,
  toFieldArray,
  type Iso8583Message,
  type MessageCodec,
  type MessageSpec,
} from '@payterm/iso8583';
import { CUSTOM_SPECS } from './support/custom-specs.js';
import { messageArbitrary, messageWithFieldArbitrary } from './support/field-arbitraries.js';
import { plainMessage } from './support/plain-message.js';

const SPECS: readonly MessageSpec[] = [cupPosSpec, iso87AsciiSpec, ...CUSTOM_SPECS];

function expectRoundTrip(codec: MessageCodec, message: Iso8583Message): void {
  const packed = codec.packWithLayout(message);
  const { message: unpacked, layout } = codec.unpackWithLayout(packed.bytes);
  expect(plainMessage(unpacked)).toEqual(plainMessage(message));
  expect(bytesToHex(codec.pack(unpacked))).toBe(bytesToHex(packed.bytes));
  // The sparse-array form of the fields packs the same as the object form.
  expect(bytesToHex(codec.pack({ ...message, fields: toFieldArray(message.fields) }))).toBe(
    bytesToHex(packed.bytes),
  );
  // Both directions agree on where every part sits.
  expect(layout.mtiStart).toBe(packed.layout.mtiStart);
  expect(layout.end).toBe(packed.bytes.length);
  for (const number of Object.keys(message.fields).map(Number)) {
    expect(layout.field(number)).toEqual(packed.layout.field(number));
  }
}

describe.each(SPECS.map((spec) => [spec.id, spec] as const))('%s', (_id, spec) => {
  const codec = createCodec(spec);

  it('random messages round-trip both ways', () => {
    fc.assert(
      fc.property(messageArbitrary(spec), (message) => expectRoundTrip(codec, message)),
      { numRuns: 150 },
    );
  });

  it.each(spec.fields.map((field) => [field.number, field.name] as const))(
    'field %i (%s) round-trips over its whole length range',
    (number) => {
      fc.assert(
        fc.property(messageWithFieldArbitrary(spec, number), (message) => expectRoundTrip(codec, message)),
        { numRuns: 15 },
      );
    },
  );
});

describe('large messages', () => {
  it('cup-pos messages bigger than the writer’s first buffer pack and unpack intact', () => {
    const codec = createCodec(cupPosSpec);
    const message: Iso8583Message = {
      mti: '0200',
      headers: { tpdu: '6000030000', header: '603210320072' },
      fields: {
        46: 'A'.repeat(999),
        47: 'B'.repeat(999),
        56: 'C'.repeat(999),
        62: new Uint8Array(512).fill(7),
      },
    };
    // Twice on one codec: the first call grows the reused buffer, the second reuses it.
    expectRoundTrip(codec, message);
    expectRoundTrip(codec, message);
    expectRoundTrip(createCodec(cupPosSpec), message);
  });

  it('a 65535-character field behind a 2-byte binary prefix round-trips', () => {
    const spec: MessageSpec = {
      id: 'big',
      name: 'big',
      headers: [],
      mti: { encoding: 'ascii' },
      bitmap: { encoding: 'binary', maxBitmaps: 1 },
      fields: [
        {
          number: 2,
          name: 'Large text',
          charset: 'ans',
          encoding: 'ascii',
          unit: 'chars',
          length: { kind: 'variable', prefix: { encoding: 'binary', bytes: 2 }, max: 65535 },
        },
      ],
    };
    const codec = createCodec(spec);
    const text = Array.from({ length: 65535 }, (_, i) => String.fromCharCode(0x20 + (i % 95))).join('');
    const bytes = codec.pack({ mti: '0100', fields: { 2: text } });
    expect(bytes.length).toBe(4 + 8 + 2 + 65535);
    expect(codec.unpack(bytes).fields[2]).toBe(text);
  });
});
