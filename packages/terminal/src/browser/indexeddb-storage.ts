import { TerminalError, type TerminalErrorDetails } from '../errors.js';
import {
  checkAddress,
  compareKeys,
  serialiseChanges,
  storageFailure,
  utf8ByteLength,
  type SerialisedChange,
} from '../memory/storage-document.js';
import type { StorageChange, StorageCollection, StorageUsage, TerminalStorage } from '../ports/storage.js';
import { openDatabase, requestResult } from './indexeddb-open.js';

/** The schema this code writes; a database with a higher version is refused, never downgraded. */
export const INDEXEDDB_SCHEMA_VERSION = 1;
export const DOCUMENTS_STORE = 'documents';
export const COLLECTION_INDEX = 'by-collection';

/** One document as stored: its address and its JSON text, as SQLite's `documents` table holds it. */
export interface DocumentRow {
  readonly collection: StorageCollection;
  readonly key: string;
  readonly value: string;
}

export interface IndexedDbStorageOptions {
  /** The IndexedDB to use (default `globalThis.indexedDB`): tests pass fake-indexeddb's. */
  readonly indexedDB?: IDBFactory;
}

/** The database name of one terminal, so two terminals in the same origin never share a journal. */
export function terminalDatabaseName(tid: string): string {
  return `payterm-terminal-${tid}`;
}

/**
 * TerminalStorage in one IndexedDB database of the page's origin: one object store `documents` keyed
 * by [collection, key], values as JSON text. Each `write` is one readwrite transaction with strict
 * durability (where the browser supports it) and resolves on `complete`: the reversal rules need the
 * record on disk before its request leaves the terminal, and a reload loses everything after.
 */
export class IndexedDbStorage implements TerminalStorage {
  private closed = false;

  private constructor(
    private readonly database: IDBDatabase,
    /** The database name, for diagnostics. */
    readonly name: string,
  ) {
    // Another tab opening a newer schema waits for every older connection to close: step aside.
    database.onversionchange = () => {
      this.closed = true;
      database.close();
    };
    // The browser closed it (the user cleared site data, the disk went away).
    database.onclose = () => {
      this.closed = true;
    };
  }

  /** Opens (creating on first use) the database `name`; refuses one written by a newer schema. */
  static async open(name: string, options: IndexedDbStorageOptions = {}): Promise<IndexedDbStorage> {
    const factory = options.indexedDB ?? (globalThis as { indexedDB?: IDBFactory }).indexedDB;
    if (factory === undefined) {
      throw storageFailure('open', 'this environment has no IndexedDB: pass options.indexedDB', { name });
    }
    try {
      const database = await openDatabase(factory, name, INDEXEDDB_SCHEMA_VERSION, createSchema);
      return new IndexedDbStorage(database, name);
    } catch (cause) {
      throw failure('open', cause, { name });
    }
  }

  get<T>(collection: StorageCollection, key: string): Promise<T | undefined> {
    return this.run('get', async () => {
      checkAddress('get', collection, key);
      const row = await requestResult<DocumentRow | undefined>(this.store('readonly').get([collection, key]));
      return row === undefined ? undefined : (JSON.parse(row.value) as T);
    });
  }

  list<T>(collection: StorageCollection): Promise<T[]> {
    return this.run('list', async () => {
      checkAddress('list', collection);
      const index = this.store('readonly').index(COLLECTION_INDEX);
      const rows = await requestResult<DocumentRow[]>(index.getAll(collection));
      // IndexedDB orders strings by UTF-16 unit; the port promises code point order, as SQLite gives.
      rows.sort((a, b) => compareKeys(a.key, b.key));
      return rows.map((row) => JSON.parse(row.value) as T);
    });
  }

  write(changes: readonly StorageChange[]): Promise<void> {
    return this.run('write', async () => {
      // Serialised before the transaction starts: a document JSON cannot carry changes nothing.
      const serialised = serialiseChanges(changes);
      if (serialised.length > 0) await this.applyChanges(serialised);
    });
  }

  usage(): Promise<StorageUsage> {
    return this.run('usage', async () => {
      const rows = await requestResult<DocumentRow[]>(this.store('readonly').getAll());
      let bytes = 0;
      for (const row of rows) bytes += utf8ByteLength(row.value);
      return { documents: rows.length, bytes };
    });
  }

  /** The origin's quota left (StorageManager.estimate), when the browser tells. */
  freeBytes(): Promise<number | undefined> {
    return this.run('freeBytes', async () => {
      const manager = (globalThis as { navigator?: { storage?: Partial<StorageManager> } }).navigator
        ?.storage;
      if (manager?.estimate === undefined) return undefined;
      const { quota, usage } = await manager.estimate();
      return quota === undefined || usage === undefined ? undefined : Math.max(0, quota - usage);
    });
  }

  /** Closes the connection once the transactions already started have finished. */
  close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      this.database.close();
    }
    return Promise.resolve();
  }

  /** One readwrite transaction: resolves on `complete`, rejects on `error` or `abort` with nothing applied. */
  private applyChanges(changes: readonly SerialisedChange[]): Promise<void> {
    return new Promise((resolve, reject) => {
      const transaction = this.database.transaction(DOCUMENTS_STORE, 'readwrite', { durability: 'strict' });
      transaction.oncomplete = () => resolve();
      transaction.onabort = () => reject(transaction.error ?? new Error('the transaction was aborted'));
      const store = transaction.objectStore(DOCUMENTS_STORE);
      try {
        for (const { collection, key, text } of changes) {
          if (text === null) store.delete([collection, key]);
          else store.put({ collection, key, value: text } satisfies DocumentRow);
        }
      } catch (cause) {
        // A request the store refused outright: abort what was queued before it.
        reject(cause);
        try {
          transaction.abort();
        } catch {
          // Already finished: the transaction had nothing left to abort.
        }
      }
    });
  }

  private store(mode: IDBTransactionMode): IDBObjectStore {
    return this.database.transaction(DOCUMENTS_STORE, mode).objectStore(DOCUMENTS_STORE);
  }

  /** Runs an operation; every failure rejects as TERMINAL_STORAGE_FAILED naming the operation. */
  private async run<R>(operation: string, body: () => Promise<R>): Promise<R> {
    try {
      if (this.closed) throw storageFailure(operation, 'the storage is closed', { name: this.name });
      return await body();
    } catch (cause) {
      throw failure(operation, cause, { name: this.name });
    }
  }
}

/** Version 1: the documents store and the index `list` reads a collection through. */
function createSchema(database: IDBDatabase, oldVersion: number): void {
  if (oldVersion < 1) {
    const store = database.createObjectStore(DOCUMENTS_STORE, { keyPath: ['collection', 'key'] });
    store.createIndex(COLLECTION_INDEX, 'collection');
  }
}

/** Keeps a TERMINAL_STORAGE_FAILED as it is; wraps anything else (a DOMException, a JSON.parse error). */
function failure(operation: string, cause: unknown, details: TerminalErrorDetails): TerminalError {
  if (cause instanceof TerminalError && cause.code === 'TERMINAL_STORAGE_FAILED') return cause;
  const name = (cause as { name?: unknown } | null)?.name;
  const message = cause instanceof Error ? cause.message : String(cause);
  return storageFailure(
    operation,
    `terminal storage ${operation} failed: ${message}`,
    { ...details, reason: typeof name === 'string' && name !== 'Error' ? name : message },
    cause,
  );
}
