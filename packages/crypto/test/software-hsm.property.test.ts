import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createCipher,
  createCmac,
  createRetailMac,
  decryptPinBlock,
  encryptPinBlock,
  hexToBytes,
} from '@payterm/crypto';
import { SeededRandom } from '@payterm/kernel';
import { importClear, newHsm } from './support/hsm.js';

const MAK = '042666B4918430A368DE9628D03984C9';
const ZPK = '0123456789ABCDEFFEDCBA9876543210';
const TPK = '042666B49184CF5C68DE9628D0397B36';

describe('SoftwareHsm agrees with the plain functions', () => {
  it('MACs of any data equal createRetailMac / createCmac with the clear key', async () => {
    const { hsm } = newHsm();
    const mak = await importClear(hsm, 'ZAK', MAK);
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 64 }), async (data) => {
        const key = hexToBytes(MAK);
        expect(await hsm.generateMac({ key: { key: mak }, algorithm: 'x9.19', data })).toEqual(
          createRetailMac(createCipher, key).compute(data),
        );
        expect(await hsm.generateMac({ key: { key: mak }, algorithm: 'cmac', data })).toEqual(
          createCmac(createCipher('tdes', key)).compute(data),
        );
      }),
      { numRuns: 50 },
    );
  });

  it('a PIN translated TPK → ZPK decrypts to the same PIN under the ZPK', async () => {
    const { hsm } = newHsm();
    const tpk = await importClear(hsm, 'TPK', TPK);
    const zpk = await importClear(hsm, 'ZPK', ZPK);
    const pins = fc.stringMatching(/^[0-9]{4,12}$/);
    const pans = fc.stringMatching(/^[0-9]{12,19}$/);
    await fc.assert(
      fc.asyncProperty(
        pins,
        pans,
        fc.constantFrom(0 as const, 3 as const),
        fc.constantFrom(0 as const, 3 as const),
        async (pin, pan, from, to) => {
          const random = new SeededRandom(pin.length);
          const block = encryptPinBlock(createCipher('tdes', hexToBytes(TPK)), {
            format: from,
            pin,
            pan,
            random,
          });
          const translated = await hsm.translatePin({
            pinBlock: block,
            pan,
            from: { key: { key: tpk }, format: from },
            to: { key: zpk, format: to },
          });
          expect(
            decryptPinBlock(createCipher('tdes', hexToBytes(ZPK)), translated, { format: to, pan }).reveal(),
          ).toBe(pin);
        },
      ),
      { numRuns: 50 },
    );
  });
});
