import { SeededRandom } from '@payterm/kernel';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import {
  deviceKeyDatabaseName,
  DEVICE_KEY_BYTES,
  loadOrCreateDeviceKey,
} from '../src/terminal/device-key-store.js';

/** Puts `value` where the device key lives, as a broken or foreign writer would have left it. */
async function plant(indexedDB: IDBFactory, tid: string, value: unknown): Promise<void> {
  await loadOrCreateDeviceKey(tid, { random: new SeededRandom(1), indexedDB });
  await new Promise<void>((resolve, reject) => {
    const open = indexedDB.open(deviceKeyDatabaseName(tid), 1);
    open.onerror = () => reject(open.error ?? new Error('open failed'));
    open.onsuccess = () => {
      const transaction = open.result.transaction('device-key', 'readwrite');
      transaction.objectStore('device-key').put(value, 'key');
      transaction.oncomplete = () => {
        open.result.close();
        resolve();
      };
    };
  });
}

describe('the device key in IndexedDB', () => {
  it('is 32 random bytes made on the first start and read back on every later one', async () => {
    const indexedDB = new IDBFactory();
    const first = await loadOrCreateDeviceKey('10000001', { random: new SeededRandom(5), indexedDB });
    expect(first).toHaveLength(DEVICE_KEY_BYTES);
    expect(first.some((byte) => byte !== 0)).toBe(true);
    const again = await loadOrCreateDeviceKey('10000001', { random: new SeededRandom(6), indexedDB });
    expect(again).toEqual(first);
  });

  it('is one key per terminal', async () => {
    const indexedDB = new IDBFactory();
    const random = new SeededRandom(7);
    const one = await loadOrCreateDeviceKey('10000001', { random, indexedDB });
    const two = await loadOrCreateDeviceKey('10000002', { random, indexedDB });
    expect(two).not.toEqual(one);
  });

  it('is the same key for two starts racing each other (two tabs)', async () => {
    const indexedDB = new IDBFactory();
    const [a, b] = await Promise.all([
      loadOrCreateDeviceKey('10000001', { random: new SeededRandom(8), indexedDB }),
      loadOrCreateDeviceKey('10000001', { random: new SeededRandom(9), indexedDB }),
    ]);
    expect(b).toEqual(a);
  });

  it('refuses a record that is not a key and leaves it, rather than sealing keys under a new one', async () => {
    const indexedDB = new IDBFactory();
    await plant(indexedDB, '10000001', 'not a key');
    await expect(
      loadOrCreateDeviceKey('10000001', { random: new SeededRandom(2), indexedDB }),
    ).rejects.toMatchObject({
      code: 'TERMINAL_STORAGE_FAILED',
      message: expect.stringContaining('holds no device key'),
    });
    await expect(
      loadOrCreateDeviceKey('10000001', { random: new SeededRandom(3), indexedDB }),
    ).rejects.toMatchObject({
      code: 'TERMINAL_STORAGE_FAILED',
    });
  });
});
