import type { BatchIndex } from '../engine/batch-journal.js';
import type { WriteBatch } from '../storage/commit/write-batch.js';
import type { FlowResult } from './flow-context.js';
import type { TransactionUpdate } from '../storage/repositories/transaction-repository.js';

/**
 * Changes a stored transaction (status, refunded total, auth code), and its journal entry when it is in
 * `batch` (an original of an earlier batch is changed in the database only). Returns what puts the
 * journal entry back, for a commit that fails.
 */
export function markTransaction(
  context: { readonly changes: WriteBatch; readonly batch: BatchIndex },
  transactionId: string,
  update: TransactionUpdate,
): () => void {
  context.changes.updateTransaction(transactionId, update);
  for (const entry of context.batch.entries()) {
    if (entry.transactionId !== transactionId) continue;
    const before = { status: entry.status, refundedMinor: entry.refundedMinor, authCode: entry.authCode };
    if (update.status !== undefined) entry.status = update.status;
    if (update.refundedMinor !== undefined) entry.refundedMinor = update.refundedMinor;
    if (update.authCode !== undefined) entry.authCode = update.authCode;
    return () => Object.assign(entry, before);
  }
  return () => undefined;
}

/** The result, with `unmark` run when its commit fails (the journal entry goes back as it was). */
export function unmarkedOnFailure(result: FlowResult, unmark: (() => void) | undefined): FlowResult {
  if (unmark === undefined) return result;
  return {
    ...result,
    onCommitFailure: () => {
      unmark();
      return Promise.resolve();
    },
  };
}
