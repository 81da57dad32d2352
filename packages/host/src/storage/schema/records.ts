import type {
  ApiTokensTable,
  BatchesTable,
  HoldsTable,
  HostSettingsTable,
  IssuerAccountsTable,
  IssuerMovementsTable,
  MerchantsTable,
  ReversalsTable,
  SettlementsTable,
  TerminalsTable,
  TransactionsTable,
} from './host-schema.js';

/* What repositories take and return: camelCase, amounts and timestamps (epoch ms) as numbers. */

export type MerchantRecord = MerchantsTable;

export type TerminalRecord = Omit<TerminalsTable, 'signedIn'> & { signedIn: boolean };

export type BatchRecord = BatchesTable;

/** A stored transaction; `mtiClass` is derived from `mti` when it is written. */
export type TransactionRecord = TransactionsTable;

/** What a caller writes: everything but the derived `mtiClass`. */
export type NewTransaction = Omit<TransactionsTable, 'mtiClass'>;

export type ReversalRecord = ReversalsTable;

export type SettlementRecord = SettlementsTable;

export type IssuerAccountRecord = IssuerAccountsTable;

export type HoldRecord = HoldsTable;

/** A stored issuer movement: the issuer's IssuerMovementRecord with kind and status as plain text, plus updatedAt. */
export type IssuerMovementRow = IssuerMovementsTable;

export type HostSettingRecord = HostSettingsTable;

export interface AuditEntry {
  at: number;
  actor: string;
  action: string;
  subject: string;
  detailsJson: string;
}

export interface AuditRecord extends AuditEntry {
  /** Increasing in the order entries were appended. */
  id: number;
}

export type ApiTokenRecord = ApiTokensTable;

/**
 * The transaction kinds the settlement gross rule counts (docs: shared/spec/pos-dialect.md). A
 * merchant-presented order (`qr-order`) is stored `waiting`, which no rule counts, until the wallet pays
 * it: then it is the batch's QR sale (`approved`, and `voided` after a QR void).
 */
export const DEBIT_KINDS: readonly string[] = ['sale', 'preauth-completion', 'qr-sale', 'qr-order'];
export const CREDIT_KINDS: readonly string[] = [
  'void',
  'preauth-completion-void',
  'refund',
  'qr-refund',
  'qr-void',
];

/** Statuses whose transactions still count: a voided sale stays in debit, its void goes to credit. */
export const COUNTED_DEBIT_STATUSES: ReadonlySet<string> = new Set(['approved', 'voided']);
export const COUNTED_CREDIT_STATUSES: ReadonlySet<string> = new Set(['approved']);

/** The duplicate key of transactions: (tid, batchNo, stan, mtiClass). */
export function mtiClassOf(mti: string): string {
  return mti.slice(0, 3);
}
