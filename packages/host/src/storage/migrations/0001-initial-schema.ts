import type { Kysely, Migration } from 'kysely';
import type { StorageDialect } from '../database/open-database.js';

/*
 * The first schema, written with Kysely's dialect-neutral schema builder and snake_case SQL names.
 * bigint holds amounts (minor units) and timestamps (epoch ms); booleans are integers 0/1.
 * The audit log's id is the only generated key (SQLite AUTOINCREMENT, PostgreSQL bigserial).
 */
export function initialSchema(dialect: StorageDialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('merchants')
        .addColumn('mid', 'varchar(15)', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('mcc', 'varchar(4)', (c) => c.notNull())
        .addColumn('city', 'text', (c) => c.notNull())
        .addColumn('currency', 'varchar(3)', (c) => c.notNull())
        .addColumn('single_transaction_limit_minor', 'bigint', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('terminals')
        .addColumn('tid', 'varchar(8)', (c) => c.primaryKey())
        .addColumn('mid', 'varchar(15)', (c) => c.notNull().references('merchants.mid'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('tmk_key_id', 'text')
        .addColumn('pik_key_id', 'text')
        .addColumn('mak_key_id', 'text')
        .addColumn('tdk_key_id', 'text')
        .addColumn('batch_no', 'varchar(6)', (c) => c.notNull())
        .addColumn('signed_in', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('signed_in_at', 'bigint')
        .addColumn('operator', 'text')
        .addColumn('parameter_version', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('terminals_mid_idx').on('terminals').column('mid').execute();

      await db.schema
        .createTable('hsm_keys')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('blob', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('batches')
        .addColumn('tid', 'varchar(8)', (c) => c.notNull())
        .addColumn('batch_no', 'varchar(6)', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('opened_at', 'bigint', (c) => c.notNull())
        .addColumn('settled_at', 'bigint')
        .addColumn('settlement_result', 'text')
        .addPrimaryKeyConstraint('batches_pk', ['tid', 'batch_no'])
        .execute();

      await createTransactions(db);

      await db.schema
        .createTable('reversals')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('transaction_id', 'text')
        .addColumn('tid', 'varchar(8)', (c) => c.notNull())
        .addColumn('batch_no', 'varchar(6)', (c) => c.notNull())
        .addColumn('stan', 'varchar(6)', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('response_code', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('reversals_tid_batch_idx')
        .on('reversals')
        .columns(['tid', 'batch_no'])
        .execute();

      await db.schema
        .createTable('settlements')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tid', 'varchar(8)', (c) => c.notNull())
        .addColumn('batch_no', 'varchar(6)', (c) => c.notNull())
        .addColumn('operator', 'text')
        .addColumn('terminal_totals_json', 'text', (c) => c.notNull())
        .addColumn('host_totals_json', 'text', (c) => c.notNull())
        .addColumn('domestic_result', 'text', (c) => c.notNull())
        .addColumn('foreign_result', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('settlements_tid_batch_idx')
        .on('settlements')
        .columns(['tid', 'batch_no'])
        .execute();

      await db.schema
        .createTable('issuer_accounts')
        .addColumn('pan_hash', 'text', (c) => c.primaryKey())
        .addColumn('pan_masked', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('currency', 'varchar(3)', (c) => c.notNull())
        .addColumn('balance_minor', 'bigint', (c) => c.notNull())
        .addColumn('credit_limit_minor', 'bigint', (c) => c.notNull())
        .addColumn('held_minor', 'bigint', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('pin_try_date', 'text')
        .addColumn('pin_tries', 'integer', (c) => c.notNull())
        .addColumn('pvv', 'text')
        .addColumn('expiry', 'varchar(4)', (c) => c.notNull())
        .addColumn('behaviour', 'text')
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('holds')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('pan_hash', 'text', (c) => c.notNull())
        .addColumn('transaction_id', 'text', (c) => c.notNull())
        .addColumn('amount_minor', 'bigint', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('holds_pan_hash_idx').on('holds').column('pan_hash').execute();
      await db.schema.createIndex('holds_transaction_idx').on('holds').column('transaction_id').execute();

      await db.schema
        .createTable('audit_log')
        .addColumn('id', dialect === 'postgres' ? 'bigserial' : 'integer', (c) =>
          dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
        )
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('details_json', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('api_tokens')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('revoked_at', 'bigint')
        .execute();
    },
  };
}

async function createTransactions(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('transactions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tid', 'varchar(8)', (c) => c.notNull())
    .addColumn('mid', 'varchar(15)', (c) => c.notNull())
    .addColumn('batch_no', 'varchar(6)', (c) => c.notNull())
    .addColumn('stan', 'varchar(6)', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('mti', 'varchar(4)', (c) => c.notNull())
    .addColumn('mti_class', 'varchar(3)', (c) => c.notNull())
    .addColumn('processing_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('amount_minor', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'varchar(3)', (c) => c.notNull())
    .addColumn('pan_encrypted', 'text')
    .addColumn('pan_masked', 'text')
    .addColumn('pan_hash', 'text')
    .addColumn('card_scope', 'text', (c) => c.notNull())
    .addColumn('entry_mode', 'text')
    .addColumn('rrn', 'varchar(12)')
    .addColumn('auth_code', 'varchar(6)')
    .addColumn('response_code', 'varchar(2)')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('original_id', 'text')
    .addColumn('refunded_minor', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('request_digest', 'text', (c) => c.notNull())
    .addColumn('response_json', 'text')
    .addColumn('local_date', 'varchar(4)')
    .addColumn('local_time', 'varchar(6)')
    .addColumn('host_date', 'varchar(8)', (c) => c.notNull())
    .addColumn('decline_rule', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    // Duplicate key: a STAN is unique per terminal, batch and message class (0200 and its repeat 0201
    // share class 020); the pipeline answers an exact repeat from response_json.
    .addUniqueConstraint('transactions_duplicate_key', ['tid', 'batch_no', 'stan', 'mti_class'])
    .execute();
  await db.schema
    .createIndex('transactions_rrn_idx')
    .on('transactions')
    .columns(['rrn', 'host_date'])
    .execute();
  await db.schema.createIndex('transactions_pan_hash_idx').on('transactions').column('pan_hash').execute();
  await db.schema
    .createIndex('transactions_tid_created_idx')
    .on('transactions')
    .columns(['tid', 'created_at'])
    .execute();
  await db.schema
    .createIndex('transactions_mid_created_idx')
    .on('transactions')
    .columns(['mid', 'created_at'])
    .execute();
  await db.schema.createIndex('transactions_original_idx').on('transactions').column('original_id').execute();
  await db.schema
    .createIndex('transactions_created_idx')
    .on('transactions')
    .columns(['created_at', 'id'])
    .execute();
}
