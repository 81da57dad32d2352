import { afterEach, describe, expect, it, vi } from 'vitest';
import { MemoryStorage } from '../src/memory/index.js';
import type { TerminalStorage } from '../src/ports/storage.js';
import { SlotStore } from '../src/upgrade/slot-store.js';
import type { PartialDownload } from '../src/upgrade/slot-types.js';
import { storageSubjects, type StorageSubject } from './support/storage-subjects.js';

const AT = '2026-01-02T03:04:05.000Z';

const DOWNLOAD: PartialDownload = {
  slot: 'A',
  version: '1.2.0',
  rolloutId: 'r-1',
  sha256: 'ab'.repeat(32),
  payloadBytes: 900,
  prefixBytes: 300,
  bytesReceived: 0,
  startedAt: AT,
};

function bytes(length: number, seed: number): Uint8Array {
  return Uint8Array.from({ length }, (_, index) => (index * 7 + seed) & 0xff);
}

describe.each(storageSubjects())('the slot store on $name', (subject) => {
  const opened: TerminalStorage[] = [];
  async function open(): Promise<TerminalStorage> {
    const storage = await subject.open();
    opened.push(storage);
    return storage;
  }
  afterEach(async () => {
    for (const storage of opened.splice(0)) await storage.close();
    await subject.cleanUp();
  });

  it('starts on the factory application with both slots empty', async () => {
    const store = await SlotStore.open(await open(), AT);
    expect(store.state).toMatchObject({
      active: 'factory',
      slots: { A: { state: 'empty' }, B: { state: 'empty' } },
      installed: [],
      refused: [],
      reports: [],
    });
    expect(store.state.download).toBeUndefined();
  });

  it('keeps every chunk with the download offset, and resumes after a reopen (power cut) where it stopped', async () => {
    const storage = await open();
    const store = await SlotStore.open(storage, AT);
    await store.beginDownload(DOWNLOAD, { state: 'downloading', version: '1.2.0', updatedAt: AT });
    const first = bytes(480, 1);
    const second = bytes(480, 2);
    await store.appendChunk(first);
    expect((await store.appendChunk(second)).bytesReceived).toBe(960);

    const again = await subject.reopen(storage);
    if (again !== storage) opened.push(again);
    const resumed = await SlotStore.open(again, AT);
    expect(resumed.state.download).toMatchObject({ sha256: DOWNLOAD.sha256, bytesReceived: 960 });
    expect(resumed.state.slots.A).toMatchObject({ state: 'downloading', version: '1.2.0' });
    const third = bytes(240, 3);
    await resumed.appendChunk(third);
    const file = await resumed.readPackage('A');
    expect(file).toEqual(Uint8Array.from([...first, ...second, ...third]));
    expect(await resumed.readPackage('B')).toEqual(new Uint8Array(0));
  });

  it('deletes what a slot held when a new download starts into it or the slot is cleared', async () => {
    const storage = await open();
    const store = await SlotStore.open(storage, AT);
    await store.beginDownload(DOWNLOAD, { state: 'downloading', updatedAt: AT });
    await store.appendChunk(bytes(100, 4));
    await store.beginDownload(
      { ...DOWNLOAD, sha256: 'cd'.repeat(32) },
      { state: 'downloading', updatedAt: AT },
    );
    await store.appendChunk(bytes(50, 5));
    expect(await store.readPackage('A')).toEqual(bytes(50, 5));

    await store.clearSlot(
      'A',
      { state: 'failed', failure: 'SOFTWARE_BAD_HASH', updatedAt: AT },
      { ...store.state, refused: ['1.2.0'] },
    );
    expect(await store.readPackage('A')).toEqual(new Uint8Array(0));
    const reread = await SlotStore.open(storage, AT);
    expect(reread.state.download).toBeUndefined();
    expect(reread.state.slots.A).toMatchObject({ state: 'failed', failure: 'SOFTWARE_BAD_HASH' });
    expect(reread.state.refused).toEqual(['1.2.0']);
  });

  it('refuses a chunk when no download is under way', async () => {
    const store = await SlotStore.open(await open(), AT);
    await expect(store.appendChunk(bytes(10, 6))).rejects.toMatchObject({ code: 'UPGRADE_NOT_DOWNLOADING' });
  });
});

describe('free storage for the upgrade', () => {
  it('MemoryStorage with a capacity reports what is left and refuses a write that does not fit, whole', async () => {
    const storage = new MemoryStorage({ capacityBytes: 100 });
    expect(await storage.freeBytes()).toBe(100);
    await storage.write([{ collection: 'software-a', key: '1', value: 'x'.repeat(48) }]); // 50 bytes of JSON
    expect(await storage.freeBytes()).toBe(50);
    await expect(
      storage.write([
        { collection: 'software-a', key: '2', value: 'y'.repeat(28) },
        { collection: 'software-a', key: '3', value: 'z'.repeat(28) },
      ]),
    ).rejects.toMatchObject({ code: 'TERMINAL_STORAGE_FAILED', details: { reason: 'disk-full' } });
    expect(await storage.get('software-a', '2')).toBeUndefined();
    // Replacing a document counts only the difference.
    await storage.write([{ collection: 'software-a', key: '1', value: 'x'.repeat(98) }]);
    expect(await storage.freeBytes()).toBe(0);
  });

  it('MemoryStorage without a capacity does not know its free space', async () => {
    expect(await new MemoryStorage().freeBytes()).toBeUndefined();
  });

  it('SQLite reports the free bytes of its file system', async () => {
    const [, sqlite] = storageSubjects();
    const storage = await (sqlite as StorageSubject).open();
    try {
      const free = await storage.freeBytes?.();
      expect(free).toBeGreaterThan(0);
    } finally {
      await storage.close();
      await (sqlite as StorageSubject).cleanUp();
    }
  });

  it('IndexedDB asks the StorageManager, and says unknown where there is none', async () => {
    const [, , indexedDb] = storageSubjects();
    const storage = await (indexedDb as StorageSubject).open();
    expect(await storage.freeBytes?.()).toBeUndefined();
    vi.stubGlobal('navigator', {
      storage: { estimate: () => Promise.resolve({ quota: 5_000, usage: 1_200 }) },
    });
    try {
      expect(await storage.freeBytes?.()).toBe(3_800);
    } finally {
      vi.unstubAllGlobals();
      await storage.close();
    }
  });
});
