import { mkdir, statfs } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { TerminalError } from '../errors.js';
import {
  checkAddress,
  serialiseChanges,
  storageFailure,
  type SerialisedChange,
} from '../memory/storage-document.js';
import type { StorageChange, StorageCollection, StorageUsage, TerminalStorage } from '../ports/storage.js';
import { openBetterSqlite, type BetterSqliteDatabase, type BetterSqliteStatement } from './better-sqlite3.js';

/** The schema this code writes; a file with a higher `PRAGMA user_version` is refused, never downgraded. */
export const TERMINAL_STORAGE_SCHEMA_VERSION = 1;
export const JOURNAL_FILE_NAME = 'journal.db';
const BUSY_TIMEOUT_MS = 5000;

const CREATE_SCHEMA = `
  CREATE TABLE IF NOT EXISTS documents (
    collection TEXT NOT NULL,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (collection, key)
  ) WITHOUT ROWID;
  PRAGMA user_version = ${String(TERMINAL_STORAGE_SCHEMA_VERSION)};
`;

interface Statements {
  readonly get: BetterSqliteStatement;
  readonly list: BetterSqliteStatement;
  readonly put: BetterSqliteStatement;
  readonly remove: BetterSqliteStatement;
  readonly usage: BetterSqliteStatement;
}

/**
 * TerminalStorage in one SQLite file, `journal.db`, in the terminal's data directory. WAL with
 * synchronous=FULL: when `write` resolves the transaction is on disk, which the reversal rules need
 * (a request leaves the terminal only after its journal record is durable).
 */
export class SqliteTerminalStorage implements TerminalStorage {
  private readonly statements: Statements;
  private readonly applyChanges: (changes: readonly SerialisedChange[]) => void;

  private constructor(
    private readonly database: BetterSqliteDatabase,
    /** The database file, for diagnostics. */
    readonly path: string,
  ) {
    this.statements = {
      get: database.prepare('SELECT value FROM documents WHERE collection = ? AND key = ?').pluck(),
      list: database.prepare('SELECT value FROM documents WHERE collection = ? ORDER BY key').pluck(),
      put: database.prepare(
        'INSERT INTO documents (collection, key, value) VALUES (?, ?, ?) ' +
          'ON CONFLICT (collection, key) DO UPDATE SET value = excluded.value',
      ),
      remove: database.prepare('DELETE FROM documents WHERE collection = ? AND key = ?'),
      usage: database.prepare(
        'SELECT COUNT(*) AS documents, COALESCE(SUM(octet_length(value)), 0) AS bytes FROM documents',
      ),
    };
    this.applyChanges = database.transaction((changes: readonly SerialisedChange[]) => {
      for (const { collection, key, text } of changes) {
        if (text === null) this.statements.remove.run(collection, key);
        else this.statements.put.run(collection, key, text);
      }
    });
  }

  /** Opens `journal.db` in `directory` (created with mode 0700 if missing), creating its schema once. */
  static async open(directory: string): Promise<SqliteTerminalStorage> {
    const path = join(directory, JOURNAL_FILE_NAME);
    try {
      await mkdir(directory, { recursive: true, mode: 0o700 });
    } catch (cause) {
      throw failure('open', cause, { path: directory });
    }
    let database: BetterSqliteDatabase | undefined;
    try {
      database = openBetterSqlite(path, BUSY_TIMEOUT_MS);
      configure(database);
      migrate(database, path);
      return new SqliteTerminalStorage(database, path);
    } catch (cause) {
      database?.close();
      throw failure('open', cause, { path });
    }
  }

  get<T>(collection: StorageCollection, key: string): Promise<T | undefined> {
    return this.run('get', () => {
      checkAddress('get', collection, key);
      const text = this.statements.get.get(collection, key) as string | undefined;
      return text === undefined ? undefined : (JSON.parse(text) as T);
    });
  }

  list<T>(collection: StorageCollection): Promise<T[]> {
    return this.run('list', () => {
      checkAddress('list', collection);
      const texts = this.statements.list.all(collection) as string[];
      return texts.map((text) => JSON.parse(text) as T);
    });
  }

  write(changes: readonly StorageChange[]): Promise<void> {
    return this.run('write', () => {
      // Serialised before the transaction starts: a document JSON cannot carry changes nothing.
      const serialised = serialiseChanges(changes);
      if (serialised.length > 0) this.applyChanges(serialised);
    });
  }

  usage(): Promise<StorageUsage> {
    return this.run('usage', () => {
      const row = this.statements.usage.get() as { documents: number; bytes: number };
      return { documents: row.documents, bytes: row.bytes };
    });
  }

  /** Bytes available to this process on the file system that holds `journal.db`. */
  async freeBytes(): Promise<number | undefined> {
    try {
      const stats = await statfs(dirname(this.path));
      return stats.bavail * stats.bsize;
    } catch (cause) {
      throw failure('freeBytes', cause, { path: this.path });
    }
  }

  close(): Promise<void> {
    try {
      if (this.database.open) this.database.close();
      return Promise.resolve();
    } catch (cause) {
      return Promise.reject(failure('close', cause, { path: this.path }));
    }
  }

  /** Runs a synchronous better-sqlite3 operation as a promise; every failure is TERMINAL_STORAGE_FAILED. */
  private run<R>(operation: string, body: () => R): Promise<R> {
    try {
      if (!this.database.open) throw storageFailure(operation, 'the storage is closed', { path: this.path });
      return Promise.resolve(body());
    } catch (cause) {
      return Promise.reject(failure(operation, cause, { path: this.path }));
    }
  }
}

function configure(database: BetterSqliteDatabase): void {
  const journalMode = database.pragma('journal_mode = WAL', { simple: true });
  if (journalMode !== 'wal') {
    throw storageFailure('open', 'SQLite did not switch to WAL journal mode', {
      reason: `journal_mode=${String(journalMode)}`,
    });
  }
  database.pragma('synchronous = FULL', { simple: true });
}

function migrate(database: BetterSqliteDatabase, path: string): void {
  const version = database.pragma('user_version', { simple: true }) as number;
  if (version > TERMINAL_STORAGE_SCHEMA_VERSION) {
    throw storageFailure(
      'open',
      `${path} has schema version ${String(version)}, newer than this software understands ` +
        `(${String(TERMINAL_STORAGE_SCHEMA_VERSION)}): it was written by a newer release, run that one`,
      { schemaVersion: version, supportedVersion: TERMINAL_STORAGE_SCHEMA_VERSION },
    );
  }
  if (version < TERMINAL_STORAGE_SCHEMA_VERSION) database.transaction(() => database.exec(CREATE_SCHEMA))();
}

/** Keeps a TERMINAL_STORAGE_FAILED as it is; wraps anything else (a SqliteError, an fs error, a JSON.parse error). */
function failure(
  operation: string,
  cause: unknown,
  details: Readonly<Record<string, string>>,
): TerminalError {
  if (isStorageFailure(cause)) return cause;
  const code = (cause as { code?: unknown } | null)?.code;
  const message = cause instanceof Error ? cause.message : String(cause);
  return storageFailure(
    operation,
    `terminal storage ${operation} failed: ${message}`,
    { ...details, reason: typeof code === 'string' ? code : message },
    cause,
  );
}

function isStorageFailure(error: unknown): error is TerminalError {
  return error instanceof TerminalError && error.code === 'TERMINAL_STORAGE_FAILED';
}
