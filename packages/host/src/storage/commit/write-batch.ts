import type { BatchSettlement } from '../repositories/batch-repository.js';
import type { TerminalPatch } from '../repositories/terminal-repository.js';
import type { TransactionUpdate } from '../repositories/transaction-repository.js';
import type {
  AuditEntry,
  BatchRecord,
  HoldRecord,
  IssuerAccountRecord,
  IssuerMovementRow,
  NewTransaction,
  ReversalRecord,
  SettlementRecord,
} from '../schema/records.js';
import type { WalletRow } from './wallet-rows.js';

/** One typed change; a WriteBatch keeps them in the order they were added. */
export type Change =
  | { readonly type: 'insert-transaction'; readonly transaction: NewTransaction }
  | { readonly type: 'update-transaction'; readonly id: string; readonly update: TransactionUpdate }
  | { readonly type: 'put-issuer-account'; readonly account: IssuerAccountRecord }
  | { readonly type: 'insert-reversal'; readonly reversal: ReversalRecord }
  | { readonly type: 'put-issuer-movement'; readonly movement: IssuerMovementRow }
  | { readonly type: 'insert-hold'; readonly hold: HoldRecord }
  | { readonly type: 'put-hold'; readonly hold: HoldRecord }
  | { readonly type: 'set-hold-status'; readonly id: string; readonly status: HoldRecord['status'] }
  | { readonly type: 'insert-settlement'; readonly settlement: SettlementRecord }
  | { readonly type: 'update-terminal'; readonly tid: string; readonly patch: TerminalPatch }
  | { readonly type: 'open-batch'; readonly batch: BatchRecord }
  | {
      readonly type: 'settle-batch';
      readonly tid: string;
      readonly batchNo: string;
      readonly settlement: BatchSettlement;
    }
  | { readonly type: 'append-audit'; readonly entry: AuditEntry }
  | { readonly type: 'put-wallet-row'; readonly wallet: WalletRow };

/**
 * The changes one request makes, written together by a CommitQueue: all of them land in the same
 * database transaction, or none does. Records are stored as given (no copy): do not mutate them after.
 */
export class WriteBatch {
  readonly #changes: Change[] = [];

  get changes(): readonly Change[] {
    return this.#changes;
  }

  get size(): number {
    return this.#changes.length;
  }

  insertTransaction(transaction: NewTransaction): this {
    return this.#add({ type: 'insert-transaction', transaction });
  }

  updateTransaction(id: string, update: TransactionUpdate): this {
    return this.#add({ type: 'update-transaction', id, update });
  }

  /** Inserts or replaces the whole account (balances, holds, PIN tries). */
  putIssuerAccount(account: IssuerAccountRecord): this {
    return this.#add({ type: 'put-issuer-account', account });
  }

  /** Inserts or replaces one movement of the issuer's ledger (the issuer reports it whole on every change). */
  putIssuerMovement(movement: IssuerMovementRow): this {
    return this.#add({ type: 'put-issuer-movement', movement });
  }

  insertReversal(reversal: ReversalRecord): this {
    return this.#add({ type: 'insert-reversal', reversal });
  }

  insertHold(hold: HoldRecord): this {
    return this.#add({ type: 'insert-hold', hold });
  }

  /** Inserts or replaces the whole hold; a replaced hold keeps its stored createdAt. */
  putHold(hold: HoldRecord): this {
    return this.#add({ type: 'put-hold', hold });
  }

  setHoldStatus(id: string, status: HoldRecord['status']): this {
    return this.#add({ type: 'set-hold-status', id, status });
  }

  insertSettlement(settlement: SettlementRecord): this {
    return this.#add({ type: 'insert-settlement', settlement });
  }

  updateTerminal(tid: string, patch: TerminalPatch): this {
    return this.#add({ type: 'update-terminal', tid, patch });
  }

  openBatch(batch: BatchRecord): this {
    return this.#add({ type: 'open-batch', batch });
  }

  settleBatch(tid: string, batchNo: string, settlement: BatchSettlement): this {
    return this.#add({ type: 'settle-batch', tid, batchNo, settlement });
  }

  appendAudit(entry: AuditEntry): this {
    return this.#add({ type: 'append-audit', entry });
  }

  /** Inserts or replaces one whole row of the wallet's tables (users, ledger, payments, codes, sessions, orders). */
  putWalletRow(wallet: WalletRow): this {
    return this.#add({ type: 'put-wallet-row', wallet });
  }

  #add(change: Change): this {
    this.#changes.push(change);
    return this;
  }
}
