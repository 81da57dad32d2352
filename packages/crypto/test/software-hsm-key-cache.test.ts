import { describe, expect, it } from 'vitest';
import {
  bytesToHex,
  createCmac,
  createCupEcbMac,
  createCipher,
  encryptPinBlock,
  hexToBytes,
  ibm3624Offset,
  InMemoryKeyStore,
  SoftwareHsm,
  translatePinBlock,
} from '@payterm/crypto';
import { SeededRandom } from '@payterm/kernel';
import { expectCryptoError } from './support/crypto-error-shape.js';
import { expectHsmError, importClear, LMK } from './support/hsm.js';

/** Counts reads, so a test can tell whether the HSM unwrapped the stored blob again. */
class CountingKeyStore extends InMemoryKeyStore {
  reads = 0;
  override get(id: string): Promise<string | undefined> {
    this.reads += 1;
    return super.get(id);
  }
}

const MAK = '1C1C1C1C1C1C1C1C';
const PVK = '0123456789ABCDEF0123456789ABCDEF';
const PAN = '6200001000000011';
const IBM_PARAMS = { validationData: '6200001000000011', decimalizationTable: '0123456789012345' };
const DATA = new TextEncoder().encode('0200 sale of 12.34 CNY for the key cache test');

function newCachingHsm(keyCacheSize: number): { hsm: SoftwareHsm; store: CountingKeyStore } {
  const store = new CountingKeyStore();
  const hsm = new SoftwareHsm({
    lmk: LMK,
    random: new SeededRandom(11),
    keyParity: 'any',
    store,
    keyCacheSize,
  });
  return { hsm, store };
}

/** Three DES MAC keys and a MAC call under any of them, for the LRU tests. */
async function threeMacKeys(hsm: SoftwareHsm) {
  const [first, second, third] = await Promise.all(
    ['1C1C1C1C1C1C1C1C', '2A2A2A2A2A2A2A2A', '3B3B3B3B3B3B3B3B'].map((hex) =>
      importClear(hsm, 'TAK', hex, 'des'),
    ),
  );
  if (first === undefined || second === undefined || third === undefined) throw new Error('keys');
  const mac = (key: typeof first) => hsm.generateMac({ key: { key }, algorithm: 'cup-ecb', data: DATA });
  return { first, second, third, mac };
}

describe('SoftwareHsm key cache', () => {
  it('unwraps a key once and then serves it from its private memory, with the same results', async () => {
    const { hsm, store } = newCachingHsm(4);
    const mak = await importClear(hsm, 'TAK', MAK, 'des');
    const expected = createCupEcbMac(createCipher, hexToBytes(MAK)).compute(DATA);
    const readsBefore = store.reads;
    for (let i = 0; i < 5; i++) {
      const mac = await hsm.generateMac({ key: { key: mak }, algorithm: 'cup-ecb', data: DATA });
      expect(bytesToHex(mac)).toBe(bytesToHex(expected));
    }
    expect(store.reads - readsBefore).toBe(1);
  });

  it('reads the store on every call without a cache (the default)', async () => {
    const { hsm, store } = newCachingHsm(0);
    const mak = await importClear(hsm, 'TAK', MAK, 'des');
    const readsBefore = store.reads;
    for (let i = 0; i < 3; i++)
      await hsm.generateMac({ key: { key: mak }, algorithm: 'cup-ecb', data: DATA });
    expect(store.reads - readsBefore).toBe(3);
  });

  it('evicts the least recently used key when full', async () => {
    const { hsm, store } = newCachingHsm(2);
    const { first, second, third, mac } = await threeMacKeys(hsm);
    await mac(first);
    await mac(second);
    await mac(first); // first is now the most recently used
    await mac(third); // evicts second
    const readsBefore = store.reads;
    await mac(first);
    await mac(third);
    expect(store.reads - readsBefore).toBe(0);
    await mac(second);
    expect(store.reads - readsBefore).toBe(1);
  });

  it('caches a key missed by two calls at once only once, and keeps the LRU order after it', async () => {
    const { hsm, store } = newCachingHsm(2);
    const { first, second, third, mac } = await threeMacKeys(hsm);
    const [a, b] = await Promise.all([mac(first), mac(first)]);
    expect(bytesToHex(a)).toBe(bytesToHex(b));
    await mac(second);
    await mac(first); // first is now the most recently used
    await mac(third); // evicts second, not first
    const readsBefore = store.reads;
    await mac(first);
    await mac(third);
    expect(store.reads - readsBefore).toBe(0);
    await mac(second);
    expect(store.reads - readsBefore).toBe(1);
  });

  it('still refuses a handle whose key is unknown', async () => {
    const { hsm } = newCachingHsm(2);
    await expectHsmError(hsm.getKey('key-unknown'), 'HSM_KEY_NOT_FOUND');
  });

  it('refuses a negative or fractional cache size', () => {
    for (const keyCacheSize of [-1, 1.5]) {
      expectCryptoError(
        () => new SoftwareHsm({ lmk: LMK, random: new SeededRandom(1), keyCacheSize }),
        'CRYPTO_INVALID_ARGUMENT',
      );
    }
  });

  it('gives the same PIN translations, MACs and data encryption with cached ciphers as without', async () => {
    const results: string[][] = [];
    for (const keyCacheSize of [0, 8]) {
      const { hsm } = newCachingHsm(keyCacheSize);
      const tpk = await importClear(hsm, 'TPK', '0123456789ABCDEFFEDCBA9876543210');
      const zpk = await importClear(hsm, 'ZPK', '89B07A34A1B3F47F0101020204040808');
      const tak = await importClear(hsm, 'TAK', '1C1C1C1C1C1C1C1C', 'des');
      const tak16 = await importClear(hsm, 'TAK', '042666B4918430A368DE9628D03984C9');
      const tdk = await importClear(hsm, 'TDK', '00112233445566778899AABBCCDDEEFF', 'aes');
      const pvk = await importClear(hsm, 'IBM_PVK', PVK);
      const underTpk = encryptPinBlock(createCipher('tdes', hexToBytes('0123456789ABCDEFFEDCBA9876543210')), {
        format: 0,
        pin: '123456',
        pan: '6200001000000011',
        random: new SeededRandom(5),
      });
      const run: string[] = [];
      for (let round = 0; round < 3; round++) {
        const translated = await hsm.translatePin({
          pinBlock: underTpk,
          pan: PAN,
          from: { key: { key: tpk }, format: 0 },
          to: { key: zpk, format: 0 },
        });
        run.push(bytesToHex(translated));
        run.push(bytesToHex(await hsm.generateMac({ key: { key: tak }, algorithm: 'cup-ecb', data: DATA })));
        run.push(
          bytesToHex(await hsm.generateMac({ key: { key: tak }, algorithm: 'iso9797-1', data: DATA })),
        );
        for (const algorithm of ['cup-ecb', 'x9.19', 'cmac'] as const) {
          const mac = await hsm.generateMac({ key: { key: tak16 }, algorithm, data: DATA });
          expect(await hsm.verifyMac({ key: { key: tak16 }, algorithm, data: DATA, mac })).toBe(true);
          run.push(bytesToHex(mac));
        }
        const encrypted = await hsm.encryptData({ key: { key: tdk }, data: DATA.subarray(0, 32) });
        expect(await hsm.decryptData({ key: { key: tdk }, data: encrypted })).toEqual(DATA.subarray(0, 32));
        run.push(bytesToHex(encrypted));
        const offset = ibm3624Offset(createCipher('tdes', hexToBytes(PVK)), IBM_PARAMS, '123456');
        const verify = (withOffset: string) =>
          hsm.verifyPin({
            pinBlock: { key: { key: zpk }, format: 0, block: translated },
            pan: PAN,
            pvk,
            verification: { method: 'ibm3624', ...IBM_PARAMS, offset: withOffset },
          });
        expect(await verify(offset)).toBe(true);
        expect(await verify(offset.replace(/^./, (digit) => String((+digit + 1) % 10)))).toBe(false);
      }
      results.push(run);
    }
    expect(results[1]).toEqual(results[0]);
    expect(new Set(results[0]).size).toBe(7);
  });

  it('translates and verifies PINs with a cache of one key, which the second key of a call evicts', async () => {
    const { hsm } = newCachingHsm(1);
    const tpk = await importClear(hsm, 'TPK', '0123456789ABCDEFFEDCBA9876543210');
    const zpk = await importClear(hsm, 'ZPK', '89B07A34A1B3F47F0101020204040808');
    const pvk = await importClear(hsm, 'IBM_PVK', PVK);
    const underTpk = encryptPinBlock(createCipher('tdes', hexToBytes('0123456789ABCDEFFEDCBA9876543210')), {
      format: 0,
      pin: '123456',
      pan: PAN,
      random: new SeededRandom(5),
    });
    const expected = translatePinBlock(underTpk, {
      from: { cipher: createCipher('tdes', hexToBytes('0123456789ABCDEFFEDCBA9876543210')), format: 0 },
      to: { cipher: createCipher('tdes', hexToBytes('89B07A34A1B3F47F0101020204040808')), format: 0 },
      pan: PAN,
      random: new SeededRandom(1),
    });
    const offset = ibm3624Offset(createCipher('tdes', hexToBytes(PVK)), IBM_PARAMS, '123456');
    for (let round = 0; round < 2; round++) {
      const translated = await hsm.translatePin({
        pinBlock: underTpk,
        pan: PAN,
        from: { key: { key: tpk }, format: 0 },
        to: { key: zpk, format: 0 },
      });
      // Format 0 has no random fill: the same PIN and PAN give the same block.
      expect(bytesToHex(translated)).toBe(bytesToHex(expected));
      const matches = await hsm.verifyPin({
        pinBlock: { key: { key: zpk }, format: 0, block: translated },
        pan: PAN,
        pvk,
        verification: { method: 'ibm3624', ...IBM_PARAMS, offset },
      });
      expect(matches).toBe(true);
    }
  });

  it('keeps one MAC per cached cipher: interleaved keys, lengths and truncations give the library MACs', async () => {
    const { hsm } = newCachingHsm(4);
    const hexKeys = ['042666B4918430A368DE9628D03984C9', '0123456789ABCDEFFEDCBA9876543210'];
    const keys = await Promise.all(hexKeys.map((hex) => importClear(hsm, 'TAK', hex)));
    for (let round = 0; round < 3; round++) {
      for (const [index, key] of keys.entries()) {
        const cipher = createCipher('tdes', hexToBytes(hexKeys[index]!));
        const data = DATA.subarray(0, 7 + 13 * round + index);
        const cup = await hsm.generateMac({ key: { key }, algorithm: 'cup-ecb', data });
        expect(bytesToHex(cup)).toBe(
          bytesToHex(createCupEcbMac(createCipher, hexToBytes(hexKeys[index]!)).compute(data)),
        );
        expect(
          await hsm.verifyMac({ key: { key }, algorithm: 'cup-ecb', data, mac: cup.subarray(0, 4) }),
        ).toBe(true);
        const cmac = await hsm.generateMac({ key: { key }, algorithm: 'cmac', data });
        expect(bytesToHex(cmac)).toBe(bytesToHex(createCmac(cipher).compute(data)));
        const short = await hsm.generateMac({ key: { key }, algorithm: 'cmac', data, macLength: 4 });
        expect(bytesToHex(short)).toBe(bytesToHex(cmac.subarray(0, 4)));
        expect(await hsm.verifyMac({ key: { key }, algorithm: 'cmac', data, mac: short })).toBe(true);
        const wrong = cmac.slice();
        wrong[7] = wrong[7]! ^ 1;
        expect(await hsm.verifyMac({ key: { key }, algorithm: 'cmac', data, mac: wrong })).toBe(false);
      }
    }
  });
});
