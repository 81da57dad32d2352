import { describe, expect, it } from 'vitest';
import { BatchJournal, type JournalEntry } from '../../src/engine/batch-journal.js';

function entry(stan: string, mtiClass = '020', overrides: Partial<JournalEntry> = {}): JournalEntry {
  return {
    transactionId: `t-${stan}-${mtiClass}`,
    stan,
    mtiClass,
    kind: 'sale',
    digest: `digest-${stan}`,
    amountMinor: 1234,
    currency: '156',
    cardScope: 'domestic',
    originalId: null,
    panHash: 'HASH',
    rrn: '330000000001',
    authCode: '123456',
    responseCode: '00',
    status: 'approved',
    refundedMinor: 0,
    responseJson: '{}',
    receivedAt: 0,
    ...overrides,
  };
}

describe('BatchJournal', () => {
  it('loads a batch once and keeps requests by STAN and message class', async () => {
    const loads: string[] = [];
    const journal = new BatchJournal((tid, batchNo) => {
      loads.push(`${tid}/${batchNo}`);
      return Promise.resolve([entry('000001'), entry('000001', '040', { kind: 'reversal' })]);
    });
    const [first, second] = await Promise.all([
      journal.batch('10000001', '000001'),
      journal.batch('10000001', '000001'),
    ]);
    expect(first).toBe(second);
    expect(loads).toEqual(['10000001/000001']);
    expect(first.get('000001', '020')?.kind).toBe('sale');
    expect(first.get('000001', '040')?.kind).toBe('reversal');
    expect(first.get('000002', '020')).toBeUndefined();
    first.put(entry('000002'));
    expect(first.size).toBe(3);
    first.remove('000002', '020');
    expect(first.get('000002', '020')).toBeUndefined();
  });

  it('keeps terminals and batches apart and forgets a settled batch', async () => {
    let loads = 0;
    const journal = new BatchJournal(() => {
      loads += 1;
      return Promise.resolve([]);
    });
    const one = await journal.batch('10000001', '000001');
    const other = await journal.batch('10000002', '000001');
    one.put(entry('000007'));
    expect(other.get('000007', '020')).toBeUndefined();
    expect(journal.openBatches).toBe(2);
    journal.close('10000001', '000001');
    const reloaded = await journal.batch('10000001', '000001');
    expect(reloaded).not.toBe(one);
    expect(loads).toBe(3);
  });

  it('retries a batch whose load failed', async () => {
    let attempts = 0;
    const journal = new BatchJournal(() => {
      attempts += 1;
      return attempts === 1 ? Promise.reject(new Error('database down')) : Promise.resolve([entry('000003')]);
    });
    await expect(journal.batch('10000001', '000001')).rejects.toThrow('database down');
    const index = await journal.batch('10000001', '000001');
    expect(index.get('000003', '020')).toBeDefined();
  });
});
