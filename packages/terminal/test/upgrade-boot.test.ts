import { afterEach, describe, expect, it } from 'vitest';
import type { TerminalStorage } from '../src/ports/storage.js';
import { bootSoftware, decideBoot } from '../src/upgrade/boot-loader.js';
import { confirmTrialSlot } from '../src/upgrade/trial-transitions.js';
import { SlotStore } from '../src/upgrade/slot-store.js';
import { FIXTURE_AT, fillSlot, moduleBytes } from './support/slot-fixtures.js';
import { storageSubjects } from './support/storage-subjects.js';

const BOOT = { factoryVersion: '0.1.0', nowIso: FIXTURE_AT };

describe.each(storageSubjects())('the boot loader on $name', (subject) => {
  const opened: TerminalStorage[] = [];
  async function open(): Promise<TerminalStorage> {
    const storage = await subject.open();
    opened.push(storage);
    return storage;
  }
  /** A power cut and a new boot: the storage opened again from what is on disk. */
  async function powerCycle(storage: TerminalStorage): Promise<TerminalStorage> {
    const again = await subject.reopen(storage);
    if (again !== storage) opened.push(again);
    return again;
  }
  afterEach(async () => {
    for (const storage of opened.splice(0)) await storage.close();
    await subject.cleanUp();
  });

  it('boots the factory application on a terminal that never upgraded', async () => {
    const booted = await bootSoftware(await open(), BOOT);
    expect(booted).toEqual({ target: 'factory', version: '0.1.0', trial: false });
  });

  it('boots a trial slot once; found unconfirmed at the next boot it is rolled back and reported', async () => {
    let storage = await open();
    await fillSlot(await SlotStore.open(storage, FIXTURE_AT), 'A', '1.2.0', 'trial');

    const trial = await bootSoftware(storage, BOOT);
    expect(trial).toMatchObject({ target: 'A', version: '1.2.0', trial: true });
    expect(trial.payload).toEqual(moduleBytes('1.2.0'));

    // The power goes during the self-test: nobody confirmed.
    storage = await powerCycle(storage);
    const after = await bootSoftware(storage, BOOT);
    expect(after).toEqual({ target: 'factory', version: '0.1.0', trial: false });
    const state = (await SlotStore.open(storage, FIXTURE_AT)).state;
    expect(state.slots.A).toMatchObject({ state: 'failed', failure: 'UPGRADE_TRIAL_UNCONFIRMED' });
    expect(state.refused).toEqual(['1.2.0']);
    expect(state.trialBooted).toBeUndefined();
    expect(state.lastResult).toMatchObject({
      state: 'rolled-back',
      version: '1.2.0',
      code: 'UPGRADE_TRIAL_UNCONFIRMED',
    });
    expect(state.reports).toEqual([
      expect.objectContaining({
        state: 'rolled-back',
        version: '1.2.0',
        rolloutId: 'r-1.2.0',
        reasonCode: 'UPGRADE_TRIAL_UNCONFIRMED',
        runningVersion: '0.1.0',
      }),
    ]);
    expect(await (await SlotStore.open(storage, FIXTURE_AT)).readPackage('A')).toHaveLength(0);
  });

  it('a confirmed trial becomes the active slot; the next upgrade goes to the other slot and a rollback keeps it', async () => {
    let storage = await open();
    const store = await SlotStore.open(storage, FIXTURE_AT);
    await fillSlot(store, 'A', '1.2.0', 'trial');
    expect((await bootSoftware(storage, BOOT)).trial).toBe(true);
    const running = await SlotStore.open(storage, FIXTURE_AT);
    expect(await confirmTrialSlot(running, FIXTURE_AT)).toBe('1.2.0');
    expect(running.state).toMatchObject({ active: 'A', installed: ['1.2.0'] });
    expect(running.state.reports.at(-1)).toMatchObject({
      state: 'installed',
      version: '1.2.0',
      runningVersion: '1.2.0',
    });

    storage = await powerCycle(storage);
    expect(await bootSoftware(storage, BOOT)).toMatchObject({ target: 'A', version: '1.2.0', trial: false });

    await fillSlot(await SlotStore.open(storage, FIXTURE_AT), 'B', '1.3.0', 'trial');
    expect(await bootSoftware(storage, BOOT)).toMatchObject({ target: 'B', trial: true });
    storage = await powerCycle(storage);
    const back = await bootSoftware(storage, BOOT);
    expect(back).toMatchObject({ target: 'A', version: '1.2.0', trial: false });
    expect(back.payload).toEqual(moduleBytes('1.2.0'));
  });

  it('falls back when the active slot no longer holds its package (a damaged chunk)', async () => {
    const storage = await open();
    const store = await SlotStore.open(storage, FIXTURE_AT);
    await fillSlot(store, 'A', '1.2.0', 'confirmed');
    await fillSlot(store, 'B', '1.3.0', 'confirmed');
    // The payload chunk of B (offset 16) is overwritten with other bytes of the same length.
    const damaged = moduleBytes('1.3.0').map((byte) => byte ^ 1);
    await storage.write([
      { collection: 'software-b', key: '0000000016', value: { offset: 16, data: toBase64url(damaged) } },
    ]);
    const booted = await bootSoftware(storage, BOOT);
    expect(booted).toMatchObject({ target: 'A', version: '1.2.0' });
    const state = (await SlotStore.open(storage, FIXTURE_AT)).state;
    expect(state.active).toBe('A');
    expect(state.slots.B).toMatchObject({ state: 'failed', failure: 'UPGRADE_SLOT_CORRUPT' });
  });
});

describe('decideBoot', () => {
  it('refuses to confirm when no trial runs', async () => {
    const { MemoryStorage } = await import('../src/memory/index.js');
    const store = await SlotStore.open(new MemoryStorage(), FIXTURE_AT);
    await expect(confirmTrialSlot(store, FIXTURE_AT)).rejects.toMatchObject({ code: 'UPGRADE_NO_TRIAL' });
    expect(decideBoot(store.state)).toEqual({ target: 'factory', version: '0.1.0', trial: false });
  });
});

function toBase64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}
