import { describe, expect, it } from 'vitest';
import { grossTotals } from '../src/journal/gross-totals.js';
import { Journal } from '../src/journal/journal.js';
import type { JournalRecord } from '../src/journal/journal-record.js';
import { transactionTotals } from '../src/journal/transaction-totals.js';
import { MemoryStorage } from '../src/memory/index.js';

function record(id: number, fields: Partial<JournalRecord>): JournalRecord {
  return {
    id: String(id).padStart(10, '0'),
    type: 'sale',
    status: 'approved',
    stan: String(id).padStart(6, '0'),
    batch: '000001',
    operator: '01',
    amount: { amountMinor: 1_000, currency: '156' },
    maskedPan: '620000******0011',
    sealedPan: 'v1:sealed',
    expiry: '3012',
    brand: 'UnionPay',
    entry: 'insert',
    entryMode: '051',
    pinVerified: true,
    createdAt: '2026-11-26T02:00:00.000Z',
    date: '1126',
    time: '100000',
    scope: 'domestic',
    ...fields,
  };
}

describe('gross totals (pos-dialect "Settlement totals")', () => {
  it('counts approved debits even when voided, credits, and never reversed or declined records', () => {
    const records = [
      record(1, { voidedBy: '0000000002' }),
      record(2, { type: 'void' }),
      record(3, { type: 'refund', amount: { amountMinor: 300, currency: '156' } }),
      record(4, { type: 'preauth-completion', amount: { amountMinor: 5_000, currency: '156' } }),
      record(5, { status: 'reversed' }),
      record(6, { status: 'declined' }),
      record(7, { type: 'preauth' }),
      record(8, { type: 'balance' }),
      record(9, { scope: 'foreign', amount: { amountMinor: 700, currency: '156' } }),
      record(10, { status: 'reversal-pending' }),
    ];
    expect(grossTotals(records)).toEqual({
      domestic: { debitCount: 2, debitMinor: 6_000, creditCount: 2, creditMinor: 1_300 },
      foreign: { debitCount: 1, debitMinor: 700, creditCount: 0, creditMinor: 0 },
    });
    expect(transactionTotals(records, '156')).toEqual({
      byType: [
        { type: 'sale', count: 2, amountMinor: 1_700 },
        { type: 'void', count: 1, amountMinor: -1_000 },
        { type: 'refund', count: 1, amountMinor: -300 },
        { type: 'preauth-completion', count: 1, amountMinor: 5_000 },
      ],
      byOperator: [{ operator: '01', count: 5, amountMinor: 5_400 }],
      currency: '156',
    });
  });
});

describe('Journal', () => {
  it('keeps records in id order, finds them by voucher and RRN, and survives a reopen', async () => {
    const storage = new MemoryStorage();
    const journal = await Journal.open(storage);
    const first = record(Number(journal.nextId()), { rrn: '330000000001' });
    const second = record(Number(journal.nextId()), { batch: '000002', stan: '000001' });
    await journal.commit([first, second]);
    const reopened = await Journal.open(storage);
    expect(reopened.all().map((entry) => entry.id)).toEqual([first.id, second.id]);
    expect(reopened.byVoucher('000002', '000001')?.id).toBe(second.id);
    expect(reopened.byRrn('330000000001')?.id).toBe(first.id);
    expect(reopened.nextId()).toBe('0000000003');
    expect(reopened.query({ batch: '000001' })).toHaveLength(1);
    expect(reopened.query({ fromDate: '2026-11-27' })).toHaveLength(0);
  });

  it('commits nothing to memory when storage refuses the write', async () => {
    const storage = new MemoryStorage();
    const journal = await Journal.open(storage);
    const bad = {
      ...record(1, {}),
      amount: { amountMinor: 10n, currency: '156' },
    } as unknown as JournalRecord;
    await expect(journal.commit([bad])).rejects.toMatchObject({ code: 'TERMINAL_STORAGE_FAILED' });
    expect(journal.all()).toEqual([]);
  });

  it('lists interrupted and pending records for recovery', async () => {
    const journal = await Journal.open(new MemoryStorage());
    await journal.commit([
      record(1, { status: 'sending' }),
      record(2, { status: 'reversal-pending' }),
      record(3, { type: 'refund', status: 'unknown' }),
      record(4, {}),
    ]);
    expect(journal.interrupted().map((entry) => entry.stan)).toEqual(['000001']);
    expect(journal.pendingRecoveries().map((entry) => entry.stan)).toEqual(['000002', '000003']);
  });

  it('queries by day in the terminal time zone: 17:00 UTC is the next day in China', async () => {
    const journal = await Journal.open(new MemoryStorage());
    await journal.commit([
      record(1, { createdAt: '2026-12-07T15:59:59.000Z' }),
      record(2, { createdAt: '2026-12-07T16:00:00.000Z' }),
      record(3, { createdAt: '2026-12-07T23:30:00.000Z' }),
    ]);
    const stans = (query: Parameters<Journal['query']>[0]) => journal.query(query).map((entry) => entry.stan);
    const china = { utcOffsetMinutes: 480 };
    expect(stans({ ...china, fromDate: '2026-12-07', toDate: '2026-12-07' })).toEqual(['000001']);
    expect(stans({ ...china, fromDate: '2026-12-08', toDate: '2026-12-08' })).toEqual(['000002', '000003']);
    expect(stans({ fromDate: '2026-12-07', toDate: '2026-12-07' })).toEqual(['000001', '000002', '000003']);
    expect(stans({ utcOffsetMinutes: -300, toDate: '2026-12-06' })).toEqual([]);
    expect(stans({ utcOffsetMinutes: -300, fromDate: '2026-12-07' })).toEqual(['000001', '000002', '000003']);
  });
});
