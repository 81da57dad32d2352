import type { Clock } from '@payterm/kernel';
import type { Kysely } from 'kysely';
import type { HostSchema } from '../schema/host-schema.js';
import { KyselyApiTokenRepository, type ApiTokenRepository } from './api-token-repository.js';
import { KyselyAuditLogRepository, type AuditLogRepository } from './audit-log-repository.js';
import { KyselyBatchRepository, type BatchRepository } from './batch-repository.js';
import { KyselyHoldRepository, type HoldRepository } from './hold-repository.js';
import { KyselyIssuerAccountRepository, type IssuerAccountRepository } from './issuer-account-repository.js';
import {
  KyselyIssuerMovementRepository,
  type IssuerMovementRepository,
} from './issuer-movement-repository.js';
import { KyselyKeyStore } from './kysely-key-store.js';
import { KyselyMerchantRepository, type MerchantRepository } from './merchant-repository.js';
import { KyselyReversalRepository, type ReversalRepository } from './reversal-repository.js';
import { KyselySettingsRepository, type SettingsRepository } from './settings-repository.js';
import { KyselySettlementRepository, type SettlementRepository } from './settlement-repository.js';
import { KyselyTerminalRepository, type TerminalRepository } from './terminal-repository.js';
import { KyselyTransactionRepository, type TransactionRepository } from './transaction-repository.js';
import { KyselyWalletRepository, type WalletRepository } from './wallet-repository.js';
import { KyselyParameterSetRepository, type ParameterSetRepository } from './parameter-set-repository.js';
import { KyselyRolloutRepository, type RolloutRepository } from './rollout-repository.js';
import {
  KyselySoftwarePackageRepository,
  type SoftwarePackageRepository,
} from './software-package-repository.js';

export interface HostRepositories {
  readonly merchants: MerchantRepository;
  readonly terminals: TerminalRepository;
  readonly batches: BatchRepository;
  readonly transactions: TransactionRepository;
  readonly reversals: ReversalRepository;
  readonly settlements: SettlementRepository;
  readonly issuerAccounts: IssuerAccountRepository;
  readonly holds: HoldRepository;
  readonly issuerMovements: IssuerMovementRepository;
  readonly settings: SettingsRepository;
  readonly auditLog: AuditLogRepository;
  readonly apiTokens: ApiTokenRepository;
  readonly hsmKeys: KyselyKeyStore;
  readonly wallet: WalletRepository;
  readonly softwarePackages: SoftwarePackageRepository;
  readonly rollouts: RolloutRepository;
  readonly parameterSets: ParameterSetRepository;
}

export interface RepositoryOptions {
  /** Stamps updatedAt of settings. Default: the system clock. */
  readonly clock?: Clock;
}

export function createRepositories(
  db: Kysely<HostSchema>,
  options: RepositoryOptions = {},
): HostRepositories {
  return {
    merchants: new KyselyMerchantRepository(db),
    terminals: new KyselyTerminalRepository(db),
    batches: new KyselyBatchRepository(db),
    transactions: new KyselyTransactionRepository(db),
    reversals: new KyselyReversalRepository(db),
    settlements: new KyselySettlementRepository(db),
    issuerAccounts: new KyselyIssuerAccountRepository(db),
    holds: new KyselyHoldRepository(db),
    issuerMovements: new KyselyIssuerMovementRepository(db),
    settings: new KyselySettingsRepository(db, options.clock),
    auditLog: new KyselyAuditLogRepository(db),
    apiTokens: new KyselyApiTokenRepository(db),
    hsmKeys: new KyselyKeyStore(db),
    wallet: new KyselyWalletRepository(db),
    softwarePackages: new KyselySoftwarePackageRepository(db),
    rollouts: new KyselyRolloutRepository(db),
    parameterSets: new KyselyParameterSetRepository(db),
  };
}
