export {
  openDatabase,
  DEFAULT_DATABASE_URL,
  type HostDatabase,
  type OpenDatabaseOptions,
  type StorageDialect,
} from './database/open-database.js';
export { parseDatabaseUrl, redactDatabaseUrl, type DatabaseLocation } from './database/database-url.js';
export { parseInt8, type PostgresOptions } from './database/postgres-pool.js';
export { type SqliteOptions } from './database/sqlite-connection.js';
export { migrateToLatest, hostMigrations } from './migrations/migrate.js';

export type * from './schema/host-schema.js';
export {
  type MerchantRecord,
  type TerminalRecord,
  type BatchRecord,
  type TransactionRecord,
  type NewTransaction,
  type ReversalRecord,
  type SettlementRecord,
  type IssuerAccountRecord,
  type HoldRecord,
  type IssuerMovementRow,
  type HostSettingRecord,
  type AuditEntry,
  type AuditRecord,
  type ApiTokenRecord,
  DEBIT_KINDS,
  CREDIT_KINDS,
  mtiClassOf,
} from './schema/records.js';

export {
  createRepositories,
  type HostRepositories,
  type RepositoryOptions,
} from './repositories/host-repositories.js';
export {
  KyselyMerchantRepository,
  type MerchantRepository,
  type MerchantPatch,
} from './repositories/merchant-repository.js';
export {
  KyselyTerminalRepository,
  type TerminalRepository,
  type TerminalPatch,
} from './repositories/terminal-repository.js';
export {
  KyselyBatchRepository,
  type BatchRepository,
  type BatchSettlement,
} from './repositories/batch-repository.js';
export {
  KyselyTransactionRepository,
  type TransactionRepository,
  type TransactionSearch,
  type TransactionPage,
  type TransactionUpdate,
} from './repositories/transaction-repository.js';
export { type BatchTotals, type ScopeTotals } from './repositories/batch-totals.js';
export { KyselyReversalRepository, type ReversalRepository } from './repositories/reversal-repository.js';
export {
  KyselySettlementRepository,
  type SettlementRepository,
} from './repositories/settlement-repository.js';
export {
  KyselyIssuerAccountRepository,
  type IssuerAccountRepository,
} from './repositories/issuer-account-repository.js';
export { KyselyHoldRepository, type HoldRepository } from './repositories/hold-repository.js';
export {
  KyselyIssuerMovementRepository,
  type IssuerMovementRepository,
} from './repositories/issuer-movement-repository.js';
export { KyselySettingsRepository, type SettingsRepository } from './repositories/settings-repository.js';
export {
  KyselyAuditLogRepository,
  type AuditLogRepository,
  type AuditQuery,
} from './repositories/audit-log-repository.js';
export { KyselyApiTokenRepository, type ApiTokenRepository } from './repositories/api-token-repository.js';
export { KyselyKeyStore } from './repositories/kysely-key-store.js';
export {
  KyselySoftwarePackageRepository,
  type SoftwarePackageRepository,
  type SoftwarePackageRecord,
  type SoftwarePackageSummary,
} from './repositories/software-package-repository.js';
export {
  KyselyRolloutRepository,
  type RolloutRepository,
  type RolloutRecord,
  type RolloutTerminalRecord,
  type TerminalSoftwareRecord,
} from './repositories/rollout-repository.js';
export {
  KyselyParameterSetRepository,
  type ParameterSetRepository,
  type ParameterSetRecord,
} from './repositories/parameter-set-repository.js';

export { WriteBatch, type Change } from './commit/write-batch.js';
export { CommitQueue, type CommitQueueOptions, type CommitQueueStats } from './commit/commit-queue.js';
