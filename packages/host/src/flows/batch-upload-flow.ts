import type { BatchUploadRequest } from '@payterm/protocol';
import type { BatchIndex } from '../engine/batch-journal.js';
import type { FlowContext, FlowResult } from './flow-context.js';
import { hostTimeFields } from './host-time.js';

/** How one uploaded record compares with the host's record of that STAN. */
export type UploadDifference =
  | { readonly stan: string; readonly problem: 'unknown-to-host' }
  | {
      readonly stan: string;
      readonly problem: 'amount';
      readonly terminalMinor: number;
      readonly hostMinor: number;
    }
  | { readonly stan: string; readonly problem: 'not-approved-at-host'; readonly hostStatus: string };

/** Differences between uploaded magstripe records and the host's journal of the settled batch. */
export function compareUpload(
  batch: BatchIndex,
  entries: readonly { readonly stan: string; readonly amountMinor: number }[],
): UploadDifference[] {
  const differences: UploadDifference[] = [];
  for (const entry of entries) {
    const host = batch.get(entry.stan, '020') ?? batch.get(entry.stan, '022');
    if (host === undefined) differences.push({ stan: entry.stan, problem: 'unknown-to-host' });
    else if (host.responseCode !== '00' || host.status === 'reversed')
      differences.push({ stan: entry.stan, problem: 'not-approved-at-host', hostStatus: host.status });
    else if (host.amountMinor !== entry.amountMinor)
      differences.push({
        stan: entry.stan,
        problem: 'amount',
        terminalMinor: entry.amountMinor,
        hostMinor: host.amountMinor,
      });
  }
  return differences;
}

/**
 * Batch upload (0320) after settlement: each record is compared with the host's and every difference
 * goes to the audit log (STANs and amounts, never a PAN), so an unbalanced settlement is explained.
 * The end message (202 unbalanced / 207 balanced) closes the upload. Every record is acknowledged `00`.
 * An upload for a batch the host has not settled is `77` with header digit 3: an approved end would
 * close the terminal's batch while the host's stays open, and every later request would be `77`.
 */
export async function batchUploadFlow(
  context: FlowContext<BatchUploadRequest>,
  batch: BatchIndex,
): Promise<FlowResult> {
  const { request, terminal } = context;
  const [settled] = await context.services.repositories.settlements.listForBatch(terminal.tid, request.batch);
  if (settled === undefined) {
    return { response: { kind: 'batch-upload', responseCode: '77', processingRequirement: '3' } };
  }
  const upload = request.upload;
  const details =
    upload.type === 'magstripe'
      ? {
          type: upload.type,
          records: upload.entries.length,
          differences: compareUpload(batch, upload.entries),
        }
      : upload.type === 'ic'
        ? {
            type: upload.type,
            stan: request.stan,
            amountMinor: upload.amount.amountMinor,
            balanced: upload.balanced,
          }
        : { type: upload.type, uploaded: upload.count, balanced: upload.balanced };
  context.changes.appendAudit({
    at: context.receivedAt,
    actor: `terminal:${terminal.tid}`,
    action: 'batch-upload',
    subject: `${terminal.tid}/${request.batch}`,
    detailsJson: JSON.stringify(details),
  });
  return {
    response: { kind: 'batch-upload', responseCode: '00', ...hostTimeFields(context.receivedAt) },
  };
}
