import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import {
  SqliteAdapter,
  SqliteDialect,
  type DialectAdapter,
  type SqliteDatabase,
  type SqliteStatement,
} from 'kysely';
import { hostError } from '../../errors.js';

/** The part of better-sqlite3 this module uses (the package ships no types of its own). */
interface BetterSqliteDatabase extends SqliteDatabase {
  pragma(source: string, options: { simple: true }): unknown;
}
type BetterSqliteConstructor = new (filename: string, options?: { timeout?: number }) => BetterSqliteDatabase;

const require = createRequire(import.meta.url);
/** Distinct SQL texts kept prepared; a group commit of the same size repeats the same text. */
const STATEMENT_CACHE_SIZE = 256;

export interface SqliteOptions {
  /** How long a writer waits for another process's lock before SQLITE_BUSY. Default 5000. */
  readonly busyTimeoutMs?: number;
}

/**
 * Opens better-sqlite3 with the pragmas durability depends on: WAL (readers do not block the writer),
 * synchronous=FULL (a commit is on disk before it returns), foreign keys on.
 */
export function openSqlite(path: string | ':memory:', options: SqliteOptions): SqliteDialect {
  const busyTimeoutMs = options.busyTimeoutMs ?? 5000;
  let database: BetterSqliteDatabase;
  try {
    if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
    const Database = require('better-sqlite3') as BetterSqliteConstructor;
    database = new Database(path, { timeout: busyTimeoutMs });
  } catch (cause) {
    throw hostError(
      'STORAGE_OPEN_FAILED',
      'Cannot open the SQLite database',
      { dialect: 'sqlite', reason: describe(cause) },
      { cause },
    );
  }
  const journalMode = database.pragma('journal_mode = WAL', { simple: true });
  database.pragma('synchronous = FULL', { simple: true });
  database.pragma('foreign_keys = ON', { simple: true });
  database.pragma(`busy_timeout = ${String(Math.trunc(busyTimeoutMs))}`, { simple: true });
  if (path !== ':memory:' && journalMode !== 'wal') {
    database.close();
    throw hostError('STORAGE_OPEN_FAILED', 'SQLite did not switch to WAL journal mode', {
      dialect: 'sqlite',
      reason: `journal_mode=${String(journalMode)}`,
    });
  }
  return new HostSqliteDialect({ database: withStatementCache(database, STATEMENT_CACHE_SIZE) });
}

/**
 * SQLite runs DDL inside transactions, but Kysely's adapter says it does not, so its Migrator would
 * leave a half-applied migration behind. Saying so makes a failed migration roll back as on PostgreSQL.
 */
export class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class HostSqliteDialect extends SqliteDialect {
  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

function describe(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}

/**
 * Kysely prepares every query anew; preparing a 100-row INSERT costs more than running it, and the
 * same texts come back on every commit. Statements are reused (least recently used evicted first);
 * Kysely runs one query at a time on the connection, so a statement is never used twice at once.
 */
function withStatementCache(database: SqliteDatabase, capacity: number): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => {
      cache.clear();
      database.close();
    },
    prepare: (sql: string) => {
      let statement = cache.get(sql);
      if (statement !== undefined) {
        cache.delete(sql);
      } else {
        statement = database.prepare(sql);
        if (cache.size >= capacity) {
          const oldest = cache.keys().next();
          if (oldest.done !== true) cache.delete(oldest.value);
        }
      }
      cache.set(sql, statement);
      return statement;
    },
  };
}
