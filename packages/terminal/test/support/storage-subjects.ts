import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { IDBFactory } from 'fake-indexeddb';
import { IndexedDbStorage } from '../../src/browser/index.js';
import { MemoryStorage } from '../../src/memory/index.js';
import { SqliteTerminalStorage } from '../../src/node/index.js';
import type { TerminalStorage } from '../../src/ports/storage.js';

/** One storage implementation under test: how to open a fresh one, reopen it after a restart, clean up. */
export interface StorageSubject {
  readonly name: string;
  open(): Promise<TerminalStorage>;
  /** The same stored data opened again, as after a power cut (the old handle is abandoned, not closed). */
  reopen(storage: TerminalStorage): Promise<TerminalStorage>;
  cleanUp(): Promise<void>;
}

function sqliteSubject(): StorageSubject {
  const directories: string[] = [];
  return {
    name: 'SqliteTerminalStorage',
    async open() {
      const directory = await mkdtemp(join(tmpdir(), 'payterm-storage-'));
      directories.push(directory);
      return SqliteTerminalStorage.open(directory);
    },
    reopen(storage) {
      return SqliteTerminalStorage.open(dirname((storage as SqliteTerminalStorage).path));
    },
    async cleanUp() {
      for (const directory of directories.splice(0)) await rm(directory, { recursive: true, force: true });
    },
  };
}

function indexedDbSubject(): StorageSubject {
  const factories = new WeakMap<TerminalStorage, IDBFactory>();
  const NAME = 'payterm-terminal-contract';
  return {
    name: 'IndexedDbStorage',
    // A fresh in-memory IndexedDB per store: nothing is shared between tests.
    async open() {
      const factory = new IDBFactory();
      const storage = await IndexedDbStorage.open(NAME, { indexedDB: factory });
      factories.set(storage, factory);
      return storage;
    },
    async reopen(storage) {
      const factory = factories.get(storage) as IDBFactory;
      await storage.close();
      const again = await IndexedDbStorage.open(NAME, { indexedDB: factory });
      factories.set(again, factory);
      return again;
    },
    cleanUp: () => Promise.resolve(),
  };
}

/** MemoryStorage, SQLite in a temporary directory, IndexedDB in fake-indexeddb. */
export function storageSubjects(): StorageSubject[] {
  return [
    {
      name: 'MemoryStorage',
      open: () => Promise.resolve(new MemoryStorage()),
      reopen: (storage) => Promise.resolve(storage),
      cleanUp: () => Promise.resolve(),
    },
    sqliteSubject(),
    indexedDbSubject(),
  ];
}
