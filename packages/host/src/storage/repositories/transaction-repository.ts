import type { Kysely } from 'kysely';
import type { HostSchema, TransactionsTable } from '../schema/host-schema.js';
import { mtiClassOf, type NewTransaction, type TransactionRecord } from '../schema/records.js';
import { totalsForBatch, type BatchTotals } from './batch-totals.js';
import { decodeCursor, encodeCursor } from './transaction-cursor.js';

export interface TransactionSearch {
  readonly tid?: string;
  readonly mid?: string;
  /** createdAt ≥ from (epoch ms). */
  readonly from?: number;
  /** createdAt < to (epoch ms). */
  readonly to?: number;
  readonly kind?: string;
  readonly responseCode?: string;
  readonly panMasked?: string;
  /** 1 to 1000. */
  readonly limit: number;
  /** From the previous page's `nextCursor`. */
  readonly cursor?: string;
}

export interface TransactionPage {
  readonly items: TransactionRecord[];
  /** Present when more results may follow. */
  readonly nextCursor?: string;
}

export type TransactionUpdate = Partial<
  Pick<TransactionRecord, 'status' | 'refundedMinor' | 'responseCode' | 'authCode'>
>;

export interface TransactionRepository {
  /** Writes one transaction now; the pipeline writes through the CommitQueue instead. */
  insert(transaction: NewTransaction): Promise<void>;
  update(id: string, update: TransactionUpdate): Promise<void>;
  findById(id: string): Promise<TransactionRecord | undefined>;
  /** Every message class stored under this STAN (e.g. a 0200 and a 0220), oldest first. */
  findByStan(tid: string, batchNo: string, stan: string): Promise<TransactionRecord[]>;
  findByRrn(rrn: string, hostDate?: string): Promise<TransactionRecord[]>;
  /** Every row of one batch (all message classes and statuses), oldest first. */
  listByBatch(tid: string, batchNo: string): Promise<TransactionRecord[]>;
  /** The highest RRN stored under a host date (`YYYYMMDD`), to resume the RRN sequence after a restart. */
  /**
   * The highest RRN stored under `hostDate`; give `rrnPrefix` (the 12-digit RRNs' leading digits for that day) to
   * read it off the RRN index instead of scanning the day.
   */
  lastRrnOn(hostDate: string, rrnPrefix?: string): Promise<string | undefined>;
  /** Transactions pointing at an original (its voids, refunds, completions), oldest first. */
  listByOriginal(originalId: string): Promise<TransactionRecord[]>;
  /** Newest first. */
  search(criteria: TransactionSearch): Promise<TransactionPage>;
  totalsForBatch(tid: string, batchNo: string): Promise<BatchTotals>;
}

/**
 * The row of a new transaction. Copied field by field: spreading the 28-field record took V8's slow
 * clone path, about 2.3 µs per sale on the group commit's hot path against 0.1 µs.
 */
export function transactionRow(t: NewTransaction): TransactionsTable {
  return {
    id: t.id,
    tid: t.tid,
    mid: t.mid,
    batchNo: t.batchNo,
    stan: t.stan,
    kind: t.kind,
    mti: t.mti,
    mtiClass: mtiClassOf(t.mti),
    processingCode: t.processingCode,
    amountMinor: t.amountMinor,
    currency: t.currency,
    panEncrypted: t.panEncrypted,
    panMasked: t.panMasked,
    panHash: t.panHash,
    cardScope: t.cardScope,
    entryMode: t.entryMode,
    rrn: t.rrn,
    authCode: t.authCode,
    responseCode: t.responseCode,
    status: t.status,
    originalId: t.originalId,
    refundedMinor: t.refundedMinor,
    requestDigest: t.requestDigest,
    responseJson: t.responseJson,
    localDate: t.localDate,
    localTime: t.localTime,
    hostDate: t.hostDate,
    declineRule: t.declineRule,
    createdAt: t.createdAt,
  };
}

export class KyselyTransactionRepository implements TransactionRepository {
  readonly #db: Kysely<HostSchema>;

  constructor(db: Kysely<HostSchema>) {
    this.#db = db;
  }

  async insert(transaction: NewTransaction): Promise<void> {
    await this.#db.insertInto('transactions').values(transactionRow(transaction)).execute();
  }

  async update(id: string, update: TransactionUpdate): Promise<void> {
    if (Object.keys(update).length === 0) return;
    await this.#db.updateTable('transactions').set(update).where('id', '=', id).execute();
  }

  findById(id: string): Promise<TransactionRecord | undefined> {
    return this.#db.selectFrom('transactions').selectAll().where('id', '=', id).executeTakeFirst();
  }

  findByStan(tid: string, batchNo: string, stan: string): Promise<TransactionRecord[]> {
    return this.#db
      .selectFrom('transactions')
      .selectAll()
      .where('tid', '=', tid)
      .where('batchNo', '=', batchNo)
      .where('stan', '=', stan)
      .orderBy('createdAt')
      .orderBy('id')
      .execute();
  }

  findByRrn(rrn: string, hostDate?: string): Promise<TransactionRecord[]> {
    let query = this.#db.selectFrom('transactions').selectAll().where('rrn', '=', rrn);
    if (hostDate !== undefined) query = query.where('hostDate', '=', hostDate);
    return query.orderBy('createdAt').orderBy('id').execute();
  }

  listByBatch(tid: string, batchNo: string): Promise<TransactionRecord[]> {
    return this.#db
      .selectFrom('transactions')
      .selectAll()
      .where('tid', '=', tid)
      .where('batchNo', '=', batchNo)
      .orderBy('createdAt')
      .orderBy('id')
      .execute();
  }

  async lastRrnOn(hostDate: string, rrnPrefix?: string): Promise<string | undefined> {
    // ORDER BY … LIMIT 1 rather than max(): with a prefix both dialects read it off the end of a range
    // of (rrn, host_date).
    let query = this.#db
      .selectFrom('transactions')
      .select('rrn')
      .where('hostDate', '=', hostDate)
      .where('rrn', 'is not', null);
    if (rrnPrefix !== undefined) {
      query = query
        .where('rrn', '>=', rrnPrefix.padEnd(12, '0'))
        .where('rrn', '<=', rrnPrefix.padEnd(12, '9'));
    }
    const row = await query.orderBy('rrn', 'desc').limit(1).executeTakeFirst();
    return row?.rrn ?? undefined;
  }

  listByOriginal(originalId: string): Promise<TransactionRecord[]> {
    return this.#db
      .selectFrom('transactions')
      .selectAll()
      .where('originalId', '=', originalId)
      .orderBy('createdAt')
      .orderBy('id')
      .execute();
  }

  async search(criteria: TransactionSearch): Promise<TransactionPage> {
    const limit = Math.min(Math.max(Math.trunc(criteria.limit), 1), 1000);
    let query = this.#db.selectFrom('transactions').selectAll();
    if (criteria.tid !== undefined) query = query.where('tid', '=', criteria.tid);
    if (criteria.mid !== undefined) query = query.where('mid', '=', criteria.mid);
    if (criteria.from !== undefined) query = query.where('createdAt', '>=', criteria.from);
    if (criteria.to !== undefined) query = query.where('createdAt', '<', criteria.to);
    if (criteria.kind !== undefined) query = query.where('kind', '=', criteria.kind);
    if (criteria.responseCode !== undefined) query = query.where('responseCode', '=', criteria.responseCode);
    if (criteria.panMasked !== undefined) query = query.where('panMasked', '=', criteria.panMasked);
    if (criteria.cursor !== undefined) {
      const after = decodeCursor(criteria.cursor);
      query = query.where((eb) =>
        eb.or([
          eb('createdAt', '<', after.createdAt),
          eb.and([eb('createdAt', '=', after.createdAt), eb('id', '<', after.id)]),
        ]),
      );
    }
    const rows = await query
      .orderBy('createdAt', 'desc')
      .orderBy('id', 'desc')
      .limit(limit + 1)
      .execute();
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    return rows.length > limit && last !== undefined
      ? { items, nextCursor: encodeCursor({ createdAt: last.createdAt, id: last.id }) }
      : { items };
  }

  totalsForBatch(tid: string, batchNo: string): Promise<BatchTotals> {
    return totalsForBatch(this.#db, tid, batchNo);
  }
}
