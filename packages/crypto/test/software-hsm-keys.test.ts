import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  bytesToHex,
  createCipher,
  hexToBytes,
  InMemoryKeyStore,
  KeyHandle,
  SoftwareHsm,
  unwrapTr31KeyBlock,
} from '@payterm/crypto';
import { lmkFromEnvironment, lmkFromFile } from '@payterm/crypto/node';
import { SeededRandom } from '@payterm/kernel';
import { expectHsmError, importClear, LMK, newHsm, OTHER_LMK } from './support/hsm.js';

const TMK = '0123456789ABCDEFFEDCBA9876543210';
const KEK = 'E8BC63E5479455E26577F715D587FE68A0A1A2A3A4A5A6A7A8A9AAABACADAEAF'.slice(0, 32);
const AES_KEK = '88E1AB2A2E3DD38C1FA039A536500CC8A87AB9D62DC92C01058FA79F44657DE6';

describe('SoftwareHsm key management', () => {
  it('imports a TMK from components with the check value of reference K1 (08D7B4)', async () => {
    const { hsm } = newHsm();
    const tmk = await importClear(hsm, 'TMK', TMK);
    expect(tmk.kcv).toBe('08D7B4');
    expect(tmk.type).toBe('TMK');
    expect(tmk.usage).toBe('K0');
    expect(bytesToHex(await hsm.keyCheckValue(tmk, 8))).toBe('08D7B4FB629D0885');
  });

  it('checks component and key check values on import (reference K8)', async () => {
    const { hsm } = newHsm();
    const components = [
      'E09B073B4007541FAB76B04370451031',
      '4CBF5D51EA8525EF045EFED6E386D9D9',
      '00000000000000000000000000000000',
    ].map((hex) => ({ value: hexToBytes(hex) }));
    const zmk = await hsm.importKey({
      kind: 'components',
      type: 'ZMK',
      algorithm: 'tdes',
      components,
      kcv: hexToBytes('40D522'),
    });
    expect(zmk.kcv).toBe('40D522');
    await expectHsmError(
      hsm.importKey({
        kind: 'components',
        type: 'ZMK',
        algorithm: 'tdes',
        components,
        kcv: hexToBytes('40D523'),
      }),
      'CRYPTO_KCV_MISMATCH',
    );
  });

  it('generates every key type with a check value and odd parity for TDES', async () => {
    const { hsm } = newHsm();
    const kek = await importClear(hsm, 'ZMK', KEK);
    for (const type of [
      'TMK',
      'ZMK',
      'TPK',
      'ZPK',
      'TAK',
      'ZAK',
      'TDK',
      'BDK',
      'IBM_PVK',
      'VISA_PVK',
    ] as const) {
      const handle = await hsm.generateKey({ type });
      expect(handle.kcv).toMatch(/^[0-9A-F]{6}$/);
      const exported = await hsm.exportKey({ key: handle, kek, format: 'cryptogram' });
      const clear = createCipher('tdes', hexToBytes(KEK)).decryptBlocksEcb(exported.cryptogram!);
      expect(
        clear.every(
          (byte) => [...Array(8).keys()].reduce((ones, bit) => ones + ((byte >> bit) & 1), 0) % 2 === 1,
        ),
      ).toBe(true);
      expect(exported.kcv).toBe(handle.kcv);
    }
    const aes = await hsm.generateKey({ type: 'ZPK', algorithm: 'aes', length: 32 });
    expect(aes.algorithm).toBe('aes');
    await expectHsmError(
      hsm.generateKey({ type: 'ZPK', algorithm: 'aes', length: 20 }),
      'CRYPTO_INVALID_KEY_LENGTH',
    );
    await expectHsmError(hsm.generateKey({ type: 'BDK', length: 24 }), 'CRYPTO_INVALID_KEY_LENGTH');
  });

  it('never shows key bytes in a handle (String, JSON, util.inspect) nor in the store', async () => {
    const { hsm, store } = newHsm();
    const kek = await importClear(hsm, 'ZMK', KEK);
    const tpk = await hsm.generateKey({ type: 'TPK' });
    const { cryptogram } = await hsm.exportKey({ key: tpk, kek, format: 'cryptogram' });
    const clear = bytesToHex(createCipher('tdes', hexToBytes(KEK)).decryptBlocksEcb(cryptogram!));
    for (const handle of [tpk, kek]) {
      const texts = [
        String(handle),
        `${handle}`,
        JSON.stringify(handle),
        inspect(handle),
        inspect({ handle }),
      ];
      for (const text of texts) {
        expect(text).toContain(handle.id);
        expect(text).toContain(handle.kcv);
        expect(text.toUpperCase()).not.toContain(clear);
        expect(text.toUpperCase()).not.toContain(KEK);
      }
      expect(JSON.parse(JSON.stringify(handle))).toEqual({
        id: handle.id,
        type: handle.type,
        kcv: handle.kcv,
      });
    }
    for (const id of store.ids()) {
      const blob = (await store.get(id))!;
      expect(blob.startsWith('D')).toBe(true);
      expect(blob.toUpperCase()).not.toContain(clear);
      expect(blob.toUpperCase()).not.toContain(KEK);
    }
  });

  it('imports and exports a key under a KEK as a cryptogram', async () => {
    const { hsm } = newHsm();
    const kek = await importClear(hsm, 'ZMK', KEK);
    const cryptogram = createCipher('tdes', hexToBytes(KEK)).encryptBlocksEcb(hexToBytes(TMK));
    const imported = await hsm.importKey({
      kind: 'cryptogram',
      type: 'TMK',
      algorithm: 'tdes',
      kek,
      cryptogram,
      kcv: hexToBytes('08D7B4'),
    });
    expect(imported.kcv).toBe('08D7B4');
    const exported = await hsm.exportKey({ key: imported, kek, format: 'cryptogram' });
    expect(bytesToHex(exported.cryptogram!)).toBe(bytesToHex(cryptogram));
    await expectHsmError(
      hsm.importKey({
        kind: 'cryptogram',
        type: 'TMK',
        algorithm: 'tdes',
        kek,
        cryptogram,
        kcv: hexToBytes('000000'),
      }),
      'CRYPTO_KCV_MISMATCH',
    );
  });

  it('refuses a presented check value shorter than 2 bytes', async () => {
    const { hsm } = newHsm();
    const kek = await importClear(hsm, 'ZMK', KEK);
    const cryptogram = createCipher('tdes', hexToBytes(KEK)).encryptBlocksEcb(hexToBytes(TMK));
    await expectHsmError(
      hsm.importKey({
        kind: 'cryptogram',
        type: 'TMK',
        algorithm: 'tdes',
        kek,
        cryptogram,
        kcv: hexToBytes('08'),
      }),
      'CRYPTO_INVALID_KCV_LENGTH',
    );
  });

  it('imports the TR-31 blocks R2 (P0, encrypt only) and R3 (BDK with KS)', async () => {
    const { hsm } = newHsm();
    const kbpk2 = await importClear(hsm, 'ZMK', 'DD7515F2BFC17F85CE48F3CA25CB21F6');
    const r2 = await hsm.importKey({
      kind: 'tr31',
      kbpk: kbpk2,
      keyBlock: 'B0080P0TE00E000094B420079CC80BA3461F86FE26EFC4A3B8E4FA4C5F5341176EED7B727B8A248E',
    });
    expect([r2.type, r2.usage, r2.modeOfUse, r2.kcv]).toEqual(['ZPK', 'P0', 'E', '57C409']);
    const kbpk3 = await importClear(hsm, 'ZMK', '1D22BF32387C600AD97F9B97A51311AC');
    const r3 = await hsm.importKey({
      kind: 'tr31',
      kbpk: kbpk3,
      keyBlock:
        'B0104B0TX12S0100KS1800604B120F9292800000BB68BE8680A400D9191AD4ECE45B6E6C0D21C4738A52190E248719E24B433627',
    });
    expect([r3.type, r3.usage, r3.modeOfUse, r3.kcv]).toEqual(['BDK', 'B0', 'X', '9A4212']);
    await expectHsmError(
      hsm.importKey({
        kind: 'tr31',
        kbpk: kbpk2,
        type: 'TAK',
        keyBlock: 'B0080P0TE00E000094B420079CC80BA3461F86FE26EFC4A3B8E4FA4C5F5341176EED7B727B8A248E',
      }),
      'HSM_KEY_USAGE_VIOLATION',
    );
    await expectHsmError(
      hsm.importKey({
        kind: 'tr31',
        kbpk: kbpk3,
        keyBlock: 'B0080P0TE00E000094B420079CC80BA3461F86FE26EFC4A3B8E4FA4C5F5341176EED7B727B8A248E',
      }),
      'CRYPTO_KEY_BLOCK_MAC_MISMATCH',
    );
  });

  it('exports as TR-31 B under a TDES KEK and D under an AES KEK', async () => {
    const { hsm } = newHsm();
    const tdesKek = await importClear(hsm, 'ZMK', KEK);
    const aesKek = await importClear(hsm, 'ZMK', AES_KEK, 'aes');
    const tak = await importClear(hsm, 'TAK', '042666B4918430A368DE9628D03984C9');
    for (const [kek, clearKek, version] of [
      [tdesKek, KEK, 'B'],
      [aesKek, AES_KEK, 'D'],
    ] as const) {
      const { keyBlock, kcv } = await hsm.exportKey({ key: tak, kek, format: 'tr31' });
      expect(keyBlock!.startsWith(version)).toBe(true);
      const unwrapped = unwrapTr31KeyBlock(hexToBytes(clearKek), keyBlock!);
      expect(bytesToHex(unwrapped.key)).toBe('042666B4918430A368DE9628D03984C9');
      expect(unwrapped.header.keyUsage).toBe('M0');
      expect(kcv).toBe(tak.kcv);
      const again = await hsm.importKey({ kind: 'tr31', kbpk: kek, keyBlock: keyBlock!, type: 'TAK' });
      expect(again.kcv).toBe(tak.kcv);
    }
  });

  it('enforces what may export and what may act as a KEK', async () => {
    const { hsm } = newHsm();
    const kek = await importClear(hsm, 'ZMK', KEK);
    const tpk = await importClear(hsm, 'TPK', TMK);
    const locked = await importClear(hsm, 'ZPK', TMK, 'tdes', false);
    await expectHsmError(
      hsm.exportKey({ key: kek, kek: tpk, format: 'cryptogram' }),
      'HSM_KEY_USAGE_VIOLATION',
    );
    await expectHsmError(hsm.exportKey({ key: locked, kek, format: 'tr31' }), 'HSM_KEY_NOT_EXPORTABLE');
    await expectHsmError(hsm.exportKey({ key: kek, kek, format: 'tr31' }), 'HSM_KEY_USAGE_VIOLATION');
    const cryptogram = new Uint8Array(16);
    await expectHsmError(
      hsm.importKey({ kind: 'cryptogram', type: 'ZPK', algorithm: 'tdes', kek: tpk, cryptogram }),
      'HSM_KEY_USAGE_VIOLATION',
    );
  });

  it('rejects unknown handles and handles whose type disagrees with the stored key', async () => {
    const { hsm } = newHsm();
    const tpk = await importClear(hsm, 'TPK', TMK);
    const unknown = new KeyHandle({ ...tpk, id: 'key-00000000000000000000000000000000' });
    await expectHsmError(hsm.keyCheckValue(unknown), 'HSM_KEY_NOT_FOUND');
    await expectHsmError(hsm.getKey('nope'), 'HSM_KEY_NOT_FOUND');
    const forged = new KeyHandle({ ...tpk, type: 'ZMK' });
    const kek = await importClear(hsm, 'ZMK', KEK);
    await expectHsmError(
      hsm.exportKey({ key: kek, kek: forged, format: 'cryptogram' }),
      'HSM_KEY_USAGE_VIOLATION',
    );
  });

  it('survives a restart with the same LMK and store; another LMK or a moved blob fails', async () => {
    const store = new InMemoryKeyStore();
    const first = newHsm({ store }).hsm;
    const tak = await importClear(first, 'TAK', '042666B4918430A368DE9628D03984C9');
    const data = hexToBytes('3430313233343536373839303944393837');
    const mac = await first.generateMac({ key: { key: tak }, algorithm: 'x9.19', data });

    const restarted = new SoftwareHsm({ lmk: LMK.slice(), random: new SeededRandom(99), store });
    const again = await restarted.getKey(tak.id);
    expect(again.toJSON()).toEqual(tak.toJSON());
    expect(await restarted.generateMac({ key: { key: tak }, algorithm: 'x9.19', data })).toEqual(mac);
    expect(restarted.lmkCheckValue()).toBe(first.lmkCheckValue());

    const stranger = new SoftwareHsm({ lmk: OTHER_LMK, random: new SeededRandom(1), store });
    expect(stranger.lmkCheckValue()).not.toBe(first.lmkCheckValue());
    await expectHsmError(
      stranger.generateMac({ key: { key: tak }, algorithm: 'x9.19', data }),
      'HSM_KEY_BLOB_INVALID',
    );

    await store.put('key-moved', (await store.get(tak.id))!);
    await expectHsmError(restarted.getKey('key-moved'), 'HSM_KEY_BLOB_INVALID');
  });

  it('takes a 32-byte LMK only, from bytes, a loader, the environment or a file', async () => {
    expect(() => new SoftwareHsm({ lmk: new Uint8Array(16), random: new SeededRandom(1) })).toThrow(
      expect.objectContaining({ code: 'HSM_LMK_INVALID' }),
    );
    const hex = bytesToHex(LMK);
    const fromEnvironment = lmkFromEnvironment('TEST_LMK', { TEST_LMK: hex });
    expect(fromEnvironment).toEqual(LMK);
    await expectHsmError(
      Promise.resolve().then(() => lmkFromEnvironment('TEST_LMK', { TEST_LMK: hex.slice(2) })),
      'HSM_LMK_INVALID',
      [hex.slice(2)],
    );
    await expectHsmError(
      Promise.resolve().then(() => lmkFromEnvironment('MISSING', {})),
      'HSM_LMK_INVALID',
    );
    const directory = await mkdtemp(join(tmpdir(), 'payterm-lmk-'));
    const path = join(directory, 'lmk.hex');
    await writeFile(path, `${hex.toLowerCase()}\n`);
    expect(await lmkFromFile(path)).toEqual(LMK);
    await expectHsmError(lmkFromFile(join(directory, 'missing')), 'HSM_LMK_INVALID');
    const loaded = new Uint8Array(LMK);
    const hsm = await SoftwareHsm.open({ loadLmk: () => loaded, random: new SeededRandom(3) });
    expect(loaded.every((byte) => byte === 0)).toBe(true);
    expect(hsm.lmkCheckValue()).toBe(newHsm().hsm.lmkCheckValue());
    await expectHsmError(
      SoftwareHsm.open({ loadLmk: () => new Uint8Array(31), random: new SeededRandom(3) }),
      'HSM_LMK_INVALID',
    );
  });
});
