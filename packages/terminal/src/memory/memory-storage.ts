import type { StorageChange, StorageCollection, StorageUsage, TerminalStorage } from '../ports/storage.js';
import {
  checkAddress,
  compareKeys,
  serialiseChanges,
  storageFailure,
  utf8ByteLength,
} from './storage-document.js';

interface StoredDocument {
  /** The document as JSON gives it back: what SQLite or IndexedDB would return, never the caller's object. */
  readonly value: unknown;
  readonly bytes: number;
}

/**
 * TerminalStorage in memory, for tests and demos. Documents go through JSON on write (so they behave
 * as in the durable stores: a Date comes back as a string, `undefined` fields disappear, a BigInt is
 * refused) and are cloned on read, so no caller can alias a stored document.
 */
export class MemoryStorage implements TerminalStorage {
  private readonly collections = new Map<StorageCollection, Map<string, StoredDocument>>();
  private closed = false;

  get<T>(collection: StorageCollection, key: string): Promise<T | undefined> {
    return this.run('get', () => {
      checkAddress('get', collection, key);
      const stored = this.collections.get(collection)?.get(key);
      return stored === undefined ? undefined : (structuredClone(stored.value) as T);
    });
  }

  list<T>(collection: StorageCollection): Promise<T[]> {
    return this.run('list', () => {
      checkAddress('list', collection);
      const documents = this.collections.get(collection);
      if (documents === undefined) return [];
      const keys = [...documents.keys()].sort(compareKeys);
      return keys.map((key) => structuredClone((documents.get(key) as StoredDocument).value) as T);
    });
  }

  write(changes: readonly StorageChange[]): Promise<void> {
    return this.run('write', () => {
      // Every change is serialised before the first one is applied: all or none.
      for (const { collection, key, text } of serialiseChanges(changes)) {
        let documents = this.collections.get(collection);
        if (text === null) {
          documents?.delete(key);
          continue;
        }
        if (documents === undefined) {
          documents = new Map();
          this.collections.set(collection, documents);
        }
        documents.set(key, { value: JSON.parse(text) as unknown, bytes: utf8ByteLength(text) });
      }
    });
  }

  usage(): Promise<StorageUsage> {
    return this.run('usage', () => {
      let documents = 0;
      let bytes = 0;
      for (const collection of this.collections.values()) {
        documents += collection.size;
        for (const stored of collection.values()) bytes += stored.bytes;
      }
      return { documents, bytes };
    });
  }

  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }

  /** Runs an operation as a promise: its failures reject rather than throw. */
  private run<R>(operation: string, body: () => R): Promise<R> {
    try {
      if (this.closed) throw storageFailure(operation, 'the storage is closed');
      return Promise.resolve(body());
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }
}
