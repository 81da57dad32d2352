import type { Generated } from 'kysely';

/*
 * The database as Kysely sees it. Names are camelCase here and snake_case in SQL (CamelCasePlugin);
 * the migrations in ../migrations write the SQL names. Timestamps are epoch milliseconds (bigint),
 * amounts are integer minor units (bigint), both read back as JavaScript numbers. Booleans are
 * integers 0/1 so both dialects store them the same way.
 */

export interface MerchantsTable {
  mid: string;
  name: string;
  mcc: string;
  city: string;
  /** ISO 4217 numeric, e.g. '156'. */
  currency: string;
  singleTransactionLimitMinor: number;
  status: 'active' | 'disabled';
  createdAt: number;
}

export interface TerminalsTable {
  tid: string;
  mid: string;
  status: 'active' | 'disabled';
  tmkKeyId: string | null;
  pikKeyId: string | null;
  makKeyId: string | null;
  tdkKeyId: string | null;
  /** Six digits. */
  batchNo: string;
  signedIn: number;
  signedInAt: number | null;
  operator: string | null;
  parameterVersion: string | null;
  createdAt: number;
}

export interface HsmKeysTable {
  id: string;
  blob: string;
}

export interface BatchesTable {
  tid: string;
  batchNo: string;
  status: 'open' | 'settled';
  openedAt: number;
  settledAt: number | null;
  settlementResult: string | null;
}

export interface TransactionsTable {
  id: string;
  tid: string;
  mid: string;
  batchNo: string;
  stan: string;
  kind: string;
  mti: string;
  /** The first three MTI digits (version, class, function): 0200 and its repeat 0201 share '020'. */
  mtiClass: string;
  processingCode: string;
  amountMinor: number;
  currency: string;
  panEncrypted: string | null;
  panMasked: string | null;
  panHash: string | null;
  cardScope: 'domestic' | 'foreign';
  entryMode: string | null;
  rrn: string | null;
  authCode: string | null;
  responseCode: string | null;
  status: string;
  originalId: string | null;
  refundedMinor: number;
  requestDigest: string;
  responseJson: string | null;
  localDate: string | null;
  localTime: string | null;
  hostDate: string;
  declineRule: string | null;
  createdAt: number;
}

export interface ReversalsTable {
  id: string;
  transactionId: string | null;
  tid: string;
  batchNo: string;
  stan: string;
  reason: string;
  responseCode: string | null;
  createdAt: number;
}

export interface SettlementsTable {
  id: string;
  tid: string;
  batchNo: string;
  operator: string | null;
  terminalTotalsJson: string;
  hostTotalsJson: string;
  domesticResult: string;
  foreignResult: string;
  createdAt: number;
}

export interface IssuerAccountsTable {
  panHash: string;
  panMasked: string;
  kind: 'debit' | 'credit';
  currency: string;
  balanceMinor: number;
  creditLimitMinor: number;
  heldMinor: number;
  status: string;
  pinTryDate: string | null;
  pinTries: number;
  pvv: string | null;
  /** YYMM. */
  expiry: string;
  behaviour: string | null;
  updatedAt: number;
}

export interface HoldsTable {
  id: string;
  panHash: string;
  transactionId: string;
  amountMinor: number;
  status: 'held' | 'completed' | 'released';
  createdAt: number;
}

/**
 * The issuer simulator's movement ledger (IssuerMovementRecord in ../../issuer/issuer-records.ts),
 * one row per movement id (the host transaction id), rewritten whole on every change.
 */
export interface IssuerMovementsTable {
  id: string;
  panHash: string;
  /** 'sale' | 'preauth' | 'completion' | 'cancel' | 'void' | 'refund'. */
  kind: string;
  amountMinor: number;
  currency: string;
  balanceDeltaMinor: number;
  heldDeltaMinor: number;
  holdId: string | null;
  originalId: string | null;
  refundedMinor: number;
  /** 'applied' | 'reversed' | 'voided'. */
  status: string;
  updatedAt: number;
}

/** Named host settings that must survive a restart (text values; the owner parses them). */
export interface HostSettingsTable {
  name: string;
  value: string;
  updatedAt: number;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: number;
  actor: string;
  action: string;
  subject: string;
  detailsJson: string;
}

export interface ApiTokensTable {
  id: string;
  tokenHash: string;
  label: string;
  createdAt: number;
  revokedAt: number | null;
}

/** A wallet user of the QR wallet (issue 7): the PIN only as a scrypt hash. */
export interface WalletUsersTable {
  userId: string;
  name: string;
  pinHash: string;
  /** ISO 4217 numeric. */
  currency: string;
  /** Wrong PINs on `pinFailureDay` (host date); the third locks the user for that day. */
  pinFailures: number;
  pinFailureDay: string | null;
  createdAt: number;
}

/** The wallet's ledger: a user's balance is the sum of their movements' deltas. */
export interface WalletMovementsTable {
  id: string;
  userId: string;
  /** 'opening' | 'payment' | 'refund' | 'void' | 'reversal'. */
  kind: string;
  amountMinor: number;
  balanceDeltaMinor: number;
  merchantName: string;
  voucher: string | null;
  createdAt: number;
}

/** One wallet payment to a merchant, found by its 12-digit voucher for a void or refund. */
export interface WalletPaymentsTable {
  voucher: string;
  userId: string;
  /** The host transaction that paid: the customer-presented sale, or the merchant-presented order. */
  transactionId: string;
  tid: string;
  mid: string;
  batchNo: string;
  merchantName: string;
  amountMinor: number;
  currency: string;
  refundedMinor: number;
  /** 'approved' | 'voided' | 'reversed'. */
  status: string;
  authCode: string;
  rrn: string;
  createdAt: number;
  updatedAt: number;
}

/** A one-time customer-presented pay code, kept only as a SHA-256 hash. */
export interface WalletCodesTable {
  codeHash: string;
  userId: string;
  limitMinor: number;
  expiresAt: number;
  /** 'issued' | 'used' | 'cancelled'. */
  status: string;
  createdAt: number;
}

/** A wallet HTTP session (`wt_…` bearer token), kept only as a SHA-256 hash. */
export interface WalletSessionsTable {
  tokenHash: string;
  userId: string;
  expiresAt: number;
  createdAt: number;
}

/** A merchant-presented QR order (0200 710000). */
export interface QrOrdersTable {
  orderRrn: string;
  /** The 710000 request's transaction: it becomes the QR sale of the batch when the order is paid. */
  transactionId: string;
  tid: string;
  mid: string;
  batchNo: string;
  stan: string;
  amountMinor: number;
  currency: string;
  /** 'waiting' | 'paid' | 'closed' (expiry is read off expiresAt). */
  status: string;
  expiresAt: number;
  voucher: string | null;
  createdAt: number;
  updatedAt: number;
}

/** A published `.ptpkg` (docs/TMS.md §1); `packageBytes` is the whole file as uploaded. */
export interface SoftwarePackagesTable {
  id: number;
  appId: string;
  version: string;
  minVersion: string;
  sha256: string;
  sizeBytes: number;
  /** Header, manifest and signature bytes before the payload. */
  prefixBytes: number;
  keyId: string;
  /** The signed canonical manifest text. */
  manifestJson: string;
  signatureHex: string;
  packageBytes: Uint8Array;
  publishedAt: number;
  publishedBy: string;
}

export interface RolloutsTable {
  id: number;
  packageId: number;
  /** 'all' | 'merchant' | 'list' | 'percent'. */
  targetKind: string;
  /** '' for all, the MID, comma-separated TIDs, or the percentage 1–100. */
  targetValue: string;
  windowFrom: number | null;
  windowTo: number | null;
  /** 'active' | 'paused' | 'cancelled' | 'completed'. */
  state: string;
  createdAt: number;
  createdBy: string;
  updatedAt: number;
}

export interface RolloutTerminalsTable {
  rolloutId: number;
  tid: string;
  /** 'pending' | 'downloading' | 'verifying' | 'installed' | 'failed' | 'rolled-back' | 'refused'. */
  state: string;
  bytesReceived: number;
  reasonCode: string | null;
  reasonText: string | null;
  updatedAt: number;
}

/** One version of the parameters of a scope; the latest version of a scope is its current set. */
export interface ParameterSetsTable {
  version: number;
  /** 'all' | 'merchant' | 'terminal'. */
  scope: string;
  /** '' for all, the MID or the TID. */
  scopeId: string;
  valuesJson: string;
  createdAt: number;
  createdBy: string;
}

export interface TerminalSoftwareTable {
  tid: string;
  runningVersion: string;
  reportedAt: number;
}

export interface HostSchema {
  merchants: MerchantsTable;
  terminals: TerminalsTable;
  hsmKeys: HsmKeysTable;
  batches: BatchesTable;
  transactions: TransactionsTable;
  reversals: ReversalsTable;
  settlements: SettlementsTable;
  issuerAccounts: IssuerAccountsTable;
  holds: HoldsTable;
  issuerMovements: IssuerMovementsTable;
  hostSettings: HostSettingsTable;
  auditLog: AuditLogTable;
  apiTokens: ApiTokensTable;
  walletUsers: WalletUsersTable;
  walletMovements: WalletMovementsTable;
  walletPayments: WalletPaymentsTable;
  walletCodes: WalletCodesTable;
  walletSessions: WalletSessionsTable;
  qrOrders: QrOrdersTable;
  softwarePackages: SoftwarePackagesTable;
  rollouts: RolloutsTable;
  rolloutTerminals: RolloutTerminalsTable;
  parameterSets: ParameterSetsTable;
  terminalSoftware: TerminalSoftwareTable;
}
