/** The word-based DES core against a bit-by-bit FIPS 46-3 DES, on random keys and blocks. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToHex, createCipher } from '@payterm/crypto';
import { DesScratch } from '../src/cipher/des-fast-key.js';
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
