/** Every MAC rejects a flipped bit in the MAC or in the data, and agrees across both implementations. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bytesToHex,
  createCbcMac,
  createCmac,
  createCupEcbMac,
  createRetailMac,
  type CipherFactory,
  type Mac,
} from '@payterm/crypto';
import { IMPLEMENTATIONS } from './support/implementations.js';

type MacMaker = (createCipher: CipherFactory, key: Uint8Array) => Mac;

const MAC_MAKERS: [string, MacMaker][] = [
  ['CBC-MAC TDES padding 1', (create, key) => createCbcMac(create('tdes', key), { padding: 1 })],
  ['CBC-MAC AES padding 2', (create, key) => createCbcMac(create('aes', key), { padding: 2 })],
  ['retail MAC', (create, key) => createRetailMac(create, key, { padding: 2 })],
  ['TDES-CMAC', (create, key) => createCmac(create('tdes', key))],
  ['AES-CMAC', (create, key) => createCmac(create('aes', key))],
  ['CUP ECB 8-byte MAK', (create, key) => createCupEcbMac(create, key.subarray(0, 8))],
  ['CUP ECB 16-byte MAK', (create, key) => createCupEcbMac(create, key)],
];

const key16 = fc.uint8Array({ minLength: 16, maxLength: 16 });
const data = fc.uint8Array({ minLength: 1, maxLength: 300 });

describe.each(MAC_MAKERS)('%s', (_name, makeMac) => {
  it.each(IMPLEMENTATIONS)(
    '%s: verify rejects any flipped bit of the MAC or the data',
    (_impl, createCipher) => {
      fc.assert(
        fc.property(key16, data, fc.nat(), fc.nat(), (key, message, macBit, dataBit) => {
          const mac = makeMac(createCipher, key);
          const tag = mac.compute(message);
          expect(mac.verify(message, tag)).toBe(true);
          const flippedTag = tag.slice();
          const bit = macBit % (tag.length * 8);
          flippedTag[bit >> 3] = flippedTag[bit >> 3]! ^ (1 << (bit & 7));
          expect(mac.verify(message, flippedTag)).toBe(false);
          const flippedData = message.slice();
          const at = dataBit % (message.length * 8);
          flippedData[at >> 3] = flippedData[at >> 3]! ^ (1 << (at & 7));
          expect(mac.verify(flippedData, tag)).toBe(false);
        }),
        { numRuns: 150 },
      );
    },
  );

  it('both implementations give the same MAC', () => {
    fc.assert(
      fc.property(key16, data, (key, message) => {
        const [soft, native] = IMPLEMENTATIONS.map(([, createCipher]) => makeMac(createCipher, key));
        expect(bytesToHex(soft!.compute(message))).toBe(bytesToHex(native!.compute(message)));
      }),
      { numRuns: 150 },
    );
  });
});

/** The POS ECB MAC as the reference writes it: zero-pad, XOR the blocks, then the two hex halves. */
function cupEcbMacByTheBook(createCipher: CipherFactory, key: Uint8Array, message: Uint8Array): string {
  const padded = new Uint8Array(Math.ceil(message.length / 8) * 8);
  padded.set(message);
  const xor = new Uint8Array(8);
  for (let offset = 0; offset < padded.length; offset += 8) {
    for (let index = 0; index < 8; index += 1) xor[index] = xor[index]! ^ padded[offset + index]!;
  }
  const hex = new TextEncoder().encode(bytesToHex(xor).toUpperCase());
  const cipher = createCipher(key.length === 8 ? 'des' : 'tdes', key);
  const left = cipher.encryptBlocksEcb(hex.subarray(0, 8));
  for (let index = 0; index < 8; index += 1) left[index] = left[index]! ^ hex[8 + index]!;
  return bytesToHex(cipher.encryptBlocksEcb(left).subarray(0, 4)).toUpperCase();
}

describe('CUP ECB MAC', () => {
  it.each(IMPLEMENTATIONS)('%s: equals the reference steps for any length', (_impl, createCipher) => {
    fc.assert(
      fc.property(key16, fc.boolean(), fc.uint8Array({ maxLength: 300 }), (key, single, message) => {
        const mak = single ? key.subarray(0, 8) : key;
        const mac = createCupEcbMac(createCipher, mak).compute(message);
        expect(new TextDecoder().decode(mac)).toBe(cupEcbMacByTheBook(createCipher, mak, message));
      }),
      { numRuns: 300 },
    );
  });
});
