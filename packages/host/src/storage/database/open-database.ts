import { CamelCasePlugin, Kysely } from 'kysely';
import type { HostSchema } from '../schema/host-schema.js';
import { parseDatabaseUrl } from './database-url.js';
import { openPostgres, type PostgresOptions } from './postgres-pool.js';
import { openSqlite, type SqliteOptions } from './sqlite-connection.js';
import { SqliteWriterDialect } from './sqlite-writer-dialect.js';
import { resolve } from 'node:path';

export type StorageDialect = 'sqlite' | 'postgres';

export interface HostDatabase {
  readonly db: Kysely<HostSchema>;
  /**
   * Where the group commit writes: for a SQLite file, a connection on a worker thread (the disk wait of
   * a synchronous=FULL commit must not stop the event loop); otherwise the same as `db`.
   */
  readonly writer: Kysely<HostSchema>;
  readonly dialect: StorageDialect;
  /** PostgreSQL: the schema the tables live in (`public` unless a schema was given); SQLite: undefined. */
  readonly schema: string | undefined;
  close(): Promise<void>;
}

export type OpenDatabaseOptions = SqliteOptions &
  PostgresOptions & {
    /** SQLite file: commit through a worker-thread connection (default true). */
    readonly sqliteWriterThread?: boolean;
  };

/** Default location of the host's database when neither --db nor DATABASE_URL is given. */
export const DEFAULT_DATABASE_URL = 'sqlite:./data/payterm.db';

/**
 * Opens `sqlite:PATH`, `sqlite::memory:` or `postgres://…`. It does not migrate: call
 * `migrateToLatest(database)` next.
 */
export async function openDatabase(url: string, options: OpenDatabaseOptions = {}): Promise<HostDatabase> {
  const location = parseDatabaseUrl(url);
  const dialect =
    location.dialect === 'sqlite'
      ? openSqlite(location.path, options)
      : await openPostgres(location.connectionString, options);
  const db = new Kysely<HostSchema>({ dialect, plugins: [new CamelCasePlugin()] });
  const writer =
    location.dialect === 'sqlite' && location.path !== ':memory:' && options.sqliteWriterThread !== false
      ? new Kysely<HostSchema>({
          dialect: new SqliteWriterDialect(resolve(location.path), options.busyTimeoutMs ?? 5000),
          plugins: [new CamelCasePlugin()],
        })
      : db;
  let closed = false;
  return {
    db,
    writer,
    dialect: location.dialect,
    schema: location.dialect === 'postgres' ? (options.schema ?? 'public') : undefined,
    async close() {
      if (closed) return;
      closed = true;
      if (writer !== db) await writer.destroy();
      await db.destroy();
    },
  };
}
