import type { Kysely } from 'kysely';
import type { HostSchema } from '../schema/host-schema.js';
import type { ReversalRecord } from '../schema/records.js';

export interface ReversalRepository {
  insert(reversal: ReversalRecord): Promise<void>;
  findById(id: string): Promise<ReversalRecord | undefined>;
  /** Reversals received for this STAN (a terminal may repeat one), oldest first. */
  findByStan(tid: string, batchNo: string, stan: string): Promise<ReversalRecord[]>;
  listForBatch(tid: string, batchNo: string): Promise<ReversalRecord[]>;
}

export class KyselyReversalRepository implements ReversalRepository {
  readonly #db: Kysely<HostSchema>;

  constructor(db: Kysely<HostSchema>) {
    this.#db = db;
  }

  async insert(reversal: ReversalRecord): Promise<void> {
    await this.#db.insertInto('reversals').values(reversal).execute();
  }

  findById(id: string): Promise<ReversalRecord | undefined> {
    return this.#db.selectFrom('reversals').selectAll().where('id', '=', id).executeTakeFirst();
  }

  findByStan(tid: string, batchNo: string, stan: string): Promise<ReversalRecord[]> {
    return this.#db
      .selectFrom('reversals')
      .selectAll()
      .where('tid', '=', tid)
      .where('batchNo', '=', batchNo)
      .where('stan', '=', stan)
      .orderBy('createdAt')
      .orderBy('id')
      .execute();
  }

  listForBatch(tid: string, batchNo: string): Promise<ReversalRecord[]> {
    return this.#db
      .selectFrom('reversals')
      .selectAll()
      .where('tid', '=', tid)
      .where('batchNo', '=', batchNo)
      .orderBy('createdAt')
      .orderBy('id')
      .execute();
  }
}
