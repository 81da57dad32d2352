/** The pure TypeScript ciphers agree with node:crypto on random keys and data, in every mode. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToHex, createCipher, type CipherAlgorithm } from '@payterm/crypto';
import { createNodeCipher } from '@payterm/crypto/node';

const KEY_LENGTHS: Record<CipherAlgorithm, number[]> = { des: [8], tdes: [16, 24], aes: [16, 24, 32] };

const keyedData = fc
  .constantFrom<[CipherAlgorithm, number]>(
    ...Object.entries(KEY_LENGTHS).flatMap(([algorithm, lengths]) =>
      lengths.map((length) => [algorithm as CipherAlgorithm, length] as [CipherAlgorithm, number]),
    ),
  )
  .chain(([algorithm, keyLength]) => {
    const blockSize = algorithm === 'aes' ? 16 : 8;
    return fc.record({
      algorithm: fc.constant(algorithm),
      key: fc.uint8Array({ minLength: keyLength, maxLength: keyLength }),
      iv: fc.uint8Array({ minLength: blockSize, maxLength: blockSize }),
      data: fc
        .integer({ min: 0, max: 6 })
        .chain((blocks) => fc.uint8Array({ minLength: blocks * blockSize, maxLength: blocks * blockSize })),
    });
  });

describe('pure TypeScript vs node:crypto', () => {
  it('ECB and CBC, both directions', () => {
    fc.assert(
      fc.property(keyedData, ({ algorithm, key, iv, data }) => {
        const soft = createCipher(algorithm, key);
        const native = createNodeCipher(algorithm, key);
        expect(bytesToHex(soft.encryptBlocksEcb(data))).toBe(bytesToHex(native.encryptBlocksEcb(data)));
        expect(bytesToHex(soft.decryptBlocksEcb(data))).toBe(bytesToHex(native.decryptBlocksEcb(data)));
        expect(bytesToHex(soft.encryptCbc(iv, data))).toBe(bytesToHex(native.encryptCbc(iv, data)));
        expect(bytesToHex(soft.decryptCbc(iv, data))).toBe(bytesToHex(native.decryptCbc(iv, data)));
        expect(soft.decryptBlocksEcb(soft.encryptBlocksEcb(data))).toEqual(data);
      }),
      { numRuns: 300 },
    );
  });

  it('block operations at offsets, repeated on one cached node cipher', () => {
    fc.assert(
      fc.property(keyedData, fc.integer({ min: 0, max: 5 }), ({ algorithm, key, data }, offset) => {
        const soft = createCipher(algorithm, key);
        const native = createNodeCipher(algorithm, key);
        const size = soft.blockSize;
        const input = new Uint8Array(offset + data.length);
        input.set(data, offset);
        const a = new Uint8Array(input.length + 3);
        const b = new Uint8Array(input.length + 3);
        for (let at = offset; at + size <= input.length; at += size) {
          soft.encryptBlock(input, at, a, at + 3);
          native.encryptBlock(input, at, b, at + 3);
          soft.decryptBlock(a, at + 3, a, at + 3);
          native.decryptBlock(b, at + 3, b, at + 3);
        }
        expect(bytesToHex(a)).toBe(bytesToHex(b));
      }),
      { numRuns: 200 },
    );
  });

  it('TDES with K1 = K2 (= K3) is single DES, and 2-key TDES is 3-key with K3 = K1', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        fc.uint8Array({ minLength: 8, maxLength: 8 }),
        (key, block) => {
          const k1 = key.subarray(0, 8);
          const single = createCipher('des', k1).encryptBlocksEcb(block);
          const doubled = new Uint8Array([...k1, ...k1]);
          expect(createCipher('tdes', doubled).encryptBlocksEcb(block)).toEqual(single);
          const three = new Uint8Array([...key, ...k1]);
          expect(createCipher('tdes', three).encryptBlocksEcb(block)).toEqual(
            createCipher('tdes', key).encryptBlocksEcb(block),
          );
        },
      ),
    );
  });
});
