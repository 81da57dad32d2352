import { describe, expect, it } from 'vitest';
import {
  bytesToHex,
  createCipher,
  createCupEcbMac,
  decryptCupSignInKeys,
  decryptPinBlock,
  encryptPinBlock,
  hexToBytes,
  SoftwareHsm,
} from '@payterm/crypto';
import { SeededRandom } from '@payterm/kernel';
import { TerminalSecurity } from '../../src/security/terminal-security.js';
import { importClearTdesKey } from '../../src/security/clear-key-import.js';

const LMK = Uint8Array.from({ length: 32 }, (_, index) => 255 - index);
/** The demo terminals' TMK (test-cards.md), KCV 08D7B4. */
const TMK = '0123456789ABCDEFFEDCBA9876543210';
const ZPK = '89B07A34A1B3F47F0101020204040808';
const PAN = '6200001000000011';

async function setUp() {
  const hsm = new SoftwareHsm({ lmk: LMK, random: new SeededRandom(3), keyCacheSize: 16 });
  const tmk = await importClearTdesKey(hsm, 'TMK', TMK, { kcv: '08D7B4' });
  const zpk = await importClearTdesKey(hsm, 'ZPK', ZPK);
  return { security: new TerminalSecurity(hsm), tmk, zpk };
}

describe('TerminalSecurity', () => {
  it('issues working keys a terminal recovers with its TMK, and MACs with the MAK the terminal holds', async () => {
    const { security, tmk } = await setUp();
    const keys = await security.issueWorkingKeys(tmk.id, '004');
    const clear = decryptCupSignInKeys(hexToBytes(TMK), keys.field62);
    expect(clear.layout).toBe('004');
    expect(keys.tdk).toBeDefined();
    const input = new TextEncoder().encode('0200 MTI to field 63 of a sale');
    const terminalMac = createCupEcbMac(createCipher, clear.mak).compute(input);
    const hostMac = await security.mac(keys.mak.id, input);
    expect(bytesToHex(hostMac)).toBe(bytesToHex(terminalMac));
    expect(await security.verifyMac(keys.mak.id, input, terminalMac)).toBe(true);
    const tampered = input.slice();
    tampered[5] = 0x39;
    expect(await security.verifyMac(keys.mak.id, tampered, terminalMac)).toBe(false);
  });

  it('translates a PIN block from the terminal PIK to the issuer ZPK without a clear PIN leaving the HSM', async () => {
    const { security, tmk, zpk } = await setUp();
    const keys = await security.issueWorkingKeys(tmk.id, '004');
    const clear = decryptCupSignInKeys(hexToBytes(TMK), keys.field62);
    const random = new SeededRandom(9);
    const underPik = encryptPinBlock(createCipher('tdes', clear.pik), {
      format: 0,
      pin: '123456',
      pan: PAN,
      random,
    });
    const underZpk = await security.translatePin(keys.pik.id, underPik, PAN, zpk);
    expect(bytesToHex(underZpk)).not.toBe(bytesToHex(underPik));
    const pin = decryptPinBlock(createCipher('tdes', hexToBytes(ZPK)), underZpk, { format: 0, pan: PAN });
    expect(pin.reveal()).toBe('123456');
  });

  it('caches handles by id and forgets a lookup that failed', async () => {
    const { security, tmk } = await setUp();
    expect(await security.key(tmk.id)).toBe(await security.key(tmk.id));
    await expect(security.key('key-missing')).rejects.toMatchObject({ code: 'HSM_KEY_NOT_FOUND' });
    await expect(security.key('key-missing')).rejects.toMatchObject({ code: 'HSM_KEY_NOT_FOUND' });
  });
});
