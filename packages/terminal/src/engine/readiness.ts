import { terminalError } from '../errors.js';
import { isDebit } from '../journal/gross-totals.js';
import type { TransactionType } from '../journal/journal-record.js';
import { openRecoveries, runRecoveries } from './recovery.js';
import { signIn } from './sign-in.js';
import type { TerminalCore } from './terminal-core.js';

/**
 * Before an online transaction: signed in (again, automatically, when a `77`/`A0`/header 3 asked for
 * it), pending reversals sent first, and the batch not full. Returns whether it signed in again.
 */
export async function prepareOnline(core: TerminalCore, type?: TransactionType): Promise<boolean> {
  let signedInAgain = false;
  const reason = core.state.resignInReason;
  if (!core.state.signedIn) {
    if (reason === 'never-signed-in' || reason === 'signed-off' || reason === undefined) {
      throw terminalError('TERMINAL_NOT_SIGNED_IN', 'sign in (menu 9 → 1) before card transactions', {
        reason: reason ?? 'never-signed-in',
      });
    }
    const result = await signIn(core);
    if (!result.approved) {
      throw terminalError('TERMINAL_NOT_SIGNED_IN', `the automatic sign-in failed: ${result.message.en}`, {
        reason,
        responseCode: result.responseCode,
      });
    }
    signedInAgain = true;
  }
  if (openRecoveries(core).length > 0) await runRecoveries(core);
  const stillOpen = openRecoveries(core).filter((record) => record.status === 'reversal-pending');
  if (stillOpen.length > 0) {
    const first = stillOpen[0];
    throw terminalError(
      'TERMINAL_REVERSAL_PENDING',
      `the reversal of voucher ${first?.stan ?? ''} has not reached the host yet: check the network and retry`,
      { voucher: first?.stan ?? null, pending: stillOpen.length },
    );
  }
  if (type !== undefined && core.state.settlementRequired === 'unfinished') {
    throw terminalError(
      'TERMINAL_SETTLEMENT_REQUIRED',
      'the host has closed the batch: finish the settlement first',
      {
        batch: core.state.batch,
        reason: 'unfinished',
      },
    );
  }
  if (type !== undefined && isDebit(type) && batchCount(core) >= core.profile.maxBatchTransactions) {
    throw terminalError('TERMINAL_SETTLEMENT_REQUIRED', 'the batch is full: settle before the next sale', {
      batch: core.state.batch,
      count: batchCount(core),
    });
  }
  return signedInAgain;
}

export function batchCount(core: TerminalCore): number {
  return core.journal.query({ batch: core.state.batch }).filter((record) => record.type !== 'balance').length;
}
