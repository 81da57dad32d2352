import { issuerAccountUpsert } from '../repositories/issuer-account-repository.js';
import { issuerMovementUpsert } from '../repositories/issuer-movement-repository.js';
import type { TransactionsTable } from '../schema/host-schema.js';
import type { AuditEntry, IssuerAccountRecord, IssuerMovementRow } from '../schema/records.js';
import { CachedInsert, columnsOf } from './cached-insert.js';

/** The statements every sale's commit runs, with their texts cached per row count (one set per database). */
export interface HotInserts {
  readonly transactions: CachedInsert<TransactionsTable>;
  readonly accounts: CachedInsert<IssuerAccountRecord>;
  readonly movements: CachedInsert<IssuerMovementRow>;
  readonly audit: CachedInsert<AuditEntry>;
}

const TRANSACTION_COLUMNS = columnsOf<TransactionsTable>({
  id: true,
  tid: true,
  mid: true,
  batchNo: true,
  stan: true,
  kind: true,
  mti: true,
  mtiClass: true,
  processingCode: true,
  amountMinor: true,
  currency: true,
  panEncrypted: true,
  panMasked: true,
  panHash: true,
  cardScope: true,
  entryMode: true,
  rrn: true,
  authCode: true,
  responseCode: true,
  status: true,
  originalId: true,
  refundedMinor: true,
  requestDigest: true,
  responseJson: true,
  localDate: true,
  localTime: true,
  hostDate: true,
  declineRule: true,
  createdAt: true,
});

const ACCOUNT_COLUMNS = columnsOf<IssuerAccountRecord>({
  panHash: true,
  panMasked: true,
  kind: true,
  currency: true,
  balanceMinor: true,
  creditLimitMinor: true,
  heldMinor: true,
  status: true,
  pinTryDate: true,
  pinTries: true,
  pvv: true,
  expiry: true,
  behaviour: true,
  updatedAt: true,
});

const MOVEMENT_COLUMNS = columnsOf<IssuerMovementRow>({
  id: true,
  panHash: true,
  kind: true,
  amountMinor: true,
  currency: true,
  balanceDeltaMinor: true,
  heldDeltaMinor: true,
  holdId: true,
  originalId: true,
  refundedMinor: true,
  status: true,
  updatedAt: true,
});

const AUDIT_COLUMNS = columnsOf<AuditEntry>({
  at: true,
  actor: true,
  action: true,
  subject: true,
  detailsJson: true,
});

export function createHotInserts(): HotInserts {
  return {
    transactions: new CachedInsert(TRANSACTION_COLUMNS, (db, rows) =>
      db.insertInto('transactions').values(rows),
    ),
    accounts: new CachedInsert(ACCOUNT_COLUMNS, issuerAccountUpsert),
    movements: new CachedInsert(MOVEMENT_COLUMNS, issuerMovementUpsert),
    audit: new CachedInsert(AUDIT_COLUMNS, (db, rows) => db.insertInto('auditLog').values(rows)),
  };
}
