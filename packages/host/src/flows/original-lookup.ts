import type { OriginalData } from '@payterm/protocol';
import type { JournalEntry } from '../engine/batch-journal.js';
import type { TransactionRecord } from '../storage/schema/records.js';
import type { OriginalTransaction } from './card-flow-context.js';
import type { JournalledFlowContext } from './flow-context.js';

/** The message class (first three MTI digits) each original kind is stored under. */
const ORIGINAL_MTI_CLASS: Readonly<Record<string, string>> = {
  sale: '020',
  'preauth-completion': '020',
  preauth: '010',
  'qr-sale': '020',
};

export function originalFromEntry(entry: JournalEntry): OriginalTransaction {
  return {
    transactionId: entry.transactionId,
    kind: entry.kind,
    batchNo: '',
    stan: entry.stan,
    amountMinor: entry.amountMinor,
    panHash: entry.panHash,
    rrn: entry.rrn,
    authCode: entry.authCode,
    status: entry.status,
    refundedMinor: entry.refundedMinor,
  };
}

export function originalFromRecord(record: TransactionRecord): OriginalTransaction {
  return {
    transactionId: record.id,
    kind: record.kind,
    batchNo: record.batchNo,
    stan: record.stan,
    amountMinor: record.amountMinor,
    panHash: record.panHash,
    rrn: record.rrn,
    authCode: record.authCode,
    status: record.status,
    refundedMinor: record.refundedMinor,
  };
}

/**
 * The original named by field 61 (batch and STAN) of one of `kinds`: from the open batch's journal when
 * 61.1 is the current batch, else from the database (a pre-authorisation of an earlier batch).
 */
export async function findOriginalBy61(
  context: JournalledFlowContext,
  original: OriginalData,
  kinds: readonly string[],
): Promise<{ readonly transaction: OriginalTransaction; readonly entry?: JournalEntry } | undefined> {
  if (original.batch === context.batch.batchNo) {
    for (const kind of kinds) {
      const entry = context.batch.get(original.stan, ORIGINAL_MTI_CLASS[kind] ?? '020');
      if (entry !== undefined && entry.kind === kind) {
        return { transaction: { ...originalFromEntry(entry), batchNo: original.batch }, entry };
      }
    }
    return undefined;
  }
  const records = await context.services.repositories.transactions.findByStan(
    context.terminal.tid,
    original.batch,
    original.stan,
  );
  const record = records.find((candidate) => kinds.includes(candidate.kind));
  return record === undefined ? undefined : { transaction: originalFromRecord(record) };
}
