/**
 * The terminal's durable memory: a few collections of JSON documents by key. SQLite in Node,
 * IndexedDB in the browser, a map in tests. `write` is atomic and durable when it resolves: the
 * reversal rules depend on a record being on disk before its request leaves the terminal.
 */
export type StorageCollection =
  | 'state'
  | 'journal'
  | 'operators'
  | 'audit'
  | 'slips'
  | 'secure-element'
  /** The slot store of software upgrades (docs/TMS.md §3) and each slot's package bytes. */
  | 'software'
  | 'software-a'
  | 'software-b';

export interface StorageChange {
  readonly collection: StorageCollection;
  readonly key: string;
  /** The new document; `null` deletes the key. */
  readonly value: unknown;
}

export interface StorageUsage {
  /** Documents held, over all collections. */
  readonly documents: number;
  /** Bytes of their JSON text. */
  readonly bytes: number;
}

export interface TerminalStorage {
  get<T>(collection: StorageCollection, key: string): Promise<T | undefined>;
  /** Every document of a collection, ordered by key. */
  list<T>(collection: StorageCollection): Promise<T[]>;
  /** Applies all changes or none. */
  write(changes: readonly StorageChange[]): Promise<void>;
  usage(): Promise<StorageUsage>;
  /**
   * Bytes still free for the terminal's data, when the device can tell (the upgrade needs twice the
   * package size free); undefined or absent: unknown.
   */
  freeBytes?(): Promise<number | undefined>;
  close(): Promise<void>;
}
