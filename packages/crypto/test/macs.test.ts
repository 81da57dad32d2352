/** MAC vectors (fixtures/macs.json): ISO 9797-1 padding, algorithms 1 and 3, CMAC, CUP POS ECB. */
import { describe, expect, it } from 'vitest';
import {
  bytesToHex,
  createCbcMac,
  createCmac,
  createCupEcbMac,
  createRetailMac,
  hexToBytes,
  padIso9797,
  type CipherAlgorithm,
  type CipherFactory,
  type Mac,
  type MacPadding,
} from '@payterm/crypto';
import { byId, loadFixtures } from './support/fixtures.js';
import { IMPLEMENTATIONS } from './support/implementations.js';

interface MacInputs {
  algorithm?: 'retail' | 'cbc-mac' | 'cmac' | 'cup-ecb';
  cipher?: CipherAlgorithm;
  key?: string;
  data: string;
  padding?: MacPadding;
}
interface MacExpected {
  mac?: string;
  macText?: string;
  padded?: string;
}

const FIXTURES = loadFixtures<MacInputs, MacExpected>('macs');
const PADDING = FIXTURES.filter((fixture) => fixture.inputs.algorithm === undefined);
const MACS = FIXTURES.filter((fixture) => fixture.inputs.algorithm !== undefined);

function macFor(createCipher: CipherFactory, inputs: MacInputs): Mac {
  const key = hexToBytes(inputs.key ?? '');
  const padding = inputs.padding ?? 1;
  switch (inputs.algorithm) {
    case 'retail':
      return createRetailMac(createCipher, key, { padding });
    case 'cbc-mac':
      return createCbcMac(createCipher(inputs.cipher!, key), { padding });
    case 'cmac':
      return createCmac(createCipher(inputs.cipher!, key));
    default:
      return createCupEcbMac(createCipher, key);
  }
}

it.each(byId(PADDING))('padding %s', (_id, { inputs, expected }) => {
  expect(bytesToHex(padIso9797(hexToBytes(inputs.data), inputs.padding!, 8))).toBe(expected.padded);
});

describe.each(IMPLEMENTATIONS)('%s', (_name, createCipher) => {
  describe.each(byId(MACS))('%s', (_id, { inputs, expected }) => {
    const mac = macFor(createCipher, inputs);
    const data = hexToBytes(inputs.data);

    it('computes the published MAC', () => {
      expect(bytesToHex(mac.compute(data))).toBe(expected.mac);
      if (expected.macText !== undefined) {
        expect(new TextDecoder().decode(mac.compute(data))).toBe(expected.macText);
      }
    });

    it('verifies it, whole and truncated to 4 bytes, and into a caller buffer', () => {
      const full = hexToBytes(expected.mac!);
      expect(mac.verify(data, full)).toBe(true);
      expect(mac.verify(data, full.subarray(0, 4))).toBe(true);
      const out = new Uint8Array(mac.macLength + 3);
      expect(mac.compute(data, out)).toBe(out);
      expect(bytesToHex(out.subarray(0, mac.macLength))).toBe(expected.mac);
    });
  });

  it('CUP ECB MAC: a 16-byte MAK is 2-key TDES by default, or single DES with its left half', () => {
    const mab = hexToBytes(MACS.find((fixture) => fixture.id === 'U1')!.inputs.data);
    const mak = hexToBytes('C24A8FB57AA20123');
    const doubled = hexToBytes('C24A8FB57AA20123C24A8FB57AA20123');
    const other = hexToBytes('C24A8FB57AA201230123456789ABCDEF');
    const text = (mac: Mac): string => new TextDecoder().decode(mac.compute(mab));
    expect(text(createCupEcbMac(createCipher, doubled))).toBe('8A9E91B8');
    expect(text(createCupEcbMac(createCipher, other, { doubleLengthMak: 'des-left' }))).toBe('8A9E91B8');
    expect(text(createCupEcbMac(createCipher, other))).not.toBe('8A9E91B8');
    expect(text(createCupEcbMac(createCipher, mak))).toBe('8A9E91B8');
  });

  it('CMAC: MACs made again on the same ciphers, in any order, still give the published MACs', () => {
    const cmacs = MACS.filter((fixture) => fixture.inputs.algorithm === 'cmac');
    expect(cmacs.length).toBeGreaterThan(1);
    const ciphers = cmacs.map(({ inputs }) => createCipher(inputs.cipher!, hexToBytes(inputs.key!)));
    for (const round of [0, 1]) {
      const order = round === 0 ? cmacs.keys() : [...cmacs.keys()].reverse();
      for (const index of order) {
        const { inputs, expected } = cmacs[index]!;
        const mac = createCmac(ciphers[index]!);
        expect(bytesToHex(mac.compute(hexToBytes(inputs.data)))).toBe(expected.mac);
      }
    }
  });

  it('truncates to the requested length', () => {
    const key = hexToBytes('042666B4918430A368DE9628D03984C9');
    const mac = createRetailMac(createCipher, key, { macLength: 4 });
    expect(bytesToHex(mac.compute(new TextEncoder().encode('4012345678909D987')))).toBe('9CCC7817');
  });
});
