import {
  IDBDatabase as FakeIDBDatabase,
  IDBFactory,
  IDBObjectStore as FakeIDBObjectStore,
} from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IndexedDbStorage, INDEXEDDB_SCHEMA_VERSION, terminalDatabaseName } from '../src/browser/index.js';
import { TerminalError } from '../src/errors.js';

const NAME = terminalDatabaseName('10000001');

afterEach(() => {
  vi.restoreAllMocks();
});

/** Opens `name` directly, as another tab or a newer release would; `upgrade` runs on a version change. */
function openRaw(
  factory: IDBFactory,
  name: string,
  version?: number,
  upgrade: (database: IDBDatabase) => void = () => undefined,
): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = factory.open(name, version);
    request.onupgradeneeded = () => upgrade(request.result);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('open failed'));
  });
}

function readAll(database: IDBDatabase, store: string): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const request = database.transaction(store, 'readonly').objectStore(store).getAll();
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('read failed'));
  });
}

async function failureOf(promise: Promise<unknown>, operation: string): Promise<TerminalError> {
  const error: unknown = await promise.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(TerminalError);
  const terminal = error as TerminalError;
  expect(terminal.code).toBe('TERMINAL_STORAGE_FAILED');
  expect(terminal.details.operation).toBe(operation);
  return terminal;
}

describe('IndexedDbStorage', () => {
  it('keeps its documents when closed and opened again (a page reload)', async () => {
    const indexedDB = new IDBFactory();
    const first = await IndexedDbStorage.open(NAME, { indexedDB });
    await first.write([
      { collection: 'journal', key: '000001', value: { voucher: '000001', amountMinor: 500, currency: 156 } },
      { collection: 'state', key: 'batch', value: { number: 7 } },
    ]);
    const usage = await first.usage();
    await first.close();

    const second = await IndexedDbStorage.open(NAME, { indexedDB });
    try {
      expect(second.name).toBe('payterm-terminal-10000001');
      expect(await second.get('journal', '000001')).toEqual({
        voucher: '000001',
        amountMinor: 500,
        currency: 156,
      });
      expect(await second.list('state')).toEqual([{ number: 7 }]);
      expect(await second.usage()).toEqual(usage);
    } finally {
      await second.close();
    }
  });

  it('keeps one database per name: two terminals in one origin share nothing', async () => {
    const indexedDB = new IDBFactory();
    const one = await IndexedDbStorage.open(terminalDatabaseName('10000001'), { indexedDB });
    const two = await IndexedDbStorage.open(terminalDatabaseName('10000002'), { indexedDB });
    try {
      await one.write([{ collection: 'state', key: 'profile', value: { tid: '10000001' } }]);
      expect(await two.get('state', 'profile')).toBeUndefined();
      expect(await two.usage()).toEqual({ documents: 0, bytes: 0 });
    } finally {
      await one.close();
      await two.close();
    }
  });

  it('leaves nothing changed, even after a reopen, when a write holds a document JSON cannot carry', async () => {
    const indexedDB = new IDBFactory();
    const storage = await IndexedDbStorage.open(NAME, { indexedDB });
    await storage.write([{ collection: 'journal', key: 'kept', value: { version: 1 } }]);
    const failure = await failureOf(
      storage.write([
        { collection: 'journal', key: 'kept', value: { version: 2 } },
        { collection: 'journal', key: 'bad', value: { amountMinor: 10n } },
      ]),
      'write',
    );
    expect(failure.details).toMatchObject({ collection: 'journal', key: 'bad' });
    await storage.close();

    const reopened = await IndexedDbStorage.open(NAME, { indexedDB });
    try {
      expect(await reopened.list('journal')).toEqual([{ version: 1 }]);
      expect(await reopened.get('journal', 'bad')).toBeUndefined();
    } finally {
      await reopened.close();
    }
  });

  it('aborts the whole transaction when IndexedDB refuses a later change of the write', async () => {
    const indexedDB = new IDBFactory();
    const storage = await IndexedDbStorage.open(NAME, { indexedDB });
    try {
      await storage.write([{ collection: 'journal', key: 'kept', value: { version: 1 } }]);
      // IndexedDB itself refuses the third change, after the first two were queued in the transaction.
      const put = FakeIDBObjectStore.prototype.put;
      vi.spyOn(FakeIDBObjectStore.prototype, 'put').mockImplementation(function (
        this: IDBObjectStore,
        value: unknown,
        key?: IDBValidKey,
      ) {
        if ((value as { key?: string }).key === 'boom')
          throw new DOMException('disk full', 'QuotaExceededError');
        return put.call(this, value, key);
      });
      const failure = await failureOf(
        storage.write([
          { collection: 'journal', key: 'kept', value: { version: 2 } },
          { collection: 'journal', key: 'new', value: 1 },
          { collection: 'journal', key: 'boom', value: 1 },
        ]),
        'write',
      );
      expect(failure.details).toMatchObject({ name: NAME, reason: 'QuotaExceededError' });
      vi.restoreAllMocks();
      expect(await storage.list('journal')).toEqual([{ version: 1 }]);
      expect(await storage.usage()).toEqual({ documents: 1, bytes: '{"version":1}'.length });
    } finally {
      await storage.close();
    }
  });

  it('writes in one readwrite transaction with strict durability', async () => {
    const storage = await IndexedDbStorage.open(NAME, { indexedDB: new IDBFactory() });
    try {
      const transaction = vi.spyOn(FakeIDBDatabase.prototype, 'transaction');
      await storage.write([
        { collection: 'journal', key: '1', value: 1 },
        { collection: 'audit', key: '1', value: 2 },
      ]);
      expect(transaction).toHaveBeenCalledTimes(1);
      const opened = transaction.mock.results[0]?.value as IDBTransaction;
      expect(opened.mode).toBe('readwrite');
      expect(opened.durability).toBe('strict');
    } finally {
      await storage.close();
    }
  });

  it('creates the documented schema: documents keyed by [collection, key], JSON text values', async () => {
    const indexedDB = new IDBFactory();
    const storage = await IndexedDbStorage.open(NAME, { indexedDB });
    await storage.write([{ collection: 'audit', key: 'a', value: { at: '2026-11-26' } }]);
    await storage.close();

    const raw = await openRaw(indexedDB, NAME);
    try {
      expect(raw.version).toBe(INDEXEDDB_SCHEMA_VERSION);
      expect([...raw.objectStoreNames]).toEqual(['documents']);
      const store = raw.transaction('documents', 'readonly').objectStore('documents');
      expect(store.keyPath).toEqual(['collection', 'key']);
      expect([...store.indexNames]).toEqual(['by-collection']);
      expect(store.index('by-collection').keyPath).toBe('collection');
      expect(await readAll(raw, 'documents')).toEqual([
        { collection: 'audit', key: 'a', value: '{"at":"2026-11-26"}' },
      ]);
    } finally {
      raw.close();
    }
  });

  it('refuses a database whose schema is newer than the code, and leaves it as it was', async () => {
    const indexedDB = new IDBFactory();
    const newer = await openRaw(indexedDB, NAME, INDEXEDDB_SCHEMA_VERSION + 1, (database) =>
      database.createObjectStore('documents-v2'),
    );
    newer.close();

    const failure = await failureOf(IndexedDbStorage.open(NAME, { indexedDB }), 'open');
    expect(failure.message).toMatch(/has schema version 2, newer than this software understands \(1\)/);
    expect(failure.details).toMatchObject({
      name: NAME,
      schemaVersion: INDEXEDDB_SCHEMA_VERSION + 1,
      supportedVersion: INDEXEDDB_SCHEMA_VERSION,
    });
    const after = await openRaw(indexedDB, NAME);
    try {
      expect(after.version).toBe(INDEXEDDB_SCHEMA_VERSION + 1);
      expect([...after.objectStoreNames]).toEqual(['documents-v2']);
    } finally {
      after.close();
    }
  });

  it('steps aside when another tab opens a newer schema: that tab is not blocked, this one is closed', async () => {
    const indexedDB = new IDBFactory();
    const storage = await IndexedDbStorage.open(NAME, { indexedDB });
    await storage.write([{ collection: 'state', key: 'k', value: 1 }]);
    const newer = await openRaw(indexedDB, NAME, INDEXEDDB_SCHEMA_VERSION + 1);
    try {
      expect(newer.version).toBe(INDEXEDDB_SCHEMA_VERSION + 1);
      await failureOf(storage.get('state', 'k'), 'get');
      await failureOf(storage.write([{ collection: 'state', key: 'k', value: 2 }]), 'write');
    } finally {
      newer.close();
      await storage.close();
    }
  });

  it('fails to open where there is no IndexedDB', async () => {
    const failure = await failureOf(IndexedDbStorage.open(NAME), 'open');
    expect(failure.message).toMatch(/no IndexedDB/);
  });
});
