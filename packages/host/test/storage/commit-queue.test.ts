import { SimulatedClock } from '@payterm/kernel';
import { expect, it } from 'vitest';
import { HostError } from '../../src/errors.js';
import { CommitQueue, createRepositories, WriteBatch } from '../../src/storage/index.js';
import { describeEachDatabase } from '../support/database.js';
import { issuerAccountRecord, transactionRecord } from './records.js';

async function settle(promises: Promise<void>[]) {
  return Promise.allSettled(promises);
}

describeEachDatabase('commit queue', (getDatabase) => {
  it('groups many concurrent submissions into fewer commits; every one resolves and lands', async () => {
    const db = getDatabase().db;
    const groups: number[] = [];
    const queue = new CommitQueue(db, { onCommit: (groupSize) => groups.push(groupSize) });
    const count = 300;
    const submissions = Array.from({ length: count }, (_, index) =>
      queue.submit((batch) =>
        batch.insertTransaction(
          transactionRecord({
            id: `group-${String(index)}`,
            tid: '50000001',
            stan: String(index + 1).padStart(6, '0'),
          }),
        ),
      ),
    );
    const results = await settle(submissions);
    expect(results.every((result) => result.status === 'fulfilled')).toBe(true);
    const stats = queue.stats;
    expect(stats.commits).toBeLessThan(count);
    expect(stats.committedSubmissions).toBe(count);
    expect(groups.reduce((sum, size) => sum + size, 0)).toBe(count);
    expect(stats.averageGroupSize).toBeCloseTo(count / stats.commits);
    expect(stats.lastGroupSize).toBe(groups.at(-1));
    expect(stats.pending).toBe(0);
    expect(queue.failed).toBe(false);
    const page = await createRepositories(db).transactions.search({ tid: '50000001', limit: 1000 });
    expect(page.items).toHaveLength(count);
  });

  it('commits submissions that arrive from later turns of the event loop, each exactly once', async () => {
    const db = getDatabase().db;
    const queue = new CommitQueue(db);
    const first = queue.submit((b) =>
      b.insertTransaction(transactionRecord({ id: 'late-0', tid: '50000002', stan: '000100' })),
    );
    // Submitted from later turns of the event loop, while the first commit is in flight.
    const later: Promise<void>[] = [];
    for (let index = 1; index <= 50; index += 1) {
      await new Promise((resolve) => setImmediate(resolve));
      later.push(
        queue.submit((b) =>
          b.insertTransaction(
            transactionRecord({
              id: `late-${String(index)}`,
              tid: '50000002',
              stan: String(index).padStart(6, '0'),
            }),
          ),
        ),
      );
    }
    await Promise.all([first, ...later]);
    expect(queue.stats.committedSubmissions).toBe(51);
    expect(queue.stats.commits).toBeLessThanOrEqual(51);
  });

  it('with stopAfterFailure, refuses every later submission once a commit failed', async () => {
    const db = getDatabase().db;
    const queue = new CommitQueue(db, { stopAfterFailure: true });
    const { transactions } = createRepositories(db);
    await transactions.insert(transactionRecord({ id: 'stop-existing', tid: '50000003', stan: '000101' }));
    const duplicate = queue.submit((b) =>
      b.insertTransaction(transactionRecord({ id: 'stop-duplicate', tid: '50000003', stan: '000101' })),
    );
    await expect(duplicate).rejects.toMatchObject({ code: 'STORAGE_COMMIT_FAILED' });
    await expect(
      queue.submit((b) =>
        b.insertTransaction(transactionRecord({ id: 'stop-after', tid: '50000003', stan: '000102' })),
      ),
    ).rejects.toMatchObject({ code: 'STORAGE_COMMIT_FAILED' });
    expect(await transactions.findById('stop-after')).toBeUndefined();
  });

  it('rejects the whole group with STORAGE_COMMIT_FAILED on a constraint violation, then recovers', async () => {
    const db = getDatabase().db;
    const queue = new CommitQueue(db);
    const { transactions } = createRepositories(db);
    await transactions.insert(transactionRecord({ id: 'fail-existing', tid: '50000003', stan: '000001' }));
    const innocent = queue.submit((b) =>
      b.insertTransaction(transactionRecord({ id: 'fail-innocent', tid: '50000003', stan: '000002' })),
    );
    const duplicate = queue.submit((b) =>
      b.insertTransaction(transactionRecord({ id: 'fail-duplicate', tid: '50000003', stan: '000001' })),
    );
    const results = await settle([innocent, duplicate]);
    for (const result of results) {
      expect(result.status).toBe('rejected');
      const reason = (result as PromiseRejectedResult).reason as HostError;
      expect(reason).toBeInstanceOf(HostError);
      expect(reason.code).toBe('STORAGE_COMMIT_FAILED');
      expect(reason.details['groupSize']).toBe(2);
    }
    expect(queue.failed).toBe(true);
    expect(queue.lastFailure?.code).toBe('STORAGE_COMMIT_FAILED');
    expect(queue.stats.failedCommits).toBe(1);
    expect(await transactions.findById('fail-innocent')).toBeUndefined();
    expect(await transactions.findById('fail-duplicate')).toBeUndefined();

    await queue.submit((b) =>
      b.insertTransaction(transactionRecord({ id: 'fail-after', tid: '50000003', stan: '000003' })),
    );
    expect(queue.failed).toBe(false);
    expect(await transactions.findById('fail-after')).toBeDefined();
  });

  it('rejects a group whose own submissions insert the same key twice', async () => {
    const queue = new CommitQueue(getDatabase().db);
    const row = transactionRecord({ id: 'twice', tid: '50000004' });
    const results = await settle([
      queue.submit((b) => b.insertTransaction(row)),
      queue.submit((b) => b.insertTransaction(row)),
    ]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
  });

  it('applies every kind of change, coalescing repeated updates to the last value', async () => {
    const db = getDatabase().db;
    const repositories = createRepositories(db);
    await repositories.merchants.create({
      mid: '898310058125001',
      name: 'Queue',
      mcc: '5812',
      city: 'Beijing',
      currency: '156',
      singleTransactionLimitMinor: 1,
      status: 'active',
      createdAt: 1,
    });
    await repositories.terminals.create({
      tid: '50000005',
      mid: '898310058125001',
      status: 'active',
      tmkKeyId: null,
      pikKeyId: null,
      makKeyId: null,
      tdkKeyId: null,
      batchNo: '000001',
      signedIn: false,
      signedInAt: null,
      operator: null,
      parameterVersion: null,
      createdAt: 1,
    });
    await repositories.transactions.insert(
      transactionRecord({ id: 'kinds-original', tid: '50000005', stan: '000001' }),
    );
    const account = issuerAccountRecord({ panHash: 'kinds-card' });
    const queue = new CommitQueue(db);
    const first = new WriteBatch()
      .openBatch({
        tid: '50000005',
        batchNo: '000002',
        status: 'open',
        openedAt: 5,
        settledAt: null,
        settlementResult: null,
      })
      .updateTerminal('50000005', { signedIn: true, operator: '01' })
      .insertTransaction(
        transactionRecord({
          id: 'kinds-void',
          tid: '50000005',
          stan: '000002',
          kind: 'void',
          status: 'pending',
        }),
      )
      .updateTransaction('kinds-void', { status: 'approved' })
      .updateTransaction('kinds-original', { status: 'voided' })
      .putIssuerAccount({ ...account, balanceMinor: 10 })
      .insertHold({
        id: 'kinds-hold',
        panHash: 'kinds-card',
        transactionId: 'kinds-void',
        amountMinor: 7,
        status: 'held',
        createdAt: 5,
      })
      .appendAudit({ at: 5, actor: 'host', action: 'void', subject: 'kinds-void', detailsJson: '{}' });
    const second = (batch: WriteBatch) =>
      batch
        .updateTerminal('50000005', { batchNo: '000002' })
        .updateTransaction('kinds-original', { refundedMinor: 3 })
        .putIssuerAccount({ ...account, balanceMinor: 20, heldMinor: 7 })
        .setHoldStatus('kinds-hold', 'released')
        .insertReversal({
          id: 'kinds-reversal',
          transactionId: null,
          tid: '50000005',
          batchNo: '000001',
          stan: '000009',
          reason: '98',
          responseCode: '25',
          createdAt: 6,
        })
        .insertSettlement({
          id: 'kinds-settlement',
          tid: '50000005',
          batchNo: '000001',
          operator: '01',
          terminalTotalsJson: '{}',
          hostTotalsJson: '{}',
          domesticResult: '1',
          foreignResult: '1',
          createdAt: 6,
        })
        .settleBatch('50000005', '000002', { settledAt: 6, settlementResult: '11' })
        .appendAudit({ at: 6, actor: 'host', action: 'settle', subject: 'kinds-void', detailsJson: '{}' });
    await Promise.all([queue.submit(first), queue.submit(second)]);
    // Both in one group: the account is upserted once (PostgreSQL refuses one row twice in a statement).
    expect([queue.stats.commits, queue.stats.lastGroupSize]).toEqual([1, 2]);

    const terminal = await repositories.terminals.get('50000005');
    expect([terminal?.signedIn, terminal?.operator, terminal?.batchNo]).toEqual([true, '01', '000002']);
    expect((await repositories.transactions.findById('kinds-void'))?.status).toBe('approved');
    const original = await repositories.transactions.findById('kinds-original');
    expect([original?.status, original?.refundedMinor]).toEqual(['voided', 3]);
    expect(await repositories.issuerAccounts.get('kinds-card')).toEqual({
      ...account,
      balanceMinor: 20,
      heldMinor: 7,
    });
    expect((await repositories.holds.get('kinds-hold'))?.status).toBe('released');
    expect((await repositories.reversals.findById('kinds-reversal'))?.reason).toBe('98');
    expect((await repositories.settlements.findById('kinds-settlement'))?.domesticResult).toBe('1');
    expect((await repositories.batches.get('50000005', '000002'))?.status).toBe('settled');
    expect((await repositories.auditLog.list({ subject: 'kinds-void' })).map((e) => e.action)).toEqual([
      'void',
      'settle',
    ]);
  });

  it('writes large groups in several multi-row statements', async () => {
    const db = getDatabase().db;
    const queue = new CommitQueue(db, { maxGroupSize: 5000 });
    const batch = new WriteBatch();
    for (let index = 0; index < 2500; index += 1) {
      batch.insertTransaction(
        transactionRecord({
          id: `large-${String(index)}`,
          tid: '50000006',
          stan: String(index + 1).padStart(6, '0'),
        }),
      );
      batch.appendAudit({ at: index, actor: 'host', action: 'sale', subject: 'large', detailsJson: '{}' });
    }
    await queue.submit(batch);
    const { transactions, auditLog } = createRepositories(db);
    expect((await transactions.search({ tid: '50000006', limit: 1000 })).nextCursor).toBeDefined();
    expect(await transactions.findById('large-2499')).toBeDefined();
    expect(await auditLog.list({ subject: 'large', limit: 1000, afterId: 0 })).toHaveLength(1000);
  });

  it('never puts more than maxGroupSize submissions in one commit', async () => {
    const groups: number[] = [];
    const queue = new CommitQueue(getDatabase().db, {
      maxGroupSize: 10,
      onCommit: (size) => groups.push(size),
    });
    await Promise.all(
      Array.from({ length: 35 }, (_, index) =>
        queue.submit((b) =>
          b.appendAudit({
            at: index,
            actor: 'host',
            action: 'bounded',
            subject: 'bounded',
            detailsJson: '{}',
          }),
        ),
      ),
    );
    expect(groups).toEqual([10, 10, 10, 5]);
  });

  it('measures commit time with the injected clock and reports it', async () => {
    const clock = new SimulatedClock(0);
    const durations: number[] = [];
    const queue = new CommitQueue(getDatabase().db, {
      clock,
      onCommit: (_size, durationMs) => durations.push(durationMs),
    });
    await queue.submit((b) =>
      b.appendAudit({ at: 1, actor: 'a', action: 'b', subject: 'clock', detailsJson: '{}' }),
    );
    expect(durations).toEqual([0]);
    expect(queue.stats.lastDurationMs).toBe(0);
  });

  it('resolves an empty submission at once and refuses submissions after close', async () => {
    const queue = new CommitQueue(getDatabase().db);
    await queue.submit(new WriteBatch());
    expect(queue.stats.commits).toBe(0);
    const pending = queue.submit((b) =>
      b.appendAudit({ at: 1, actor: 'a', action: 'close', subject: 'close', detailsJson: '{}' }),
    );
    await queue.close();
    await pending;
    const error: unknown = await queue.submit(new WriteBatch()).catch((e: unknown) => e);
    expect((error as HostError).code).toBe('STORAGE_COMMIT_QUEUE_CLOSED');
  });
});
