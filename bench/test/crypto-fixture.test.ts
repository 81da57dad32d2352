import { describe, expect, test } from 'vitest';
import {
  AES_DUKPT_VECTORS,
  checkCryptoFixtures,
  desEde3Key,
  DUKPT_VECTOR,
  expectSame,
  MAK_8,
  MESSAGE,
  MESSAGE_BYTES,
  peerAesDukptTransactionKey,
  peerDukptTransactionKey,
  peerPosEcbMac,
  POS_ECB_VECTORS,
} from '../src/suites/crypto-fixtures.js';

// Fixture checks only; the suite repeats them before timing. Nothing here times anything.

describe('crypto suite fixture', () => {
  test('every implementation gives the reference results and they agree on the timed message', () => {
    expect(MESSAGE.length).toBe(MESSAGE_BYTES);
    expect(checkCryptoFixtures()).toMatch(/^fixtures: /);
  });

  test('the node:crypto peer gives the reference MAC of U1', () => {
    const vector = POS_ECB_VECTORS[0];
    const mac = peerPosEcbMac(desEde3Key(Buffer.from(vector.key, 'hex')), Buffer.from(vector.data, 'hex'));
    expect(mac.toString('hex').toUpperCase()).toBe(vector.mac);
  });

  test('the node:crypto DUKPT peer gives the X9.24-1 A.4 transaction key of counter 1', () => {
    const key = peerDukptTransactionKey(
      Buffer.from(DUKPT_VECTOR.bdk, 'hex'),
      Buffer.from(DUKPT_VECTOR.ksn, 'hex'),
    );
    expect(key.toString('hex').toUpperCase()).toBe(DUKPT_VECTOR.transactionKey);
  });

  test('the node:crypto AES DUKPT peer gives the X9.24-3 transaction keys of both timed KSNs', () => {
    const bdk = Buffer.from(AES_DUKPT_VECTORS.bdk, 'hex');
    for (const vector of [AES_DUKPT_VECTORS.first, AES_DUKPT_VECTORS.worst]) {
      const key = peerAesDukptTransactionKey(bdk, Buffer.from(vector.ksn, 'hex'));
      expect(key.toString('hex').toUpperCase()).toBe(vector.transactionKey);
    }
  });

  test('a mismatch aborts with both values named', () => {
    const mac = peerPosEcbMac(desEde3Key(MAK_8), MESSAGE);
    expect(() => expectSame('demo', mac, mac)).not.toThrow();
    const other = Uint8Array.from(mac, (byte, index) => (index === 0 ? byte ^ 1 : byte));
    expect(() => expectSame('demo', other, mac)).toThrow(
      /fixture check failed: demo gave [0-9A-F]{16}, expected/,
    );
  });
});
