import type { Kysely } from 'kysely';
import type { HostSchema } from '../schema/host-schema.js';
import type { MerchantRecord } from '../schema/records.js';

export type MerchantPatch = Partial<Omit<MerchantRecord, 'mid' | 'createdAt'>>;

export interface MerchantRepository {
  create(merchant: MerchantRecord): Promise<void>;
  get(mid: string): Promise<MerchantRecord | undefined>;
  list(): Promise<MerchantRecord[]>;
  update(mid: string, patch: MerchantPatch): Promise<void>;
}

export class KyselyMerchantRepository implements MerchantRepository {
  readonly #db: Kysely<HostSchema>;

  constructor(db: Kysely<HostSchema>) {
    this.#db = db;
  }

  async create(merchant: MerchantRecord): Promise<void> {
    await this.#db.insertInto('merchants').values(merchant).execute();
  }

  get(mid: string): Promise<MerchantRecord | undefined> {
    return this.#db.selectFrom('merchants').selectAll().where('mid', '=', mid).executeTakeFirst();
  }

  list(): Promise<MerchantRecord[]> {
    return this.#db.selectFrom('merchants').selectAll().orderBy('mid').execute();
  }

  async update(mid: string, patch: MerchantPatch): Promise<void> {
    if (Object.keys(patch).length === 0) return;
    await this.#db.updateTable('merchants').set(patch).where('mid', '=', mid).execute();
  }
}
