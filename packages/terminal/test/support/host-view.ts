import type { TcpTestHost } from '../../../host/test/support/tcp-host.js';
import type { AuditRecord, TransactionRecord } from '../../../host/src/storage/schema/records.js';

/** What the host stored for a terminal's batch: one row per financial request it answered. */
export function hostTransactions(
  host: TcpTestHost,
  tid: string,
  batch: string,
): Promise<TransactionRecord[]> {
  return host.runtime.repositories.transactions.listByBatch(tid, batch);
}

/** The host's row of one STAN (financial requests only: 0100/0200/0220), or undefined. */
export async function hostTransaction(
  host: TcpTestHost,
  tid: string,
  batch: string,
  stan: string,
): Promise<TransactionRecord | undefined> {
  const rows = await host.runtime.repositories.transactions.findByStan(tid, batch, stan);
  return rows.find((row) => row.mtiClass !== '040');
}

/** The host's audit entries of one kind for a terminal's batch (`batch-upload`, `settlement` …). */
export async function hostAudit(
  host: TcpTestHost,
  action: string,
  tid: string,
  batch: string,
): Promise<{ readonly record: AuditRecord; readonly details: Record<string, unknown> }[]> {
  const records = await host.runtime.repositories.auditLog.list({
    action,
    subject: `${tid}/${batch}`,
    limit: 1000,
  });
  return records.map((record) => ({
    record,
    details: JSON.parse(record.detailsJson) as Record<string, unknown>,
  }));
}
