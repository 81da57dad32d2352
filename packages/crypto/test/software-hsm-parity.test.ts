import { describe, expect, it } from 'vitest';
import {
  bytesToHex,
  createCipher,
  hasOddKeyParity,
  hexToBytes,
  wrapTr31KeyBlock,
  SoftwareHsm,
} from '@payterm/crypto';
import { SeededRandom } from '@payterm/kernel';
import { expectHsmError, LMK, newHsm } from './support/hsm.js';

/** K1's TMK: odd parity on every byte. */
const TMK = '0123456789ABCDEFFEDCBA9876543210';
/** The same TMK with byte 5 (AB → AA) flipped to even parity. */
const FLIPPED = '0123456789AACDEFFEDCBA9876543210';
/** W2's TMK, odd parity: the KEK of the cryptogram and TR-31 cases. */
const KEK = '70F2A84CCBC2AE8625CBB0F2C22AB923';
/** Odd-parity components whose XOR is TMK (the first is K8's first component). */
const C1 = 'E09B073B4007541FAB76B04370451031';

function xorHex(a: string, b: string): string {
  const left = hexToBytes(a);
  const right = hexToBytes(b);
  return bytesToHex(left.map((byte, index) => byte ^ right[index]!));
}

function strictHsm(): SoftwareHsm {
  return newHsm({ keyParity: 'odd' }).hsm;
}

async function importKek(hsm: SoftwareHsm) {
  // Three odd components (C1 ⊕ C1 ⊕ KEK = KEK) make an odd key.
  return hsm.importKey({
    kind: 'components',
    type: 'ZMK',
    algorithm: 'tdes',
    components: [C1, C1, KEK].map((hex) => ({ value: hexToBytes(hex) })),
  });
}

describe('SoftwareHsm key parity (keyParity odd, the default)', () => {
  it('the default SoftwareHsm enforces odd parity', async () => {
    const hsm = new SoftwareHsm({ lmk: LMK, random: new SeededRandom(1) });
    await expectHsmError(
      hsm.importKey({
        kind: 'components',
        type: 'TMK',
        algorithm: 'tdes',
        components: [{ value: hexToBytes(C1) }, { value: hexToBytes(xorHex(FLIPPED, C1)) }],
      }),
      'HSM_KEY_PARITY_INVALID',
    );
  });

  it('forms a key from odd components and sets the result to odd parity, keeping the check value', async () => {
    const hsm = strictHsm();
    const kek = await importKek(hsm);
    // Two odd components XOR to an even key (K8's AC24…); the stored one is odd.
    const tmk = await hsm.importKey({
      kind: 'components',
      type: 'TMK',
      algorithm: 'tdes',
      components: [{ value: hexToBytes(C1) }, { value: hexToBytes('4CBF5D51EA8525EF045EFED6E386D9D9') }],
      kcv: hexToBytes('40D522'),
    });
    expect(tmk.kcv).toBe('40D522');
    const exported = await hsm.exportKey({ key: tmk, kek, format: 'cryptogram' });
    const clear = createCipher('tdes', hexToBytes(KEK)).decryptBlocksEcb(exported.cryptogram!);
    expect(hasOddKeyParity(clear)).toBe(true);
    expect(bytesToHex(clear)).toBe('AD255B6BAB8370F1AE294F9492C2C8E9');
  });

  it('refuses a TMK component with one byte of even parity, without key bytes in the error', async () => {
    const hsm = strictHsm();
    const c2 = xorHex(FLIPPED, C1);
    const error = await expectHsmError(
      hsm.importKey({
        kind: 'components',
        type: 'TMK',
        algorithm: 'tdes',
        components: [{ value: hexToBytes(C1) }, { value: hexToBytes(c2) }],
      }),
      'HSM_KEY_PARITY_INVALID',
      [FLIPPED, C1, c2, FLIPPED.slice(8, 16), c2.slice(8, 16)],
    );
    expect(error.details).toEqual({ source: 'component 2' });
  });

  it('refuses a TMK with one byte of even parity under a KEK (cryptogram)', async () => {
    const hsm = strictHsm();
    const kek = await importKek(hsm);
    const encrypt = (hex: string) => createCipher('tdes', hexToBytes(KEK)).encryptBlocksEcb(hexToBytes(hex));
    const good = await hsm.importKey({
      kind: 'cryptogram',
      type: 'TMK',
      algorithm: 'tdes',
      kek,
      cryptogram: encrypt(TMK),
    });
    expect(good.kcv).toBe('08D7B4');
    const error = await expectHsmError(
      hsm.importKey({
        kind: 'cryptogram',
        type: 'TMK',
        algorithm: 'tdes',
        kek,
        cryptogram: encrypt(FLIPPED),
      }),
      'HSM_KEY_PARITY_INVALID',
      [FLIPPED, bytesToHex(encrypt(FLIPPED))],
    );
    expect(error.details).toEqual({ source: 'cryptogram' });
  });

  it('refuses a TMK with one byte of even parity in a TR-31 block, and accepts AES keys of any bits', async () => {
    const hsm = strictHsm();
    const kek = await importKek(hsm);
    const block = (hex: string, algorithm: 'T' | 'A' = 'T') =>
      wrapTr31KeyBlock({
        version: 'B',
        kbpk: hexToBytes(KEK),
        header: { keyUsage: 'K0', algorithm, modeOfUse: 'B', exportability: 'E' },
        key: hexToBytes(hex),
        random: new SeededRandom(3),
      });
    const good = await hsm.importKey({ kind: 'tr31', kbpk: kek, keyBlock: block(TMK), type: 'TMK' });
    expect(good.kcv).toBe('08D7B4');
    const error = await expectHsmError(
      hsm.importKey({ kind: 'tr31', kbpk: kek, keyBlock: block(FLIPPED), type: 'TMK' }),
      'HSM_KEY_PARITY_INVALID',
      [FLIPPED],
    );
    expect(error.details).toEqual({ source: 'tr31' });
    // R4's key as AES-128: even bytes, no parity for AES.
    const aes = await hsm.importKey({
      kind: 'tr31',
      kbpk: kek,
      keyBlock: block('3F419E1CB7079442AA37474C2EFBF8B8', 'A'),
      type: 'TMK',
    });
    expect(aes.kcv).toBe('08793E');
  });

  it('keyParity any accepts the even-parity published keys unchanged (K8)', async () => {
    const hsm = newHsm({ keyParity: 'any' }).hsm;
    const zmk = await hsm.importKey({
      kind: 'components',
      type: 'ZMK',
      algorithm: 'tdes',
      components: [
        'E09B073B4007541FAB76B04370451031',
        '4CBF5D51EA8525EF045EFED6E386D9D9',
        '00000000000000000000000000000000',
      ].map((hex) => ({ value: hexToBytes(hex) })),
    });
    expect(zmk.kcv).toBe('40D522');
  });
});
