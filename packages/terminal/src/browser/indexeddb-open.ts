import { storageFailure } from '../memory/storage-document.js';

/** The result of one IndexedDB request as a promise. */
export function requestResult<T>(request: IDBRequest): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result as T);
    request.onerror = () => reject(request.error ?? new Error('the IndexedDB request failed'));
  });
}

/**
 * Opens `name` at `version`, running `upgrade` when the database is older (or new). A database of a
 * higher version, written by a newer release, is refused with its version named, and left as it is.
 */
export function openDatabase(
  factory: IDBFactory,
  name: string,
  version: number,
  upgrade: (database: IDBDatabase, oldVersion: number) => void,
): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = factory.open(name, version);
    let blocked = false;
    request.onupgradeneeded = (event) => upgrade(request.result, event.oldVersion);
    // An older connection in another tab that does not close would keep this open waiting forever.
    request.onblocked = () => {
      blocked = true;
      reject(
        storageFailure('open', `another tab holds ${name} open at an older version: close it and reload`, {
          name,
          reason: 'blocked',
        }),
      );
    };
    request.onsuccess = () => {
      if (blocked) request.result.close();
      else resolve(request.result);
    };
    request.onerror = () => {
      const error = request.error;
      if (error?.name !== 'VersionError') {
        reject(error ?? new Error('the database could not be opened'));
        return;
      }
      void currentVersion(factory, name).then((found) => reject(newerSchema(name, version, found)));
    };
  });
}

/** The version of an existing database (opening without a version never upgrades it). */
function currentVersion(factory: IDBFactory, name: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    const request = factory.open(name);
    request.onsuccess = () => {
      const found = request.result.version;
      request.result.close();
      resolve(found);
    };
    request.onerror = () => resolve(undefined);
  });
}

function newerSchema(name: string, supported: number, found: number | undefined): Error {
  const version = found === undefined ? 'a newer schema version' : `schema version ${String(found)}`;
  return storageFailure(
    'open',
    `the IndexedDB database ${name} has ${version}, newer than this software understands ` +
      `(${String(supported)}): it was written by a newer release, run that one`,
    { name, schemaVersion: found ?? null, supportedVersion: supported, reason: 'VersionError' },
  );
}
