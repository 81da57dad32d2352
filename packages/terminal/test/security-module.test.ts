import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  buildCupSignInField62,
  bytesToHex,
  createCipher,
  createCupEcbMac,
  decryptPinBlock,
  hexToBytes,
  keyCheckValue,
  type CupWorkingKeys,
} from '@payterm/crypto';
import { SeededRandom } from '@payterm/kernel';
import { MemoryStorage } from '../src/memory/index.js';
import { SoftwareSecurityModule, type SealedKeysDocument } from '../src/security/index.js';

/** shared/spec/test-cards.md: the demo terminals' TMK and its check value. */
const DEMO_TMK = '0123456789ABCDEFFEDCBA9876543210';
const DEMO_TMK_KCV = '08D7B4';
/** A MAB as the host's test terminal MACs it (bytes from the MTI through field 63). */
const MAB = hexToBytes('0200302004C020C0981100000000000000005100183402100006324392260009942820D131210112');

function deviceKey(seed: number): Uint8Array {
  const key = new Uint8Array(32);
  new SeededRandom(seed).fillBytes(key);
  return key;
}

async function openModule(storage = new MemoryStorage(), key = deviceKey(1), seed = 7) {
  const module = await SoftwareSecurityModule.open({
    storage,
    deviceKey: key,
    random: new SeededRandom(seed),
  });
  return { module, storage };
}

/** A sign-in field 62 as the host builds it, with the clear keys for independent checks. */
function signIn(
  layout: '001' | '003' | '004' = '004',
  seed = 11,
): { field62: Uint8Array; keys: CupWorkingKeys } {
  return buildCupSignInField62({ tmk: hexToBytes(DEMO_TMK), layout, random: new SeededRandom(seed) });
}

function kcv(key: Uint8Array, length: number): string {
  return bytesToHex(
    keyCheckValue(createCipher(key.length === 8 ? 'des' : 'tdes', key), { method: 'encrypt-zeros', length }),
  );
}

async function signedIn() {
  const opened = await openModule();
  await opened.module.loadMasterKey(DEMO_TMK, DEMO_TMK_KCV);
  const { field62, keys } = signIn();
  await opened.module.installWorkingKeys('004', field62);
  return { ...opened, keys };
}

async function storedDocument(storage: MemoryStorage): Promise<SealedKeysDocument> {
  const document = await storage.get<SealedKeysDocument>('secure-element', 'keys');
  expect(document).toBeDefined();
  return document!;
}

function flipCharacter(text: string, index: number): string {
  const replacement = text[index] === 'A' ? 'B' : 'A';
  return text.slice(0, index) + replacement + text.slice(index + 1);
}

describe('SoftwareSecurityModule master key', () => {
  it('loads the demo TMK and reports its published check value 08D7B4', async () => {
    const { module } = await openModule();
    expect(module.hasMasterKey()).toBe(false);
    await expect(module.loadMasterKey(DEMO_TMK, DEMO_TMK_KCV)).resolves.toEqual({ tmk: DEMO_TMK_KCV });
    expect(module.hasMasterKey()).toBe(true);
    expect(module.checkValues()).toEqual({ tmk: '08D7B4' });
  });

  it('accepts the expected check value in lower case, and a single-length TMK', async () => {
    const { module } = await openModule();
    await module.loadMasterKey(DEMO_TMK.toLowerCase(), '08d7b4');
    await module.loadMasterKey('0123456789ABCDEF');
    expect(module.checkValues().tmk).toBe(kcv(hexToBytes('0123456789ABCDEF'), 3));
  });

  it('refuses a key whose check value does not match and keeps the previous one', async () => {
    const { module, storage } = await openModule();
    await module.loadMasterKey(DEMO_TMK, DEMO_TMK_KCV);
    const before = await storedDocument(storage);
    await expect(
      module.loadMasterKey('11111111111111112222222222222222', DEMO_TMK_KCV),
    ).rejects.toMatchObject({
      code: 'TERMINAL_INVALID_INPUT',
      details: { field: 'masterKeyKcv' },
    });
    expect(module.checkValues()).toEqual({ tmk: DEMO_TMK_KCV });
    expect(await storedDocument(storage)).toEqual(before);
  });

  it('refuses malformed keys and check values', async () => {
    const { module } = await openModule();
    for (const key of ['', '0123', `${DEMO_TMK}00`, 'G123456789ABCDEF']) {
      await expect(module.loadMasterKey(key)).rejects.toMatchObject({ code: 'TERMINAL_INVALID_INPUT' });
    }
    await expect(module.loadMasterKey(DEMO_TMK, '08D7')).rejects.toMatchObject({
      code: 'TERMINAL_INVALID_INPUT',
    });
    expect(module.hasMasterKey()).toBe(false);
  });

  it('refuses a device key that is not 32 bytes', async () => {
    await expect(
      SoftwareSecurityModule.open({
        storage: new MemoryStorage(),
        deviceKey: new Uint8Array(16),
        random: new SeededRandom(1),
      }),
    ).rejects.toMatchObject({ code: 'TERMINAL_INVALID_INPUT' });
  });
});

describe('SoftwareSecurityModule working keys', () => {
  it('installs a sign-in field 62 built by the host side and reports the field 62 check values', async () => {
    const { module, keys } = await signedIn();
    expect(module.hasWorkingKeys()).toBe(true);
    expect(module.checkValues()).toEqual({
      tmk: DEMO_TMK_KCV,
      pik: kcv(keys.pik, 4),
      mak: kcv(keys.mak, 4),
      tdk: kcv(keys.tdk!, 4),
    });
    const { field62 } = signIn();
    expect(module.checkValues().pik).toBe(bytesToHex(field62.subarray(16, 20)));
    expect(module.checkValues().mak).toBe(bytesToHex(field62.subarray(36, 40)));
    expect(module.checkValues().tdk).toBe(bytesToHex(field62.subarray(56, 60)));
  });

  it('installs the published 003 sign-in of cup-pos-8583-reference §10 TV1', async () => {
    // yangyongzhen/Easy8583Ans README: TMK, field 62 of the 0810, and the check values it carries.
    const { module } = await openModule();
    await module.loadMasterKey('258FB0AB70D025CDB99DF2C4D302D646');
    const field62 = hexToBytes(
      '46F161A743497B32EAC760DF5EA57DF5900ECCE3977731A7EA402DDF0000000000000000CFF1592A',
    );
    const values = await module.installWorkingKeys('003', field62);
    expect(values).toMatchObject({ pik: '900ECCE3', mak: 'CFF1592A' });
    expect(values.tdk).toBeUndefined();
    const expected = createCupEcbMac(createCipher, hexToBytes('AB7C577CC7A18045')).compute(MAB);
    expect(bytesToHex(module.mac(MAB))).toBe(bytesToHex(expected));
  });

  it('refuses a corrupted field 62 and keeps the previous keys', async () => {
    const { module, keys, storage } = await signedIn();
    const before = module.checkValues();
    const stored = await storedDocument(storage);
    const { field62 } = signIn('004', 99);
    field62[3] = field62[3]! ^ 0x01;
    await expect(module.installWorkingKeys('004', field62)).rejects.toMatchObject({
      code: 'TERMINAL_SIGN_IN_KEYS_INVALID',
      details: { reason: 'CRYPTO_KCV_MISMATCH' },
    });
    await expect(module.installWorkingKeys('003', signIn('004', 98).field62)).rejects.toMatchObject({
      code: 'TERMINAL_SIGN_IN_KEYS_INVALID',
      details: { reason: 'CRYPTO_INVALID_DATA_LENGTH' },
    });
    expect(module.checkValues()).toEqual(before);
    expect(await storedDocument(storage)).toEqual(stored);
    expect(module.mac(MAB)).toEqual(createCupEcbMac(createCipher, keys.mak).compute(MAB));
  });

  it('needs a master key before working keys', async () => {
    const { module } = await openModule();
    await expect(module.installWorkingKeys('004', signIn().field62)).rejects.toMatchObject({
      code: 'TERMINAL_NOT_PROVISIONED',
    });
  });

  it('forgets the working keys on clearWorkingKeys and when a new master key is loaded', async () => {
    const { module } = await signedIn();
    await module.clearWorkingKeys();
    expect(module.hasWorkingKeys()).toBe(false);
    expect(module.checkValues()).toEqual({ tmk: DEMO_TMK_KCV });
    expect(() => module.mac(MAB)).toThrow(expect.objectContaining({ code: 'TERMINAL_NOT_SIGNED_IN' }));

    await module.installWorkingKeys('004', signIn().field62);
    await module.loadMasterKey(DEMO_TMK, DEMO_TMK_KCV);
    expect(module.hasWorkingKeys()).toBe(false);
    expect(module.hasMasterKey()).toBe(true);
  });

  it('uses 3DES for a genuine double-length MAK in the 003 layout', async () => {
    const { module } = await openModule();
    await module.loadMasterKey(DEMO_TMK);
    const tmk = createCipher('tdes', hexToBytes(DEMO_TMK));
    const pik = hexToBytes('1323456789ABCDEFFEDCBA9876543210');
    const mak = hexToBytes('89ABCDEF01234567FEDCBA9876543210');
    const field62 = new Uint8Array(40);
    field62.set(tmk.encryptBlocksEcb(pik), 0);
    field62.set(hexToBytes(kcv(pik, 4)), 16);
    field62.set(tmk.encryptBlocksEcb(mak), 20);
    field62.set(hexToBytes(kcv(mak, 4)), 36);
    await module.installWorkingKeys('003', field62);
    const tdesMac = createCupEcbMac(createCipher, mak, { doubleLengthMak: 'tdes' }).compute(MAB);
    expect(module.mac(MAB)).toEqual(tdesMac);
    expect(tdesMac).not.toEqual(createCupEcbMac(createCipher, mak.subarray(0, 8)).compute(MAB));
    expect(module.checkValues().mak).toBe(kcv(mak, 4));
  });
});

describe('SoftwareSecurityModule MAC and PIN', () => {
  it('computes the POS ECB MAC under the MAK, as an independent computation does', async () => {
    const { module, keys } = await signedIn();
    const expected = createCupEcbMac(createCipher, keys.mak).compute(MAB);
    const mac = module.mac(MAB);
    expect(mac).toEqual(expected);
    expect(new TextDecoder().decode(mac)).toMatch(/^[0-9A-F]{8}$/);
    expect(module.verifyMac(MAB, expected)).toBe(true);
    const wrong = expected.slice();
    wrong[0] = wrong[0] === 0x30 ? 0x31 : 0x30;
    expect(module.verifyMac(MAB, wrong)).toBe(false);
    expect(module.verifyMac(MAB, expected.subarray(0, 4))).toBe(false);
    expect(module.verifyMac(MAB, new Uint8Array(0))).toBe(false);
  });

  it('encrypts a format 0 PIN block that decrypts under the PIK to the PIN typed', async () => {
    const { module, keys } = await signedIn();
    const pan = '6200001000000011';
    const block = module.encryptPin('123456', pan);
    expect(block).toHaveLength(8);
    const pin = decryptPinBlock(createCipher('tdes', keys.pik), block, { format: 0, pan });
    expect(pin.reveal()).toBe('123456');
  });

  it('refuses a malformed PIN and needs working keys for MACs and PIN blocks', async () => {
    const { module } = await signedIn();
    expect(() => module.encryptPin('12', '6200001000000011')).toThrow(
      expect.objectContaining({ code: 'TERMINAL_INVALID_INPUT' }),
    );
    const { module: empty } = await openModule();
    expect(() => empty.encryptPin('1234', '6200001000000011')).toThrow(
      expect.objectContaining({ code: 'TERMINAL_NOT_SIGNED_IN' }),
    );
    expect(() => empty.verifyMac(MAB, new Uint8Array(8))).toThrow(
      expect.objectContaining({ code: 'TERMINAL_NOT_SIGNED_IN' }),
    );
  });
});

describe('SoftwareSecurityModule persistence', () => {
  it('reopens over the same storage and device key with the same keys', async () => {
    const { module, storage, keys } = await signedIn();
    const reopened = await SoftwareSecurityModule.open({
      storage,
      deviceKey: deviceKey(1),
      random: new SeededRandom(3),
    });
    expect(reopened.checkValues()).toEqual(module.checkValues());
    expect(reopened.hasWorkingKeys()).toBe(true);
    expect(reopened.mac(MAB)).toEqual(createCupEcbMac(createCipher, keys.mak).compute(MAB));
    const pan = '6200001000000029';
    const block = reopened.encryptPin('1234', pan);
    expect(decryptPinBlock(createCipher('tdes', keys.pik), block, { format: 0, pan }).reveal()).toBe('1234');
  });

  it('keeps one sealed document and refuses to open under another device key', async () => {
    const { storage } = await signedIn();
    expect(await storage.list('secure-element')).toHaveLength(1);
    await expect(
      SoftwareSecurityModule.open({ storage, deviceKey: deviceKey(2), random: new SeededRandom(3) }),
    ).rejects.toMatchObject({ code: 'TERMINAL_STORAGE_FAILED' });
  });

  it('refuses a stored document with any character changed', async () => {
    const { storage } = await signedIn();
    const document = await storedDocument(storage);
    for (const index of [0, 20, 40, document.sealed.length - 2]) {
      const altered = { ...document, sealed: flipCharacter(document.sealed, index) };
      await storage.write([{ collection: 'secure-element', key: 'keys', value: altered }]);
      await expect(
        SoftwareSecurityModule.open({ storage, deviceKey: deviceKey(1), random: new SeededRandom(3) }),
      ).rejects.toMatchObject({ code: 'TERMINAL_STORAGE_FAILED' });
    }
    await storage.write([{ collection: 'secure-element', key: 'keys', value: { ...document, version: 2 } }]);
    await expect(
      SoftwareSecurityModule.open({ storage, deviceKey: deviceKey(1), random: new SeededRandom(3) }),
    ).rejects.toMatchObject({ code: 'TERMINAL_STORAGE_FAILED' });
  });

  it('stores no key in clear', async () => {
    const { storage, keys } = await signedIn();
    const json = JSON.stringify(await storage.list('secure-element'));
    for (const key of [hexToBytes(DEMO_TMK), keys.pik, keys.mak, keys.tdk!]) {
      expect(json.toUpperCase()).not.toContain(bytesToHex(key));
      expect(json).not.toContain(Buffer.from(key).toString('base64url').slice(0, 10));
    }
  });

  it('does not change keys when the storage write fails', async () => {
    const { module, storage } = await openModule();
    await module.loadMasterKey(DEMO_TMK, DEMO_TMK_KCV);
    await storage.close();
    await expect(module.installWorkingKeys('004', signIn().field62)).rejects.toMatchObject({
      code: 'TERMINAL_STORAGE_FAILED',
    });
    expect(module.hasWorkingKeys()).toBe(false);
    expect(module.checkValues()).toEqual({ tmk: DEMO_TMK_KCV });
  });

  it('writes each change before it resolves, in call order', async () => {
    const { module, storage } = await openModule();
    await module.loadMasterKey(DEMO_TMK, DEMO_TMK_KCV);
    const { field62 } = signIn();
    const install = module.installWorkingKeys('004', field62);
    const clear = module.clearWorkingKeys();
    await Promise.all([install, clear]);
    const reopened = await SoftwareSecurityModule.open({
      storage,
      deviceKey: deviceKey(1),
      random: new SeededRandom(3),
    });
    expect(module.hasWorkingKeys()).toBe(false);
    expect(reopened.hasWorkingKeys()).toBe(false);
    expect(reopened.checkValues()).toEqual({ tmk: DEMO_TMK_KCV });
  });
});

describe('SoftwareSecurityModule PAN sealing', () => {
  it('round-trips a PAN as printable text that changes with every seal', async () => {
    const { module } = await signedIn();
    const pan = '6200001000000011';
    const sealed = module.sealPan(pan);
    expect(sealed).toMatch(/^v1:[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain(pan);
    expect(module.sealPan(pan)).not.toBe(sealed);
    expect(module.unsealPan(sealed)).toBe(pan);
    expect(module.unsealPan(module.sealPan('4000001000000018123'))).toBe('4000001000000018123');
  });

  it('refuses a sealed PAN with any character changed, or from another device', async () => {
    const { module } = await signedIn();
    const sealed = module.sealPan('6200001000000011');
    for (let index = 3; index < sealed.length; index += 7) {
      expect(() => module.unsealPan(flipCharacter(sealed, index))).toThrow(
        expect.objectContaining({ code: 'TERMINAL_STORAGE_FAILED' }),
      );
    }
    for (const text of ['', 'v1:', 'v2:' + sealed.slice(3), sealed.slice(0, -4), `${sealed}AAAA`]) {
      expect(() => module.unsealPan(text)).toThrow(
        expect.objectContaining({ code: 'TERMINAL_STORAGE_FAILED' }),
      );
    }
    const { module: other } = await openModule(new MemoryStorage(), deviceKey(2));
    expect(() => other.unsealPan(sealed)).toThrow(
      expect.objectContaining({ code: 'TERMINAL_STORAGE_FAILED' }),
    );
  });

  it('keeps sealed PANs readable across key rotation and restarts', async () => {
    const { module, storage } = await signedIn();
    const sealed = module.sealPan('6200001000000094');
    await module.installWorkingKeys('004', signIn('004', 12).field62);
    await module.loadMasterKey('0123456789ABCDEF0123456789ABCDEF');
    expect(module.unsealPan(sealed)).toBe('6200001000000094');
    const reopened = await SoftwareSecurityModule.open({
      storage,
      deviceKey: deviceKey(1),
      random: new SeededRandom(3),
    });
    expect(reopened.unsealPan(sealed)).toBe('6200001000000094');
  });

  it('refuses to seal something that is not a PAN', async () => {
    const { module } = await openModule();
    for (const text of ['', '12345678901', '12345678901234567890', '6200-0010-0000-0011']) {
      expect(() => module.sealPan(text)).toThrow(expect.objectContaining({ code: 'TERMINAL_INVALID_INPUT' }));
    }
  });
});

describe('SoftwareSecurityModule rendering', () => {
  it('shows check values but never key bytes in String, JSON and util.inspect', async () => {
    const { module, keys } = await signedIn();
    const renderings = [String(module), `${module}`, JSON.stringify(module), inspect(module, { depth: 10 })];
    for (const text of renderings) {
      expect(text).toContain(DEMO_TMK_KCV);
      for (const key of [hexToBytes(DEMO_TMK), keys.pik, keys.mak, keys.tdk!]) {
        expect(text.toUpperCase()).not.toContain(bytesToHex(key));
      }
    }
    expect(JSON.parse(JSON.stringify(module))).toEqual({
      module: 'software',
      checkValues: module.checkValues(),
    });
    expect(Object.keys(module)).toEqual([]);
  });
});
