import { createCodec, cupPosSpec, toFieldArray } from '@payterm/iso8583';
import { describe, expect, test } from 'vitest';
import { codecFloor } from '../src/suites/codec-floor.js';
import { CUP_SALE_PACKED_BYTES, cupSale, messageDifference } from '../src/suites/codec-fixtures.js';

// Fixture checks only; the suite repeats them at startup. Nothing here times anything.

describe('codec suite fixture', () => {
  test('the CUP 0200 sale packs to exactly 251 bytes and round-trips', () => {
    const codec = createCodec(cupPosSpec);
    const packed = codec.pack(cupSale);
    expect(packed.length).toBe(CUP_SALE_PACKED_BYTES);
    expect(messageDifference(cupSale, codec.unpack(packed))).toBeUndefined();
  });

  test("the floor writes the codec's bytes and reads back its values, another STAN and PAN too", () => {
    const codec = createCodec(cupPosSpec);
    const message = { ...cupSale, fields: toFieldArray(cupSale.fields) };
    const floor = codecFloor(codec, message);
    const other = {
      ...message,
      fields: toFieldArray({ ...cupSale.fields, 2: '6200001000000029', 11: '999999' }),
    };
    const out = new Uint8Array(512);
    const end = floor.packInto(other, out);
    const packed = codec.pack(other);
    expect(out.subarray(0, end)).toEqual(packed);
    expect(messageDifference(codec.unpack(packed), floor.unpack(packed))).toBeUndefined();
    expect(floor.unpack(packed).fields[11]).toBe('999999');
  });

  test('messageDifference compares data, not containers', () => {
    const sparse: (string | Uint8Array)[] = [];
    sparse[2] = '6200001000000011';
    sparse[52] = Uint8Array.of(1, 2, 3);
    const asObject = { mti: '0200', fields: { 2: '6200001000000011', 52: Uint8Array.of(1, 2, 3) } };
    expect(messageDifference(asObject, { mti: '0200', fields: sparse })).toBeUndefined();
    sparse[52] = Uint8Array.of(1, 2, 4);
    expect(messageDifference(asObject, { mti: '0200', fields: sparse })).toBe(
      'field 52: bytes 010203 came back as bytes 010204',
    );
    expect(messageDifference(asObject, { mti: '0200', fields: { 2: '6200001000000011' } })).toMatch(
      /^field 52/,
    );
  });
});
