import type { Kysely } from 'kysely';
import type { HostSchema } from '../schema/host-schema.js';
import type { IssuerAccountRecord } from '../schema/records.js';

export interface IssuerAccountRepository {
  get(panHash: string): Promise<IssuerAccountRecord | undefined>;
  /** Every account, for the issuer simulator to load into memory at start. */
  listAll(): Promise<IssuerAccountRecord[]>;
  /** Inserts or replaces the whole account. */
  put(account: IssuerAccountRecord): Promise<void>;
}

/** One statement for many accounts: INSERT … ON CONFLICT (pan_hash) DO UPDATE (keys must be distinct). */
export function issuerAccountUpsert(db: Kysely<HostSchema>, accounts: readonly IssuerAccountRecord[]) {
  return db
    .insertInto('issuerAccounts')
    .values([...accounts])
    .onConflict((oc) =>
      oc.column('panHash').doUpdateSet((eb) => ({
        panMasked: eb.ref('excluded.panMasked'),
        kind: eb.ref('excluded.kind'),
        currency: eb.ref('excluded.currency'),
        balanceMinor: eb.ref('excluded.balanceMinor'),
        creditLimitMinor: eb.ref('excluded.creditLimitMinor'),
        heldMinor: eb.ref('excluded.heldMinor'),
        status: eb.ref('excluded.status'),
        pinTryDate: eb.ref('excluded.pinTryDate'),
        pinTries: eb.ref('excluded.pinTries'),
        pvv: eb.ref('excluded.pvv'),
        expiry: eb.ref('excluded.expiry'),
        behaviour: eb.ref('excluded.behaviour'),
        updatedAt: eb.ref('excluded.updatedAt'),
      })),
    );
}

export async function upsertIssuerAccounts(
  db: Kysely<HostSchema>,
  accounts: readonly IssuerAccountRecord[],
): Promise<void> {
  if (accounts.length === 0) return;
  await issuerAccountUpsert(db, accounts).execute();
}

export class KyselyIssuerAccountRepository implements IssuerAccountRepository {
  readonly #db: Kysely<HostSchema>;

  constructor(db: Kysely<HostSchema>) {
    this.#db = db;
  }

  get(panHash: string): Promise<IssuerAccountRecord | undefined> {
    return this.#db
      .selectFrom('issuerAccounts')
      .selectAll()
      .where('panHash', '=', panHash)
      .executeTakeFirst();
  }

  listAll(): Promise<IssuerAccountRecord[]> {
    return this.#db.selectFrom('issuerAccounts').selectAll().orderBy('panHash').execute();
  }

  put(account: IssuerAccountRecord): Promise<void> {
    return upsertIssuerAccounts(this.#db, [account]);
  }
}
