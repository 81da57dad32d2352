import { describe, expect, it } from 'vitest';
import {
  bytesToHex,
  createCipher,
  createCupEcbMac,
  decryptCupSignInKeys,
  decryptPinBlock,
  encryptPinBlock,
  hexToBytes,
  ibm3624ValidationData,
  keyCheckValue,
  translatePinBlock,
  wrapTr31KeyBlock,
} from '@payterm/crypto';
import { SeededRandom } from '@payterm/kernel';
import { expectHsmError, importClear, newHsm, zeroPadded } from './support/hsm.js';

const TMK = '0123456789ABCDEFFEDCBA9876543210';
const BDK = '0123456789ABCDEFFEDCBA9876543210';
const KSN_E00001 = hexToBytes('FFFF9876543210E00001');
const AES_BDK = 'FEDCBA9876543210F1F1F1F1F1F1F1F1';
const AES_KSN_TC1 = hexToBytes('123456789012345600000001');
const DUKPT_DATA = hexToBytes('3430313233343536373839303944393837');

describe('SoftwareHsm CUP sign-in', () => {
  it.each(['001', '003', '004'] as const)(
    'layout %s: field 62 decrypts on the terminal side with matching check values',
    async (layout) => {
      const { hsm } = newHsm();
      const tmk = await importClear(hsm, 'TMK', TMK);
      const signIn = await hsm.generateCupSignInKeys({ tmk, layout });
      const keys = decryptCupSignInKeys(hexToBytes(TMK), signIn.field62, { layout });
      const kcv = (key: Uint8Array): string =>
        bytesToHex(keyCheckValue(createCipher(key.length === 8 ? 'des' : 'tdes', key)));
      expect(signIn.pik.kcv).toBe(kcv(keys.pik));
      expect(signIn.mak.kcv).toBe(kcv(keys.mak));
      expect(signIn.pik.type).toBe('TPK');
      expect(signIn.mak.type).toBe('TAK');
      if (layout === '004') expect(signIn.tdk!.kcv).toBe(kcv(keys.tdk!));
      else expect(signIn.tdk).toBeUndefined();
      const data = hexToBytes('0200302004C020C0981100000000000000005100');
      const mac = await hsm.generateMac({ key: { key: signIn.mak }, algorithm: 'cup-ecb', data });
      expect(mac).toEqual(createCupEcbMac(createCipher, keys.mak).compute(data));
      const zpk = await importClear(hsm, 'ZPK', TMK);
      const block = encryptPinBlock(createCipher(keys.pik.length === 8 ? 'des' : 'tdes', keys.pik), {
        format: 0,
        pin: '1234',
        pan: '4012345678909',
        random: new SeededRandom(1),
      });
      if (keys.pik.length === 16) {
        const translated = await hsm.translatePin({
          pinBlock: block,
          pan: '4012345678909',
          from: { key: { key: signIn.pik }, format: 0 },
          to: { key: zpk, format: 0 },
        });
        expect(
          decryptPinBlock(createCipher('tdes', hexToBytes(TMK)), translated, {
            format: 0,
            pan: '4012345678909',
          }).reveal(),
        ).toBe('1234');
      }
      await expectHsmError(
        hsm.exportKey({ key: signIn.pik, kek: tmk, format: 'cryptogram' }),
        'HSM_KEY_NOT_EXPORTABLE',
      );
      await expectHsmError(
        hsm.translatePin({
          pinBlock: block,
          pan: '4012345678909',
          from: { key: { key: signIn.mak }, format: 0 },
          to: { key: zpk, format: 0 },
        }),
        'HSM_KEY_USAGE_VIOLATION',
      );
      await expectHsmError(
        hsm.generateMac({ key: { key: signIn.pik }, algorithm: 'cup-ecb', data }),
        'HSM_KEY_USAGE_VIOLATION',
      );
    },
  );

  it('refuses a sign-in under a key that is not a KEK', async () => {
    const { hsm } = newHsm();
    const tpk = await importClear(hsm, 'TPK', TMK);
    await expectHsmError(hsm.generateCupSignInKeys({ tmk: tpk, layout: '003' }), 'HSM_KEY_USAGE_VIOLATION');
  });
});

describe('SoftwareHsm PIN translation (reference T1, X9.24-1 A.4, X9.24-3 TC1)', () => {
  const T1 = { pinKey: '042666B49184CF5C68DE9628D0397B36', block: '1B9C1845EB993A7A', pan: '4012345678909' };

  it('TPK → ZPK equals the plain translatePinBlock result on T1', async () => {
    const { hsm } = newHsm();
    const tpk = await importClear(hsm, 'TPK', T1.pinKey);
    const zpk = await importClear(hsm, 'ZPK', TMK);
    const translated = await hsm.translatePin({
      pinBlock: hexToBytes(T1.block),
      pan: T1.pan,
      from: { key: { key: tpk }, format: 0 },
      to: { key: zpk, format: 0 },
    });
    expect(bytesToHex(translated)).toBe('C03D21CDBCB0C58B');
    const plain = translatePinBlock(hexToBytes(T1.block), {
      from: { cipher: createCipher('tdes', hexToBytes(T1.pinKey)), format: 0 },
      to: { cipher: createCipher('tdes', hexToBytes(TMK)), format: 0 },
      pan: T1.pan,
      random: new SeededRandom(1),
    });
    expect(translated).toEqual(plain);
  });

  it('TDES DUKPT PIN key (BDK + KSN E00001) → ZPK gives the same block; 0 → 1 is refused', async () => {
    const { hsm } = newHsm();
    const bdk = await importClear(hsm, 'BDK', BDK);
    const zpk = await importClear(hsm, 'ZPK', TMK);
    const request = {
      pinBlock: hexToBytes(T1.block),
      pan: T1.pan,
      from: { key: { bdk, ksn: KSN_E00001 }, format: 0 as const },
      to: { key: zpk, format: 0 as const },
    };
    expect(bytesToHex(await hsm.translatePin(request))).toBe('C03D21CDBCB0C58B');
    await expectHsmError(
      hsm.translatePin({ ...request, to: { key: zpk, format: 1 } }),
      'CRYPTO_PIN_TRANSLATION_FORBIDDEN',
    );
    await expectHsmError(hsm.translatePin({ ...request, pan: '4999999999990' }), 'CRYPTO_PIN_BLOCK_INVALID', [
      '1234',
    ]);
    await expectHsmError(
      hsm.translatePin({
        ...request,
        from: { key: { bdk, ksn: hexToBytes('FFFF9876543210E00000') }, format: 0 },
      }),
      'CRYPTO_INVALID_KSN',
    );
  });

  it('AES DUKPT format 4 (TC1) → AES ZPK, and an encrypt-only ZPK (R2) cannot be the source', async () => {
    const { hsm } = newHsm();
    const bdk = await importClear(hsm, 'BDK', AES_BDK, 'aes');
    const zpkHex = '2B7E151628AED2A6ABF7158809CF4F3C';
    const zpk = await importClear(hsm, 'ZPK', zpkHex, 'aes');
    const translated = await hsm.translatePin({
      pinBlock: hexToBytes('A912150391AB65A67E52883D81CE2D15'),
      pan: '4111111111111111',
      from: { key: { bdk, ksn: AES_KSN_TC1 }, format: 4 },
      to: { key: zpk, format: 4 },
    });
    const pin = decryptPinBlock(createCipher('aes', hexToBytes(zpkHex)), translated, {
      format: 4,
      pan: '4111111111111111',
    });
    expect(pin.reveal()).toBe('1234');

    const kbpk = await importClear(hsm, 'ZMK', 'DD7515F2BFC17F85CE48F3CA25CB21F6');
    const encryptOnly = await hsm.importKey({
      kind: 'tr31',
      kbpk,
      keyBlock: 'B0080P0TE00E000094B420079CC80BA3461F86FE26EFC4A3B8E4FA4C5F5341176EED7B727B8A248E',
    });
    const tdesZpk = await importClear(hsm, 'ZPK', TMK);
    const block = hexToBytes(T1.block);
    await expectHsmError(
      hsm.translatePin({
        pinBlock: block,
        pan: T1.pan,
        from: { key: { key: encryptOnly }, format: 0 },
        to: { key: tdesZpk, format: 0 },
      }),
      'HSM_KEY_USAGE_VIOLATION',
    );
  });
});

describe('SoftwareHsm PIN verification (reference V1, V5)', () => {
  const pan = '1122334455667788';
  const pinBlock = (pin: string): Uint8Array =>
    encryptPinBlock(createCipher('tdes', hexToBytes(TMK)), {
      format: 0,
      pin,
      pan,
      random: new SeededRandom(2),
    });

  it('IBM 3624 offset with an allow-listed decimalisation table', async () => {
    const { hsm } = newHsm({ decimalizationTables: ['1234567890123456'] });
    const zpk = await importClear(hsm, 'ZPK', TMK);
    const pvk = await importClear(hsm, 'IBM_PVK', '0123456789ABCDEFFEDCBA9876543210');
    const verification = {
      method: 'ibm3624' as const,
      validationData: ibm3624ValidationData(pan, { start: 0, length: 16, pad: 'F' }),
      decimalizationTable: '1234567890123456',
    };
    const verify = (pin: string, offset: string): Promise<boolean> =>
      hsm.verifyPin({
        pinBlock: { key: { key: zpk }, format: 0, block: pinBlock(pin) },
        pan,
        pvk,
        verification: { ...verification, offset },
      });
    expect(await verify('1234', '7710')).toBe(true);
    expect(await verify('0000', '6586')).toBe(true);
    expect(await verify('1234', '6586')).toBe(false);
    await expectHsmError(
      hsm.verifyPin({
        pinBlock: { key: { key: zpk }, format: 0, block: pinBlock('1234') },
        pan,
        pvk,
        verification: { ...verification, decimalizationTable: '0000000000000000', offset: '0000' },
      }),
      'HSM_DECIMALIZATION_TABLE_REJECTED',
    );
    const visa = await importClear(hsm, 'VISA_PVK', '0123456789ABCDEFFEDCBA9876543210');
    await expectHsmError(
      hsm.verifyPin({
        pinBlock: { key: { key: zpk }, format: 0, block: pinBlock('1234') },
        pan,
        pvk: visa,
        verification: { ...verification, offset: '7710' },
      }),
      'HSM_KEY_USAGE_VIOLATION',
    );
  });

  it('Visa PVV, and the default allow-list refuses an unlisted table', async () => {
    const { hsm } = newHsm();
    const zpk = await importClear(hsm, 'ZPK', TMK);
    const pvk = await importClear(hsm, 'VISA_PVK', '0123456789ABCDEFFEDCBA9876543210');
    const verify = (pin: string, pvv: string): Promise<boolean> =>
      hsm.verifyPin({
        pinBlock: { key: { key: zpk }, format: 0, block: pinBlock(pin) },
        pan,
        pvk,
        verification: { method: 'visa-pvv', pvki: 3, pvv },
      });
    expect(await verify('4524', '4021')).toBe(true);
    expect(await verify('4525', '4021')).toBe(false);
    await expectHsmError(
      hsm.verifyPin({
        pinBlock: { key: { key: zpk }, format: 0, block: pinBlock('1234') },
        pan,
        pvk,
        verification: {
          method: 'ibm3624',
          validationData: '1122334455667788',
          decimalizationTable: '1234567890123456',
          offset: '7710',
        },
      }),
      'HSM_DECIMALIZATION_TABLE_REJECTED',
    );
  });
});

describe('SoftwareHsm MACs (reference M3, M5, U1, RFC 4493, A.4 and TC1 DUKPT)', () => {
  it('computes and verifies with stored MAC keys', async () => {
    const { hsm } = newHsm();
    const cases = [
      [
        'x9.19',
        'TAK',
        '042666B4918430A368DE9628D03984C9',
        'tdes',
        '3430313233343536373839303944393837',
        '9CCC78173FC4FB64',
      ],
      [
        'iso9797-1',
        'ZAK',
        'AAAAAAAAAAAAAAAABBBBBBBBBBBBBBBB',
        'tdes',
        '68656C6C6F20776F726C64',
        '68D9038F23360DF3',
      ],
      [
        'cmac',
        'ZAK',
        '2B7E151628AED2A6ABF7158809CF4F3C',
        'aes',
        '6BC1BEE22E409F96E93D7E117393172A',
        '070A16B46B4D4144F79BDD9DD04A287C',
      ],
      [
        'cup-ecb',
        'TAK',
        'C24A8FB57AA20123',
        'des',
        '0200302004C020C0981100000000000000005100183402100006324392260009942820D1312101120084393136363838303134303030303030303030303030303031313536ACF46E73838A82F92600000000000000000822000001',
        '3841394539314238',
      ],
    ] as const;
    for (const [algorithm, type, key, keyAlgorithm, data, expected] of cases) {
      const handle = await importClear(hsm, type, key, keyAlgorithm);
      const mac = await hsm.generateMac({ key: { key: handle }, algorithm, data: hexToBytes(data) });
      expect(bytesToHex(mac)).toBe(expected);
      expect(await hsm.verifyMac({ key: { key: handle }, algorithm, data: hexToBytes(data), mac })).toBe(
        true,
      );
      const wrong = mac.slice();
      wrong[0]! ^= 1;
      expect(
        await hsm.verifyMac({ key: { key: handle }, algorithm, data: hexToBytes(data), mac: wrong }),
      ).toBe(false);
    }
  });

  it('derives the DUKPT MAC keys inside the HSM (A.4 E00001 request / response, TC1 CMAC)', async () => {
    const { hsm } = newHsm();
    const bdk = await importClear(hsm, 'BDK', BDK);
    const request = { bdk, ksn: KSN_E00001 };
    expect(bytesToHex(await hsm.generateMac({ key: request, algorithm: 'x9.19', data: DUKPT_DATA }))).toBe(
      '9CCC78173FC4FB64',
    );
    expect(
      bytesToHex(
        await hsm.generateMac({
          key: { ...request, direction: 'response' },
          algorithm: 'x9.19',
          data: DUKPT_DATA,
        }),
      ),
    ).toBe('20364223C1FF00FA');
    expect(bytesToHex(await hsm.generateMac({ key: request, algorithm: 'cmac', data: DUKPT_DATA }))).toBe(
      '211003F1D5B79DD7',
    );
    expect(
      await hsm.verifyMac({
        key: request,
        algorithm: 'x9.19',
        data: DUKPT_DATA,
        mac: hexToBytes('9CCC7817'),
      }),
    ).toBe(true);
    const aesBdk = await importClear(hsm, 'BDK', AES_BDK, 'aes');
    expect(
      bytesToHex(
        await hsm.generateMac({
          key: { bdk: aesBdk, ksn: AES_KSN_TC1 },
          algorithm: 'cmac',
          data: DUKPT_DATA,
        }),
      ),
    ).toBe('A2EB5C1C35809E58404E873C3C411E31');
  });

  it('honours the TR-31 mode of use of an imported MAC key (G generates, cannot verify)', async () => {
    const { hsm } = newHsm();
    const kbpkHex = 'DD7515F2BFC17F85CE48F3CA25CB21F6';
    const kbpk = await importClear(hsm, 'ZMK', kbpkHex);
    const keyBlock = wrapTr31KeyBlock({
      version: 'B',
      kbpk: hexToBytes(kbpkHex),
      header: { keyUsage: 'M3', algorithm: 'T', modeOfUse: 'G', exportability: 'N' },
      key: hexToBytes('042666B4918430A368DE9628D03984C9'),
      random: new SeededRandom(5),
    });
    const generateOnly = await hsm.importKey({ kind: 'tr31', kbpk, keyBlock, type: 'TAK' });
    expect([generateOnly.modeOfUse, generateOnly.exportable]).toEqual(['G', false]);
    const mac = await hsm.generateMac({ key: { key: generateOnly }, algorithm: 'x9.19', data: DUKPT_DATA });
    expect(bytesToHex(mac)).toBe('9CCC78173FC4FB64');
    await expectHsmError(
      hsm.verifyMac({ key: { key: generateOnly }, algorithm: 'x9.19', data: DUKPT_DATA, mac }),
      'HSM_KEY_USAGE_VIOLATION',
    );
    await expectHsmError(
      hsm.exportKey({ key: generateOnly, kek: kbpk, format: 'tr31' }),
      'HSM_KEY_NOT_EXPORTABLE',
    );
  });

  it('keeps MAC, PIN and data keys apart', async () => {
    const { hsm } = newHsm();
    const tak = await importClear(hsm, 'TAK', '042666B4918430A368DE9628D03984C9');
    const tdk = await importClear(hsm, 'TDK', '042666B4918430A368DE9628D03984C9');
    const zpk = await importClear(hsm, 'ZPK', TMK);
    const data = new Uint8Array(8);
    await expectHsmError(hsm.encryptData({ key: { key: tak }, data }), 'HSM_KEY_USAGE_VIOLATION');
    await expectHsmError(
      hsm.generateMac({ key: { key: tdk }, algorithm: 'x9.19', data }),
      'HSM_KEY_USAGE_VIOLATION',
    );
    await expectHsmError(hsm.encryptData({ key: { key: zpk }, data }), 'HSM_KEY_USAGE_VIOLATION');
    await expectHsmError(
      hsm.generateMac({ key: { bdk: tak, ksn: KSN_E00001 }, algorithm: 'x9.19', data }),
      'HSM_KEY_USAGE_VIOLATION',
    );
    const tpk = await importClear(hsm, 'TPK', TMK);
    await expectHsmError(
      hsm.translatePin({
        pinBlock: data,
        pan: '4012345678909',
        from: { key: { key: tpk }, format: 0 },
        to: { key: tak, format: 0 },
      }),
      'HSM_KEY_USAGE_VIOLATION',
    );
  });
});

describe('SoftwareHsm data encryption', () => {
  it('encrypts with DUKPT data keys (A.4 E00001 request and response, TC1)', async () => {
    const { hsm } = newHsm();
    const bdk = await importClear(hsm, 'BDK', BDK);
    const data = zeroPadded(DUKPT_DATA, 8);
    expect(bytesToHex(await hsm.encryptData({ key: { bdk, ksn: KSN_E00001 }, data }))).toBe(
      'FC0D53B7EA1FDA9EE68AAF2E70D9B9506229BE2AA993F04F',
    );
    expect(
      bytesToHex(await hsm.encryptData({ key: { bdk, ksn: KSN_E00001, direction: 'response' }, data })),
    ).toBe('1FCC89AF66222F27B903898BB2BC8589CDBFDE5EC6AFCC25');
    const aesBdk = await importClear(hsm, 'BDK', AES_BDK, 'aes');
    expect(
      bytesToHex(
        await hsm.encryptData({ key: { bdk: aesBdk, ksn: AES_KSN_TC1 }, data: zeroPadded(DUKPT_DATA, 16) }),
      ),
    ).toBe('E5AFA5B408A3310E3D779C8A9A2AE29448BD5B4232582090DB703AF647205A79');
  });

  it('round-trips with a TDK in CBC and ECB', async () => {
    const { hsm } = newHsm();
    const tdk = await hsm.generateKey({ type: 'TDK' });
    const data = zeroPadded(DUKPT_DATA, 8);
    for (const mode of ['cbc', 'ecb'] as const) {
      const iv = hexToBytes('0102030405060708');
      const encrypted = await hsm.encryptData({ key: { key: tdk }, data, mode, iv });
      expect(encrypted).not.toEqual(data);
      expect(await hsm.decryptData({ key: { key: tdk }, data: encrypted, mode, iv })).toEqual(data);
    }
    await expectHsmError(
      hsm.encryptData({ key: { key: tdk }, data: DUKPT_DATA }),
      'CRYPTO_INVALID_DATA_LENGTH',
    );
  });
});
