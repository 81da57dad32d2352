import {
  DummyDriver,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type CompiledQuery,
} from 'kysely';
import { describe, expect, it, vi } from 'vitest';
import { CachedInsert } from '../../src/storage/commit/cached-insert.js';
import type { HostSchema } from '../../src/storage/schema/host-schema.js';
import type { AuditEntry } from '../../src/storage/schema/records.js';

type Row = AuditEntry;

function database(): { db: Kysely<HostSchema>; executed: CompiledQuery[] } {
  const db = new Kysely<HostSchema>({
    dialect: {
      createAdapter: () => new SqliteAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (kysely) => new SqliteIntrospector(kysely),
      createQueryCompiler: () => new SqliteQueryCompiler(),
    },
  });
  const executed: CompiledQuery[] = [];
  vi.spyOn(db, 'executeQuery').mockImplementation((query) => {
    executed.push(query as CompiledQuery);
    return Promise.resolve({ rows: [] });
  });
  return { db, executed };
}

describe('CachedInsert', () => {
  it('binds each row in column order, whatever its key order, and undefined as NULL', async () => {
    const { db, executed } = database();
    const insert = new CachedInsert<Row>(
      ['at', 'actor', 'action', 'subject', 'detailsJson'],
      (kysely, rows) => kysely.insertInto('auditLog').values(rows),
    );
    const rows: Row[] = [
      { detailsJson: '{"a":1}', subject: 's', action: 'x', actor: 'me', at: 1 },
      { at: 2, actor: 'you', action: 'y', subject: 't', detailsJson: undefined as unknown as string },
    ];
    await insert.execute(db, rows);
    await insert.execute(db, [...rows].reverse());
    expect(executed.map((query) => query.parameters)).toEqual([
      [1, 'me', 'x', 's', '{"a":1}', 2, 'you', 'y', 't', null],
      [2, 'you', 'y', 't', null, 1, 'me', 'x', 's', '{"a":1}'],
    ]);
    expect(executed[1]?.sql).toBe(executed[0]?.sql);
  });
});
