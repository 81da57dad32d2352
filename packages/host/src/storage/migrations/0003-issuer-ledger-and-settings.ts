import type { Kysely, Migration } from 'kysely';

/**
 * The issuer simulator's movement ledger (so voids, refunds and reversals find their movement after a
 * restart), named host settings, and an index for resuming the RRN sequence of a host date.
 */
export function issuerLedgerAndSettings(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('issuer_movements')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('pan_hash', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('amount_minor', 'bigint', (c) => c.notNull())
        .addColumn('currency', 'varchar(3)', (c) => c.notNull())
        .addColumn('balance_delta_minor', 'bigint', (c) => c.notNull())
        .addColumn('held_delta_minor', 'bigint', (c) => c.notNull())
        .addColumn('hold_id', 'text')
        .addColumn('original_id', 'text')
        .addColumn('refunded_minor', 'bigint', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('host_settings')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();

      // lastRrnOn(hostDate): the highest RRN of a day is the last entry of this index for that day.
      await db.schema
        .createIndex('transactions_host_date_rrn_idx')
        .on('transactions')
        .columns(['host_date', 'rrn'])
        .execute();
    },
  };
}
