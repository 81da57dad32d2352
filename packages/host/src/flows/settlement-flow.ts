import type { SettlementHalf, SettlementRequest, SettlementTotals } from '@payterm/protocol';
import type { BatchIndex } from '../engine/batch-journal.js';
import type { BatchTotals, ScopeTotals } from '../storage/repositories/batch-totals.js';
import {
  COUNTED_CREDIT_STATUSES,
  COUNTED_DEBIT_STATUSES,
  CREDIT_KINDS,
  DEBIT_KINDS,
} from '../storage/schema/records.js';
import type { FlowContext, FlowResult } from './flow-context.js';
import { hostTimeFields } from './host-time.js';

function emptyScope(): ScopeTotals {
  return { debitCount: 0, debitAmountMinor: 0, creditCount: 0, creditAmountMinor: 0 };
}

/** The open batch's totals by the gross rule, from the journal (every answered request is committed). */
export function journalTotals(batch: BatchIndex): BatchTotals {
  const totals = { domestic: emptyScope(), foreign: emptyScope() };
  for (const entry of batch.entries()) {
    if (entry.responseCode !== '00') continue;
    const scope = totals[entry.cardScope];
    if (DEBIT_KINDS.includes(entry.kind) && COUNTED_DEBIT_STATUSES.has(entry.status)) {
      scope.debitCount += 1;
      scope.debitAmountMinor += entry.amountMinor;
    } else if (CREDIT_KINDS.includes(entry.kind) && COUNTED_CREDIT_STATUSES.has(entry.status)) {
      scope.creditCount += 1;
      scope.creditAmountMinor += entry.amountMinor;
    }
  }
  return totals;
}

function compareHalf(terminal: SettlementHalf, host: ScopeTotals): SettlementHalf {
  const balanced =
    terminal.debitCount === host.debitCount &&
    terminal.debitAmountMinor === host.debitAmountMinor &&
    terminal.creditCount === host.creditCount &&
    terminal.creditAmountMinor === host.creditAmountMinor;
  return { ...terminal, result: balanced ? 'balanced' : 'unbalanced' };
}

/** The next batch number: 000001 … 999999, then 000001 again. */
export function nextBatchNo(batchNo: string): string {
  const next = (Number(batchNo) % 999_999) + 1;
  return String(next).padStart(6, '0');
}

function answer(context: FlowContext<SettlementRequest>, totals: SettlementTotals): FlowResult {
  return {
    response: { kind: 'settlement', responseCode: '00', totals, ...hostTimeFields(context.receivedAt) },
  };
}

/**
 * Settlement (0500): compares the terminal's field 48 with the host's totals per half and answers the
 * result digits (1 balanced, 2 unbalanced); 39 is `00` either way (reference §7.2). The batch closes and
 * the next one opens; batch upload (0320) for the settled batch may follow. A repeated settlement of the
 * batch just settled is answered again from the stored comparison.
 */
export async function settlementFlow(
  context: FlowContext<SettlementRequest>,
  batch: BatchIndex | undefined,
): Promise<FlowResult> {
  const { request, terminal, services } = context;
  if (batch === undefined) {
    const [stored] = await services.repositories.settlements.listForBatch(terminal.tid, request.batch);
    if (stored === undefined) {
      // Neither the open batch nor one settled here: the terminal's batch is not the host's, sign in again.
      return { response: { kind: 'settlement', responseCode: '77', processingRequirement: '3' } };
    }
    return answer(context, JSON.parse(stored.terminalTotalsJson) as SettlementTotals);
  }
  const host = journalTotals(batch);
  const compared: SettlementTotals = {
    domestic: compareHalf(request.totals.domestic, host.domestic),
    foreign: compareHalf(request.totals.foreign, host.foreign),
  };
  const result =
    compared.domestic.result === 'balanced' && compared.foreign.result === 'balanced'
      ? 'balanced'
      : 'unbalanced';
  const next = nextBatchNo(request.batch);
  context.changes.insertSettlement({
    id: services.ids.transactionId(),
    tid: terminal.tid,
    batchNo: request.batch,
    operator: request.operator,
    terminalTotalsJson: JSON.stringify(compared),
    hostTotalsJson: JSON.stringify(host),
    domesticResult: compared.domestic.result,
    foreignResult: compared.foreign.result,
    createdAt: context.receivedAt,
  });
  context.changes.settleBatch(terminal.tid, request.batch, {
    settledAt: context.receivedAt,
    settlementResult: result,
  });
  context.changes.openBatch({
    tid: terminal.tid,
    batchNo: next,
    status: 'open',
    openedAt: context.receivedAt,
    settledAt: null,
    settlementResult: null,
  });
  const patch = { batchNo: next };
  context.changes.updateTerminal(terminal.tid, patch);
  context.changes.appendAudit({
    at: context.receivedAt,
    actor: `terminal:${terminal.tid}`,
    action: 'settlement',
    subject: `${terminal.tid}/${request.batch}`,
    detailsJson: JSON.stringify({ result, operator: request.operator, host, terminal: request.totals }),
  });
  return {
    ...answer(context, compared),
    afterCommit: () => {
      services.journal.close(terminal.tid, request.batch);
      void services.terminals.applyCommitted(terminal.tid, patch);
    },
  };
}
