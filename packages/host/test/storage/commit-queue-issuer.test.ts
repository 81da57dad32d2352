import {
  InsertQueryNode,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely';
import { expect, it } from 'vitest';
import { CommitQueue, createRepositories, WriteBatch, type NewTransaction } from '../../src/storage/index.js';
import { describeEachDatabase } from '../support/database.js';
import { holdRecord, issuerAccountRecord, issuerMovementRow, transactionRecord } from './records.js';

/**
 * Counts the INSERT statements Kysely compiles per table (upserts included) and every statement
 * executed (a cached statement text is executed without being compiled again).
 */
class InsertCounter implements KyselyPlugin {
  readonly inserts = new Map<string, number>();
  executed = 0;

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (InsertQueryNode.is(args.node)) {
      const table = args.node.into?.table.identifier.name ?? '?';
      this.inserts.set(table, (this.inserts.get(table) ?? 0) + 1);
    }
    return args.node;
  }

  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    this.executed += 1;
    return Promise.resolve(args.result);
  }
}

describeEachDatabase('commit queue: issuer ledger and whole holds', (getDatabase) => {
  it('writes each group of sales as one insert, one account upsert and one movement upsert', async () => {
    const counter = new InsertCounter();
    const db = getDatabase().db;
    const queue = new CommitQueue(db.withPlugin(counter));
    const sales = 200;
    const sale = (index: number) => (batch: WriteBatch) =>
      batch
        .insertTransaction(
          transactionRecord({
            id: `sale-${String(index)}`,
            tid: '70000001',
            stan: String(index + 1).padStart(6, '0'),
            amountMinor: 1_000 + index,
          }),
        )
        .putIssuerAccount(
          issuerAccountRecord({ panHash: `sale-card-${String(index % 7)}`, balanceMinor: 1_000_000 - index }),
        )
        .putIssuerMovement(
          issuerMovementRow({ id: `sale-${String(index)}`, panHash: `sale-card-${String(index % 7)}` }),
        );
    await Promise.all(Array.from({ length: sales }, (_, index) => queue.submit(sale(index))));
    expect(queue.stats.commits).toBe(1);
    expect(Object.fromEntries(counter.inserts)).toEqual({
      transactions: 1,
      issuer_accounts: 1,
      issuer_movements: 1,
    });
    expect(counter.executed).toBe(3);
    // A second group of the same size reuses the statement texts: nothing is compiled, three statements run.
    await Promise.all(Array.from({ length: sales }, (_, index) => queue.submit(sale(sales + index))));
    expect(queue.stats.commits).toBe(2);
    expect(Object.fromEntries(counter.inserts)).toEqual({
      transactions: 1,
      issuer_accounts: 1,
      issuer_movements: 1,
    });
    expect(counter.executed).toBe(6);

    const { issuerAccounts, issuerMovements, transactions } = createRepositories(db);
    // The last value of each account wins: card 0 was last written by sale 399.
    expect((await issuerAccounts.get('sale-card-0'))?.balanceMinor).toBe(1_000_000 - 399);
    const movements = (await issuerMovements.listAll()).filter((row) => row.id.startsWith('sale-'));
    expect(movements).toHaveLength(2 * sales);
    expect(await transactions.findById('sale-321')).toEqual({
      ...transactionRecord({ id: 'sale-321', tid: '70000001', stan: '000322', amountMinor: 1_321 }),
      mtiClass: '020',
    });
  });

  it('binds cached statements by column name, whatever the key order of the records', async () => {
    const db = getDatabase().db;
    const queue = new CommitQueue(db);
    const forwards = transactionRecord({ id: 'order-1', tid: '70000002', stan: '000001' });
    await queue.submit((batch) => batch.insertTransaction(forwards));
    const reversed = Object.fromEntries(
      Object.entries(
        transactionRecord({
          id: 'order-2',
          tid: '70000002',
          stan: '000002',
          rrn: null,
          amountMinor: 77,
          hostDate: '20261127',
        }),
      ).reverse(),
    ) as unknown as NewTransaction;
    await queue.submit((batch) => batch.insertTransaction(reversed));
    const { transactions } = createRepositories(db);
    expect(await transactions.findById('order-2')).toEqual({ ...reversed, mtiClass: '020' });
    expect((await transactions.findById('order-1'))?.amountMinor).toBe(forwards.amountMinor);
  });

  it('coalesces repeated puts of one movement in a group to the last value', async () => {
    const db = getDatabase().db;
    const queue = new CommitQueue(db);
    const sale = issuerMovementRow({ id: 'co-sale' });
    await queue.submit((batch) => batch.putIssuerMovement(sale));
    const refunded = { ...sale, refundedMinor: 100, updatedAt: 2 };
    const voided = { ...refunded, status: 'voided', updatedAt: 3 };
    await Promise.all([
      queue.submit((batch) => batch.putIssuerMovement(refunded)),
      queue.submit((batch) =>
        batch
          .putIssuerMovement(voided)
          .putIssuerMovement(issuerMovementRow({ id: 'co-void', kind: 'void', originalId: 'co-sale' })),
      ),
    ]);
    // One group (PostgreSQL refuses to upsert one row twice in a statement, so this also proves coalescing).
    expect(queue.stats.lastGroupSize).toBe(2);
    const { issuerMovements } = createRepositories(db);
    expect(await issuerMovements.get('co-sale')).toEqual(voided);
    expect((await issuerMovements.get('co-void'))?.originalId).toBe('co-sale');
  });

  it('puts whole holds: folded into an insert of the same group, merged with status changes, createdAt kept', async () => {
    const db = getDatabase().db;
    const { holds } = createRepositories(db);
    await holds.insert(holdRecord({ id: 'H20000000001', panHash: 'wh-card', createdAt: 1 }));
    await holds.insert(holdRecord({ id: 'H20000000002', panHash: 'wh-card', createdAt: 2 }));
    const queue = new CommitQueue(db);
    await Promise.all([
      queue.submit((batch) =>
        batch
          .insertHold(holdRecord({ id: 'H20000000003', panHash: 'wh-card', createdAt: 3 }))
          .putHold(holdRecord({ id: 'H20000000003', panHash: 'wh-card', amountMinor: 5, createdAt: 30 }))
          .setHoldStatus('H20000000001', 'released')
          .putHold(
            holdRecord({ id: 'H20000000001', panHash: 'wh-card', status: 'completed', createdAt: 10 }),
          ),
      ),
      queue.submit((batch) =>
        batch
          .putHold(holdRecord({ id: 'H20000000002', panHash: 'wh-card', amountMinor: 7, createdAt: 20 }))
          .setHoldStatus('H20000000002', 'released')
          .putHold(holdRecord({ id: 'H20000000004', panHash: 'wh-card', createdAt: 4 })),
      ),
    ]);
    expect(queue.stats.commits).toBe(1);
    const stored = (await holds.listByPanHash('wh-card')).map((h) => [
      h.id,
      h.status,
      h.amountMinor,
      h.createdAt,
    ]);
    expect(stored).toEqual([
      ['H20000000001', 'completed', 30_000, 1],
      ['H20000000002', 'released', 7, 2],
      ['H20000000003', 'held', 5, 3],
      ['H20000000004', 'held', 30_000, 4],
    ]);
  });

  it('keeps the earlier createdAt when one group puts a new hold twice', async () => {
    const db = getDatabase().db;
    const queue = new CommitQueue(db);
    const batch = new WriteBatch()
      .putHold(holdRecord({ id: 'H30000000001', panHash: 'twice', createdAt: 5 }))
      .putHold(holdRecord({ id: 'H30000000001', panHash: 'twice', status: 'completed', createdAt: 6 }));
    await queue.submit(batch);
    expect(await createRepositories(db).holds.get('H30000000001')).toEqual(
      holdRecord({ id: 'H30000000001', panHash: 'twice', status: 'completed', createdAt: 5 }),
    );
  });

  it('lets a later insert of a hold win over earlier changes of the same id in the group', async () => {
    const db = getDatabase().db;
    const queue = new CommitQueue(db);
    await queue.submit((batch) =>
      batch
        .putHold(holdRecord({ id: 'H40000000001', panHash: 'later', status: 'completed' }))
        .insertHold(holdRecord({ id: 'H40000000001', panHash: 'later', amountMinor: 9 }))
        .setHoldStatus('H40000000002', 'released')
        .insertHold(holdRecord({ id: 'H40000000002', panHash: 'later' })),
    );
    const stored = await createRepositories(db).holds.listByPanHash('later');
    expect(stored.map((hold) => [hold.id, hold.status, hold.amountMinor])).toEqual([
      ['H40000000001', 'held', 9],
      ['H40000000002', 'held', 30_000],
    ]);
  });
});
