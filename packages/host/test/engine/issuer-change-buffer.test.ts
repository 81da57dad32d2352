import { describe, expect, it } from 'vitest';
import { SimulatedClock } from '@payterm/kernel';
import { IssuerChangeBuffer } from '../../src/engine/issuer-change-buffer.js';
import type { IssuerAccountRecord, IssuerMovementRecord } from '../../src/issuer/issuer-records.js';
import { WriteBatch } from '../../src/storage/index.js';

const account: IssuerAccountRecord = {
  panHash: 'b2'.repeat(32),
  panMasked: '622202******0001',
  kind: 'debit',
  currency: '156',
  balanceMinor: 987_655,
  creditLimitMinor: 0,
  heldMinor: 0,
  status: 'active',
  pinTryDate: null,
  pinTries: 0,
  pvv: '1234',
  expiry: '3012',
  behaviour: 'approve',
};

const movement: IssuerMovementRecord = {
  id: 'mv-1',
  panHash: 'b2'.repeat(32),
  kind: 'sale',
  amountMinor: 12_345,
  currency: '156',
  balanceDeltaMinor: -12_345,
  heldDeltaMinor: 0,
  holdId: null,
  originalId: null,
  refundedMinor: 0,
  status: 'applied',
};

describe('IssuerChangeBuffer', () => {
  it('drains the last value of each account and movement, stamped with the time, then empties', () => {
    const clock = new SimulatedClock(1_764_152_000_000);
    const buffer = new IssuerChangeBuffer(clock);
    buffer.onAccountChange({ ...account, balanceMinor: 1_000_000 });
    buffer.onAccountChange(account);
    buffer.onMovement(movement);
    expect(buffer.pending).toBe(2);
    const batch = new WriteBatch();
    buffer.drainInto(batch);
    expect(batch.changes).toEqual([
      { type: 'put-issuer-account', account: { ...account, updatedAt: 1_764_152_000_000 } },
      { type: 'put-issuer-movement', movement: { ...movement, updatedAt: 1_764_152_000_000 } },
    ]);
    expect(buffer.pending).toBe(0);
    buffer.drainInto(batch);
    expect(batch.size).toBe(2);
  });
});
