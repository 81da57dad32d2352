import type { SettlementResult } from '@payterm/protocol';

/** One half of the batch (domestic 内卡 / foreign 外卡) by the gross rule (pos-dialect "Settlement totals"). */
export interface SettlementHalfTotals {
  readonly debitCount: number;
  readonly debitMinor: number;
  readonly creditCount: number;
  readonly creditMinor: number;
}

/** What the terminal settled, what the host said, and how a mismatch was resolved. */
export interface SettlementReport {
  readonly batch: string;
  /** ISO 8601 (terminal time corrected by the host clock offset). */
  readonly settledAt: string;
  readonly operator: string;
  /** ISO 4217 numeric. */
  readonly currency: string;
  readonly domestic: SettlementHalfTotals;
  readonly foreign: SettlementHalfTotals;
  /** The host's result per half (its digit `1` balanced, `2` unbalanced, `3` error). */
  readonly domesticResult: SettlementResult;
  readonly foreignResult: SettlementResult;
  readonly balanced: boolean;
  /** When unbalanced: the halves that differed and the batch upload that resolved them. */
  readonly differences: readonly {
    readonly scope: 'domestic' | 'foreign';
    readonly result: SettlementResult;
  }[];
  /** Transactions sent in the batch upload (0 when balanced). */
  readonly uploadedCount: number;
  /** The batch number the terminal moved to. */
  readonly nextBatch: string;
}
