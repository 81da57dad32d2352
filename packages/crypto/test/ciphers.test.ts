/** Block cipher vectors (fixtures/ciphers.json) against both BlockCipher implementations. */
import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes, keyCheckValue, type CipherAlgorithm } from '@payterm/crypto';
import { byId, loadFixtures } from './support/fixtures.js';
import { IMPLEMENTATIONS } from './support/implementations.js';

interface CipherInputs {
  algorithm: CipherAlgorithm;
  key: string;
  mode: 'ecb' | 'cbc';
  iv?: string;
  data: string;
}
interface CipherExpected {
  encrypted: string;
  checkValue?: { algorithm: CipherAlgorithm; length: number; value: string };
}

const FIXTURES = loadFixtures<CipherInputs, CipherExpected>('ciphers');

describe.each(IMPLEMENTATIONS)('%s', (_name, createCipher) => {
  describe.each(byId(FIXTURES))('%s', (_id, { inputs, expected }) => {
    const cipher = createCipher(inputs.algorithm, hexToBytes(inputs.key));
    const data = hexToBytes(inputs.data);
    const encrypted = hexToBytes(expected.encrypted);

    it('encrypts and decrypts', () => {
      if (inputs.mode === 'cbc') {
        const iv = hexToBytes(inputs.iv ?? '');
        expect(bytesToHex(cipher.encryptCbc(iv, data))).toBe(expected.encrypted);
        expect(bytesToHex(cipher.decryptCbc(iv, encrypted))).toBe(inputs.data);
      } else {
        expect(bytesToHex(cipher.encryptBlocksEcb(data))).toBe(expected.encrypted);
        expect(bytesToHex(cipher.decryptBlocksEcb(encrypted))).toBe(inputs.data);
      }
    });
  });

  it.each(byId(FIXTURES.filter((fixture) => fixture.expected.checkValue !== undefined)))(
    '%s gives the published check value of the clear key',
    (_id, { inputs, expected }) => {
      const check = expected.checkValue!;
      const data = hexToBytes(inputs.data);
      const key = data.subarray(0, check.algorithm === 'des' ? 8 : data.length);
      const kcv = keyCheckValue(createCipher(check.algorithm, key), { length: check.length });
      expect(bytesToHex(kcv)).toBe(check.value);
    },
  );

  it('writes into a caller buffer and works in place', () => {
    const cipher = createCipher('aes', hexToBytes('000102030405060708090A0B0C0D0E0F'));
    const buffer = hexToBytes('00112233445566778899AABBCCDDEEFF');
    expect(cipher.encryptBlocksEcb(buffer, buffer)).toBe(buffer);
    expect(bytesToHex(buffer)).toBe('69C4E0D86A7B0430D8CDB78070B4C55A');
    const iv = new Uint8Array(16).fill(7);
    const two = hexToBytes('00112233445566778899AABBCCDDEEFF0102030405060708090A0B0C0D0E0F10');
    const encrypted = cipher.encryptCbc(iv, two);
    expect(bytesToHex(cipher.decryptCbc(iv, encrypted, encrypted))).toBe(bytesToHex(two));
  });

  it('reports block size and key length', () => {
    expect(createCipher('des', new Uint8Array(8))).toMatchObject({
      algorithm: 'des',
      blockSize: 8,
      keyLength: 8,
    });
    expect(createCipher('tdes', new Uint8Array(24))).toMatchObject({ blockSize: 8, keyLength: 24 });
    expect(createCipher('aes', new Uint8Array(32))).toMatchObject({ blockSize: 16, keyLength: 32 });
  });
});
