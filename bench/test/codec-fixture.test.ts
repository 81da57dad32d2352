import { createCodec, cupPosSpec } from '@payterm/iso8583';
import { describe, expect, test } from 'vitest';
import { CUP_SALE_PACKED_BYTES, cupSale, messageDifference } from '../src/suites/codec-fixtures.js';

// Fixture checks only; the suite repeats them at startup. Nothing here times anything.

describe('codec suite fixture', () => {
  test('the CUP 0200 sale packs to exactly 251 bytes and round-trips', () => {
    const codec = createCodec(cupPosSpec);
    const packed = codec.pack(cupSale);
    expect(packed.length).toBe(CUP_SALE_PACKED_BYTES);
    expect(messageDifference(cupSale, codec.unpack(packed))).toBeUndefined();
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
