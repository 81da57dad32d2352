import type { Kysely } from 'kysely';
import type { HostSchema } from '../schema/host-schema.js';
import type { AuditEntry, AuditRecord } from '../schema/records.js';

export interface AuditQuery {
  readonly subject?: string;
  readonly action?: string;
  /** Only entries with an id above this (paging forward). */
  readonly afterId?: number;
  /** 1 to 1000; default 100. */
  readonly limit?: number;
}

/** Append-only: there is deliberately no update or delete. */
export interface AuditLogRepository {
  /** Returns the new entry's id. */
  append(entry: AuditEntry): Promise<number>;
  /** Oldest first. */
  list(query?: AuditQuery): Promise<AuditRecord[]>;
}

export class KyselyAuditLogRepository implements AuditLogRepository {
  readonly #db: Kysely<HostSchema>;

  constructor(db: Kysely<HostSchema>) {
    this.#db = db;
  }

  async append(entry: AuditEntry): Promise<number> {
    const row = await this.#db.insertInto('auditLog').values(entry).returning('id').executeTakeFirstOrThrow();
    return Number(row.id);
  }

  list(query: AuditQuery = {}): Promise<AuditRecord[]> {
    const limit = Math.min(Math.max(Math.trunc(query.limit ?? 100), 1), 1000);
    let select = this.#db.selectFrom('auditLog').selectAll();
    if (query.subject !== undefined) select = select.where('subject', '=', query.subject);
    if (query.action !== undefined) select = select.where('action', '=', query.action);
    if (query.afterId !== undefined) select = select.where('id', '>', query.afterId);
    return select.orderBy('id').limit(limit).execute();
  }
}
