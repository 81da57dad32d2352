/** The word-based DES core against a bit-by-bit FIPS 46-3 DES, on random keys and blocks. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToHex, createCipher } from '@payterm/crypto';
import { DesScratch, desKeySchedule, desKeyWordsInto } from '../src/cipher/des-fast-key.js';
import { referenceBlock, referenceDes } from './support/des-reference.js';

const block = fc.uint8Array({ minLength: 8, maxLength: 8 });
const key = fc
  .constantFrom(8, 16, 24)
  .chain((length) => fc.uint8Array({ minLength: length, maxLength: length }));

describe('DES core', () => {
  it('DES and TDES encrypt and decrypt like the bit-by-bit reference', () => {
    fc.assert(
      fc.property(key, block, (k, data) => {
        const cipher = createCipher(k.length === 8 ? 'des' : 'tdes', k);
        const out = new Uint8Array(8);
        cipher.encryptBlock(data, 0, out, 0);
        expect(bytesToHex(out)).toBe(bytesToHex(referenceBlock(k, data, false)));
        cipher.decryptBlock(data, 0, out, 0);
        expect(bytesToHex(out)).toBe(bytesToHex(referenceBlock(k, data, true)));
      }),
      { numRuns: 200 },
    );
  });

  it('round-key words are the six-bit groups 1, 3, 5, 7 and 0, 2, 4, 6, in either order', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 8, maxLength: 8 }), fc.boolean(), (k, decrypt) => {
        const groups = desKeySchedule(k, 0);
        const words = new Int32Array(34);
        desKeyWordsInto(k, 0, words, 1, decrypt);
        const expected = Array.from({ length: 32 }, (_, index) => {
          const g = (decrypt ? 15 - (index >> 1) : index >> 1) * 8 + (index & 1 ? 0 : 1);
          return (groups[g]! << 24) | (groups[g + 2]! << 16) | (groups[g + 4]! << 8) | groups[g + 6]!;
        });
        expect([...words.subarray(1, 33)]).toEqual(expected);
        expect([words[0], words[33]]).toEqual([0, 0]);
      }),
      { numRuns: 200 },
    );
  });

  it('DesScratch (DUKPT) single DES and 2-key TDES, interleaved, like the reference', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), block, block, (k, a, b) => {
        const scratch = new DesScratch();
        const out = new Uint8Array(17);
        scratch.loadTdes(k, 0);
        scratch.desEncrypt(k, 8, a, 0, out, 9);
        expect(bytesToHex(out.subarray(9))).toBe(bytesToHex(referenceDes(k, 8, a, false)));
        scratch.tdesEncrypt(b, 0, out, 1);
        expect(bytesToHex(out.subarray(1, 9))).toBe(bytesToHex(referenceBlock(k, b, false)));
      }),
      { numRuns: 100 },
    );
  });
});
