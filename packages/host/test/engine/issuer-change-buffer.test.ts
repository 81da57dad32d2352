import { describe, expect, it } from 'vitest';
import { SimulatedClock } from '@payterm/kernel';
import { IssuerChangeBuffer } from '../../src/engine/issuer-change-buffer.js';
import { accountRecordFromRow, movementRecordFromRow } from '../../src/issuer/account-record-row.js';
import type { IssuerAccountRecord, IssuerMovementRecord } from '../../src/issuer/issuer-records.js';
import { WriteBatch } from '../../src/storage/index.js';
import { issuerAccountRecord, issuerMovementRow } from '../storage/records.js';

// The issuer's records as read back from the stored rows (the buffer stamps their write time).
const account: IssuerAccountRecord = accountRecordFromRow(
  issuerAccountRecord({ balanceMinor: 987_655, behaviour: 'approve' }),
);
const movement: IssuerMovementRecord = movementRecordFromRow(issuerMovementRow());

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
