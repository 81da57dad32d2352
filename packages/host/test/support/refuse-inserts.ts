import { sql } from 'kysely';
import type { HostDatabase } from '../../src/storage/index.js';

const TRIGGER = 'test_refuse_insert';

/**
 * Makes the database itself refuse every insert into `table` (an upsert too), so the next group commit
 * that writes to it fails as a real commit would: a trigger, on SQLite and PostgreSQL alike. Test only.
 */
export async function refuseInserts(database: HostDatabase, table: string): Promise<void> {
  if (database.dialect === 'sqlite') {
    await sql
      .raw(
        `create trigger ${TRIGGER} before insert on ${table} begin select raise(abort, 'refused by the test'); end`,
      )
      .execute(database.db);
    return;
  }
  await sql`create function test_refuse_insert() returns trigger language plpgsql as $$
    begin raise exception 'refused by the test'; end $$`.execute(database.db);
  await sql
    .raw(
      `create trigger ${TRIGGER} before insert on ${table} for each row execute function test_refuse_insert()`,
    )
    .execute(database.db);
}

/** Takes `refuseInserts` back. */
export async function allowInserts(database: HostDatabase, table: string): Promise<void> {
  if (database.dialect === 'sqlite') {
    await sql.raw(`drop trigger ${TRIGGER}`).execute(database.db);
    return;
  }
  await sql.raw(`drop trigger ${TRIGGER} on ${table}`).execute(database.db);
  await sql`drop function test_refuse_insert()`.execute(database.db);
}
