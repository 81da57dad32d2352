/**
 * isWellFormedTlv: the allocation-free structure check codecs run on every message. It must accept
 * exactly what decodeTlv accepts with the same depth limit, on whole inputs and on sub-ranges.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_TLV_DEPTH, decodeTlv, encodeTlv, hexToBytes, isWellFormedTlv } from '@payterm/emv';
import { TLV_FIXTURES } from './support/fixtures.js';
import { tlvTreeArbitrary } from './support/tlv-arbitraries.js';

const hex = (text: string): Uint8Array => hexToBytes(text.replace(/\s+/g, '')) as Uint8Array;

function decodes(bytes: Uint8Array, maxDepth = DEFAULT_MAX_TLV_DEPTH): boolean {
  try {
    decodeTlv(bytes, { maxDepth });
    return true;
  } catch {
    return false;
  }
}

describe('isWellFormedTlv', () => {
  it('accepts the fixtures, the empty input and non-minimal length forms', () => {
    for (const fixture of TLV_FIXTURES) expect(isWellFormedTlv(hex(fixture.hex))).toBe(true);
    expect(isWellFormedTlv(new Uint8Array())).toBe(true);
    expect(isWellFormedTlv(hex('5A 81 02 1234 9F02 84 00000006 000000000051'))).toBe(true);
    expect(isWellFormedTlv(hex('DF818101 01 AA'))).toBe(true);
  });

  it('rejects what decodeTlv rejects: cut-off tags and lengths, bad length forms, long tags, short values', () => {
    for (const bad of [
      '9F',
      '9F26',
      '9F26 82 01',
      '71 80 0000',
      '9A 85 0000000003 221231',
      '9F 81 82 83 04 00',
      '9F26 08 0102',
      '71 05 9F18 04 0001',
    ]) {
      expect(decodes(hex(bad)), bad).toBe(false);
      expect(isWellFormedTlv(hex(bad)), bad).toBe(false);
    }
  });

  it('checks only bytes[start, end)', () => {
    const bytes = hex('FF 9F27 01 80 9F26 02 1122 FF');
    expect(isWellFormedTlv(bytes)).toBe(false);
    expect(isWellFormedTlv(bytes, 1, bytes.length - 1)).toBe(true);
    // A value that runs past `end` is cut off even when the array goes on.
    expect(isWellFormedTlv(bytes, 1, bytes.length - 2)).toBe(false);
  });

  it('applies the same depth limit as decodeTlv', () => {
    const deep = (levels: number): Uint8Array => {
      let out = hex('8100');
      for (let i = 0; i < levels; i++) out = Uint8Array.from([0x71, out.length, ...out]);
      return out;
    };
    expect(isWellFormedTlv(deep(DEFAULT_MAX_TLV_DEPTH))).toBe(true);
    expect(isWellFormedTlv(deep(DEFAULT_MAX_TLV_DEPTH + 1))).toBe(false);
    expect(isWellFormedTlv(deep(17), 0, deep(17).length, 17)).toBe(true);
    expect(isWellFormedTlv(deep(32), 0, deep(32).length, 31)).toBe(false);
  });

  it('agrees with decodeTlv on encoded trees and on random bytes, for several depth limits', () => {
    fc.assert(
      fc.property(tlvTreeArbitrary(encodeTlv), (tree) => {
        expect(isWellFormedTlv(encodeTlv(tree))).toBe(true);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.integer({ min: 0, max: 4 }), (bytes, maxDepth) => {
        expect(isWellFormedTlv(bytes, 0, bytes.length, maxDepth)).toBe(decodes(bytes, maxDepth));
      }),
      { numRuns: 3000 },
    );
  });
});
