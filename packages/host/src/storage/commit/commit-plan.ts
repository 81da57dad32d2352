import type { BatchSettlement } from '../repositories/batch-repository.js';
import type { TerminalPatch } from '../repositories/terminal-repository.js';
import { transactionRow, type TransactionUpdate } from '../repositories/transaction-repository.js';
import type { TransactionsTable } from '../schema/host-schema.js';
import type {
  AuditEntry,
  BatchRecord,
  HoldRecord,
  IssuerAccountRecord,
  IssuerMovementRow,
  ReversalRecord,
  SettlementRecord,
} from '../schema/records.js';
import { walletRowKey, type WalletRow } from './wallet-rows.js';
import type { Change } from './write-batch.js';

/**
 * The changes of one commit group, merged: rows to insert many at a time, and each updated entity
 * once with the last value. An update of a row inserted earlier in the same group is folded into the
 * insert. Two inserts of the same key both stay, so the database rejects the group. Puts (accounts,
 * movements, whole holds) are upserts keyed by id: the last value of each key is written once.
 */
export interface CommitPlan {
  readonly openBatches: BatchRecord[];
  readonly terminalPatches: Map<string, TerminalPatch>;
  readonly transactionInserts: TransactionsTable[];
  readonly transactionUpdates: Map<string, TransactionUpdate>;
  readonly reversals: ReversalRecord[];
  readonly holdInserts: HoldRecord[];
  readonly holdStatuses: Map<string, HoldRecord['status']>;
  /** Whole holds to upsert; never an id that is also in holdInserts or holdStatuses. */
  readonly holdPuts: Map<string, HoldRecord>;
  readonly accounts: Map<string, IssuerAccountRecord>;
  readonly movements: Map<string, IssuerMovementRow>;
  readonly settlements: SettlementRecord[];
  readonly batchSettlements: { tid: string; batchNo: string; settlement: BatchSettlement }[];
  readonly audit: AuditEntry[];
  /** Wallet rows by `table:key`, the last value of each. */
  readonly walletRows: Map<string, WalletRow>;
}

export function planCommit(changeLists: Iterable<readonly Change[]>): CommitPlan {
  const plan: CommitPlan = {
    openBatches: [],
    terminalPatches: new Map(),
    transactionInserts: [],
    transactionUpdates: new Map(),
    reversals: [],
    holdInserts: [],
    holdStatuses: new Map(),
    holdPuts: new Map(),
    accounts: new Map(),
    movements: new Map(),
    settlements: [],
    batchSettlements: [],
    audit: [],
    walletRows: new Map(),
  };
  const insertedTransactions = new Map<string, TransactionsTable>();
  const insertedHolds = new Map<string, HoldRecord>();
  for (const changes of changeLists) {
    for (const change of changes) {
      switch (change.type) {
        case 'insert-transaction': {
          const row = transactionRow(change.transaction);
          plan.transactionInserts.push(row);
          insertedTransactions.set(row.id, row);
          break;
        }
        case 'update-transaction': {
          const inserted = insertedTransactions.get(change.id);
          if (inserted !== undefined) Object.assign(inserted, change.update);
          else
            plan.transactionUpdates.set(change.id, {
              ...plan.transactionUpdates.get(change.id),
              ...change.update,
            });
          break;
        }
        case 'put-issuer-account':
          // Re-inserting keeps Map order = order of last write; the value is what matters.
          plan.accounts.delete(change.account.panHash);
          plan.accounts.set(change.account.panHash, change.account);
          break;
        case 'put-issuer-movement':
          plan.movements.delete(change.movement.id);
          plan.movements.set(change.movement.id, change.movement);
          break;
        case 'insert-reversal':
          plan.reversals.push(change.reversal);
          break;
        case 'insert-hold': {
          const hold = { ...change.hold };
          // The insert is the later value: earlier changes of this id must not be written after it.
          plan.holdStatuses.delete(hold.id);
          plan.holdPuts.delete(hold.id);
          plan.holdInserts.push(hold);
          insertedHolds.set(hold.id, hold);
          break;
        }
        case 'put-hold':
          putHold(plan, insertedHolds, change.hold);
          break;
        case 'set-hold-status': {
          const inserted = insertedHolds.get(change.id);
          const put = plan.holdPuts.get(change.id);
          if (inserted !== undefined) inserted.status = change.status;
          else if (put !== undefined) plan.holdPuts.set(change.id, { ...put, status: change.status });
          else plan.holdStatuses.set(change.id, change.status);
          break;
        }
        case 'insert-settlement':
          plan.settlements.push(change.settlement);
          break;
        case 'update-terminal':
          plan.terminalPatches.set(change.tid, { ...plan.terminalPatches.get(change.tid), ...change.patch });
          break;
        case 'open-batch':
          plan.openBatches.push(change.batch);
          break;
        case 'settle-batch':
          plan.batchSettlements.push({
            tid: change.tid,
            batchNo: change.batchNo,
            settlement: change.settlement,
          });
          break;
        case 'append-audit':
          plan.audit.push(change.entry);
          break;
        case 'put-wallet-row': {
          const key = `${change.wallet.table}:${walletRowKey(change.wallet)}`;
          plan.walletRows.delete(key);
          plan.walletRows.set(key, change.wallet);
          break;
        }
      }
    }
  }
  return plan;
}

/** Folds a whole hold into an insert or earlier status change of the same id, so each id is written once. */
function putHold(plan: CommitPlan, insertedHolds: Map<string, HoldRecord>, hold: HoldRecord): void {
  const inserted = insertedHolds.get(hold.id);
  if (inserted !== undefined) {
    Object.assign(inserted, hold, { createdAt: inserted.createdAt });
    return;
  }
  plan.holdStatuses.delete(hold.id);
  const earlier = plan.holdPuts.get(hold.id);
  plan.holdPuts.delete(hold.id);
  plan.holdPuts.set(hold.id, earlier === undefined ? hold : { ...hold, createdAt: earlier.createdAt });
}
