import { openDatabase } from '../../src/storage/index.js';

/** The columns of a stored transaction the process tests compare with what the terminal received. */
export interface StoredTransaction {
  readonly id: string;
  readonly tid: string;
  readonly batchNo: string;
  readonly stan: string;
  readonly kind: string;
  readonly mtiClass: string;
  readonly amountMinor: number;
  readonly rrn: string | null;
  readonly authCode: string | null;
  readonly responseCode: string | null;
  readonly status: string;
}

/** Reads the host's transactions of the given terminals (after the host process has stopped). */
export async function readTransactions(url: string, tids: readonly string[]): Promise<StoredTransaction[]> {
  const database = await openDatabase(url, { maxConnections: 1 });
  try {
    return await database.db
      .selectFrom('transactions')
      .select([
        'id',
        'tid',
        'batchNo',
        'stan',
        'kind',
        'mtiClass',
        'amountMinor',
        'rrn',
        'authCode',
        'responseCode',
        'status',
      ])
      .where('tid', 'in', [...tids])
      .orderBy('createdAt')
      .execute();
  } finally {
    await database.close();
  }
}

/** `tid/batch/stan/mtiClass` of every key that appears more than once (must be none). */
export function duplicateKeys(transactions: readonly StoredTransaction[]): string[] {
  const counts = new Map<string, number>();
  for (const transaction of transactions) {
    const key = `${transaction.tid}/${transaction.batchNo}/${transaction.stan}/${transaction.mtiClass}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].filter(([, count]) => count > 1).map(([key]) => key);
}

/** The issuer account of a card as stored (looked up by its masked PAN, which must be unique). */
export async function readIssuerAccount(
  url: string,
  panMasked: string,
): Promise<{ readonly balanceMinor: number; readonly heldMinor: number }> {
  const database = await openDatabase(url, { maxConnections: 1 });
  try {
    const rows = await database.db
      .selectFrom('issuerAccounts')
      .select(['balanceMinor', 'heldMinor'])
      .where('panMasked', '=', panMasked)
      .execute();
    const [row] = rows;
    if (row === undefined || rows.length > 1) {
      throw new Error(`${rows.length} issuer accounts for ${panMasked}`);
    }
    return row;
  } finally {
    await database.close();
  }
}
