/** AES DUKPT vectors (fixtures/dukpt-aes.json, X9.24-3:2017 supplement): host derivation and the terminal register. */
import { describe, expect, it } from 'vitest';
import {
  AesDukptHost,
  AesDukptTerminal,
  aesDukptCounter,
  aesDukptWorkingKey,
  bytesToHex,
  createCmac,
  decryptPinBlock,
  deriveAesDukptInitialKey,
  deriveAesDukptTransactionKey,
  hexToBytes,
  type AesDukptKeyType,
  type AesDukptKeyUsage,
  type AesDukptOptions,
  type CipherFactory,
} from '@payterm/crypto';
import { byId, loadFixtures } from './support/fixtures.js';
import { IMPLEMENTATIONS } from './support/implementations.js';
import { expectCryptoError } from './support/crypto-error-shape.js';

interface AesDukptInputs {
  bdk: string;
  initialKeyId?: string;
  ksn?: string;
  data?: string;
  pin?: string;
  pan?: string;
  pinBlock?: string;
}
type AesDukptExpected = Partial<
  Record<
    | 'initialKey'
    | 'transactionKey'
    | 'transactionKeyPrefix'
    | 'transactionKeySuffix'
    | 'pinKey'
    | 'pinKeyAes128'
    | 'pinKeyAes256'
    | 'macGenerationKey'
    | 'cmac'
    | 'dataEncryptionKey'
    | 'dataEncrypted',
    string
  >
>;

const FIXTURES = loadFixtures<AesDukptInputs, AesDukptExpected>('dukpt-aes');
const BDK = hexToBytes('FEDCBA9876543210F1F1F1F1F1F1F1F1');
const INITIAL_KEY_ID = hexToBytes('1234567890123456');

// Derivation on each cipher factory, and on the default (one reused pure TypeScript key schedule).
const DERIVATIONS: [string, CipherFactory, AesDukptOptions][] = [
  ...IMPLEMENTATIONS.map(([name, create]): [string, CipherFactory, AesDukptOptions] => [
    name,
    create,
    { cipherFactory: create },
  ]),
  ['default', IMPLEMENTATIONS[0]![1], {}],
];

describe.each(DERIVATIONS)('AES DUKPT host on %s', (_name, createCipher, options) => {
  it.each(byId(FIXTURES))('%s', (_id, { inputs, expected }) => {
    const host = new AesDukptHost(hexToBytes(inputs.bdk), options);
    if (inputs.initialKeyId !== undefined) {
      expect(bytesToHex(host.initialKey(hexToBytes(inputs.initialKeyId)))).toBe(expected.initialKey);
      expect(
        bytesToHex(deriveAesDukptInitialKey(hexToBytes(inputs.bdk), hexToBytes(inputs.initialKeyId))),
      ).toBe(expected.initialKey);
      return;
    }
    const ksn = hexToBytes(inputs.ksn!);
    const key = (usage: AesDukptKeyUsage, type: AesDukptKeyType = 'aes128'): string =>
      bytesToHex(host.workingKey(ksn, usage, type));
    const transactionKey = bytesToHex(host.transactionKey(ksn));
    if (expected.transactionKey !== undefined) expect(transactionKey).toBe(expected.transactionKey);
    expect(transactionKey.startsWith(expected.transactionKeyPrefix ?? '')).toBe(true);
    expect(transactionKey.endsWith(expected.transactionKeySuffix ?? '')).toBe(true);
    const initialKey = host.initialKey(ksn.subarray(0, 8));
    expect(bytesToHex(deriveAesDukptTransactionKey(initialKey, ksn))).toBe(transactionKey);
    if (expected.pinKey !== undefined) expect(key('pin-encryption')).toBe(expected.pinKey);
    if (expected.pinKeyAes128 !== undefined) expect(key('pin-encryption')).toBe(expected.pinKeyAes128);
    if (expected.pinKeyAes256 !== undefined)
      expect(key('pin-encryption', 'aes256')).toBe(expected.pinKeyAes256);
    if (expected.macGenerationKey !== undefined) {
      expect(key('mac-generation')).toBe(expected.macGenerationKey);
      expect(
        bytesToHex(aesDukptWorkingKey(hexToBytes(transactionKey), ksn, 'mac-generation', 'aes128')),
      ).toBe(expected.macGenerationKey);
      const mac = createCmac(createCipher('aes', hexToBytes(key('mac-generation')))).compute(
        hexToBytes(inputs.data!),
      );
      expect(bytesToHex(mac)).toBe(expected.cmac);
    }
    if (expected.dataEncryptionKey !== undefined) {
      expect(key('data-encryption')).toBe(expected.dataEncryptionKey);
      const data = new Uint8Array(32);
      data.set(hexToBytes(inputs.data!));
      const encrypted = createCipher('aes', hexToBytes(key('data-encryption'))).encryptCbc(
        new Uint8Array(16),
        data,
      );
      expect(bytesToHex(encrypted)).toBe(expected.dataEncrypted);
    }
    if (inputs.pinBlock !== undefined) {
      const pinCipher = createCipher('aes', hexToBytes(key('pin-encryption')));
      const pin = decryptPinBlock(pinCipher, hexToBytes(inputs.pinBlock), { format: 4, pan: inputs.pan! });
      expect(pin.reveal()).toBe(inputs.pin);
    }
  });

  it('derives 2-key and 3-key TDES working keys of the right length, and no key stronger than its BDK', () => {
    const host = new AesDukptHost(BDK, options);
    const ksn = hexToBytes('123456789012345600000001');
    expect(host.workingKey(ksn, 'pin-encryption', '2tdea')).toHaveLength(16);
    expect(host.workingKey(ksn, 'mac-both', '3tdea')).toHaveLength(24);
    expect(host.workingKey(ksn, 'pin-encryption', '2tdea')).not.toEqual(
      host.workingKey(ksn, 'pin-encryption', 'aes128'),
    );
    expectCryptoError(() => host.workingKey(ksn, 'pin-encryption', 'aes256'), 'CRYPTO_INVALID_ALGORITHM');
    expectCryptoError(
      () => host.workingKey(ksn, 'pin-encryption', 'hmac' as AesDukptKeyType),
      'CRYPTO_INVALID_ALGORITHM',
    );
    expectCryptoError(
      () => host.workingKey(ksn, 'pin' as AesDukptKeyUsage, 'aes128'),
      'CRYPTO_INVALID_ARGUMENT',
    );
    expectCryptoError(
      () => host.transactionKey(hexToBytes('12345678901234560001FFFF')),
      'CRYPTO_INVALID_KSN',
    );
    expectCryptoError(
      () => host.transactionKey(hexToBytes('123456789012345600000000')),
      'CRYPTO_INVALID_KSN',
    );
    expectCryptoError(() => host.initialKey(new Uint8Array(7)), 'CRYPTO_INVALID_KSN');
    expectCryptoError(() => new AesDukptHost(new Uint8Array(8)), 'CRYPTO_INVALID_KEY_LENGTH');
  });
});

describe('AES DUKPT terminal register', () => {
  const initialKey = deriveAesDukptInitialKey(BDK, INITIAL_KEY_ID);
  const vectors = new Map(
    FIXTURES.filter(
      (fixture) => fixture.expected.transactionKey !== undefined && fixture.inputs.bdk.length === 32,
    ).map((fixture) => [aesDukptCounter(hexToBytes(fixture.inputs.ksn!)), fixture.expected.transactionKey!]),
  );

  it('hands out 1, 2, 3 … with the published keys, skips 0x1FFFF and reaches 0x1FFFE then 0x20000', () => {
    const terminal = new AesDukptTerminal(initialKey, INITIAL_KEY_ID);
    const seen = new Map<number, string>();
    const order: number[] = [];
    while (terminal.counter <= 0x20000) {
      const { counter, transactionKey, ksn } = terminal.nextTransaction();
      if (counter >= 0x1fffd) order.push(counter);
      if (counter === 1) expect(bytesToHex(ksn)).toBe('123456789012345600000001');
      if (vectors.has(counter)) seen.set(counter, bytesToHex(transactionKey));
    }
    expect(order).toEqual([0x1fffd, 0x1fffe, 0x20000]);
    vectors.delete(0xffff0000);
    expect(seen).toEqual(vectors);
    const transaction = new AesDukptTerminal(initialKey, INITIAL_KEY_ID).nextTransaction();
    expect(
      bytesToHex(
        new AesDukptTerminal(initialKey, INITIAL_KEY_ID).workingKey(transaction, 'pin-encryption', 'aes128'),
      ),
    ).toBe('AF8CB133A78F8DC2D1359F18527593FB');
  });
});
