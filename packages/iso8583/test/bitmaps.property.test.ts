/**
 * Bitmaps: pack writes exactly the bits of the present fields plus the chaining bits, and only as
 * many bitmaps as needed — bit 1 is set iff a field above 64 is present, bit 65 (with tertiary
 * bitmaps) iff a field above 128 is — in binary or upper-case hex.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToHex, createCodec, cupPosSpec, iso87AsciiSpec, type MessageSpec } from '@payterm/iso8583';
import { secondaryBinarySpec, tertiaryBinarySpec, tertiaryHexSpec } from './support/custom-specs.js';
import { messageArbitrary } from './support/field-arbitraries.js';
import { expectIsoError } from './support/iso-error-shape.js';
import { hex } from './support/cup-pos-dumps.js';

/** The bitmaps for these field numbers, built independently of the codec. */
function expectedBitmaps(numbers: readonly number[], maxBitmaps: 1 | 2 | 3): Uint8Array {
  const highest = Math.max(0, ...numbers);
  const count = highest > 128 ? 3 : highest > 64 ? 2 : 1;
  expect(count).toBeLessThanOrEqual(maxBitmaps);
  const bits = new Uint8Array(count * 8);
  const set = (bit: number): void => {
    bits[(bit - 1) >> 3] = (bits[(bit - 1) >> 3] as number) | (0x80 >> ((bit - 1) & 7));
  };
  for (const number of numbers) set(number);
  if (count >= 2) set(1);
  if (count === 3) set(65);
  return bits;
}

function bitmapOnWire(spec: MessageSpec, bits: Uint8Array): string {
  const hexText = bytesToHex(bits);
  return spec.bitmap.encoding === 'hex' ? bytesToHex(new TextEncoder().encode(hexText)) : hexText;
}

const mtiSize = (spec: MessageSpec): number => (spec.mti.encoding === 'bcd' ? 2 : 4);

const SPECS = [cupPosSpec, iso87AsciiSpec, secondaryBinarySpec, tertiaryHexSpec, tertiaryBinarySpec];

describe.each(SPECS.map((spec) => [spec.id, spec] as const))('%s bitmaps', (_id, spec) => {
  const codec = createCodec(spec);

  it('carry exactly the present fields and the chaining bits, in as few bitmaps as needed', () => {
    fc.assert(
      fc.property(messageArbitrary(spec, { maxFields: 6 }), (message) => {
        const { bytes, layout } = codec.packWithLayout(message);
        const numbers = Object.keys(message.fields).map(Number);
        const bits = expectedBitmaps(numbers, spec.bitmap.maxBitmaps);
        const start = layout.mtiStart + mtiSize(spec);
        const wire = bitmapOnWire(spec, bits);
        expect(bytesToHex(bytes.subarray(start, start + wire.length / 2))).toBe(wire);
        const firstField =
          numbers.length === 0 ? bytes.length : (layout.field(Math.min(...numbers))?.start ?? -1);
        expect(firstField).toBe(start + wire.length / 2);
        // Bit 1 ⇔ a field above 64; bit 65 ⇔ a field above 128.
        expect(((bits[0] as number) & 0x80) !== 0).toBe(numbers.some((number) => number > 64));
        if (spec.bitmap.maxBitmaps === 3 && bits.length > 8)
          expect(((bits[8] as number) & 0x80) !== 0).toBe(numbers.some((number) => number > 128));
      }),
      { numRuns: 200 },
    );
  });
});

describe('bitmap edge cases', () => {
  it('cup-pos never sets bit 1', () => {
    const codec = createCodec(cupPosSpec);
    const bytes = codec.pack({
      mti: '0800',
      headers: { tpdu: '6000000000', header: '603100000000' },
      fields: { 2: '6200001000000011', 64: new Uint8Array(8) },
    });
    expect(bytesToHex(bytes.subarray(13, 21))).toBe('4000000000000001');
  });

  it('iso87: a field above 64 brings the secondary bitmap, in upper-case hex', () => {
    const codec = createCodec(iso87AsciiSpec);
    const bytes = codec.pack({ mti: '0800', fields: { 7: '1125123456', 70: '301' } });
    expect(new TextDecoder().decode(bytes)).toBe(
      '0800' + '8200000000000000' + '0400000000000000' + '1125123456301',
    );
  });

  it('tertiary: field 129 alone sets bits 1 and 65 and is read back as field 129', () => {
    const codec = createCodec(tertiaryBinarySpec);
    const bytes = codec.pack({ mti: '0100', fields: { 129: '42' } });
    expect(bytesToHex(bytes)).toBe(
      '0100' + '8000000000000000' + '8000000000000000' + '8000000000000000' + '3432',
    );
    expect(codec.unpack(bytes).fields[129]).toBe('42');
  });

  it('tertiary hex: field 192 reads back from the third bitmap', () => {
    const codec = createCodec(tertiaryHexSpec);
    const mac = Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8);
    const bytes = codec.pack({ mti: '0200', fields: { 2: '62', 192: mac } });
    const text = new TextDecoder().decode(bytes.subarray(4, 52));
    expect(text).toBe('C000000000000000' + '8000000000000000' + '0000000000000001');
    expect(bytesToHex(codec.unpack(bytes).fields[192] as Uint8Array)).toBe('0102030405060708');
  });

  it('the reader accepts lower-case hex bitmaps; the writer emits upper case', () => {
    const codec = createCodec(iso87AsciiSpec);
    const bytes = new TextEncoder().encode(
      '0800' + '8200000000000000' + '0c00000000000000' + '1125123456156301',
    );
    const message = codec.unpack(bytes);
    expect(message.fields[69]).toBe('156');
    expect(message.fields[70]).toBe('301');
    expect(new TextDecoder().decode(codec.pack(message)).slice(20, 36)).toBe('0C00000000000000');
  });

  it('an empty secondary bitmap is accepted on read and dropped on write (a canonicalisation)', () => {
    const codec = createCodec(iso87AsciiSpec);
    const bytes = new TextEncoder().encode('0800' + '8200000000000000' + '0000000000000000' + '1125123456');
    const message = codec.unpack(bytes);
    expect(Object.keys(message.fields)).toEqual(['7']);
    expect(new TextDecoder().decode(codec.pack(message))).toBe('0800' + '0200000000000000' + '1125123456');
  });

  it('an empty tertiary bitmap is accepted on read and dropped on write, clearing bit 65', () => {
    const codec = createCodec(tertiaryBinarySpec);
    const bytes = hex('0100' + '8000000000000000' + 'C000000000000000' + '0000000000000000' + '303033616263');
    const message = codec.unpack(bytes);
    expect(message.fields[66]).toBe('abc');
    expect(bytesToHex(codec.pack(message))).toBe(
      '0100' + '8000000000000000' + '4000000000000000' + '303033616263',
    );
  });

  it('a bitmap with a non-hex character is ISO8583_INVALID_CHARACTER at that byte', () => {
    const codec = createCodec(iso87AsciiSpec);
    const bytes = new TextEncoder().encode('0800' + '02000000000000G0' + '1125123456');
    expectIsoError(() => codec.unpack(bytes), 'ISO8583_INVALID_CHARACTER', {
      field: null,
      phase: 'bitmap',
      offset: 4 + 14,
    });
  });

  it('a cut-off secondary bitmap is ISO8583_TRUNCATED in phase bitmap', () => {
    const codec = createCodec(secondaryBinarySpec);
    expectIsoError(() => codec.unpack(hex('0100 8000000000000000 00000000')), 'ISO8583_TRUNCATED', {
      phase: 'bitmap',
      offset: 10,
      need: 8,
      have: 4,
    });
  });
});
