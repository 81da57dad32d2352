import type { JournalRecord, TransactionType } from './journal-record.js';
import type { SettlementHalfTotals } from './settlement-report.js';

/** Gross rule (pos-dialect "Settlement totals"): approved debits count even when voided later. */
const DEBIT_TYPES: ReadonlySet<TransactionType> = new Set(['sale', 'preauth-completion', 'qr-sale']);
const CREDIT_TYPES: ReadonlySet<TransactionType> = new Set([
  'void',
  'preauth-completion-void',
  'refund',
  'qr-void',
  'qr-refund',
]);

export function isDebit(type: TransactionType): boolean {
  return DEBIT_TYPES.has(type);
}

export function isCredit(type: TransactionType): boolean {
  return CREDIT_TYPES.has(type);
}

/** Whether the record moves money in settlement: approved (voided or not) debits and credits. */
export function isSettled(record: JournalRecord): boolean {
  return record.status === 'approved' && (isDebit(record.type) || isCredit(record.type));
}

const EMPTY: SettlementHalfTotals = { debitCount: 0, debitMinor: 0, creditCount: 0, creditMinor: 0 };

/** The terminal's field 48 totals for one batch's records, per half. */
export function grossTotals(records: readonly JournalRecord[]): {
  readonly domestic: SettlementHalfTotals;
  readonly foreign: SettlementHalfTotals;
} {
  const halves = { domestic: { ...EMPTY }, foreign: { ...EMPTY } };
  for (const record of records) {
    if (!isSettled(record)) continue;
    const half = halves[record.scope];
    if (isDebit(record.type)) {
      half.debitCount += 1;
      half.debitMinor += record.amount.amountMinor;
    } else {
      half.creditCount += 1;
      half.creditMinor += record.amount.amountMinor;
    }
  }
  return halves;
}
