import type { StorageChange, StorageCollection, StorageUsage, TerminalStorage } from '../ports/storage.js';
import {
  checkAddress,
  compareKeys,
  serialiseChanges,
  storageFailure,
  utf8ByteLength,
  type SerialisedChange,
} from './storage-document.js';

interface StoredDocument {
  /** The document as JSON gives it back: what SQLite or IndexedDB would return, never the caller's object. */
  readonly value: unknown;
  readonly bytes: number;
}

export interface MemoryStorageOptions {
  /**
   * A disk of this many bytes of JSON text: `freeBytes()` reports what is left and a write that would
   * pass it fails like a full disk (TERMINAL_STORAGE_FAILED, reason `disk-full`). Default: unbounded,
   * free space unknown.
   */
  readonly capacityBytes?: number;
}

/**
 * TerminalStorage in memory, for tests and demos. Documents go through JSON on write (so they behave
 * as in the durable stores: a Date comes back as a string, `undefined` fields disappear, a BigInt is
 * refused) and are cloned on read, so no caller can alias a stored document.
 */
export class MemoryStorage implements TerminalStorage {
  private readonly collections = new Map<StorageCollection, Map<string, StoredDocument>>();
  private closed = false;
  private readonly capacityBytes: number | undefined;

  constructor(options: MemoryStorageOptions = {}) {
    this.capacityBytes = options.capacityBytes;
  }

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
      const serialised = serialiseChanges(changes);
      this.checkCapacity(serialised);
      for (const { collection, key, text } of serialised) {
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
    return this.run('usage', () => this.measure());
  }

  freeBytes(): Promise<number | undefined> {
    return this.run('freeBytes', () =>
      this.capacityBytes === undefined ? undefined : Math.max(0, this.capacityBytes - this.measure().bytes),
    );
  }

  private measure(): StorageUsage {
    let documents = 0;
    let bytes = 0;
    for (const collection of this.collections.values()) {
      documents += collection.size;
      for (const stored of collection.values()) bytes += stored.bytes;
    }
    return { documents, bytes };
  }

  /** Refuses the whole write when the documents after it would not fit the configured capacity. */
  private checkCapacity(changes: readonly SerialisedChange[]): void {
    if (this.capacityBytes === undefined) return;
    let bytes = this.measure().bytes;
    for (const { collection, key, text } of changes) {
      bytes -= this.collections.get(collection)?.get(key)?.bytes ?? 0;
      if (text !== null) bytes += utf8ByteLength(text);
    }
    if (bytes > this.capacityBytes) {
      throw storageFailure('write', 'the disk is full', {
        reason: 'disk-full',
        capacityBytes: this.capacityBytes,
      });
    }
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
