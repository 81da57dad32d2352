/** TDES DUKPT vectors (fixtures/dukpt-tdes.json, X9.24-1:2009 A.4): host derivation and the terminal register. */
import { describe, expect, it } from 'vitest';
import {
  TdesDukptHost,
  TdesDukptTerminal,
  bytesToHex,
  createRetailMac,
  deriveTdesDukptIpek,
  deriveTdesDukptTransactionKey,
  hexToBytes,
  keyCheckValue,
  tdesDukptCounter,
  tdesDukptWorkingKey,
  type TdesDukptKeyUsage,
} from '@payterm/crypto';
import { byId, loadFixtures } from './support/fixtures.js';
import { IMPLEMENTATIONS } from './support/implementations.js';
import { expectCryptoError } from './support/crypto-error-shape.js';

interface TdesDukptInputs {
  bdk: string;
  ksn: string;
  pinBlock?: string;
  data?: string;
}
type TdesDukptExpected = Partial<
  Record<
    | 'ipek'
    | 'ipekKcv'
    | 'transactionKey'
    | 'pinKey'
    | 'macRequestKey'
    | 'dataRequestKey'
    | 'encryptedPinBlock'
    | 'requestMac'
    | 'responseMac'
    | 'requestMacPrefix'
    | 'responseMacPrefix'
    | 'dataRequest'
    | 'dataRequestPrefix'
    | 'dataRequestSuffix'
    | 'dataResponse',
    string
  >
>;

const FIXTURES = loadFixtures<TdesDukptInputs, TdesDukptExpected>('dukpt-tdes');
const BDK = hexToBytes('0123456789ABCDEFFEDCBA9876543210');
const INITIAL_KSN = hexToBytes('FFFF9876543210E00000');

function zeroPadded(data: Uint8Array, blockSize: number): Uint8Array {
  const out = new Uint8Array(Math.ceil(data.length / blockSize) * blockSize);
  out.set(data);
  return out;
}

describe.each(IMPLEMENTATIONS)('TDES DUKPT host with %s working-key ciphers', (_name, createCipher) => {
  const host = new TdesDukptHost(BDK);

  it.each(byId(FIXTURES))('%s', (_id, { inputs, expected }) => {
    const ksn = hexToBytes(inputs.ksn);
    const key = (usage: TdesDukptKeyUsage): Uint8Array => host.workingKey(ksn, usage);
    if (expected.ipek !== undefined) {
      const ipek = host.initialKey(ksn);
      expect(bytesToHex(ipek)).toBe(expected.ipek);
      expect(bytesToHex(deriveTdesDukptIpek(hexToBytes(inputs.bdk), ksn))).toBe(expected.ipek);
      expect(bytesToHex(keyCheckValue(createCipher('tdes', ipek)))).toBe(expected.ipekKcv);
      return;
    }
    const transactionKey = host.transactionKey(ksn);
    expect(bytesToHex(transactionKey)).toBe(expected.transactionKey);
    expect(bytesToHex(deriveTdesDukptTransactionKey(host.initialKey(ksn), ksn))).toBe(
      expected.transactionKey,
    );
    if (expected.pinKey !== undefined) expect(bytesToHex(key('pin'))).toBe(expected.pinKey);
    if (expected.macRequestKey !== undefined)
      expect(bytesToHex(key('mac-request'))).toBe(expected.macRequestKey);
    if (expected.dataRequestKey !== undefined) {
      expect(bytesToHex(key('data-request'))).toBe(expected.dataRequestKey);
    }
    for (const usage of ['pin', 'mac-request', 'mac-response', 'data-request', 'data-response'] as const) {
      expect(tdesDukptWorkingKey(transactionKey, usage)).toEqual(key(usage));
    }
    const pinBlock = createCipher('tdes', key('pin')).encryptBlocksEcb(hexToBytes(inputs.pinBlock!));
    expect(bytesToHex(pinBlock)).toBe(expected.encryptedPinBlock);

    const data = hexToBytes(inputs.data!);
    const requestMac = bytesToHex(createRetailMac(createCipher, key('mac-request')).compute(data));
    const responseMac = bytesToHex(createRetailMac(createCipher, key('mac-response')).compute(data));
    expect(requestMac.startsWith(expected.requestMac ?? expected.requestMacPrefix ?? '')).toBe(true);
    expect(responseMac.startsWith(expected.responseMac ?? expected.responseMacPrefix ?? '')).toBe(true);
    const encrypt = (usage: TdesDukptKeyUsage): string =>
      bytesToHex(createCipher('tdes', key(usage)).encryptCbc(new Uint8Array(8), zeroPadded(data, 8)));
    const dataRequest = encrypt('data-request');
    if (expected.dataRequest !== undefined) expect(dataRequest).toBe(expected.dataRequest);
    expect(dataRequest.startsWith(expected.dataRequestPrefix ?? '')).toBe(true);
    expect(dataRequest.endsWith(expected.dataRequestSuffix ?? '')).toBe(true);
    if (expected.dataResponse !== undefined) expect(encrypt('data-response')).toBe(expected.dataResponse);
  });
});

describe('TDES DUKPT terminal register', () => {
  const ipek = deriveTdesDukptIpek(BDK, INITIAL_KSN);
  const vectors = new Map(
    FIXTURES.filter((fixture) => fixture.expected.transactionKey !== undefined).map((fixture) => [
      tdesDukptCounter(hexToBytes(fixture.inputs.ksn)),
      fixture.expected.transactionKey!,
    ]),
  );

  it('hands out counters 1, 2, 3 … with the published keys', () => {
    const terminal = new TdesDukptTerminal(ipek, INITIAL_KSN);
    for (let counter = 1; counter <= 0x15; counter += 1) {
      const transaction = terminal.nextTransaction();
      expect(transaction.counter).toBe(counter);
      expect(bytesToHex(transaction.ksn)).toBe(
        `FFFF9876543210E000${counter.toString(16).toUpperCase().padStart(2, '0')}`,
      );
      const published = vectors.get(counter);
      if (published !== undefined) expect(bytesToHex(transaction.transactionKey)).toBe(published);
    }
  });

  it('walks every counter with at most 10 one-bits, reaches the rollover vectors, then is exhausted', () => {
    const terminal = new TdesDukptTerminal(ipek, INITIAL_KSN);
    let used = 0;
    let previous = 0;
    let outOfOrder = 0;
    let tooManyOnes = 0;
    const seen = new Map<number, string>();
    while (!terminal.exhausted) {
      const { counter, transactionKey } = terminal.nextTransaction();
      if (counter <= previous) outOfOrder += 1;
      if (counter.toString(2).replaceAll('0', '').length > 10) tooManyOnes += 1;
      previous = counter;
      used += 1;
      if (vectors.has(counter)) seen.set(counter, bytesToHex(transactionKey));
    }
    expect({ outOfOrder, tooManyOnes }).toEqual({ outOfOrder: 0, tooManyOnes: 0 });
    expect(seen).toEqual(vectors);
    expect(used).toBe(1_048_575);
    expect(previous).toBe(0x1ff800);
    expectCryptoError(() => terminal.nextTransaction(), 'CRYPTO_DUKPT_EXHAUSTED');
  });

  it('rejects an initial KSN with a counter and a host KSN with more than 10 one-bits', () => {
    expectCryptoError(
      () => new TdesDukptTerminal(ipek, hexToBytes('FFFF9876543210E00001')),
      'CRYPTO_INVALID_KSN',
    );
    const host = new TdesDukptHost(BDK);
    expectCryptoError(() => host.transactionKey(hexToBytes('FFFF9876543210E007FF')), 'CRYPTO_INVALID_KSN');
    expectCryptoError(() => host.transactionKey(INITIAL_KSN), 'CRYPTO_INVALID_KSN');
    expectCryptoError(() => host.transactionKey(new Uint8Array(9)), 'CRYPTO_INVALID_KSN');
    expectCryptoError(() => new TdesDukptHost(new Uint8Array(24)), 'CRYPTO_INVALID_KEY_LENGTH', []);
    expectCryptoError(
      () => host.workingKey(hexToBytes('FFFF9876543210E00001'), 'kek' as TdesDukptKeyUsage),
      'CRYPTO_INVALID_ARGUMENT',
    );
  });
});
