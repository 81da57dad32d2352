import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Migrator, sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe } from 'vitest';
import {
  hostMigrations,
  migrateToLatest,
  openDatabase,
  type HostDatabase,
  type StorageDialect,
} from '../../src/storage/index.js';

/** PostgreSQL for tests: PAYTERM_TEST_PG_URL, or the local server CI starts (database test, trust auth). */
export const TEST_POSTGRES_URL =
  process.env['PAYTERM_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

export const TEST_DIALECTS: readonly StorageDialect[] = ['sqlite', 'postgres'];

/** Where a test database lives, for tests that need to reopen it. */
export interface TestDatabaseLocation {
  readonly url: string;
  /** The PostgreSQL schema (undefined for SQLite). */
  readonly schema: string | undefined;
}

/**
 * Runs the same tests on SQLite (a temporary file in WAL mode) and on PostgreSQL (a fresh schema,
 * dropped afterwards). The database is migrated before the first test and shared by the tests of
 * the block, so each test uses its own keys.
 */
export function describeEachDatabase(
  name: string,
  body: (
    getDatabase: () => HostDatabase,
    dialect: StorageDialect,
    location: () => TestDatabaseLocation,
  ) => void,
): void {
  for (const dialect of TEST_DIALECTS) {
    describe(`${name} [${dialect}]`, () => {
      let database: HostDatabase | undefined;
      let location: TestDatabaseLocation | undefined;
      let cleanup: () => Promise<void> = () => Promise.resolve();

      beforeAll(async () => {
        const opened = await openTestDatabase(dialect);
        database = opened.database;
        location = opened.location;
        cleanup = opened.cleanup;
        await migrateToLatest(database);
      });

      afterAll(async () => {
        await cleanup();
      });

      body(
        () => {
          if (database === undefined) throw new Error('The test database is not open yet');
          return database;
        },
        dialect,
        () => {
          if (location === undefined) throw new Error('The test database is not open yet');
          return location;
        },
      );
    });
  }
}

export interface OpenedTestDatabase {
  readonly database: HostDatabase;
  readonly location: TestDatabaseLocation;
  /** Closes the database and removes its file or schema. */
  cleanup(): Promise<void>;
}

/** A new, empty (not migrated) database of the dialect. */
export async function openTestDatabase(dialect: StorageDialect): Promise<OpenedTestDatabase> {
  if (dialect === 'sqlite') {
    const directory = mkdtempSync(join(tmpdir(), 'payterm-storage-'));
    const url = `sqlite:${join(directory, 'nested', 'payterm.db')}`;
    const database = await openDatabase(url);
    const journal = await sql<{ journalMode: string }>`pragma journal_mode`.execute(database.db);
    if (journal.rows[0]?.journalMode !== 'wal')
      throw new Error('The SQLite test database is not in WAL mode');
    return {
      database,
      location: { url, schema: undefined },
      async cleanup() {
        await database.close();
        rmSync(directory, { recursive: true, force: true });
      },
    };
  }
  const schema = `test_${randomBytes(6).toString('hex')}`;
  const database = await openDatabase(TEST_POSTGRES_URL, { schema, maxConnections: 4 });
  return {
    database,
    location: { url: TEST_POSTGRES_URL, schema },
    async cleanup() {
      await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(database.db);
      await database.close();
    },
  };
}

/** Applies the host's migrations up to and including `name` only: a database as an older release left it. */
export async function migrateTo(database: HostDatabase, name: string): Promise<void> {
  const migrations = hostMigrations(database.dialect);
  const migrator = new Migrator({
    db: database.db.withoutPlugins() as unknown as Kysely<unknown>,
    provider: { getMigrations: () => Promise.resolve(migrations) },
    ...(database.schema === undefined ? {} : { migrationTableSchema: database.schema }),
  });
  const { error } = await migrator.migrateTo(name);
  if (error !== undefined) throw error instanceof Error ? error : new Error(String(error));
}
