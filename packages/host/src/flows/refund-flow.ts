import type { RefundRequest } from '@payterm/protocol';
import { hostDateOf } from '../engine/host-ids.js';
import { NO_JOIN, type Participant } from '../pipeline/participant.js';
import type { CardFlowContext } from './card-flow-context.js';
import { cardChecks, decline, issuerStep, panProtection } from './card-participants.js';
import type { FlowResult } from './flow-context.js';
import { originalFromRecord } from './original-lookup.js';
import { alphaCurrency, runCardFlow } from './run-card-flow.js';

/** Refunds reach back this many days (pos-dialect: "any day within 30 days"). */
export const REFUND_WINDOW_DAYS = 30;
const DAY_MS = 86_400_000;
const REFUNDABLE_KINDS = ['sale', 'preauth-completion'];

/**
 * The original by RRN (37) and date (61.3, MMDD) at the same merchant, within 30 days: an approved sale
 * or completion (a voided one is `12`). The amount plus earlier refunds must not pass the original (`64`).
 */
const refundOriginal: Participant<CardFlowContext> = {
  name: 'refund-original',
  async prepare(context) {
    const request = context.request as RefundRequest;
    const oldest = hostDateOf(context.receivedAt - REFUND_WINDOW_DAYS * DAY_MS);
    const candidates = await context.services.repositories.transactions.findByRrn(request.originalRrn);
    const record = candidates.find(
      (candidate) =>
        REFUNDABLE_KINDS.includes(candidate.kind) &&
        candidate.mid === context.terminal.mid &&
        candidate.hostDate >= oldest &&
        (request.original.date === undefined || candidate.hostDate.slice(4) === request.original.date) &&
        candidate.responseCode === '00',
    );
    if (record === undefined)
      return decline(context, '25', 'original', 'no refundable original with this RRN and date');
    if (record.status !== 'approved')
      return decline(context, '12', 'original-state', `the original is ${record.status}`);
    if (record.panHash !== context.protectedPan?.panHash)
      return decline(context, '12', 'original-card', 'another card than the original');
    const amountMinor = context.amount?.amountMinor ?? 0;
    if (record.refundedMinor + amountMinor > record.amountMinor)
      return decline(context, '64', 'refund-amount', 'refunds would pass the original amount');
    context.original = originalFromRecord(record);
    context.entry.originalId = record.id;
    return NO_JOIN;
  },
};

const refundAtIssuer = issuerStep('issuer-refund', (context) =>
  context.services.issuer.refund({
    movementId: context.entry.transactionId,
    originalId: context.original?.transactionId ?? '',
    amountMinor: context.amount?.amountMinor ?? 0,
    currency: alphaCurrency(context.amount?.currency ?? '156'),
  }),
);

const REFUND_STEPS = [cardChecks, panProtection, refundOriginal, refundAtIssuer];

/**
 * Refund (0220). Refunds of one original run one after another (the engine serialises them by RRN), so
 * the running refunded total read from the database is exact.
 */
export async function refundFlow(context: CardFlowContext<RefundRequest>): Promise<FlowResult> {
  const result = await runCardFlow(context, REFUND_STEPS, (base) => ({ kind: 'refund', ...base }));
  const original = context.original;
  if (result.response.responseCode === '00' && original !== undefined) {
    const refundedMinor = original.refundedMinor + (context.amount?.amountMinor ?? 0);
    context.changes.updateTransaction(original.transactionId, { refundedMinor });
  }
  return result;
}
