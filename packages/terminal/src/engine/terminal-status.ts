import type { PosAmount } from '@payterm/protocol';
import type { TransactionStatus, TransactionType } from '../journal/journal-record.js';
import type { Role } from '../operators/roles.js';
import { batchCount } from './readiness.js';
import type { TerminalCore } from './terminal-core.js';
import type { ResignInReason, SettlementReason } from './terminal-state.js';

export interface PendingOutcome {
  readonly voucher: string;
  readonly type: TransactionType;
  readonly amount: PosAmount;
  readonly status: TransactionStatus;
  /** `reverse` (0400) or `repeat` (an unanswered refund). */
  readonly action: 'reverse' | 'repeat';
  readonly reason: string;
  readonly attemptsLeft: number;
  /** When the terminal tries next. */
  readonly nextTry: 'before-next-transaction' | 'call-the-bank' | 'at-settlement';
}

/** Everything the operator must always see (product.md "States"). */
export interface TerminalStatus {
  readonly tid: string;
  readonly mid: string;
  readonly merchantName: string;
  readonly softwareVersion: string;
  readonly operator: { readonly number: string; readonly role: Role } | null;
  readonly signedIn: boolean;
  readonly resignInReason: ResignInReason | null;
  readonly batch: string;
  readonly batchCount: number;
  readonly settlementRequired: SettlementReason | null;
  readonly locked: boolean;
  /** The last attempt to reach the host failed. */
  readonly offline: boolean;
  /** Reversals and unknown outcomes still being resolved, and those given up. */
  readonly pending: readonly PendingOutcome[];
  /** The TMS parameter set version applied last, or null. */
  readonly parameterVersion: string | null;
  /** A newer version is offered (`available`) or downloaded and verified (`ready` to install). */
  readonly upgrade?: 'available' | 'ready';
}

export function terminalStatus(core: TerminalCore): TerminalStatus {
  const state = core.state;
  const maxAttempts = core.profile.reversalAttempts;
  const pending = core.journal
    .all()
    .filter(
      (record) =>
        record.status === 'reversal-pending' ||
        record.status === 'reversal-failed' ||
        record.status === 'unknown',
    )
    .map((record): PendingOutcome => {
      const attempts = record.recovery?.attempts ?? 0;
      const attemptsLeft = Math.max(0, maxAttempts - attempts);
      return {
        voucher: record.stan,
        type: record.type,
        amount: record.amount,
        status: record.status,
        action: record.recovery?.action ?? 'reverse',
        reason: record.recovery?.reason ?? '98',
        attemptsLeft,
        nextTry:
          attemptsLeft > 0
            ? 'before-next-transaction'
            : record.status === 'unknown'
              ? 'at-settlement'
              : 'call-the-bank',
      };
    });
  const batchFull = batchCount(core) >= core.profile.maxBatchTransactions;
  return {
    tid: state.profile.tid,
    mid: state.profile.mid,
    merchantName: state.profile.merchantName,
    softwareVersion: state.profile.softwareVersion,
    operator: core.operator === undefined ? null : { number: core.operator.number, role: core.operator.role },
    signedIn: state.signedIn,
    resignInReason: state.resignInReason ?? null,
    batch: state.batch,
    batchCount: batchCount(core),
    settlementRequired: state.settlementRequired ?? (batchFull ? 'batch-full' : null),
    locked: state.locked,
    offline: core.offline,
    pending,
    parameterVersion: state.parameterVersion ?? null,
  };
}
