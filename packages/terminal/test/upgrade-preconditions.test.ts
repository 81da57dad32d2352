import { describe, expect, it } from 'vitest';
import { failedPrecondition, type PreconditionFacts } from '../src/upgrade/preconditions.js';
import { UPGRADE_TEXTS } from '../src/upgrade/upgrade-texts.js';

const READY: PreconditionFacts = { packageBytes: 1_000, storedBytes: 0, batchCount: 0, pendingRecoveries: 0 };

describe('the upgrade preconditions of docs/TMS.md §3.2', () => {
  it('pass when the device cannot tell its battery or free space (documented: a shell on mains)', () => {
    expect(failedPrecondition(READY)).toBeUndefined();
  });

  it('refuse a battery under 30 % unless it is charging', () => {
    expect(failedPrecondition({ ...READY, power: { level: 29, charging: false } })).toMatchObject({
      code: 'UPGRADE_BATTERY_LOW',
      details: { level: 29 },
    });
    expect(failedPrecondition({ ...READY, power: { level: 29, charging: true } })).toBeUndefined();
    expect(failedPrecondition({ ...READY, power: { level: 30, charging: false } })).toBeUndefined();
  });

  it('need twice the package free, less what a resumed download has stored already', () => {
    expect(failedPrecondition({ ...READY, freeBytes: 1_999 })).toMatchObject({
      code: 'UPGRADE_STORAGE_LOW',
      details: { freeBytes: 1_999, needBytes: 2_000 },
    });
    expect(failedPrecondition({ ...READY, freeBytes: 2_000 })).toBeUndefined();
    expect(failedPrecondition({ ...READY, freeBytes: 1_500, storedBytes: 500 })).toBeUndefined();
  });

  it('say "settle first" for an open batch or a pending reversal before anything else', () => {
    const low = { power: { level: 5, charging: false }, freeBytes: 0 };
    expect(failedPrecondition({ ...READY, ...low, batchCount: 2 })).toMatchObject({
      code: 'UPGRADE_SETTLE_FIRST',
      reason: 'The batch has transactions: settle first',
    });
    expect(failedPrecondition({ ...READY, pendingRecoveries: 1 })).toMatchObject({
      code: 'UPGRADE_SETTLE_FIRST',
      reason: 'A reversal is pending: resolve it and settle first',
    });
    expect(UPGRADE_TEXTS.UPGRADE_SETTLE_FIRST).toEqual({ zh: '请先结算', en: 'Settle first' });
  });
});
