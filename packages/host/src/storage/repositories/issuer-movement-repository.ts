import type { Kysely } from 'kysely';
import type { HostSchema } from '../schema/host-schema.js';
import type { IssuerMovementRow } from '../schema/records.js';

export interface IssuerMovementRepository {
  get(id: string): Promise<IssuerMovementRow | undefined>;
  /** The whole ledger (ordered by id). */
  listAll(): Promise<IssuerMovementRow[]>;
  /**
   * The `limit` movements with the highest ids, in id order: the issuer simulator's warm start (host
   * transaction ids grow with time, so these are the latest; older ones are read back on demand).
   */
  listLatest(limit: number): Promise<IssuerMovementRow[]>;
  /** Inserts or replaces one movement now; the pipeline writes through the CommitQueue instead. */
  put(movement: IssuerMovementRow): Promise<void>;
}

/** One statement for many movements: INSERT … ON CONFLICT (id) DO UPDATE (ids must be distinct). */
export function issuerMovementUpsert(db: Kysely<HostSchema>, movements: readonly IssuerMovementRow[]) {
  return db
    .insertInto('issuerMovements')
    .values([...movements])
    .onConflict((oc) =>
      oc.column('id').doUpdateSet((eb) => ({
        panHash: eb.ref('excluded.panHash'),
        kind: eb.ref('excluded.kind'),
        amountMinor: eb.ref('excluded.amountMinor'),
        currency: eb.ref('excluded.currency'),
        balanceDeltaMinor: eb.ref('excluded.balanceDeltaMinor'),
        heldDeltaMinor: eb.ref('excluded.heldDeltaMinor'),
        holdId: eb.ref('excluded.holdId'),
        originalId: eb.ref('excluded.originalId'),
        refundedMinor: eb.ref('excluded.refundedMinor'),
        status: eb.ref('excluded.status'),
        updatedAt: eb.ref('excluded.updatedAt'),
      })),
    );
}

export async function upsertIssuerMovements(
  db: Kysely<HostSchema>,
  movements: readonly IssuerMovementRow[],
): Promise<void> {
  if (movements.length === 0) return;
  await issuerMovementUpsert(db, movements).execute();
}

export class KyselyIssuerMovementRepository implements IssuerMovementRepository {
  readonly #db: Kysely<HostSchema>;

  constructor(db: Kysely<HostSchema>) {
    this.#db = db;
  }

  get(id: string): Promise<IssuerMovementRow | undefined> {
    return this.#db.selectFrom('issuerMovements').selectAll().where('id', '=', id).executeTakeFirst();
  }

  listAll(): Promise<IssuerMovementRow[]> {
    return this.#db.selectFrom('issuerMovements').selectAll().orderBy('id').execute();
  }

  async listLatest(limit: number): Promise<IssuerMovementRow[]> {
    const latest = await this.#db
      .selectFrom('issuerMovements')
      .selectAll()
      .orderBy('id', 'desc')
      .limit(Math.max(0, Math.trunc(limit)))
      .execute();
    return latest.reverse();
  }

  put(movement: IssuerMovementRow): Promise<void> {
    return upsertIssuerMovements(this.#db, [movement]);
  }
}
