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
import {
  accountRecordFromRow,
  holdRecordFromRow,
  IssuerError,
  testCardAccounts,
  TEST_PIN_VERIFICATION_KEYS_HEX,
  type IssuerAccountRow,
} from '../../src/issuer/index.js';
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

describe('stored rows', () => {
  it('read back as records, and a value the issuer does not know names its column', async () => {
    const seed = await testCardAccounts(panHash, new SoftwareHsm({ lmk: LMK, random: new SeededRandom(1) }));
    const row = { ...seed.accounts[0]!, updatedAt: 1 } as IssuerAccountRow;
    expect(accountRecordFromRow(row)).toEqual(seed.accounts[0]);
    expect(accountRecordFromRow({ ...row, behaviour: null }).behaviour).toBe('approve');
    expect(() => accountRecordFromRow({ ...row, status: 'frozen' })).toThrow(/status/);
    expect(() => accountRecordFromRow({ ...row, pvv: null })).toThrow(IssuerError);
    const hold = {
      id: 'H00000000001',
      panHash: row.panHash,
      transactionId: 'T1',
      amountMinor: 5,
      status: 'held',
    };
    expect(holdRecordFromRow(hold).status).toBe('held');
    expect(() => holdRecordFromRow({ ...hold, status: 'active' })).toThrow(/hold status/);
  });
});
