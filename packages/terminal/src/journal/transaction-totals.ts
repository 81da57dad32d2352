import type { JournalRecord, TransactionType } from './journal-record.js';
import { isCredit, isSettled } from './gross-totals.js';

export interface TypeTotal {
  readonly type: TransactionType;
  readonly count: number;
  /** Credits (voids, refunds) are negative. */
  readonly amountMinor: number;
}

export interface OperatorTotal {
  readonly operator: string;
  readonly count: number;
  readonly amountMinor: number;
}

export interface TransactionTotals {
  readonly byType: readonly TypeTotal[];
  readonly byOperator: readonly OperatorTotal[];
  readonly currency: string;
}

/** Totals of the money-moving approved records, by type and by operator (menu 7 / 8 "totals"). */
export function transactionTotals(records: readonly JournalRecord[], currency: string): TransactionTotals {
  const byType = new Map<TransactionType, { count: number; amountMinor: number }>();
  const byOperator = new Map<string, { count: number; amountMinor: number }>();
  for (const record of records) {
    if (!isSettled(record)) continue;
    const signed = isCredit(record.type) ? -record.amount.amountMinor : record.amount.amountMinor;
    for (const [map, key] of [
      [byType, record.type],
      [byOperator, record.operator],
    ] as const) {
      const total = (map as Map<string, { count: number; amountMinor: number }>).get(key) ?? {
        count: 0,
        amountMinor: 0,
      };
      total.count += 1;
      total.amountMinor += signed;
      (map as Map<string, { count: number; amountMinor: number }>).set(key, total);
    }
  }
  return {
    byType: [...byType].map(([type, total]) => ({ type, ...total })),
    byOperator: [...byOperator]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([operator, total]) => ({ operator, ...total })),
    currency,
  };
}
