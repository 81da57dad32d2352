/** Malformed input gives typed CryptoErrors, and no error carries key, PIN, PIN block or PAN bytes. */
import { describe, expect, it } from 'vitest';
import {
  buildClearPinBlock,
  createCbcMac,
  createCmac,
  createCupEcbMac,
  createRetailMac,
  decodeClearPinBlock,
  decryptPinBlock,
  encryptPinBlock,
  hexToBytes,
  ibm3624NaturalPin,
  keyCheckValue,
  padIso9797,
  translatePinBlock,
  visaPvv,
  type CipherAlgorithm,
  type MacPadding,
  type PinBlockFormat,
} from '@payterm/crypto';
import { SeededRandom } from '@payterm/kernel';
import { IMPLEMENTATIONS } from './support/implementations.js';
import { expectCryptoError } from './support/crypto-error-shape.js';

const TDES_KEY = '0123456789ABCDEFFEDCBA9876543210';
const AES_KEY = '00112233445566778899AABBCCDDEEFF';
const PAN = '4012345678909';
const random = new SeededRandom(7);

describe('hex', () => {
  it('rejects odd lengths and non-hex characters, naming only the offset', () => {
    expectCryptoError(() => hexToBytes('ABC'), 'CRYPTO_INVALID_HEX');
    const error = expectCryptoError(() => hexToBytes('0123456789ABCDEZ'), 'CRYPTO_INVALID_HEX', [
      '0123456789',
    ]);
    expect(error.details).toEqual({ offset: 15 });
    expect(hexToBytes('abCD')).toEqual(new Uint8Array([0xab, 0xcd]));
  });
});

describe.each(IMPLEMENTATIONS)('%s', (_name, createCipher) => {
  const tdes = createCipher('tdes', hexToBytes(TDES_KEY));
  const aes = createCipher('aes', hexToBytes(AES_KEY));

  it('rejects unknown algorithms and wrong key lengths', () => {
    expectCryptoError(
      () => createCipher('rc4' as CipherAlgorithm, new Uint8Array(16)),
      'CRYPTO_INVALID_ALGORITHM',
    );
    for (const [algorithm, length] of [
      ['des', 16],
      ['tdes', 8],
      ['tdes', 32],
      ['aes', 8],
      ['aes', 20],
    ] as const) {
      const error = expectCryptoError(
        () => createCipher(algorithm, new Uint8Array(length)),
        'CRYPTO_INVALID_KEY_LENGTH',
      );
      expect(error.details).toEqual({ algorithm, length });
    }
  });

  it('rejects partial blocks, small outputs and wrong IVs', () => {
    expectCryptoError(() => tdes.encryptBlocksEcb(new Uint8Array(7)), 'CRYPTO_INVALID_DATA_LENGTH');
    expectCryptoError(() => aes.decryptBlocksEcb(new Uint8Array(17)), 'CRYPTO_INVALID_DATA_LENGTH');
    expectCryptoError(
      () => aes.encryptBlocksEcb(new Uint8Array(32), new Uint8Array(16)),
      'CRYPTO_INVALID_DATA_LENGTH',
    );
    expectCryptoError(
      () => tdes.encryptCbc(new Uint8Array(7), new Uint8Array(8)),
      'CRYPTO_INVALID_IV_LENGTH',
    );
    expectCryptoError(
      () => aes.decryptCbc(new Uint8Array(8), new Uint8Array(16)),
      'CRYPTO_INVALID_IV_LENGTH',
    );
    expectCryptoError(
      () => aes.decryptCbc(new Uint8Array(16), new Uint8Array(15)),
      'CRYPTO_INVALID_DATA_LENGTH',
    );
  });

  it('rejects bad MAC lengths, keys and options', () => {
    expectCryptoError(() => createCbcMac(tdes, { macLength: 3 }), 'CRYPTO_INVALID_MAC_LENGTH');
    expectCryptoError(() => createCmac(aes, { macLength: 17 }), 'CRYPTO_INVALID_MAC_LENGTH');
    expectCryptoError(
      () => createCmac(aes).verify(new Uint8Array(3), new Uint8Array(2)),
      'CRYPTO_INVALID_MAC_LENGTH',
    );
    expectCryptoError(() => createCbcMac(tdes, { padding: 3 as MacPadding }), 'CRYPTO_INVALID_ARGUMENT');
    expectCryptoError(() => padIso9797(new Uint8Array(1), 0 as MacPadding, 8), 'CRYPTO_INVALID_ARGUMENT');
    expectCryptoError(
      () => createRetailMac(createCipher, hexToBytes('0123456789ABCDEF')),
      'CRYPTO_INVALID_KEY_LENGTH',
    );
    expectCryptoError(() => createCupEcbMac(createCipher, new Uint8Array(24)), 'CRYPTO_INVALID_KEY_LENGTH');
    expectCryptoError(
      () => createCupEcbMac(createCipher, new Uint8Array(16), { doubleLengthMak: 'xor' as 'tdes' }),
      'CRYPTO_INVALID_ARGUMENT',
    );
    expectCryptoError(
      () => createCmac(aes).compute(new Uint8Array(4), new Uint8Array(8)),
      'CRYPTO_INVALID_DATA_LENGTH',
    );
  });

  it('rejects bad KCV lengths and methods', () => {
    expectCryptoError(() => keyCheckValue(tdes, { length: 1 }), 'CRYPTO_INVALID_KCV_LENGTH');
    expectCryptoError(() => keyCheckValue(tdes, { length: 9 }), 'CRYPTO_INVALID_KCV_LENGTH');
    expectCryptoError(() => keyCheckValue(tdes, { method: 'sha1' as 'cmac' }), 'CRYPTO_INVALID_ARGUMENT');
  });

  it('rejects bad PINs, PANs, formats and ciphers when encoding, without echoing them', () => {
    for (const pin of ['123', '1234567890123', '12a4', '']) {
      expectCryptoError(
        () => encryptPinBlock(tdes, { format: 0, pin, pan: PAN, random }),
        'CRYPTO_INVALID_PIN',
      );
    }
    for (const pan of ['', '40123456789a9', '40123456789012345678']) {
      expectCryptoError(
        () => encryptPinBlock(tdes, { format: 3, pin: '9876', pan, random }),
        'CRYPTO_INVALID_PAN',
        ['9876'],
      );
    }
    expectCryptoError(() => encryptPinBlock(aes, { format: 4, pin: '1234', random }), 'CRYPTO_INVALID_PAN');
    expectCryptoError(
      () => encryptPinBlock(tdes, { format: 4, pin: '1234', pan: PAN, random }),
      'CRYPTO_INVALID_ALGORITHM',
    );
    expectCryptoError(
      () => encryptPinBlock(aes, { format: 0, pin: '1234', pan: PAN, random }),
      'CRYPTO_INVALID_ALGORITHM',
    );
    expectCryptoError(
      () => encryptPinBlock(tdes, { format: 2 as PinBlockFormat, pin: '1234', pan: PAN, random }),
      'CRYPTO_INVALID_ARGUMENT',
    );
  });

  it('refuses translations that drop the PAN binding', () => {
    for (const format of [0, 3, 4] as const) {
      const cipher = format === 4 ? aes : tdes;
      const block = encryptPinBlock(cipher, { format, pin: '1234', pan: PAN, random });
      expectCryptoError(
        () =>
          translatePinBlock(block, {
            from: { cipher, format },
            to: { cipher: tdes, format: 1 },
            pan: PAN,
            random,
          }),
        'CRYPTO_PIN_TRANSLATION_FORBIDDEN',
      );
    }
  });

  it('checks the PAN of a translation once, where decrypt and encrypt would', () => {
    const under0 = encryptPinBlock(tdes, { format: 0, pin: '1234', pan: PAN, random });
    const under1 = encryptPinBlock(tdes, { format: 1, pin: '1234', random });
    const translate = (block: Uint8Array, from: PinBlockFormat, to: PinBlockFormat, pan?: string) =>
      translatePinBlock(block, {
        from: { cipher: tdes, format: from },
        to: { cipher: tdes, format: to },
        ...(pan === undefined ? {} : { pan }),
        random,
      });
    expectCryptoError(() => translate(under0, 0, 3, '40123X5678909'), 'CRYPTO_INVALID_PAN');
    expectCryptoError(() => translate(under0, 0, 3), 'CRYPTO_INVALID_PAN');
    expectCryptoError(() => translate(under1, 1, 0, '40123X5678909'), 'CRYPTO_INVALID_PAN');
    // Format 1 needs no PAN to decode, so a bad block is found before the PAN of the target format.
    expectCryptoError(() => translate(under1.subarray(0, 7), 1, 0, 'bad'), 'CRYPTO_PIN_BLOCK_INVALID');
    expect(translate(under1, 1, 1).length).toBe(8);
  });

  it('gives one opaque error for every PIN block decode failure', () => {
    const block = encryptPinBlock(tdes, { format: 0, pin: '1234', pan: PAN, random });
    const wrongKey = createCipher('tdes', hexToBytes(AES_KEY));
    const failures = [
      () => decryptPinBlock(tdes, block.subarray(0, 7), { format: 0, pan: PAN }),
      () => decryptPinBlock(tdes, block, { format: 0, pan: '4012345678919' }),
      () => decryptPinBlock(tdes, block, { format: 3, pan: PAN }),
      () => decryptPinBlock(tdes, block, { format: 1 }),
      () => decryptPinBlock(wrongKey, block, { format: 0, pan: PAN }),
      () => decryptPinBlock(aes, new Uint8Array(16), { format: 4, pan: PAN }),
    ];
    const messages = failures.map((failure) => {
      const error = expectCryptoError(failure, 'CRYPTO_PIN_BLOCK_INVALID', ['1234']);
      expect(error.details).toEqual({});
      return error.message;
    });
    expect(new Set(messages).size).toBe(1);
  });

  it('rejects malformed PIN verification parameters', () => {
    const params = { validationData: '1122334455667788', decimalizationTable: '0123456789ABCDEF' };
    expectCryptoError(() => ibm3624NaturalPin(tdes, params, 4), 'CRYPTO_INVALID_ARGUMENT');
    expectCryptoError(
      () => ibm3624NaturalPin(tdes, { ...params, validationData: '11' }, 4),
      'CRYPTO_INVALID_ARGUMENT',
    );
    expectCryptoError(() => ibm3624NaturalPin(aes, params, 4), 'CRYPTO_INVALID_ALGORITHM');
    expectCryptoError(() => visaPvv(tdes, { pan: PAN, pvki: 10, pin: '1234' }), 'CRYPTO_INVALID_ARGUMENT');
    expectCryptoError(
      () => visaPvv(tdes, { pan: '12345678901', pvki: 1, pin: '1234' }),
      'CRYPTO_INVALID_PAN',
    );
  });
});

describe('clear PIN block checks (ISO 9564-1 §1.1)', () => {
  // Format 0 for PIN 1234 with PAN 4012345678909 is 041274EDCBA9876F; with an all-zero PAN field the
  // block is the PIN field itself, which makes each mutation easy to read.
  const ZERO_PAN = '0000000000000';
  const mutations: [string, string, 0 | 1 | 3][] = [
    ['control nibble', '141234FFFFFFFFFF', 0],
    ['PIN length 3', '03123FFFFFFFFFFF', 0],
    ['PIN length 13', '0D1234567890123F', 0],
    ['non-digit PIN nibble', '04123AFFFFFFFFFF', 0],
    ['fill not F', '041234FFFFFFFFFE', 0],
    ['format 3 fill below A', '341234AAAAAAAAA9', 3],
    ['format 1 PIN length 2', '1212FFFFFFFFFFFF', 1],
  ];

  it.each(mutations)('%s', (_what, hex, format) => {
    const pan = format === 1 ? undefined : ZERO_PAN;
    const error = expectCryptoError(
      () => decodeClearPinBlock(format, hexToBytes(hex), pan),
      'CRYPTO_PIN_BLOCK_INVALID',
    );
    expect(error.message).toBe('PIN block is invalid');
  });

  it('accepts the unmutated blocks', () => {
    expect(decodeClearPinBlock(0, hexToBytes('041234FFFFFFFFFF'), ZERO_PAN).reveal()).toBe('1234');
    expect(decodeClearPinBlock(3, hexToBytes('341234AAAAAAAAAF'), ZERO_PAN).reveal()).toBe('1234');
    expect(decodeClearPinBlock(1, hexToBytes('141234012345ABCD'), undefined).reveal()).toBe('1234');
    expect(buildClearPinBlock(0, '1234', ZERO_PAN, random)).toEqual(hexToBytes('041234FFFFFFFFFF'));
  });
});
