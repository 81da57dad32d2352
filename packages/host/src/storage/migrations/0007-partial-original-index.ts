import { sql, type Kysely, type Migration } from 'kysely';

/**
 * `transactions_original_idx` finds the voids, completions, refunds and reversals of an original. Sales,
 * nearly every row, have no original, yet each wrote a NULL entry into the index. The partial index keeps
 * only rows that name an original; `original_id = ?` implies `original_id IS NOT NULL`, so SQLite and
 * PostgreSQL still use it for every look-up by original.
 */
export function partialOriginalIndex(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.dropIndex('transactions_original_idx').ifExists().execute();
      await db.schema
        .createIndex('transactions_original_idx')
        .on('transactions')
        .column('original_id')
        .where(sql.ref('original_id'), 'is not', null)
        .execute();
    },
  };
}
