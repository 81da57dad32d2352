import type {
  StorageChange,
  StorageCollection,
  StorageUsage,
  TerminalStorage,
} from '../../src/ports/storage.js';

function never<T>(): Promise<T> {
  return new Promise<T>(() => undefined);
}

/**
 * One process's view of a shared TerminalStorage. After `crash()` nothing it is asked ever completes,
 * as for a process killed at that instant: what it wrote before stays, what it would write next never
 * lands. A second view over the same storage is the process started again.
 */
export class CrashableStorage implements TerminalStorage {
  #crashed = false;

  constructor(
    private readonly inner: TerminalStorage,
    /** Forward `freeBytes` (false: a device that cannot tell its free space). */
    private readonly reportsFreeBytes = true,
  ) {}

  get crashed(): boolean {
    return this.#crashed;
  }

  crash(): void {
    this.#crashed = true;
  }

  get<T>(collection: StorageCollection, key: string): Promise<T | undefined> {
    return this.#crashed ? never() : this.inner.get<T>(collection, key);
  }

  list<T>(collection: StorageCollection): Promise<T[]> {
    return this.#crashed ? never() : this.inner.list<T>(collection);
  }

  write(changes: readonly StorageChange[]): Promise<void> {
    return this.#crashed ? never() : this.inner.write(changes);
  }

  usage(): Promise<StorageUsage> {
    return this.#crashed ? never() : this.inner.usage();
  }

  freeBytes(): Promise<number | undefined> {
    if (this.#crashed) return never();
    return this.reportsFreeBytes && this.inner.freeBytes !== undefined
      ? this.inner.freeBytes()
      : Promise.resolve(undefined);
  }

  /** The shared storage outlives a view: closing a view closes nothing. */
  close(): Promise<void> {
    return Promise.resolve();
  }
}
