import { SimulatedClock } from '@payterm/kernel';
import { expect, it } from 'vitest';
import { createRepositories } from '../../src/storage/index.js';
import { describeEachDatabase } from '../support/database.js';
import { holdRecord, issuerMovementRow, transactionRecord } from './records.js';

describeEachDatabase('issuer ledger, settings and pipeline look-ups', (getDatabase) => {
  it('insert, replace and list issuer movements with every field', async () => {
    const { issuerMovements } = createRepositories(getDatabase().db);
    const sale = issuerMovementRow({ id: 'mv-sale', amountMinor: 1_000_000_000_000 });
    const refund = issuerMovementRow({
      id: 'mv-refund',
      kind: 'refund',
      amountMinor: 5_000,
      balanceDeltaMinor: 5_000,
      originalId: 'mv-sale',
    });
    const preauth = issuerMovementRow({
      id: 'mv-pre',
      kind: 'preauth',
      balanceDeltaMinor: 0,
      heldDeltaMinor: 30_000,
      holdId: 'H00000000001',
    });
    await issuerMovements.put(sale);
    await issuerMovements.put(refund);
    await issuerMovements.put(preauth);
    const refunded = { ...sale, refundedMinor: 5_000, updatedAt: sale.updatedAt + 1 };
    await issuerMovements.put(refunded);
    expect(await issuerMovements.get('mv-sale')).toEqual(refunded);
    expect(await issuerMovements.get('mv-unknown')).toBeUndefined();
    const all = (await issuerMovements.listAll()).filter((row) => row.id.startsWith('mv-'));
    expect(all).toEqual([preauth, refund, refunded]);
    expect(typeof all[2]?.amountMinor).toBe('number');
  });

  it('list the latest issuer movements by id, in id order', async () => {
    const { issuerMovements } = createRepositories(getDatabase().db);
    // Ids above every other test's ('mv-…', 't…'): the table is shared by the tests of this block.
    for (const id of ['zz-latest-2', 'zz-latest-1', 'zz-latest-3']) {
      await issuerMovements.put(issuerMovementRow({ id }));
    }
    expect((await issuerMovements.listLatest(2)).map((row) => row.id)).toEqual([
      'zz-latest-2',
      'zz-latest-3',
    ]);
    expect(await issuerMovements.listLatest(0)).toEqual([]);
  });

  it('put whole holds (a replaced hold keeps its createdAt) and list every hold', async () => {
    const { holds } = createRepositories(getDatabase().db);
    const held = holdRecord({ id: 'H10000000001', panHash: 'put-card', createdAt: 10 });
    await holds.put(held);
    await holds.put({ ...held, status: 'completed', amountMinor: 25_000, createdAt: 99 });
    expect(await holds.get('H10000000001')).toEqual({
      ...held,
      status: 'completed',
      amountMinor: 25_000,
      createdAt: 10,
    });
    const second = holdRecord({ id: 'H10000000002', panHash: 'put-card', createdAt: 11 });
    await holds.insert(second);
    const listed = (await holds.listAll()).filter((hold) => hold.panHash === 'put-card');
    expect(listed.map((hold) => [hold.id, hold.status])).toEqual([
      ['H10000000001', 'completed'],
      ['H10000000002', 'held'],
    ]);
    expect((await holds.listHeld()).map((hold) => hold.id)).not.toContain('H10000000001');
  });

  it('get and put settings, stamping updatedAt with the injected clock', async () => {
    const db = getDatabase().db;
    const clock = new SimulatedClock(1_764_152_000_000);
    const { settings } = createRepositories(db, { clock });
    expect(await settings.get('rrn.last')).toBeUndefined();
    await settings.put('rrn.last', '000041');
    clock.advance(5_000);
    await settings.put('rrn.last', '000042');
    await settings.put('host.date', '20261126');
    expect(await settings.get('rrn.last')).toBe('000042');
    expect(await settings.get('host.date')).toBe('20261126');
    const row = await db
      .selectFrom('hostSettings')
      .selectAll()
      .where('name', '=', 'rrn.last')
      .executeTakeFirst();
    expect(row).toEqual({ name: 'rrn.last', value: '000042', updatedAt: 1_764_152_005_000 });
  });

  it('list every row of a batch, oldest first, of all message classes', async () => {
    const { transactions } = createRepositories(getDatabase().db);
    const base = { tid: '60000001', batchNo: '000003' };
    await transactions.insert(transactionRecord({ ...base, id: 'lb-3', stan: '000003', createdAt: 30 }));
    await transactions.insert(transactionRecord({ ...base, id: 'lb-1', stan: '000001', createdAt: 10 }));
    await transactions.insert(
      transactionRecord({ ...base, id: 'lb-2', stan: '000001', mti: '0220', kind: 'advice', createdAt: 20 }),
    );
    await transactions.insert(
      transactionRecord({
        ...base,
        id: 'lb-4',
        stan: '000004',
        status: 'declined',
        responseCode: '51',
        createdAt: 30,
      }),
    );
    await transactions.insert(
      transactionRecord({ ...base, id: 'lb-other', batchNo: '000004', stan: '000001', createdAt: 1 }),
    );
    const rows = await transactions.listByBatch('60000001', '000003');
    expect(rows.map((row) => row.id)).toEqual(['lb-1', 'lb-2', 'lb-3', 'lb-4']);
    expect(rows[1]?.mtiClass).toBe('022');
    expect(await transactions.listByBatch('60000001', '000009')).toEqual([]);
  });

  it('find the highest RRN of a host date, ignoring rows without one', async () => {
    const { transactions } = createRepositories(getDatabase().db);
    const base = { tid: '60000002', batchNo: '000001' };
    const rows = [
      { id: 'rrn-1', stan: '000001', rrn: '633010000007', hostDate: '20300101' },
      { id: 'rrn-2', stan: '000002', rrn: '633010000012', hostDate: '20300101' },
      { id: 'rrn-3', stan: '000003', rrn: null, hostDate: '20300101' },
      { id: 'rrn-4', stan: '000004', rrn: '633020000099', hostDate: '20300102' },
      { id: 'rrn-5', stan: '000005', rrn: '633010000009', hostDate: '20300101' },
    ];
    for (const row of rows) await transactions.insert(transactionRecord({ ...base, ...row }));
    expect(await transactions.lastRrnOn('20300101')).toBe('633010000012');
    expect(await transactions.lastRrnOn('20300102')).toBe('633020000099');
    expect(await transactions.lastRrnOn('20300103')).toBeUndefined();
    expect(await transactions.lastRrnOn('20300101', '633')).toBe('633010000012');
    expect(await transactions.lastRrnOn('20300102', '633')).toBe('633020000099');
    expect(await transactions.lastRrnOn('20300101', '634')).toBeUndefined();
  });
});
