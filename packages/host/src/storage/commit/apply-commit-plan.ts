import type { Kysely } from 'kysely';
import { upsertHolds } from '../repositories/hold-repository.js';
import { terminalPatchToRow } from '../repositories/terminal-repository.js';
import type { HostSchema } from '../schema/host-schema.js';
import type { CommitPlan } from './commit-plan.js';
import type { HotInserts } from './hot-inserts.js';
import { upsertWalletRow } from './wallet-rows.js';

/** Bound parameters per statement: below SQLite's 32766 and PostgreSQL's 65535. */
const MAX_PARAMETERS = 30_000;

/**
 * Writes a plan inside an open database transaction, in an order that keeps references valid:
 * batches, terminals, transactions and their updates, reversals, holds, accounts, issuer movements,
 * settlements, batch closings, wallet rows, audit entries.
 */
export async function applyCommitPlan(
  trx: Kysely<HostSchema>,
  plan: CommitPlan,
  hot: HotInserts,
): Promise<void> {
  await inChunks(plan.openBatches, (chunk) => trx.insertInto('batches').values(chunk).execute());
  for (const [tid, patch] of plan.terminalPatches) {
    const row = terminalPatchToRow(patch);
    if (Object.keys(row).length > 0)
      await trx.updateTable('terminals').set(row).where('tid', '=', tid).execute();
  }
  await inChunks(plan.transactionInserts, (chunk) => hot.transactions.execute(trx, chunk));
  for (const [id, update] of plan.transactionUpdates) {
    if (Object.keys(update).length > 0)
      await trx.updateTable('transactions').set(update).where('id', '=', id).execute();
  }
  await inChunks(plan.reversals, (chunk) => trx.insertInto('reversals').values(chunk).execute());
  await inChunks(plan.holdInserts, (chunk) => trx.insertInto('holds').values(chunk).execute());
  for (const [id, status] of plan.holdStatuses) {
    await trx.updateTable('holds').set({ status }).where('id', '=', id).execute();
  }
  await inChunks([...plan.holdPuts.values()], (chunk) => upsertHolds(trx, chunk));
  await inChunks([...plan.accounts.values()], (chunk) => hot.accounts.execute(trx, chunk));
  await inChunks([...plan.movements.values()], (chunk) => hot.movements.execute(trx, chunk));
  await inChunks(plan.settlements, (chunk) => trx.insertInto('settlements').values(chunk).execute());
  for (const { tid, batchNo, settlement } of plan.batchSettlements) {
    await trx
      .updateTable('batches')
      .set({ status: 'settled', ...settlement })
      .where('tid', '=', tid)
      .where('batchNo', '=', batchNo)
      .execute();
  }
  for (const row of plan.walletRows.values()) await upsertWalletRow(trx, row);
  await inChunks(plan.audit, (chunk) => hot.audit.execute(trx, chunk));
}

/** Multi-row statements, split so no statement binds more than MAX_PARAMETERS values. */
async function inChunks<Row extends object>(
  rows: readonly Row[],
  write: (chunk: Row[]) => Promise<unknown>,
): Promise<void> {
  const first = rows[0];
  if (first === undefined) return;
  const size = Math.max(1, Math.floor(MAX_PARAMETERS / Object.keys(first).length));
  for (let start = 0; start < rows.length; start += size) await write(rows.slice(start, start + size));
}
