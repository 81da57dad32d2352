/** PIN verification vectors V1–V7: IBM 3624 natural PIN and offset, Visa PVV. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bytesToHex,
  createCipher,
  encryptPinBlock,
  hexToBytes,
  ibm3624NaturalPin,
  ibm3624Offset,
  ibm3624PinFromOffset,
  ibm3624ValidationData,
  verifyIbm3624Offset,
  verifyVisaPvv,
  visaPvv,
} from '@payterm/crypto';
import { SeededRandom } from '@payterm/kernel';
import { verifyIbm3624OffsetOfField } from '../src/pin/ibm-3624.js';
import { decryptPinFieldInto } from '../src/pin/pin-block.js';
import { expectCryptoError } from './support/crypto-error-shape.js';
import { byId, loadFixtures } from './support/fixtures.js';
import { IMPLEMENTATIONS } from './support/implementations.js';

interface VerificationInputs {
  method: 'ibm3624' | 'visa-pvv';
  pvk: string;
  decimalizationTable: string;
  pan: string;
  start: number;
  length: number;
  pad: string;
  pvki: number;
  pin: string;
}
interface VerificationExpected {
  encrypted?: string;
  naturalPin?: string;
  offsets?: { pin: string; offset: string }[];
  tsp?: string;
  pvv?: string;
}

const FIXTURES = loadFixtures<VerificationInputs, VerificationExpected>('pin-verification');

describe.each(IMPLEMENTATIONS)('%s', (_name, createCipher) => {
  it.each(byId(FIXTURES.filter((fixture) => fixture.inputs.method === 'ibm3624')))(
    '%s',
    (_id, { inputs, expected }) => {
      const pvk = createCipher('tdes', hexToBytes(inputs.pvk));
      const validationData = ibm3624ValidationData(inputs.pan, inputs);
      const params = { validationData, decimalizationTable: inputs.decimalizationTable };
      if (expected.encrypted !== undefined) {
        expect(bytesToHex(pvk.encryptBlocksEcb(hexToBytes(validationData)))).toBe(expected.encrypted);
      }
      expect(ibm3624NaturalPin(pvk, params, 4).reveal()).toBe(expected.naturalPin);
      for (const { pin, offset } of expected.offsets ?? []) {
        expect(ibm3624Offset(pvk, params, pin)).toBe(offset);
        expect(ibm3624PinFromOffset(pvk, params, offset).reveal()).toBe(pin);
        expect(verifyIbm3624Offset(pvk, params, pin, offset)).toBe(true);
        expect(
          verifyIbm3624Offset(
            pvk,
            params,
            pin,
            offset.replace(/^./, (digit) => String((+digit + 1) % 10)),
          ),
        ).toBe(false);
      }
    },
  );

  it.each(byId(FIXTURES.filter((fixture) => fixture.inputs.method === 'visa-pvv')))(
    '%s',
    (_id, { inputs, expected }) => {
      const pvk = createCipher('tdes', hexToBytes(inputs.pvk));
      expect(bytesToHex(pvk.encryptBlocksEcb(hexToBytes(expected.tsp!)))).toBe(
        (expected as { encrypted: string }).encrypted,
      );
      const input = { pan: inputs.pan, pvki: inputs.pvki, pin: inputs.pin };
      expect(visaPvv(pvk, input)).toBe(expected.pvv);
      expect(verifyVisaPvv(pvk, { ...input, pvv: expected.pvv! })).toBe(true);
      expect(
        verifyVisaPvv(pvk, { ...input, pin: inputs.pin === '0000' ? '0001' : '0000', pvv: expected.pvv! }),
      ).toBe(false);
    },
  );
});

describe('IBM 3624 offset verification over random PINs', () => {
  const digits = (min: number, max: number) =>
    fc.array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max }).map((list) => list.join(''));

  it.each(IMPLEMENTATIONS)('%s: accepts exactly the offset ibm3624Offset gives', (_name, createCipher) => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        digits(13, 19),
        digits(4, 12),
        fc.nat(),
        fc.integer({ min: 1, max: 9 }),
        (key, pan, pin, position, change) => {
          const pvk = createCipher('tdes', key);
          const params = {
            validationData: ibm3624ValidationData(pan),
            decimalizationTable: '0123456789012345',
          };
          const offset = ibm3624Offset(pvk, params, pin);
          expect(verifyIbm3624Offset(pvk, params, pin, offset)).toBe(true);
          const at = position % offset.length;
          const wrong = offset.slice(0, at) + String((+offset[at]! + change) % 10) + offset.slice(at + 1);
          expect(verifyIbm3624Offset(pvk, params, pin, wrong)).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses non-hex validation data with CRYPTO_INVALID_HEX, then verifies the next call as usual', () => {
    const pvk = createCipher('tdes', hexToBytes('0123456789ABCDEFFEDCBA9876543210'));
    const params = {
      validationData: ibm3624ValidationData('6200001000000011'),
      decimalizationTable: '0123456789012345',
    };
    const offset = ibm3624Offset(pvk, params, '1234');
    const bad = { ...params, validationData: '62000010000000G1' };
    expectCryptoError(() => verifyIbm3624Offset(pvk, bad, '1234', offset), 'CRYPTO_INVALID_HEX');
    expect(verifyIbm3624Offset(pvk, params, '1234', offset)).toBe(true);
    expect(ibm3624Offset(pvk, params, '1234')).toBe(offset);
  });

  it('verifies from a decrypted PIN field exactly as from the PIN, right or wrong offset', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        fc.constantFrom<0 | 1 | 3>(0, 1, 3),
        digits(13, 19),
        digits(4, 12),
        fc.option(digits(4, 12), { nil: undefined }),
        fc.nat(),
        (key, format, pan, pin, otherOffset, seed) => {
          const cipher = createCipher('tdes', key);
          const params = {
            validationData: ibm3624ValidationData(pan),
            decimalizationTable: '0123456789012345',
          };
          const offset = otherOffset ?? ibm3624Offset(cipher, params, pin);
          const block = encryptPinBlock(cipher, { format, pin, pan, random: new SeededRandom(seed) });
          const field = new Uint8Array(8);
          decryptPinFieldInto(cipher, block, format, pan, field);
          expect(verifyIbm3624OffsetOfField(cipher, params, field, offset)).toBe(
            verifyIbm3624Offset(cipher, params, pin, offset),
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
