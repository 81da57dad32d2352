import type { Kysely } from 'kysely';
import type { HostSchema, ParameterSetsTable } from '../schema/host-schema.js';

export type ParameterSetRecord = ParameterSetsTable;

/** Versioned parameter sets; a set is never changed, a new version replaces it for its scope. */
export interface ParameterSetRepository {
  /** Refuses (primary key) a version that exists. */
  insert(record: ParameterSetRecord): Promise<void>;
  /** Every version, oldest first. */
  list(): Promise<ParameterSetRecord[]>;
}

export class KyselyParameterSetRepository implements ParameterSetRepository {
  readonly #db: Kysely<HostSchema>;

  constructor(db: Kysely<HostSchema>) {
    this.#db = db;
  }

  async insert(record: ParameterSetRecord): Promise<void> {
    await this.#db.insertInto('parameterSets').values(record).execute();
  }

  list(): Promise<ParameterSetRecord[]> {
    return this.#db.selectFrom('parameterSets').selectAll().orderBy('version').execute();
  }
}
