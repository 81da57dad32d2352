import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { SoftwareError, verifyPackage, verifyPrefix, type BuiltPackage } from '@payterm/software';
import { demoPackage, TRUSTING_DEMO } from './support/packages.js';

let built: BuiltPackage;

beforeAll(async () => {
  built = await demoPackage();
});

/** The error verifyPackage throws, or undefined when it accepts. */
function failureOf(bytes: Uint8Array): unknown {
  try {
    verifyPackage(bytes, TRUSTING_DEMO);
    return undefined;
  } catch (error) {
    return error;
  }
}

describe('verifyPackage on damaged packages (property)', () => {
  it('rejects every truncation with a typed SoftwareError', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: built.bytes.length - 1 }), (length) => {
        const error = failureOf(built.bytes.subarray(0, length));
        expect(error).toBeInstanceOf(SoftwareError);
        expect((error as SoftwareError).code).toMatch(/^SOFTWARE_(TRUNCATED|MALFORMED)$/);
      }),
      { numRuns: 300 },
    );
  });

  it('rejects every single-byte change with a typed SoftwareError', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: built.bytes.length - 1 }),
        fc.integer({ min: 1, max: 255 }),
        (index, mask) => {
          const bytes = built.bytes.slice();
          bytes[index]! ^= mask;
          expect(failureOf(bytes)).toBeInstanceOf(SoftwareError);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('answers arbitrary bytes, with or without the magic, with a SoftwareError only', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.boolean(), (random, withMagic) => {
        const bytes = withMagic ? Uint8Array.from([0x50, 0x54, 0x50, 0x4b, 0x01, ...random]) : random;
        expect(failureOf(bytes)).toBeInstanceOf(SoftwareError);
        expect(() => verifyPrefix(bytes, TRUSTING_DEMO)).toThrow(SoftwareError);
      }),
      { numRuns: 300 },
    );
  });
});
