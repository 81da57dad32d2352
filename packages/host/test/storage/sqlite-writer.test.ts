import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommitQueue } from '../../src/storage/commit/commit-queue.js';
import { WriteBatch } from '../../src/storage/commit/write-batch.js';
import type { HostDatabase } from '../../src/storage/database/open-database.js';
import { migrateToLatest } from '../../src/storage/migrations/migrate.js';
import { createRepositories } from '../../src/storage/repositories/host-repositories.js';
import { openTestDatabase, type OpenedTestDatabase } from '../support/database.js';
import { issuerAccountRecord, merchantRecord, terminalRecord, transactionRecord } from './records.js';

describe('the SQLite writer thread', () => {
  let opened: OpenedTestDatabase;
  let database: HostDatabase;
  beforeAll(async () => {
    opened = await openTestDatabase('sqlite');
    database = opened.database;
    await migrateToLatest(database);
    const repositories = createRepositories(database.db);
    await repositories.merchants.create(merchantRecord());
    await repositories.terminals.create(terminalRecord());
  });
  afterAll(async () => {
    await opened.cleanup();
  });

  it('is a connection of its own for a SQLite file', () => {
    expect(database.writer).not.toBe(database.db);
  });

  it('commits groups that the main connection then reads', async () => {
    const queue = new CommitQueue(database.writer);
    await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        queue.submit(
          new WriteBatch().insertTransaction(
            transactionRecord({ id: `writer-${index}`, stan: String(index + 1).padStart(6, '0') }),
          ),
        ),
      ),
    );
    expect(queue.stats.commits).toBeLessThan(50);
    const repositories = createRepositories(database.db);
    const rows = await repositories.transactions.listByBatch('10000001', '000001');
    expect(rows.filter((row) => row.id.startsWith('writer-'))).toHaveLength(50);
  });

  it('sends a transaction with values JSON cannot carry (a bigint) by structured clone', async () => {
    await database.writer.transaction().execute((trx) =>
      trx
        .insertInto('hostSettings')
        .values({ name: 'writer-bigint', value: 'kept', updatedAt: 5n as unknown as number })
        .execute(),
    );
    const repositories = createRepositories(database.db);
    expect(await repositories.settings.get('writer-bigint')).toBe('kept');
  });

  it('writes two groups in flight in the order they were submitted: the later account state wins', async () => {
    const queue = new CommitQueue(database.writer, { maxConcurrentCommits: 2 });
    const submissions: Promise<void>[] = [];
    for (let round = 1; round <= 40; round += 1) {
      submissions.push(
        queue.submit(
          new WriteBatch().putIssuerAccount(issuerAccountRecord({ balanceMinor: round, updatedAt: round })),
        ),
      );
      // Spread the submissions over several turns of the event loop, so that they form several groups.
      if (round % 10 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(submissions);
    expect(queue.stats.commits).toBeGreaterThan(1);
    const account = await createRepositories(database.db).issuerAccounts.get(issuerAccountRecord().panHash);
    expect(account?.balanceMinor).toBe(40);
  });
});

describe('the SQLite writer thread after a failed commit', () => {
  let opened: OpenedTestDatabase;
  beforeAll(async () => {
    opened = await openTestDatabase('sqlite');
    await migrateToLatest(opened.database);
    const repositories = createRepositories(opened.database.db);
    await repositories.merchants.create(merchantRecord());
    await repositories.terminals.create(terminalRecord());
  });
  afterAll(async () => {
    await opened.cleanup();
  });

  it('rolls the failed group back and writes nothing more until the host restarts (fail-stop)', async () => {
    const { database } = opened;
    const repositories = createRepositories(database.db);
    await repositories.transactions.insert(transactionRecord({ id: 'first', stan: '000001' }));
    const queue = new CommitQueue(database.writer);
    const duplicate = new WriteBatch()
      .insertTransaction(transactionRecord({ id: 'in-failed-group', stan: '000002' }))
      .insertTransaction(transactionRecord({ id: 'duplicate', stan: '000001' }));
    const failed = await queue.submit(duplicate).catch((error: unknown) => error);
    expect(failed).toMatchObject({ code: 'STORAGE_COMMIT_FAILED' });
    const after = await queue
      .submit(new WriteBatch().insertTransaction(transactionRecord({ id: 'after', stan: '000900' })))
      .catch((error: unknown) => error);
    expect(after).toMatchObject({
      code: 'STORAGE_COMMIT_FAILED',
      details: { reason: expect.stringMatching(/restart/) },
    });
    expect(await repositories.transactions.findById('in-failed-group')).toBeUndefined();
    expect(await repositories.transactions.findById('after')).toBeUndefined();
    expect(await repositories.transactions.findById('first')).toBeDefined();
  });
});
