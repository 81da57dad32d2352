import type { Kysely, Updateable } from 'kysely';
import type { HostSchema, TerminalsTable } from '../schema/host-schema.js';
import type { TerminalRecord } from '../schema/records.js';

export type TerminalPatch = Partial<Omit<TerminalRecord, 'tid' | 'createdAt'>>;

export interface TerminalRepository {
  create(terminal: TerminalRecord): Promise<void>;
  get(tid: string): Promise<TerminalRecord | undefined>;
  /** All terminals, or those of one merchant, by TID. */
  list(mid?: string): Promise<TerminalRecord[]>;
  update(tid: string, patch: TerminalPatch): Promise<void>;
}

export function terminalFromRow(row: TerminalsTable): TerminalRecord {
  return { ...row, signedIn: row.signedIn !== 0 };
}

export function terminalPatchToRow(patch: TerminalPatch): Updateable<TerminalsTable> {
  const { signedIn, ...rest } = patch;
  return signedIn === undefined ? rest : { ...rest, signedIn: signedIn ? 1 : 0 };
}

export class KyselyTerminalRepository implements TerminalRepository {
  readonly #db: Kysely<HostSchema>;

  constructor(db: Kysely<HostSchema>) {
    this.#db = db;
  }

  async create(terminal: TerminalRecord): Promise<void> {
    await this.#db
      .insertInto('terminals')
      .values({ ...terminal, signedIn: terminal.signedIn ? 1 : 0 })
      .execute();
  }

  async get(tid: string): Promise<TerminalRecord | undefined> {
    const row = await this.#db.selectFrom('terminals').selectAll().where('tid', '=', tid).executeTakeFirst();
    return row === undefined ? undefined : terminalFromRow(row);
  }

  async list(mid?: string): Promise<TerminalRecord[]> {
    let query = this.#db.selectFrom('terminals').selectAll().orderBy('tid');
    if (mid !== undefined) query = query.where('mid', '=', mid);
    return (await query.execute()).map(terminalFromRow);
  }

  async update(tid: string, patch: TerminalPatch): Promise<void> {
    const row = terminalPatchToRow(patch);
    if (Object.keys(row).length === 0) return;
    await this.#db.updateTable('terminals').set(row).where('tid', '=', tid).execute();
  }
}
