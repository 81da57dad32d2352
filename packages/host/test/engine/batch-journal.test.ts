import { describe, expect, it } from 'vitest';
import { BatchIndex, BatchJournal, type JournalEntry } from '../../src/engine/batch-journal.js';
import { journalTotals } from '../../src/flows/settlement-flow.js';

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

describe('journalTotals of QR transactions', () => {
  it('counts QR sales (either direction) in domestic debit and QR voids and refunds in domestic credit', () => {
    const batch = new BatchIndex('10000001', '000001', [
      entry('000001', '020', { kind: 'qr-sale', amountMinor: 50_00, panHash: null }),
      // A voided QR sale stays in debit; its void is a credit.
      entry('000002', '020', { kind: 'qr-sale', amountMinor: 20_00, status: 'voided', panHash: null }),
      entry('000003', '020', { kind: 'qr-void', amountMinor: 20_00, panHash: null }),
      // A paid merchant-presented order is the batch's QR sale; one still waiting or closed counts nowhere.
      entry('000004', '020', { kind: 'qr-order', amountMinor: 12_34, panHash: null }),
      entry('000005', '020', { kind: 'qr-order', amountMinor: 99_00, status: 'waiting', panHash: null }),
      entry('000006', '020', { kind: 'qr-order', amountMinor: 98_00, status: 'closed', panHash: null }),
      entry('000007', '022', { kind: 'qr-refund', amountMinor: 5_00, panHash: null }),
      // Declined, reversed and status answers count nowhere.
      entry('000008', '020', { kind: 'qr-sale', amountMinor: 7_00, responseCode: '51', status: 'declined' }),
      entry('000009', '020', { kind: 'qr-sale', amountMinor: 8_00, status: 'reversed' }),
      entry('000010', '020', { kind: 'qr-order-status', amountMinor: 0 }),
      // A card sale beside them, foreign.
      entry('000011', '020', { kind: 'sale', amountMinor: 1_00, cardScope: 'foreign' }),
    ]);
    expect(journalTotals(batch)).toEqual({
      domestic: {
        debitCount: 3,
        debitAmountMinor: 50_00 + 20_00 + 12_34,
        creditCount: 2,
        creditAmountMinor: 20_00 + 5_00,
      },
      foreign: { debitCount: 1, debitAmountMinor: 1_00, creditCount: 0, creditAmountMinor: 0 },
    });
  });
});
