import type { KeyStore } from '@payterm/crypto';
import type { Kysely } from 'kysely';
import type { HostSchema } from '../schema/host-schema.js';

/** The software HSM's key store in the host database: TR-31 blocks wrapped under the LMK, never clear keys. */
export class KyselyKeyStore implements KeyStore {
  readonly #db: Kysely<HostSchema>;

  constructor(db: Kysely<HostSchema>) {
    this.#db = db;
  }

  async put(id: string, wrappedBlob: string): Promise<void> {
    await this.#db
      .insertInto('hsmKeys')
      .values({ id, blob: wrappedBlob })
      .onConflict((oc) => oc.column('id').doUpdateSet({ blob: wrappedBlob }))
      .execute();
  }

  async get(id: string): Promise<string | undefined> {
    const row = await this.#db.selectFrom('hsmKeys').select('blob').where('id', '=', id).executeTakeFirst();
    return row?.blob;
  }
}
