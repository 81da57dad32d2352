import type { Kysely } from 'kysely';
import type { HostSchema } from '../schema/host-schema.js';
import type { BatchRecord } from '../schema/records.js';

export interface BatchSettlement {
  readonly settledAt: number;
  readonly settlementResult: string;
}

export interface BatchRepository {
  open(batch: BatchRecord): Promise<void>;
  get(tid: string, batchNo: string): Promise<BatchRecord | undefined>;
  /** The terminal's open batch with the highest number, if any. */
  findOpen(tid: string): Promise<BatchRecord | undefined>;
  list(tid: string): Promise<BatchRecord[]>;
  settle(tid: string, batchNo: string, settlement: BatchSettlement): Promise<void>;
}

export class KyselyBatchRepository implements BatchRepository {
  readonly #db: Kysely<HostSchema>;

  constructor(db: Kysely<HostSchema>) {
    this.#db = db;
  }

  async open(batch: BatchRecord): Promise<void> {
    await this.#db.insertInto('batches').values(batch).execute();
  }

  get(tid: string, batchNo: string): Promise<BatchRecord | undefined> {
    return this.#db
      .selectFrom('batches')
      .selectAll()
      .where('tid', '=', tid)
      .where('batchNo', '=', batchNo)
      .executeTakeFirst();
  }

  findOpen(tid: string): Promise<BatchRecord | undefined> {
    return this.#db
      .selectFrom('batches')
      .selectAll()
      .where('tid', '=', tid)
      .where('status', '=', 'open')
      .orderBy('batchNo', 'desc')
      .executeTakeFirst();
  }

  list(tid: string): Promise<BatchRecord[]> {
    return this.#db.selectFrom('batches').selectAll().where('tid', '=', tid).orderBy('batchNo').execute();
  }

  async settle(tid: string, batchNo: string, settlement: BatchSettlement): Promise<void> {
    await this.#db
      .updateTable('batches')
      .set({ status: 'settled', ...settlement })
      .where('tid', '=', tid)
      .where('batchNo', '=', batchNo)
      .execute();
  }
}
