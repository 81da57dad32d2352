import { systemClock, type Clock } from '@payterm/kernel';
import type { Kysely } from 'kysely';
import type { HostSchema } from '../schema/host-schema.js';

/** Named text settings that survive a restart; each owner parses its own values. */
export interface SettingsRepository {
  get(name: string): Promise<string | undefined>;
  /** Inserts or replaces the value at once (not through the commit queue). */
  put(name: string, value: string): Promise<void>;
}

export class KyselySettingsRepository implements SettingsRepository {
  readonly #db: Kysely<HostSchema>;
  readonly #clock: Clock;

  /** `clock` stamps updatedAt; default the system clock. */
  constructor(db: Kysely<HostSchema>, clock: Clock = systemClock) {
    this.#db = db;
    this.#clock = clock;
  }

  async get(name: string): Promise<string | undefined> {
    const row = await this.#db
      .selectFrom('hostSettings')
      .select('value')
      .where('name', '=', name)
      .executeTakeFirst();
    return row?.value;
  }

  async put(name: string, value: string): Promise<void> {
    const updatedAt = this.#clock.nowMs();
    await this.#db
      .insertInto('hostSettings')
      .values({ name, value, updatedAt })
      .onConflict((oc) => oc.column('name').doUpdateSet({ value, updatedAt }))
      .execute();
  }
}
