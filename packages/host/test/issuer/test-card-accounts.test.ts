import { describe, expect, it } from 'vitest';
import {
  adjustKeyParity,
  bytesToHex,
  createCipher,
  hexToBytes,
  keyCheckValue,
  SoftwareHsm,
} from '@payterm/crypto';
import { SeededRandom } from '@payterm/kernel';
import { testCardAccounts, TEST_PIN_VERIFICATION_KEYS_HEX } from '../../src/issuer/index.js';
import { LMK, panHash } from './issuer-fixture.js';

const kcvOf = (hex: string): string =>
  bytesToHex(keyCheckValue(createCipher('tdes', adjustKeyParity(hexToBytes(hex)))));

describe('testCardAccounts', () => {
  it.each(['odd', 'any'] as const)(
    'imports the very test PVKs into an HSM with key parity %s',
    async (keyParity) => {
      const hsm = new SoftwareHsm({ lmk: LMK, random: new SeededRandom(1), keyParity });
      const seed = await testCardAccounts(panHash, hsm);
      expect(seed.ibmPvk).toMatchObject({
        type: 'IBM_PVK',
        kcv: kcvOf(TEST_PIN_VERIFICATION_KEYS_HEX.ibmPvk),
      });
      expect(seed.visaPvk).toMatchObject({
        type: 'VISA_PVK',
        kcv: kcvOf(TEST_PIN_VERIFICATION_KEYS_HEX.visaPvk),
      });
      expect(seed.ibmPvk.exportable).toBe(false);
    },
  );

  it('is deterministic: the same keys give the same records', async () => {
    const first = await testCardAccounts(panHash, new SoftwareHsm({ lmk: LMK, random: new SeededRandom(1) }));
    const second = await testCardAccounts(
      panHash,
      new SoftwareHsm({ lmk: LMK, random: new SeededRandom(2) }),
    );
    expect(second.accounts).toEqual(first.accounts);
  });
});
