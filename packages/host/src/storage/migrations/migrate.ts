import { Migrator, type Kysely, type Migration } from 'kysely';
import { hostError } from '../../errors.js';
import type { HostDatabase, StorageDialect } from '../database/open-database.js';
import { initialSchema } from './0001-initial-schema.js';
import { auditLogAppendOnly } from './0002-audit-log-append-only.js';
import { leanTransactionIndexes } from './0004-lean-transaction-indexes.js';
import { issuerLedgerAndSettings } from './0003-issuer-ledger-and-settings.js';
import { walletAndQrOrders } from './0005-wallet-and-qr-orders.js';
import { terminalManagement } from './0006-terminal-management.js';
import { partialOriginalIndex } from './0007-partial-original-index.js';

/** In-code migrations, applied in name order. Never edit one that has shipped: add the next. */
export function hostMigrations(dialect: StorageDialect): Record<string, Migration> {
  return {
    '0001-initial-schema': initialSchema(dialect),
    '0002-audit-log-append-only': auditLogAppendOnly(dialect),
    '0003-issuer-ledger-and-settings': issuerLedgerAndSettings(),
    '0004-lean-transaction-indexes': leanTransactionIndexes(),
    '0005-wallet-and-qr-orders': walletAndQrOrders(),
    '0006-terminal-management': terminalManagement(dialect),
    '0007-partial-original-index': partialOriginalIndex(),
  };
}

/** Applies every pending migration (idempotent: a migrated database is left alone). Returns the names applied. */
export async function migrateToLatest(database: HostDatabase): Promise<string[]> {
  // Migrations write SQL names themselves, so they run without the camelCase plugin.
  const db = database.db.withoutPlugins() as unknown as Kysely<unknown>;
  const migrations = hostMigrations(database.dialect);
  // Kysely looks for its migration table in every schema unless told which one: with several schemas in
  // one PostgreSQL database (tests, tenants) it would find another schema's table and skip creating its own.
  const migrator = new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(migrations) },
    ...(database.schema === undefined ? {} : { migrationTableSchema: database.schema }),
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results.find((result) => result.status === 'Error');
    throw hostError(
      'STORAGE_MIGRATION_FAILED',
      `Database migration ${failed?.migrationName ?? '(setup)'} failed`,
      { migration: failed?.migrationName ?? null },
      { cause: error },
    );
  }
  return results.filter((result) => result.status === 'Success').map((result) => result.migrationName);
}
