import { CamelCasePlugin, Kysely } from 'kysely';
import type { HostSchema } from '../schema/host-schema.js';
import { parseDatabaseUrl } from './database-url.js';
import { openPostgres, type PostgresOptions } from './postgres-pool.js';
import { openSqlite, type SqliteOptions } from './sqlite-connection.js';

export type StorageDialect = 'sqlite' | 'postgres';

export interface HostDatabase {
  readonly db: Kysely<HostSchema>;
  readonly dialect: StorageDialect;
  /** PostgreSQL: the schema the tables live in (`public` unless a schema was given); SQLite: undefined. */
  readonly schema: string | undefined;
  close(): Promise<void>;
}

export type OpenDatabaseOptions = SqliteOptions & PostgresOptions;

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
  let closed = false;
  return {
    db,
    dialect: location.dialect,
    schema: location.dialect === 'postgres' ? (options.schema ?? 'public') : undefined,
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
    },
  };
}
