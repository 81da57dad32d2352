import { sql, type Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { createRepositories, migrateToLatest, type HostDatabase } from '../../src/storage/index.js';
import { migrateTo, openTestDatabase, TEST_DIALECTS } from '../support/database.js';
import { transactionRecord } from './records.js';

/** The index's definition as the database keeps it. */
async function originalIndexDefinition(database: HostDatabase): Promise<string> {
  const db = database.db.withoutPlugins() as unknown as Kysely<unknown>;
  if (database.dialect === 'sqlite') {
    const result = await sql<{ sql: string }>`
      select sql from sqlite_master where type = 'index' and name = 'transactions_original_idx'`.execute(db);
    return result.rows[0]?.sql ?? '';
  }
  const result = await sql<{ indexdef: string }>`
    select indexdef from pg_indexes
    where schemaname = ${database.schema ?? 'public'} and indexname = 'transactions_original_idx'`.execute(
    db,
  );
  return result.rows[0]?.indexdef ?? '';
}

/** The plan of a look-up by original (PostgreSQL told to avoid a scan, as its tables here are tiny). */
async function lookUpPlan(database: HostDatabase): Promise<string> {
  const db = database.db.withoutPlugins() as unknown as Kysely<unknown>;
  if (database.dialect === 'sqlite') {
    const result = await sql<{ detail: string }>`
      explain query plan select id from transactions where original_id = ${'sale-1'}`.execute(db);
    return result.rows.map((row) => row.detail).join('\n');
  }
  return db.transaction().execute(async (trx) => {
    await sql`set local enable_seqscan = off`.execute(trx);
    const result = await sql<{ 'QUERY PLAN': string }>`
      explain select id from transactions where original_id = ${'sale-1'}`.execute(trx);
    return result.rows.map((row) => row['QUERY PLAN']).join('\n');
  });
}

for (const dialect of TEST_DIALECTS) {
  it(`0007 keeps only rows with an original in transactions_original_idx, still used by look-ups [${dialect}]`, async () => {
    const opened = await openTestDatabase(dialect);
    try {
      const database = opened.database;
      await migrateTo(database, '0006-terminal-management');
      expect(await originalIndexDefinition(database)).not.toMatch(/where/i);
      const repositories = createRepositories(database.db);
      await repositories.transactions.insert(transactionRecord({ id: 'sale-1', stan: '000001' }));
      await repositories.transactions.insert(
        transactionRecord({ id: 'void-1', stan: '000002', kind: 'void', originalId: 'sale-1', rrn: null }),
      );

      expect(await migrateToLatest(database)).toEqual(['0007-partial-original-index']);
      expect(await originalIndexDefinition(database)).toMatch(/where \(?"?original_id"? is not null\)?/i);
      expect(await lookUpPlan(database)).toContain('transactions_original_idx');
      expect((await repositories.transactions.listByOriginal('sale-1')).map((row) => row.id)).toEqual([
        'void-1',
      ]);
      expect(await repositories.transactions.listByOriginal('void-1')).toEqual([]);
    } finally {
      await opened.cleanup();
    }
  });
}
