import { readPackage } from '@payterm/software';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO, DEMO_PARAMETERS } from '../../host/src/app/demo-data.js';
import { PARAMETER_RECHECK_MS } from '../src/engine/pos-terminal.js';
import { bootSoftware } from '../src/upgrade/boot-loader.js';
import { SlotStore } from '../src/upgrade/slot-store.js';
import type { DownloadProgress } from '../src/upgrade/chunk-download.js';
import { openEngineRig, openWarmHost, type EngineRig } from './support/engine-rig.js';
import { TamperingLink } from './support/tampering-link.js';
import { rolloutProgress, rollOutTo } from './support/tms-rollout.js';
import type { TcpTestHost } from './support/terminal-rig.js';

const TID = DEMO.tids[0];
const FACTORY = { factoryVersion: '0.1.0', nowIso: '2026-11-20T08:00:00.000Z' };

describe('parameters and a software upgrade against the real host over TCP', () => {
  let host: TcpTestHost;
  let rig: EngineRig;
  let tampering: TamperingLink | undefined;
  const tms = () => host.runtime.services.tms;

  const rollOut = (version: string, payloadBytes: number) => rollOutTo(host, TID, version, payloadBytes);
  const terminalView = (rolloutId: number) => rolloutProgress(host, rolloutId, TID);

  beforeAll(async () => {
    host = await openWarmHost();
    rig = await openEngineRig({
      port: host.port,
      tid: TID,
      wrapLink: (link) => (tampering = new TamperingLink(link)),
    });
    await rig.start();
  });

  afterAll(async () => {
    await rig.close();
    await host.cleanup();
  });

  it('downloads the parameter set (360 until the end), applies it to the profile at once and reports it (361)', async () => {
    const outcome = await rig.terminal.downloadParameters();
    expect(outcome).toMatchObject({ approved: true, responseCode: '00', parameterVersion: '1' });
    expect(outcome.offer).toBeUndefined();
    expect(rig.terminal.profile).toMatchObject({
      merchantName: DEMO_PARAMETERS.merchantName,
      responseTimeoutMs: DEMO_PARAMETERS.responseTimeoutSeconds * 1000,
      connectTimeoutMs: DEMO_PARAMETERS.connectTimeoutSeconds * 1000,
      saleLimitMinor: DEMO_PARAMETERS.saleLimitMinor,
      refundLimitMinor: DEMO_PARAMETERS.refundLimitMinor,
    });
    expect(outcome.changed).toContain('saleLimitMinor');
    expect((await host.runtime.repositories.terminals.get(TID))?.parameterVersion).toBe('1');
    expect(rig.faults.requests({ mti: '0800', networkCode: '361' })).toHaveLength(1);
    // Applied: the host stops asking (digit 6) once it knows.
    await rig.terminal.echo();
    expect(rig.faults.responses('0820').at(-1)?.header?.charAt(5)).toBe('0');
  });

  it('refuses a tampered package: the download is deleted, the terminal stays as it was, the host sees why', async () => {
    const { rolloutId } = await rollOut('1.1.0', 3_000);
    const offered = await rig.terminal.downloadParameters();
    expect(offered.offer).toMatchObject({ version: '1.1.0', rolloutId: String(rolloutId) });
    (tampering as TamperingLink).armed = true;
    const outcome = await rig.terminal.software.upgrade();
    (tampering as TamperingLink).armed = false;
    expect(outcome).toMatchObject({
      state: 'failed',
      version: '1.1.0',
      code: 'SOFTWARE_BAD_HASH',
      text: { en: 'The package hash does not match (tampered or damaged)' },
    });
    const state = rig.terminal.software.state;
    expect(state.download).toBeUndefined();
    expect(state.slots.A).toMatchObject({ state: 'failed', failure: 'SOFTWARE_BAD_HASH' });
    expect(state.lastResult).toMatchObject({ state: 'failed', code: 'SOFTWARE_BAD_HASH' });
    expect(await rig.storage.list('software-a')).toEqual([]);
    expect(state.reports).toEqual([]);
    expect(await terminalView(rolloutId)).toMatchObject({ state: 'failed', reasonCode: 'SOFTWARE_BAD_HASH' });
    expect(rig.terminal.profile.softwareVersion).toBe('000100');
    await tms().changeRollout(rolloutId, 'cancel');
  });

  it('says "settle first" while the batch has a sale, and reports the refusal', async () => {
    const { rolloutId } = await rollOut('1.2.0', 6_000);
    expect((await rig.terminal.downloadParameters()).offer).toMatchObject({ version: '1.2.0' });
    rig.present('6200001000000011', 'insert', '123456');
    expect((await rig.terminal.sale(1_000)).approved).toBe(true);
    const refused = await rig.terminal.software.upgrade();
    expect(refused).toMatchObject({
      state: 'refused',
      code: 'UPGRADE_SETTLE_FIRST',
      text: { zh: '请先结算' },
    });
    expect(await terminalView(rolloutId)).toMatchObject({
      state: 'refused',
      reasonCode: 'UPGRADE_SETTLE_FIRST',
    });
    await rig.terminal.login('00', '123456');
    expect((await rig.terminal.settle()).approved).toBe(true);
    // Settled: the refusal has passed, the host still offers the version and the terminal may take it.
    expect((await rig.terminal.downloadParameters()).offer).toMatchObject({ version: '1.2.0' });
    expect(rig.terminal.software.upgradeAvailable).toBe(true);
  });

  it('resumes a download cut by the network and then by a power cut where it stopped, verifies it and installs it as trial', async () => {
    const progress: DownloadProgress[] = [];
    const outcome = await rig.terminal.software.upgrade({
      onProgress: (step) => {
        progress.push(step);
        if (step.bytesReceived >= 1_500) rig.faults.goOffline();
      },
    });
    expect(outcome).toMatchObject({ state: 'interrupted', code: 'UPGRADE_INTERRUPTED', version: '1.2.0' });
    const cutAt = outcome.bytesReceived as number;
    expect(cutAt).toBeGreaterThanOrEqual(1_500);
    expect(cutAt).toBeLessThan(outcome.totalBytes as number);

    // The power goes too: a new start finds the download where the last write left it.
    rig.faults.goOnline();
    await rig.crashAndRestart();
    expect(rig.terminal.software.state.download).toMatchObject({ version: '1.2.0', bytesReceived: cutAt });
    const sentBefore = rig.faults.requests({ networkCode: '363' }).length;
    const done = await rig.terminal.software.upgrade({ onProgress: (step) => progress.push(step) });
    expect(done).toMatchObject({
      state: 'verified',
      version: '1.2.0',
      releaseNotes: { en: 'Version 1.2.0' },
    });
    const resumedFrom = rig.faults.requests({ networkCode: '363' })[sentBefore]?.fields[62];
    expect(new TextDecoder().decode(resumedFrom as Uint8Array)).toContain(String(cutAt).padStart(10, '0'));
    expect(progress.at(-1)).toMatchObject({ bytesReceived: progress.at(-1)?.totalBytes });
    // Slot A only holds the failed 1.1.0: it takes the new version.
    expect(rig.terminal.software.state.slots.A).toMatchObject({ state: 'verified', version: '1.2.0' });

    expect(await rig.terminal.software.install()).toEqual({ slot: 'A', version: '1.2.0' });
    expect(rig.terminal.software.state.slots.A.state).toBe('trial');
    // Installed, not yet restarted: nothing is downloaded over it.
    expect(rig.terminal.software.upgradeAvailable).toBe(false);
    expect(await rig.terminal.software.upgrade()).toMatchObject({
      state: 'none',
      version: '1.2.0',
      text: { en: 'A new version is installed: restart to run it' },
    });
    expect(rig.terminal.software.state.slots.A.state).toBe('trial');
  });

  it('boots the trial, passes the self-test, confirms it and reports it installed', async () => {
    const rolloutId = tms().rollouts().at(-1)?.id as number;
    const booted = await bootSoftware(rig.storage, FACTORY);
    expect(booted).toMatchObject({ target: 'A', version: '1.2.0', trial: true });
    const file = await host.runtime.repositories.softwarePackages.packageBytes(
      tms()
        .packages()
        .find((summary) => summary.version === '1.2.0')?.id as number,
    );
    expect(booted.payload).toEqual(readPackage(file as Uint8Array).payload);

    await rig.reopen({ softwareVersion: '1.2.0' });
    expect(rig.terminal.profile.softwareVersion).toBe('010200');
    await rig.terminal.login('01', '0000');
    const test = await rig.terminal.selfTest();
    expect(test).toMatchObject({ passed: true });
    expect(test.checks.map((check) => check.check)).toEqual(['journal', 'keys', 'echo', 'sign-in']);
    expect(await rig.terminal.software.confirmTrial()).toBe('1.2.0');
    expect(rig.terminal.software.state).toMatchObject({ active: 'A', installed: ['1.2.0'], reports: [] });
    expect(await terminalView(rolloutId)).toMatchObject({ state: 'installed' });
    expect(await bootSoftware(rig.storage, FACTORY)).toMatchObject({ target: 'A', trial: false });
    // Running 1.2.0 now: nothing more is offered.
    const after = await rig.terminal.downloadParameters();
    expect(after.offer).toBeUndefined();
    expect(
      await SlotStore.open(rig.storage, FACTORY.nowIso).then((store) => store.state.offer),
    ).toBeUndefined();
  });

  it('rolls a trial found unconfirmed at the next boot back to the previous slot and tells the host why', async () => {
    const { rolloutId } = await rollOut('1.3.0', 2_500);
    expect((await rig.terminal.downloadParameters()).offer).toMatchObject({ version: '1.3.0' });
    expect(await rig.terminal.software.upgrade()).toMatchObject({ state: 'verified', version: '1.3.0' });
    expect(await rig.terminal.software.install()).toEqual({ slot: 'B', version: '1.3.0' });
    expect(await bootSoftware(rig.storage, FACTORY)).toMatchObject({ target: 'B', trial: true });
    // The trial starts and the power goes before its self-test confirms it.
    await rig.crashAndRestart({ softwareVersion: '1.3.0' });
    const booted = await bootSoftware(rig.storage, FACTORY);
    expect(booted).toMatchObject({ target: 'A', version: '1.2.0', trial: false });
    await rig.reopen({ softwareVersion: '1.2.0' });
    expect(rig.terminal.software.state).toMatchObject({
      active: 'A',
      refused: ['1.3.0'],
      slots: { B: { state: 'failed', failure: 'UPGRADE_TRIAL_UNCONFIRMED' } },
      lastResult: { state: 'rolled-back', version: '1.3.0' },
    });
    expect(await rig.terminal.software.flushReports()).toBe(1);
    expect(await terminalView(rolloutId)).toMatchObject({
      state: 'rolled-back',
      reasonCode: 'UPGRADE_TRIAL_UNCONFIRMED',
    });
    // Never taken again, even if offered.
    await rig.terminal.downloadParameters();
    expect(rig.terminal.software.upgradeAvailable).toBe(false);
    expect(await rig.terminal.software.upgrade()).toMatchObject({ state: 'none' });
    await tms().changeRollout(rolloutId, 'cancel');
  });

  it('on its own: after a sign-in it downloads the parameters and the offered version in the background', async () => {
    await rollOut('1.4.0', 2_000);
    await rig.reopen({ softwareVersion: '1.2.0', automaticTms: true });
    await rig.terminal.login('01', '0000');
    expect((await rig.terminal.signIn()).approved).toBe(true);
    await vi.waitFor(
      () =>
        expect(rig.terminal.software.state.slots.B).toMatchObject({ state: 'verified', version: '1.4.0' }),
      {
        timeout: 10_000,
        interval: 50,
      },
    );
    expect(rig.terminal.software.upgradeAvailable).toBe(true);
    expect(rig.terminal.software.state.lastResult).toMatchObject({ state: 'verified', version: '1.4.0' });
    expect(rig.terminal.status().upgrade).toBe('ready');
    expect((await rig.terminal.diagnose()).upgrade).toBe('ready');
  });

  it('runs the parameter download at the next idle moment after a response with header digit 6', async () => {
    const version = rig.terminal.status().parameterVersion;
    await tms().setParameters('terminal', TID, { merchantName: 'Digit Six Store' }, 'test');
    // The last download was moments ago: digit 6 repeats are paced, so let the pause pass.
    rig.clock.advance(PARAMETER_RECHECK_MS);
    const echoed = await rig.terminal.echo();
    expect(echoed.approved).toBe(true);
    expect(rig.faults.responses('0820').at(-1)?.header?.charAt(5)).toBe('6');
    await vi.waitFor(() => expect(rig.terminal.profile.merchantName).toBe('Digit Six Store'), {
      timeout: 10_000,
      interval: 20,
    });
    expect(rig.terminal.status().parameterVersion).not.toBe(version);
    expect(rig.faults.requests({ mti: '0800', networkCode: '361' }).length).toBeGreaterThan(1);
  });
});
