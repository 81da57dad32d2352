import type { CommitQueue } from '../storage/commit/commit-queue.js';
import type { WriteBatch } from '../storage/commit/write-batch.js';
import type { Wallet } from './wallet.js';

/**
 * Commits `changes` and settles the wallet's in-memory part of them: kept once the commit succeeded,
 * taken back when it failed (the error is thrown on), so memory never holds money the database did not
 * move.
 */
export async function commitWithWallet(
  services: { readonly commits: CommitQueue; readonly wallet: Wallet },
  changes: WriteBatch,
): Promise<void> {
  try {
    await services.commits.submit(changes);
  } catch (error) {
    services.wallet.rollBack(changes);
    throw error;
  }
  services.wallet.committed(changes);
}
