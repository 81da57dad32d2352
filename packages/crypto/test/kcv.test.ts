/** Key check value vectors K1–K8 (fixtures/kcv.json) against both implementations. */
import { describe, expect, it } from 'vitest';
import {
  bytesToHex,
  hexToBytes,
  keyCheckValue,
  verifyKeyCheckValue,
  type CipherAlgorithm,
  type KcvMethod,
} from '@payterm/crypto';
import { byId, loadFixtures } from './support/fixtures.js';
import { IMPLEMENTATIONS } from './support/implementations.js';

interface KcvInputs {
  algorithm: CipherAlgorithm;
  key?: string;
  components?: string[];
  method: KcvMethod | 'globalplatform';
}
type KcvExpected = Partial<Record<'kcv2' | 'kcv3' | 'kcv5' | 'full' | 'key', string>>;

const FIXTURES = loadFixtures<KcvInputs, KcvExpected>('kcv');

function keyOf(inputs: KcvInputs): Uint8Array {
  if (inputs.key !== undefined) return hexToBytes(inputs.key);
  const parts = (inputs.components ?? []).map(hexToBytes);
  return parts.reduce((sum, part) => sum.map((byte, index) => byte ^ part[index]!));
}

describe.each(IMPLEMENTATIONS)('%s', (_name, createCipher) => {
  it.each(byId(FIXTURES))('%s', (_id, { inputs, expected }) => {
    const key = keyOf(inputs);
    if (expected.key !== undefined) expect(bytesToHex(key)).toBe(expected.key);
    const cipher = createCipher(inputs.algorithm, key);
    if (inputs.method === 'globalplatform') {
      const ones = cipher.encryptBlocksEcb(new Uint8Array(16).fill(1));
      expect(bytesToHex(ones.subarray(0, 3))).toBe(expected.kcv3);
      return;
    }
    const method = inputs.method;
    const lengths = { kcv2: 2, kcv3: 3, kcv5: 5, full: cipher.blockSize } as const;
    for (const [name, length] of Object.entries(lengths)) {
      const value = expected[name as keyof typeof lengths];
      if (value === undefined) continue;
      expect(bytesToHex(keyCheckValue(cipher, { method, length }))).toBe(value);
      expect(verifyKeyCheckValue(cipher, hexToBytes(value), method)).toBe(true);
    }
  });

  it('defaults to 3 bytes, encrypt-zeros for TDES and CMAC for AES', () => {
    const bytes = hexToBytes('3F419E1CB7079442AA37474C2EFBF8B8');
    expect(bytesToHex(keyCheckValue(createCipher('tdes', bytes)))).toBe('57C409');
    expect(bytesToHex(keyCheckValue(createCipher('aes', bytes)))).toBe('08793E');
    expect(verifyKeyCheckValue(createCipher('aes', bytes), hexToBytes('E5E07C'))).toBe(false);
  });

  it('rejects a wrong check value', () => {
    const cipher = createCipher('tdes', hexToBytes('0123456789ABCDEFFEDCBA9876543210'));
    expect(verifyKeyCheckValue(cipher, hexToBytes('08D7B5'))).toBe(false);
  });
});
