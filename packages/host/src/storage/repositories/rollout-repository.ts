import type { Kysely } from 'kysely';
import type {
  HostSchema,
  RolloutsTable,
  RolloutTerminalsTable,
  TerminalSoftwareTable,
} from '../schema/host-schema.js';

export type RolloutRecord = RolloutsTable;
export type RolloutTerminalRecord = RolloutTerminalsTable;
export type TerminalSoftwareRecord = TerminalSoftwareTable;

/** Rollouts, each terminal's progress in them and the version each terminal runs. Written at once. */
export interface RolloutRepository {
  insert(record: RolloutRecord): Promise<void>;
  setState(id: number, state: string, updatedAt: number): Promise<void>;
  /** Every rollout, oldest first. */
  list(): Promise<RolloutRecord[]>;
  /** Inserts or replaces a terminal's progress in a rollout. */
  putTerminal(record: RolloutTerminalRecord): Promise<void>;
  /** Progress rows of one rollout by TID, or of every rollout. */
  listTerminals(rolloutId?: number): Promise<RolloutTerminalRecord[]>;
  /** Inserts or replaces the version a terminal reported it runs. */
  putTerminalSoftware(record: TerminalSoftwareRecord): Promise<void>;
  listTerminalSoftware(): Promise<TerminalSoftwareRecord[]>;
}

export class KyselyRolloutRepository implements RolloutRepository {
  readonly #db: Kysely<HostSchema>;

  constructor(db: Kysely<HostSchema>) {
    this.#db = db;
  }

  async insert(record: RolloutRecord): Promise<void> {
    await this.#db.insertInto('rollouts').values(record).execute();
  }

  async setState(id: number, state: string, updatedAt: number): Promise<void> {
    await this.#db.updateTable('rollouts').set({ state, updatedAt }).where('id', '=', id).execute();
  }

  list(): Promise<RolloutRecord[]> {
    return this.#db.selectFrom('rollouts').selectAll().orderBy('id').execute();
  }

  async putTerminal(record: RolloutTerminalRecord): Promise<void> {
    const { rolloutId: _rolloutId, tid: _tid, ...update } = record;
    await this.#db
      .insertInto('rolloutTerminals')
      .values(record)
      .onConflict((oc) => oc.columns(['rolloutId', 'tid']).doUpdateSet(update))
      .execute();
  }

  listTerminals(rolloutId?: number): Promise<RolloutTerminalRecord[]> {
    let query = this.#db.selectFrom('rolloutTerminals').selectAll().orderBy('rolloutId').orderBy('tid');
    if (rolloutId !== undefined) query = query.where('rolloutId', '=', rolloutId);
    return query.execute();
  }

  async putTerminalSoftware(record: TerminalSoftwareRecord): Promise<void> {
    const { runningVersion, reportedAt } = record;
    await this.#db
      .insertInto('terminalSoftware')
      .values(record)
      .onConflict((oc) => oc.column('tid').doUpdateSet({ runningVersion, reportedAt }))
      .execute();
  }

  listTerminalSoftware(): Promise<TerminalSoftwareRecord[]> {
    return this.#db.selectFrom('terminalSoftware').selectAll().orderBy('tid').execute();
  }
}
