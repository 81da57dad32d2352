import type { Kysely } from 'kysely';
import type { HostSchema } from '../schema/host-schema.js';
import {
  COUNTED_CREDIT_STATUSES,
  COUNTED_DEBIT_STATUSES,
  CREDIT_KINDS,
  DEBIT_KINDS,
} from '../schema/records.js';

export interface ScopeTotals {
  debitCount: number;
  debitAmountMinor: number;
  creditCount: number;
  creditAmountMinor: number;
}

export interface BatchTotals {
  readonly domestic: ScopeTotals;
  readonly foreign: ScopeTotals;
}

/**
 * Settlement totals of one batch by the gross rule (shared/spec/pos-dialect.md): debit = approved
 * sales, pre-auth completions and QR sales, voided ones included; credit = approved voids, completion
 * voids, refunds and QR refunds/voids. Domestic and foreign cards are totalled apart.
 */
export async function totalsForBatch(
  db: Kysely<HostSchema>,
  tid: string,
  batchNo: string,
): Promise<BatchTotals> {
  const groups = await db
    .selectFrom('transactions')
    .select((eb) => [
      'cardScope',
      'kind',
      'status',
      eb.fn.countAll<number>().as('count'),
      eb.cast<number>(eb.fn.sum('amountMinor'), 'bigint').as('amountMinor'),
    ])
    .where('tid', '=', tid)
    .where('batchNo', '=', batchNo)
    .where('kind', 'in', [...DEBIT_KINDS, ...CREDIT_KINDS])
    .groupBy(['cardScope', 'kind', 'status'])
    .execute();
  const totals: BatchTotals = { domestic: emptyTotals(), foreign: emptyTotals() };
  for (const group of groups) {
    const scope = totals[group.cardScope];
    const count = Number(group.count);
    const amountMinor = Number(group.amountMinor);
    if (DEBIT_KINDS.includes(group.kind) && COUNTED_DEBIT_STATUSES.has(group.status)) {
      scope.debitCount += count;
      scope.debitAmountMinor += amountMinor;
    } else if (CREDIT_KINDS.includes(group.kind) && COUNTED_CREDIT_STATUSES.has(group.status)) {
      scope.creditCount += count;
      scope.creditAmountMinor += amountMinor;
    }
  }
  return totals;
}

function emptyTotals(): ScopeTotals {
  return { debitCount: 0, debitAmountMinor: 0, creditCount: 0, creditAmountMinor: 0 };
}
