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
import { CommitQueue, createRepositories, WriteBatch } from '../../src/storage/index.js';
import { describeEachDatabase } from '../support/database.js';
import { holdRecord, issuerAccountRecord, issuerMovementRow, transactionRecord } from './records.js';

/** Counts the INSERT statements sent per table (upserts included), to see that a group writes each table once. */
class InsertCounter implements KyselyPlugin {
  readonly inserts = new Map<string, number>();

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (InsertQueryNode.is(args.node)) {
      const table = args.node.into?.table.identifier.name ?? '?';
      this.inserts.set(table, (this.inserts.get(table) ?? 0) + 1);
    }
    return args.node;
  }

  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}

describeEachDatabase('commit queue: issuer ledger and whole holds', (getDatabase) => {
  it('writes a group of sales as one insert, one account upsert and one movement upsert', async () => {
    const counter = new InsertCounter();
    const db = getDatabase().db;
    const queue = new CommitQueue(db.withPlugin(counter));
    const sales = 200;
    await Promise.all(
      Array.from({ length: sales }, (_, index) =>
        queue.submit((batch) =>
          batch
            .insertTransaction(
              transactionRecord({
                id: `sale-${String(index)}`,
                tid: '70000001',
                stan: String(index + 1).padStart(6, '0'),
              }),
            )
            .putIssuerAccount(
              issuerAccountRecord({
                panHash: `sale-card-${String(index % 7)}`,
                balanceMinor: 1_000_000 - index,
              }),
            )
            .putIssuerMovement(
              issuerMovementRow({ id: `sale-${String(index)}`, panHash: `sale-card-${String(index % 7)}` }),
            ),
        ),
      ),
    );
    expect(queue.stats.commits).toBe(1);
    expect(Object.fromEntries(counter.inserts)).toEqual({
      transactions: 1,
      issuer_accounts: 1,
      issuer_movements: 1,
    });
    const { issuerAccounts, issuerMovements } = createRepositories(db);
    // The last value of each account wins: card 0 was last written by sale 196.
    expect((await issuerAccounts.get('sale-card-0'))?.balanceMinor).toBe(1_000_000 - 196);
    const movements = (await issuerMovements.listAll()).filter((row) => row.id.startsWith('sale-'));
    expect(movements).toHaveLength(sales);
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
});
