import type { RandomSource } from '@payterm/kernel';
import { terminalError, type TerminalError } from '@payterm/terminal';

/** 32 bytes: the AES-256 key the software security module seals the terminal's keys under. */
export const DEVICE_KEY_BYTES = 32;
const STORE = 'device-key';
const RECORD = 'key';

/** The device key lives apart from the journal: one small database per terminal. */
export function deviceKeyDatabaseName(tid: string): string {
  return `payterm-device-key-${tid}`;
}

function keyFailure(message: string, cause: DOMException | null): TerminalError {
  const reason = cause?.message;
  return terminalError('TERMINAL_STORAGE_FAILED', reason === undefined ? message : `${message}: ${reason}`, {
    operation: 'load-device-key',
    ...(cause === null ? {} : { reason: cause.name }),
  });
}

function request<T>(operation: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    operation.onsuccess = () => resolve(operation.result);
    operation.onerror = () =>
      reject(keyFailure('the device key database could not be opened', operation.error));
  });
}

function openKeyDatabase(factory: IDBFactory, name: string): Promise<IDBDatabase> {
  const opening = factory.open(name, 1);
  opening.onupgradeneeded = () => {
    if (!opening.result.objectStoreNames.contains(STORE)) opening.result.createObjectStore(STORE);
  };
  return request(opening);
}

function isDeviceKey(value: unknown): value is Uint8Array {
  return value instanceof Uint8Array && value.length === DEVICE_KEY_BYTES;
}

/**
 * Reads the key, or creates it in the same readwrite transaction: two tabs starting the same terminal
 * at once are serialised by IndexedDB and both end with the one key. A record that is not a key is an
 * error, never replaced: every key sealed under the old one would become unreadable.
 */
function readOrCreate(database: IDBDatabase, random: RandomSource): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const transaction = database.transaction(STORE, 'readwrite');
    const store = transaction.objectStore(STORE);
    let key: Uint8Array | undefined;
    let failure: Error | undefined;
    const read = store.get(RECORD);
    read.onsuccess = () => {
      const found: unknown = read.result;
      if (found === undefined) {
        const created = new Uint8Array(DEVICE_KEY_BYTES);
        random.fillBytes(created);
        store.add(created, RECORD);
        key = created;
      } else if (isDeviceKey(found)) {
        key = found;
      } else {
        failure = keyFailure(`${database.name} holds no device key: it is left as it is`, null);
        transaction.abort();
      }
    };
    transaction.oncomplete = () => {
      if (key === undefined) reject(keyFailure('the device key was not read', null));
      else resolve(key);
    };
    const failed = () => reject(failure ?? keyFailure('the device key was not stored', transaction.error));
    transaction.onabort = failed;
    transaction.onerror = failed;
  });
}

export interface DeviceKeyOptions {
  readonly random: RandomSource;
  /** Default `globalThis.indexedDB`; tests pass fake-indexeddb's. */
  readonly indexedDB?: IDBFactory;
}

/** The terminal's device key: 32 random bytes made on its first start in this browser, then read back. */
export async function loadOrCreateDeviceKey(tid: string, options: DeviceKeyOptions): Promise<Uint8Array> {
  const factory = options.indexedDB ?? (globalThis as { indexedDB?: IDBFactory }).indexedDB;
  if (factory === undefined) throw keyFailure('this browser has no IndexedDB', null);
  const database = await openKeyDatabase(factory, deviceKeyDatabaseName(tid));
  try {
    return Uint8Array.from(await readOrCreate(database, options.random));
  } finally {
    database.close();
  }
}
