import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO } from '../../host/src/app/demo-data.js';
import { bootSoftware } from '../src/upgrade/boot-loader.js';
import { openEngineRig, openWarmHost, type EngineRig } from './support/engine-rig.js';
import type { TcpTestHost } from './support/terminal-rig.js';
import { rolloutProgress, rollOutTo } from './support/tms-rollout.js';

const TID = DEMO.tids[0];
const FACTORY = { factoryVersion: '0.1.0', nowIso: '2026-11-20T08:00:00.000Z' };

describe('upgrades that cannot finish leave the terminal on a verified version, and the host knows why', () => {
  let host: TcpTestHost;
  let rig: EngineRig | undefined;
  const tms = () => host.runtime.services.tms;
  let nextMinor = 1;

  /** Publishes the next version and rolls it out to the terminal under test. */
  async function rollOut(payloadBytes: number): Promise<{ version: string; rolloutId: number }> {
    const version = `2.${nextMinor++}.0`;
    return { version, rolloutId: (await rollOutTo(host, TID, version, payloadBytes)).rolloutId };
  }
  const terminalView = (rolloutId: number) => rolloutProgress(host, rolloutId, TID);

  beforeAll(async () => {
    host = await openWarmHost();
  });
  afterEach(async () => {
    await rig?.close();
    rig = undefined;
  });
  afterAll(async () => {
    await host.cleanup();
  });

  it('refuses a package that does not fit twice in the free storage', async () => {
    const { version, rolloutId } = await rollOut(20_000);
    rig = await openEngineRig({ port: host.port, tid: TID, capacityBytes: 30_000 });
    await rig.start();
    expect((await rig.terminal.downloadParameters()).offer?.version).toBe(version);
    const outcome = await rig.terminal.software.upgrade();
    expect(outcome).toMatchObject({
      state: 'refused',
      code: 'UPGRADE_STORAGE_LOW',
      text: { en: 'Not enough free storage for the package' },
    });
    expect(rig.terminal.software.state.download).toBeUndefined();
    expect(await terminalView(rolloutId)).toMatchObject({
      state: 'refused',
      reasonCode: 'UPGRADE_STORAGE_LOW',
    });
    await tms().changeRollout(rolloutId, 'cancel');
  });

  it('deletes a download the disk cannot hold (a device that cannot tell its free space) and reports it failed', async () => {
    const { version, rolloutId } = await rollOut(20_000);
    rig = await openEngineRig({ port: host.port, tid: TID, capacityBytes: 30_000, reportsFreeBytes: false });
    await rig.start();
    expect((await rig.terminal.downloadParameters()).offer?.version).toBe(version);
    const outcome = await rig.terminal.software.upgrade();
    expect(outcome).toMatchObject({
      state: 'failed',
      code: 'UPGRADE_STORAGE_FULL',
      text: { en: 'Storage full: the download was deleted' },
    });
    expect(rig.terminal.software.state.slots.A).toMatchObject({
      state: 'failed',
      failure: 'UPGRADE_STORAGE_FULL',
    });
    expect(await rig.storage.list('software-a')).toEqual([]);
    expect(await terminalView(rolloutId)).toMatchObject({
      state: 'failed',
      reasonCode: 'UPGRADE_STORAGE_FULL',
    });
    // The terminal still works: the journal has room again.
    rig.present('6200001000000011', 'insert', '123456');
    expect((await rig.terminal.sale(500)).approved).toBe(true);
    await rig.terminal.login('00', '123456');
    expect((await rig.terminal.settle()).approved).toBe(true);
    await tms().changeRollout(rolloutId, 'cancel');
  });

  it('deletes a download the host stops serving half-way (rollout cancelled: 12) and reports it failed', async () => {
    const { version, rolloutId } = await rollOut(8_000);
    rig = await openEngineRig({ port: host.port, tid: TID });
    await rig.start();
    expect((await rig.terminal.downloadParameters()).offer?.version).toBe(version);
    let cancelled: Promise<unknown> | undefined;
    const outcome = await rig.terminal.software.upgrade({
      onProgress: (step) => {
        if (step.bytesReceived > 2_000) cancelled ??= tms().changeRollout(rolloutId, 'cancel');
      },
    });
    await cancelled;
    expect(outcome).toMatchObject({
      state: 'failed',
      code: 'UPGRADE_HOST_REFUSED',
      text: { zh: '主机拒绝下载' },
    });
    const state = rig.terminal.software.state;
    expect(state.download).toBeUndefined();
    expect(state.slots.A).toMatchObject({ state: 'failed', failure: 'UPGRADE_HOST_REFUSED' });
    expect(await rig.storage.list('software-a')).toEqual([]);
    expect(await bootSoftware(rig.storage, FACTORY)).toEqual({
      target: 'factory',
      version: '0.1.0',
      trial: false,
    });
  });

  it('rolls back a trial whose self-test fails (the host is unreachable) and reports why once it is back', async () => {
    const { version, rolloutId } = await rollOut(3_000);
    rig = await openEngineRig({ port: host.port, tid: TID });
    await rig.start();
    await rig.terminal.downloadParameters();
    expect(await rig.terminal.software.upgrade()).toMatchObject({ state: 'verified', version });
    const { slot } = await rig.terminal.software.install();
    expect(await bootSoftware(rig.storage, FACTORY)).toMatchObject({ target: slot, trial: true });
    await rig.reopen({ softwareVersion: version });

    rig.faults.goOffline();
    const test = await rig.terminal.selfTest();
    expect(test).toMatchObject({ passed: false, failed: 'echo' });
    await rig.terminal.software.rollBack(`self-test: ${test.failed ?? ''} failed`);
    expect(rig.terminal.software.state).toMatchObject({
      active: 'factory',
      refused: [version],
      slots: { [slot]: { state: 'failed', failure: 'UPGRADE_SELF_TEST_FAILED' } },
      lastResult: { state: 'rolled-back', code: 'UPGRADE_SELF_TEST_FAILED' },
    });
    expect(rig.terminal.software.state.reports).toHaveLength(1);
    expect(await bootSoftware(rig.storage, FACTORY)).toEqual({
      target: 'factory',
      version: '0.1.0',
      trial: false,
    });

    rig.faults.goOnline();
    await rig.reopen({ softwareVersion: '0.1.0' });
    expect(rig.terminal.profile.softwareVersion).toBe('000100');
    expect(await rig.terminal.software.flushReports()).toBe(1);
    expect(await terminalView(rolloutId)).toMatchObject({
      state: 'rolled-back',
      reasonCode: 'UPGRADE_SELF_TEST_FAILED',
      reasonText: 'self-test: echo failed',
    });
  });

  it('stops a background download when the terminal closes, after its chunk in flight; the next start resumes it', async () => {
    const { version } = await rollOut(30_000);
    rig = await openEngineRig({ port: host.port, tid: TID });
    await rig.reopen({ automaticTms: true });
    await rig.terminal.login('01', '0000');
    expect((await rig.terminal.signIn()).approved).toBe(true);
    await vi.waitFor(
      () => expect(rig?.terminal.software.state.download?.bytesReceived).toBeGreaterThan(2_000),
      {
        timeout: 10_000,
        interval: 5,
      },
    );
    await rig.reopen();
    const stoppedAt = rig.terminal.software.state.download?.bytesReceived ?? 0;
    expect(stoppedAt).toBeLessThan(30_000);
    const progress: number[] = [];
    const done = await rig.terminal.software.upgrade({
      onProgress: (step) => progress.push(step.bytesReceived),
    });
    expect(done).toMatchObject({ state: 'verified', version });
    expect(progress[0]).toBe(stoppedAt);
  });

  it('takes a battery driver that fails for a device that cannot tell (refuses nothing)', async () => {
    const { version } = await rollOut(1_500);
    rig = await openEngineRig({
      port: host.port,
      tid: TID,
      power: { status: () => Promise.reject(new Error('no battery driver')) },
    });
    await rig.start();
    await rig.terminal.downloadParameters();
    expect(await rig.terminal.software.upgrade()).toMatchObject({ state: 'verified', version });
  });
});
