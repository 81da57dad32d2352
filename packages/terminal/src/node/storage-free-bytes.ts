import type { TerminalStorage } from '../ports/storage.js';

/**
 * The storage with a fixed free-space report: a device whose disk is nearly full, without filling a disk
 * (the upgrade's "twice the package free" precondition, docs/TMS.md §3.2).
 */
export function withFreeBytes(storage: TerminalStorage, freeBytes: number): TerminalStorage {
  return {
    get: (collection, key) => storage.get(collection, key),
    list: (collection) => storage.list(collection),
    write: (changes) => storage.write(changes),
    usage: () => storage.usage(),
    freeBytes: () => Promise.resolve(freeBytes),
    close: () => storage.close(),
  };
}
