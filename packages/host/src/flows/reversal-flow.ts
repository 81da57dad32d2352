import type { ReversalRequest, ReversibleKind } from '@payterm/protocol';
import type { JournalEntry } from '../engine/batch-journal.js';
import type { FlowResult, JournalledFlowContext } from './flow-context.js';
import { hostTimeFields } from './host-time.js';
import { alphaCurrency } from './run-card-flow.js';
import { recordTransaction } from './transaction-record.js';

/** Stored kinds whose money the QR wallet moved. */
const WALLET_KINDS: ReadonlySet<string> = new Set(['qr-sale', 'qr-void']);

const PREAUTH_CLASS_KINDS: readonly ReversibleKind[] = ['preauth', 'preauth-cancel'];

/** Stored kind of each reversible request kind (QR sales are stored as `qr-sale`). */
export function storedKindOf(kind: string): string {
  return kind === 'qr-customer-sale' ? 'qr-sale' : kind;
}

function mtiClassOfKind(kind: ReversibleKind): string {
  return PREAUTH_CLASS_KINDS.includes(kind) ? '010' : '020';
}

/** Statuses a void or cancel leaves on a counted original: it stopped counting towards velocity then. */
const UNCOUNTED_BY: Readonly<Record<string, string>> = { sale: 'voided', preauth: 'cancelled' };

/**
 * What an approved void / cancel / completion did to its own original, undone with it. A sale whose
 * void (or a pre-auth whose cancel) is reversed is approved again, so it counts towards the card's
 * velocity again: the returned step re-records it once the reversal is committed.
 */
async function restoreOriginalOf(
  context: JournalledFlowContext,
  reversed: JournalEntry,
): Promise<(() => void) | undefined> {
  const originalId = reversed.originalId;
  if (originalId === null) return undefined;
  const { repositories, risk } = context.services;
  // Read before the update below is committed: the status the void or cancel left.
  const record = await repositories.transactions.findById(originalId);
  for (const entry of context.batch.entries()) {
    if (entry.transactionId === originalId) {
      entry.status = 'approved';
      break;
    }
  }
  context.changes.updateTransaction(originalId, { status: 'approved' });
  const panHash = record?.panHash;
  if (record === undefined || panHash === undefined || panHash === null) return undefined;
  if (UNCOUNTED_BY[record.kind] !== record.status) return undefined;
  return () =>
    void risk.record({
      id: record.id,
      panHash,
      amountMinor: record.amountMinor,
      currency: alphaCurrency(record.currency),
      atMs: record.createdAt,
    });
}

/**
 * Reversal (0400): undoes the original's money movement exactly once. An unknown original (or one whose
 * amount differs) is acknowledged with `25`; an original that was declined or already reversed is
 * acknowledged with `00` and nothing moves; one the issuer will not undo (refunded in part) gets the
 * issuer's code. Any 0410 ends the terminal's reversal (reference §7.1).
 */
export async function reversalFlow(context: JournalledFlowContext<ReversalRequest>): Promise<FlowResult> {
  const { request, services } = context;
  const original = context.batch.get(request.stan, mtiClassOfKind(request.reversedKind));
  if (original?.pending !== undefined) await original.pending;
  const matches =
    original !== undefined &&
    original.kind === storedKindOf(request.reversedKind) &&
    original.amountMinor === request.amount.amountMinor;
  let responseCode = '25';
  let undo: (() => Promise<void>) | undefined;
  let afterCommit: (() => void) | undefined;
  if (matches) {
    responseCode = '00';
    context.entry.originalId = original.transactionId;
    context.entry.panHash = original.panHash;
    context.entry.cardScope = original.cardScope;
    if (original.status === 'approved' || original.status === 'voided' || original.status === 'completed') {
      // QR sales and voids moved wallet money, not a card account: the wallet undoes them.
      const decision = WALLET_KINDS.has(original.kind)
        ? services.wallet.reverse(original.transactionId, context.changes)
        : await services.issuer.reverse({ movementId: original.transactionId });
      // The issuer refuses to undo a sale that was voided or refunded in part: say so rather than `00`
      // (the terminal ends its reversal on any 0410, and the settlement then shows the difference).
      if (!decision.approved) responseCode = decision.responseCode;
      if (decision.approved && 'overdraftMinor' in decision && decision.overdraftMinor !== undefined) {
        // An exception for the acquirer: the wallet user now owes this (the reversal stands regardless).
        services.logger.warn(
          { tid: context.terminal.tid, stan: request.stan, overdraftMinor: decision.overdraftMinor },
          'a reversed QR void overdrew the wallet',
        );
      }
      if (decision.approved && decision.changed) {
        const previous = original.status;
        original.status = 'reversed';
        context.changes.updateTransaction(original.transactionId, { status: 'reversed' });
        afterCommit = await restoreOriginalOf(context, original);
        services.risk.reverseRecord(original.transactionId);
        undo = async () => {
          original.status = previous;
        };
      }
    }
  }
  context.changes.insertReversal({
    id: context.entry.transactionId,
    transactionId: matches ? original.transactionId : null,
    tid: context.terminal.tid,
    batchNo: request.batch,
    stan: request.stan,
    reason: request.reason,
    responseCode,
    createdAt: context.receivedAt,
  });
  const response = {
    kind: 'reversal' as const,
    responseCode,
    ...hostTimeFields(context.receivedAt),
    ...(original?.rrn ? { rrn: original.rrn } : {}),
  };
  recordTransaction(context, response, {
    status: responseCode === '00' ? 'reversal' : matches ? 'reversal-refused' : 'reversal-unmatched',
  });
  return {
    response,
    ...(undo === undefined ? {} : { onCommitFailure: undo }),
    ...(afterCommit === undefined ? {} : { afterCommit }),
  };
}
