import { sql, type Kysely, type Migration } from 'kysely';
import type { StorageDialect } from '../database/open-database.js';

/**
 * The audit log refuses UPDATE and DELETE (and TRUNCATE on PostgreSQL) in the database itself, so
 * not even code that bypasses the repository can rewrite history.
 */
export function auditLogAppendOnly(dialect: StorageDialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      if (dialect === 'sqlite') {
        for (const operation of ['update', 'delete']) {
          await sql
            .raw(
              `create trigger audit_log_no_${operation} before ${operation} on audit_log ` +
                `begin select raise(abort, 'audit_log is append-only'); end`,
            )
            .execute(db);
        }
        return;
      }
      await sql`create function audit_log_append_only() returns trigger language plpgsql as $$
        begin raise exception 'audit_log is append-only'; end $$`.execute(db);
      await sql`create trigger audit_log_no_change before update or delete on audit_log
        for each row execute function audit_log_append_only()`.execute(db);
      await sql`create trigger audit_log_no_truncate before truncate on audit_log
        for each statement execute function audit_log_append_only()`.execute(db);
    },
  };
}
