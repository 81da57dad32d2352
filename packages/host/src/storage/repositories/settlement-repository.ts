import type { Kysely } from 'kysely';
import type { HostSchema } from '../schema/host-schema.js';
import type { SettlementRecord } from '../schema/records.js';

export interface SettlementRepository {
  insert(settlement: SettlementRecord): Promise<void>;
  findById(id: string): Promise<SettlementRecord | undefined>;
  /** Settlement attempts for one batch (a terminal may settle again after an unbalanced result), oldest first. */
  listForBatch(tid: string, batchNo: string): Promise<SettlementRecord[]>;
  /** Newest first. */
  listForTerminal(tid: string, limit?: number): Promise<SettlementRecord[]>;
}

export class KyselySettlementRepository implements SettlementRepository {
  readonly #db: Kysely<HostSchema>;

  constructor(db: Kysely<HostSchema>) {
    this.#db = db;
  }

  async insert(settlement: SettlementRecord): Promise<void> {
    await this.#db.insertInto('settlements').values(settlement).execute();
  }

  findById(id: string): Promise<SettlementRecord | undefined> {
    return this.#db.selectFrom('settlements').selectAll().where('id', '=', id).executeTakeFirst();
  }

  listForBatch(tid: string, batchNo: string): Promise<SettlementRecord[]> {
    return this.#db
      .selectFrom('settlements')
      .selectAll()
      .where('tid', '=', tid)
      .where('batchNo', '=', batchNo)
      .orderBy('createdAt')
      .orderBy('id')
      .execute();
  }

  listForTerminal(tid: string, limit = 100): Promise<SettlementRecord[]> {
    return this.#db
      .selectFrom('settlements')
      .selectAll()
      .where('tid', '=', tid)
      .orderBy('createdAt', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
  }
}
