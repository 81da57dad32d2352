import { expect, it } from 'vitest';
import { HostError } from '../../src/errors.js';
import { createRepositories, type TransactionRecord } from '../../src/storage/index.js';
import { describeEachDatabase } from '../support/database.js';
import { transactionRecord } from './records.js';

describeEachDatabase('transaction repository', (getDatabase) => {
  it('stores every field and derives the MTI class; 10^12 round-trips as a number', async () => {
    const { transactions } = createRepositories(getDatabase().db);
    const sale = transactionRecord({ id: 'rt-1', tid: '30000001', amountMinor: 1_000_000_000_000 });
    await transactions.insert(sale);
    const stored = await transactions.findById('rt-1');
    expect(stored).toEqual({ ...sale, mtiClass: '020' });
    expect(stored?.amountMinor).toBe(1_000_000_000_000);
    expect(await transactions.findById('nope')).toBeUndefined();
  });

  it('refuses a second message of the same class under one STAN; other classes may share it', async () => {
    const { transactions } = createRepositories(getDatabase().db);
    const base = { tid: '30000002', batchNo: '000001', stan: '000042' };
    await transactions.insert(transactionRecord({ ...base, id: 'dup-1', mti: '0200' }));
    await expect(
      transactions.insert(transactionRecord({ ...base, id: 'dup-2', mti: '0201' })),
    ).rejects.toThrow();
    await transactions.insert(transactionRecord({ ...base, id: 'dup-3', mti: '0220', kind: 'refund' }));
    await transactions.insert(transactionRecord({ ...base, id: 'dup-4', batchNo: '000002' }));
    const found = await transactions.findByStan('30000002', '000001', '000042');
    expect(found.map((transaction) => [transaction.id, transaction.mtiClass])).toEqual([
      ['dup-1', '020'],
      ['dup-3', '022'],
    ]);
  });

  it('finds by RRN with and without the host date, and lists by original', async () => {
    const { transactions } = createRepositories(getDatabase().db);
    const common = { tid: '30000003', rrn: '612345678901' };
    await transactions.insert(
      transactionRecord({ ...common, id: 'rrn-1', stan: '000001', hostDate: '20261125' }),
    );
    await transactions.insert(
      transactionRecord({ ...common, id: 'rrn-2', stan: '000002', hostDate: '20261126' }),
    );
    await transactions.insert(
      transactionRecord({
        ...common,
        id: 'rrn-3',
        stan: '000003',
        kind: 'void',
        originalId: 'rrn-2',
        rrn: null,
      }),
    );
    expect((await transactions.findByRrn('612345678901')).map((t) => t.id)).toEqual(['rrn-1', 'rrn-2']);
    expect((await transactions.findByRrn('612345678901', '20261126')).map((t) => t.id)).toEqual(['rrn-2']);
    expect((await transactions.listByOriginal('rrn-2')).map((t) => t.id)).toEqual(['rrn-3']);
  });

  it('updates status, refunded amount and response code', async () => {
    const { transactions } = createRepositories(getDatabase().db);
    await transactions.insert(transactionRecord({ id: 'upd-1', tid: '30000004' }));
    await transactions.update('upd-1', { status: 'voided', refundedMinor: 100, responseCode: '00' });
    const stored = await transactions.findById('upd-1');
    expect([stored?.status, stored?.refundedMinor]).toEqual(['voided', 100]);
  });

  it('searches newest first with filters and pages with a cursor', async () => {
    const { transactions } = createRepositories(getDatabase().db);
    const tid = '30000005';
    for (let index = 0; index < 7; index += 1) {
      await transactions.insert(
        transactionRecord({
          id: `search-${String(index)}`,
          tid,
          stan: String(index + 1).padStart(6, '0'),
          // Two transactions share each timestamp, so paging must break ties on the id.
          createdAt: 1_764_152_000_000 + Math.floor(index / 2) * 1000,
          kind: index === 3 ? 'refund' : 'sale',
          responseCode: index === 5 ? '51' : '00',
          panMasked: index === 6 ? '438888******1234' : '622202******0001',
        }),
      );
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await transactions.search({ tid, limit: 3, ...(cursor === undefined ? {} : { cursor }) });
      seen.push(...page.items.map((t) => t.id));
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    expect(seen).toEqual([
      'search-6',
      'search-5',
      'search-4',
      'search-3',
      'search-2',
      'search-1',
      'search-0',
    ]);

    const ids = (items: TransactionRecord[]) => items.map((t) => t.id);
    expect(ids((await transactions.search({ tid, kind: 'refund', limit: 10 })).items)).toEqual(['search-3']);
    expect(ids((await transactions.search({ tid, responseCode: '51', limit: 10 })).items)).toEqual([
      'search-5',
    ]);
    expect(ids((await transactions.search({ tid, panMasked: '438888******1234', limit: 10 })).items)).toEqual(
      ['search-6'],
    );
    const window = await transactions.search({
      tid,
      from: 1_764_152_001_000,
      to: 1_764_152_002_000,
      limit: 10,
    });
    expect(ids(window.items)).toEqual(['search-3', 'search-2']);
    expect((await transactions.search({ mid: '898310058120001', tid, limit: 10 })).items).toHaveLength(7);
  });

  it('rejects a cursor it did not produce', async () => {
    const { transactions } = createRepositories(getDatabase().db);
    const error: unknown = await transactions
      .search({ limit: 1, cursor: 'not-a-cursor' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostError);
    expect((error as HostError).code).toBe('STORAGE_CURSOR_INVALID');
  });

  it('totals a batch by the gross rule, domestic and foreign apart', async () => {
    const { transactions } = createRepositories(getDatabase().db);
    const tid = '30000006';
    let stan = 0;
    const add = (
      kind: string,
      status: string,
      amountMinor: number,
      cardScope: 'domestic' | 'foreign' = 'domestic',
    ) => {
      stan += 1;
      return transactions.insert(
        transactionRecord({
          id: `tot-${String(stan)}`,
          tid,
          stan: String(stan).padStart(6, '0'),
          mti: kind === 'refund' ? '0220' : '0200',
          kind,
          status,
          amountMinor,
          cardScope,
        }),
      );
    };
    await add('sale', 'approved', 10_000);
    await add('sale', 'voided', 2_000); // counted in debit, its void in credit
    await add('void', 'approved', 2_000);
    await add('sale', 'declined', 99_999); // not counted
    await add('sale', 'reversed', 88_888); // not counted
    await add('preauth', 'approved', 50_000); // not a settlement item
    await add('preauth-completion', 'approved', 40_000);
    await add('qr-sale', 'approved', 1_000);
    await add('refund', 'approved', 500);
    await add('balance', 'approved', 0);
    await add('sale', 'approved', 1_000_000_000_000, 'foreign');
    await add('refund', 'declined', 7, 'foreign');
    await add('preauth-completion-void', 'approved', 300, 'foreign');
    // Another batch of the same terminal is not included.
    await transactions.insert(transactionRecord({ id: 'tot-other', tid, batchNo: '000002', amountMinor: 5 }));

    expect(await transactions.totalsForBatch(tid, '000001')).toEqual({
      domestic: { debitCount: 4, debitAmountMinor: 53_000, creditCount: 2, creditAmountMinor: 2_500 },
      foreign: { debitCount: 1, debitAmountMinor: 1_000_000_000_000, creditCount: 1, creditAmountMinor: 300 },
    });
    expect(await transactions.totalsForBatch('39999999', '000001')).toEqual({
      domestic: { debitCount: 0, debitAmountMinor: 0, creditCount: 0, creditAmountMinor: 0 },
      foreign: { debitCount: 0, debitAmountMinor: 0, creditCount: 0, creditAmountMinor: 0 },
    });
  });
});
