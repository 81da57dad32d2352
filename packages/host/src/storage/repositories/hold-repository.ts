import type { Kysely } from 'kysely';
import type { HostSchema } from '../schema/host-schema.js';
import type { HoldRecord } from '../schema/records.js';

export interface HoldRepository {
  insert(hold: HoldRecord): Promise<void>;
  get(id: string): Promise<HoldRecord | undefined>;
  findByTransaction(transactionId: string): Promise<HoldRecord | undefined>;
  /** Holds on one card, optionally of one status, oldest first. */
  listByPanHash(panHash: string, status?: HoldRecord['status']): Promise<HoldRecord[]>;
  /** Every hold still held, for the issuer simulator to load at start. */
  listHeld(): Promise<HoldRecord[]>;
  setStatus(id: string, status: HoldRecord['status']): Promise<void>;
}

export class KyselyHoldRepository implements HoldRepository {
  readonly #db: Kysely<HostSchema>;

  constructor(db: Kysely<HostSchema>) {
    this.#db = db;
  }

  async insert(hold: HoldRecord): Promise<void> {
    await this.#db.insertInto('holds').values(hold).execute();
  }

  get(id: string): Promise<HoldRecord | undefined> {
    return this.#db.selectFrom('holds').selectAll().where('id', '=', id).executeTakeFirst();
  }

  findByTransaction(transactionId: string): Promise<HoldRecord | undefined> {
    return this.#db
      .selectFrom('holds')
      .selectAll()
      .where('transactionId', '=', transactionId)
      .executeTakeFirst();
  }

  listByPanHash(panHash: string, status?: HoldRecord['status']): Promise<HoldRecord[]> {
    let query = this.#db.selectFrom('holds').selectAll().where('panHash', '=', panHash);
    if (status !== undefined) query = query.where('status', '=', status);
    return query.orderBy('createdAt').orderBy('id').execute();
  }

  listHeld(): Promise<HoldRecord[]> {
    return this.#db
      .selectFrom('holds')
      .selectAll()
      .where('status', '=', 'held')
      .orderBy('createdAt')
      .orderBy('id')
      .execute();
  }

  async setStatus(id: string, status: HoldRecord['status']): Promise<void> {
    await this.#db.updateTable('holds').set({ status }).where('id', '=', id).execute();
  }
}
