import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommitQueue } from '../../src/storage/commit/commit-queue.js';
import { WriteBatch } from '../../src/storage/commit/write-batch.js';
import type { HostDatabase } from '../../src/storage/database/open-database.js';
import { migrateToLatest } from '../../src/storage/migrations/migrate.js';
import { createRepositories } from '../../src/storage/repositories/host-repositories.js';
import { openTestDatabase, type OpenedTestDatabase } from '../support/database.js';
import { merchantRecord, terminalRecord, transactionRecord } from './records.js';

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

  it('rolls a failed group back and reports it as a typed error; the next group commits', async () => {
    const queue = new CommitQueue(database.writer);
    const duplicate = transactionRecord({ id: 'writer-dup', stan: '000001' });
    const failed = await queue
      .submit(new WriteBatch().insertTransaction(duplicate))
      .catch((error: unknown) => error);
    expect(failed).toMatchObject({ code: 'STORAGE_COMMIT_FAILED' });
    expect(String((failed as Error).message)).not.toContain('6222');
    await queue.submit(
      new WriteBatch().insertTransaction(transactionRecord({ id: 'writer-after', stan: '000900' })),
    );
    const repositories = createRepositories(database.db);
    expect(await repositories.transactions.findById('writer-dup')).toBeUndefined();
    expect(await repositories.transactions.findById('writer-after')).toBeDefined();
  });
});
