import type { Kysely } from 'kysely';
import type { HostSchema } from '../schema/host-schema.js';
import type { ApiTokenRecord } from '../schema/records.js';

export interface ApiTokenRepository {
  create(token: ApiTokenRecord): Promise<void>;
  /** The token with this hash, revoked or not (the caller checks `revokedAt`). */
  findByHash(tokenHash: string): Promise<ApiTokenRecord | undefined>;
  list(): Promise<ApiTokenRecord[]>;
  revoke(id: string, revokedAt: number): Promise<void>;
}

export class KyselyApiTokenRepository implements ApiTokenRepository {
  readonly #db: Kysely<HostSchema>;

  constructor(db: Kysely<HostSchema>) {
    this.#db = db;
  }

  async create(token: ApiTokenRecord): Promise<void> {
    await this.#db.insertInto('apiTokens').values(token).execute();
  }

  findByHash(tokenHash: string): Promise<ApiTokenRecord | undefined> {
    return this.#db.selectFrom('apiTokens').selectAll().where('tokenHash', '=', tokenHash).executeTakeFirst();
  }

  list(): Promise<ApiTokenRecord[]> {
    return this.#db.selectFrom('apiTokens').selectAll().orderBy('createdAt').orderBy('id').execute();
  }

  async revoke(id: string, revokedAt: number): Promise<void> {
    await this.#db
      .updateTable('apiTokens')
      .set({ revokedAt })
      .where('id', '=', id)
      .where('revokedAt', 'is', null)
      .execute();
  }
}
