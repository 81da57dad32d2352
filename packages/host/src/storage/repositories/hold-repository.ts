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
  /** Every hold of every status, oldest first (the issuer simulator's full state). */
  listAll(): Promise<HoldRecord[]>;
  /** Inserts or replaces a hold; a replaced hold keeps the createdAt it was inserted with. */
  put(hold: HoldRecord): Promise<void>;
  setStatus(id: string, status: HoldRecord['status']): Promise<void>;
}

/**
 * One statement for many holds: INSERT … ON CONFLICT (id) DO UPDATE (ids must be distinct). The issuer
 * reports a hold whole on every change but has no creation time, so an existing row keeps its createdAt.
 */
export async function upsertHolds(db: Kysely<HostSchema>, holds: readonly HoldRecord[]): Promise<void> {
  if (holds.length === 0) return;
  await db
    .insertInto('holds')
    .values([...holds])
    .onConflict((oc) =>
      oc.column('id').doUpdateSet((eb) => ({
        panHash: eb.ref('excluded.panHash'),
        transactionId: eb.ref('excluded.transactionId'),
        amountMinor: eb.ref('excluded.amountMinor'),
        status: eb.ref('excluded.status'),
      })),
    )
    .execute();
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

  listAll(): Promise<HoldRecord[]> {
    return this.#db.selectFrom('holds').selectAll().orderBy('createdAt').orderBy('id').execute();
  }

  put(hold: HoldRecord): Promise<void> {
    return upsertHolds(this.#db, [hold]);
  }

  async setStatus(id: string, status: HoldRecord['status']): Promise<void> {
    await this.#db.updateTable('holds').set({ status }).where('id', '=', id).execute();
  }
}
