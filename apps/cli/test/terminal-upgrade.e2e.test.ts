import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimulatedClock } from '@payterm/kernel';
import { buildPackage, DEMO_SOFTWARE_PUBLIC_KEY, signWithDemoKey } from '@payterm/software';
import type { ChunkProxy } from './support/chunk-proxy.js';
import { PaytermProcess, type PaytermExit } from './support/payterm-process.js';
import { parseJson, TmsCliRig, type Json } from './support/tms-cli-rig.js';

// The TMS end to end with the compiled CLI: `payterm start` (real TCP), packages built with `payterm tms
// package`, published and rolled out with `payterm tms`, and two `payterm terminal` data directories that
// upgrade, refuse, fail, roll back and survive `kill -9` at each step. Run `npx tsc -b` first. The terminals
// reach the host through a proxy that can tamper with or cut the `363` chunk answers.

const T1 = '10000001';
const T2 = '10000002';
const ADMIN = ['--operator', '99', '--password', '87654321'];

let rig: TmsCliRig;
let scratch: string;
let proxy: ChunkProxy;
/** The terminal application as `payterm tms package` bundled it (the 0.2.0 package's payload). */
let bundle: Buffer;

async function payterm(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<PaytermExit> {
  return PaytermProcess.run(args, env);
}

/** A package of the bundled application under `version`; a comment keeps each payload's SHA-256 apart. */
async function packageOf(version: string, signing: string[] = ['--demo-key']): Promise<string> {
  const payload = join(scratch, `payload-${version}.mjs`);
  writeFileSync(payload, Buffer.concat([bundle, Buffer.from(`\n// PayTerm terminal ${version}\n`)]));
  return rig.packageOf(version, { payload, signing });
}

beforeAll(async () => {
  rig = await TmsCliRig.start('payterm-cli-upgrade-', [T1, T2]);
  ({ scratch, proxy } = rig);
}, 120_000);

afterAll(async () => {
  await rig?.close();
});

describe('payterm terminal upgrade against payterm start', { timeout: 240_000 }, () => {
  it('rolls 0.2.0 out to a pilot, then to everyone: each terminal upgrades, self-tests and confirms', async () => {
    const first = await rig.terminal(T1, ['version']);
    expect(first.json).toMatchObject({ runningVersion: '0.1.0', target: 'factory' });

    const file = join(scratch, 'terminal-0.2.0.ptpkg');
    const packaged = parseJson(
      await payterm(['tms', 'package', '--version', '0.2.0', '--demo-key', '--out', file]),
    );
    const prefixBytes = (packaged['sizes'] as { prefix: number }).prefix;
    bundle = readFileSync(file).subarray(prefixBytes);
    const packageId = String((await rig.tms('publish', file))['id']);
    const pilot = (await rig.tms('rollout', 'create', '--package', packageId, '--tids', T1))['id'] as number;

    // Sign-in: the host sets digit 6, the terminal downloads the parameters and the offered version.
    const signedIn = await rig.terminal(T1, [...ADMIN, 'signin']);
    expect(signedIn.code, signedIn.stderr).toBe(0);
    expect(signedIn.json['tms']).toMatchObject({
      software: { state: 'verified', version: '0.2.0' },
    });
    expect(signedIn.stderr).toMatch(/download 0\.2\.0 \[#+\] 100 %/);
    expect((await rig.terminal(T2, [...ADMIN, 'upgrade', '--check'])).json).toMatchObject({ state: 'none' });

    const upgraded = await rig.terminal(T1, [...ADMIN, 'upgrade', '--yes']);
    expect(upgraded.code, upgraded.stderr).toBe(0);
    expect(upgraded.json).toMatchObject({
      state: 'installed',
      version: '0.2.0',
      previousVersion: '0.1.0',
      runningVersion: '0.2.0',
      selfTest: { passed: true },
    });
    const status = await rig.terminal(T1, ['status']);
    expect(status.json).toMatchObject({ runningVersion: '0.2.0', softwareVersion: '000200' });
    expect(await rig.fleetEntry(T1)).toMatchObject({ runningVersion: '0.2.0' });
    expect(await rig.rolloutState(pilot, T1)).toMatchObject({ state: 'installed' });
    expect(await rig.fleetEntry(T2)).toMatchObject({ offer: null });

    const everyone = await rig.tms('rollout', 'create', '--package', packageId, '--all');
    const second = await rig.terminal(T2, [...ADMIN, 'upgrade', '--yes']);
    expect(second.code, second.stderr).toBe(0);
    expect(second.json).toMatchObject({ state: 'installed', runningVersion: '0.2.0' });
    expect(await rig.rolloutState(everyone['id'] as number, T2)).toMatchObject({ state: 'installed' });
    expect((await rig.terminal(T1, [...ADMIN, 'upgrade', '--check'])).json).toMatchObject({ state: 'none' });
    const version = await rig.terminal(T2, ['version']);
    expect(version.json).toMatchObject({ runningVersion: '0.2.0', installed: ['0.2.0'] });
  });

  it('resumes a download cut by kill -9 where it stopped', async () => {
    const rollout = await rig.rollOut(await packageOf('0.3.0'), '--tids', T1);
    const running = PaytermProcess.start(rig.terminalArgs(T1, '--json', ...ADMIN, 'upgrade', '--yes'));
    await running.waitForStderr(/download 0\.3\.0 \[[#-]+\]\s+[2-6]\d %/);
    await running.kill9();
    const cut = await rig.terminal(T1, ['version']);
    expect(cut.json).toMatchObject({ runningVersion: '0.2.0', download: { version: '0.3.0' } });
    const received = (cut.json['download'] as { bytesReceived: number }).bytesReceived;
    expect(received).toBeGreaterThan(0);

    const resumed = await rig.terminal(T1, [...ADMIN, 'upgrade', '--yes']);
    expect(resumed.json).toMatchObject({ state: 'installed', runningVersion: '0.3.0' });
    expect(resumed.stderr).not.toMatch(/download 0\.3\.0 \[-+\]\s+0 %/);
    expect(await rig.rolloutState(rollout, T1)).toMatchObject({ state: 'installed' });
  });

  it('survives kill -9 after the verification and after the install: the next start is on a verified version', async () => {
    await rig.rollOut(await packageOf('0.4.0'), '--tids', T1);
    const verified = PaytermProcess.start(rig.terminalArgs(T1, '--json', ...ADMIN, 'upgrade', '--yes'), {
      PAYTERM_TEST_PAUSE_AT: 'verified',
    });
    await verified.waitForStderr(/PAYTERM_TEST_PAUSED verified/);
    await verified.kill9();
    const afterVerify = await rig.terminal(T1, ['version']);
    expect(afterVerify.json).toMatchObject({ runningVersion: '0.3.0' });
    expect(Object.values(afterVerify.json['slots'] as Json)).toContainEqual(
      expect.objectContaining({ state: 'verified', version: '0.4.0' }),
    );
    const installed = await rig.terminal(T1, [...ADMIN, 'upgrade', '--yes']);
    expect(installed.json).toMatchObject({ state: 'installed', runningVersion: '0.4.0' });
    expect(installed.stderr).not.toMatch(/download/);

    const rollout = await rig.rollOut(await packageOf('0.5.0'), '--tids', T1);
    const beforeRestart = PaytermProcess.start(rig.terminalArgs(T1, '--json', ...ADMIN, 'upgrade', '--yes'), {
      PAYTERM_TEST_PAUSE_AT: 'installed',
    });
    await beforeRestart.waitForStderr(/PAYTERM_TEST_PAUSED installed/);
    await beforeRestart.kill9();
    // The next start of any command is the trial: self-test, confirmed.
    const trial = await rig.terminal(T1, ['status']);
    expect(trial.json).toMatchObject({
      runningVersion: '0.5.0',
      boot: { version: '0.5.0', trial: { version: '0.5.0', confirmed: true } },
    });
    expect(await rig.rolloutState(rollout, T1)).toMatchObject({ state: 'installed' });
  });

  it('rolls back a trial cut by kill -9 during its self-test, and reports it', async () => {
    const rollout = await rig.rollOut(await packageOf('0.6.0'), '--tids', T1);
    const selfTest = PaytermProcess.start(rig.terminalArgs(T1, '--json', ...ADMIN, 'upgrade', '--yes'), {
      PAYTERM_TEST_PAUSE_AT: 'self-test',
    });
    await selfTest.waitForStderr(/PAYTERM_TEST_PAUSED self-test/);
    await selfTest.kill9();
    const next = await rig.terminal(T1, ['version']);
    expect(next.json).toMatchObject({
      runningVersion: '0.5.0',
      refused: ['0.6.0'],
      boot: { version: '0.5.0', rolledBack: [{ version: '0.6.0', code: 'UPGRADE_TRIAL_UNCONFIRMED' }] },
    });
    expect(await rig.rolloutState(rollout, T1)).toMatchObject({
      state: 'rolled-back',
      reasonCode: 'UPGRADE_TRIAL_UNCONFIRMED',
    });
    expect((await rig.terminal(T1, [...ADMIN, 'upgrade', '--check'])).json).toMatchObject({ state: 'none' });
  });

  it('rolls back a trial whose self-test fails (the host unreachable) and reports it when it can', async () => {
    const rollout = await rig.rollOut(await packageOf('0.6.1'), '--tids', T1);
    const resumeFile = join(scratch, 'resume-self-test');
    const upgrading = PaytermProcess.start(rig.terminalArgs(T1, '--json', ...ADMIN, 'upgrade', '--yes'), {
      PAYTERM_TEST_PAUSE_AT: 'self-test',
      PAYTERM_TEST_RESUME_FILE: resumeFile,
    });
    await upgrading.waitForStderr(/PAYTERM_TEST_PAUSED self-test/);
    proxy.setMode({ kind: 'refuse' });
    writeFileSync(resumeFile, '');
    const ended = await upgrading.exited.finally(() => proxy.setMode({ kind: 'pass' }));
    expect(ended.code).toBe(3);
    expect(parseJson(ended)).toMatchObject({
      state: 'rolled-back',
      version: '0.6.1',
      runningVersion: '0.5.0',
      code: 'UPGRADE_SELF_TEST_FAILED',
      selfTest: { passed: false, failed: 'echo' },
    });
    // The report waited for the host: the next upgrade check sends it.
    expect((await rig.terminal(T1, [...ADMIN, 'upgrade', '--check'])).json).toMatchObject({ state: 'none' });
    expect(await rig.rolloutState(rollout, T1)).toMatchObject({
      state: 'rolled-back',
      reasonCode: 'UPGRADE_SELF_TEST_FAILED',
    });
  });

  it('rolls back a package whose module throws on load', async () => {
    const payload = Buffer.from("export const TERMINAL_APP_ABI = 1;\nthrow new Error('broken build');\n");
    const built = await buildPackage({
      version: '0.7.0',
      releaseNotes: { zh: '坏版本', en: 'A broken build' },
      payload,
      sign: signWithDemoKey,
      publicKey: DEMO_SOFTWARE_PUBLIC_KEY,
      clock: new SimulatedClock(Date.UTC(2026, 11, 1)),
    });
    const file = join(scratch, 'terminal-0.7.0.ptpkg');
    writeFileSync(file, built.bytes);
    const rollout = await rig.rollOut(file, '--tids', T1);
    const upgraded = await rig.terminal(T1, [...ADMIN, 'upgrade', '--yes']);
    expect(upgraded.code).toBe(3);
    expect(upgraded.json).toMatchObject({
      state: 'rolled-back',
      version: '0.7.0',
      runningVersion: '0.5.0',
      code: 'UPGRADE_SELF_TEST_FAILED',
    });
    expect(upgraded.json['message']).toContain('broken build');
    expect(await rig.rolloutState(rollout, T1)).toMatchObject({
      state: 'rolled-back',
      reasonCode: 'UPGRADE_SELF_TEST_FAILED',
    });
    expect((await rig.terminal(T1, ['status'])).json).toMatchObject({ runningVersion: '0.5.0' });
  });

  it('refuses a package signed by another key, a tampered download, a full disk and a low battery', async () => {
    const hostData = ['--data', join(scratch, 'host')];
    expect((await payterm(['tms', 'keygen', ...hostData])).code).toBe(0);
    const otherKey = await rig.rollOut(await packageOf('0.8.0', hostData), '--tids', T1);
    const unknownKey = await rig.terminal(T1, [...ADMIN, 'upgrade', '--yes']);
    expect(unknownKey.code).toBe(3);
    expect(unknownKey.json).toMatchObject({
      state: 'failed',
      code: 'SOFTWARE_UNKNOWN_KEY',
      runningVersion: '0.5.0',
    });
    expect(await rig.rolloutState(otherKey, T1)).toMatchObject({
      state: 'failed',
      reasonCode: 'SOFTWARE_UNKNOWN_KEY',
    });

    const tampered = await rig.rollOut(await packageOf('0.9.0'), '--tids', T1);
    proxy.setMode({ kind: 'tamper' });
    const badHash = await rig
      .terminal(T1, [...ADMIN, 'upgrade', '--yes'])
      .finally(() => proxy.setMode({ kind: 'pass' }));
    expect(badHash.code).toBe(3);
    expect(badHash.json).toMatchObject({
      state: 'failed',
      code: 'SOFTWARE_BAD_HASH',
      runningVersion: '0.5.0',
    });
    expect(await rig.rolloutState(tampered, T1)).toMatchObject({
      state: 'failed',
      reasonCode: 'SOFTWARE_BAD_HASH',
    });

    const fullDisk = await rig.rollOut(await packageOf('0.10.0'), '--tids', T1);
    const full = await rig.terminal(T1, [...ADMIN, 'upgrade', '--yes'], {
      PAYTERM_TEST_FREE_BYTES: '100000',
    });
    expect(full.code).toBe(3);
    expect(full.json).toMatchObject({
      state: 'refused',
      code: 'UPGRADE_STORAGE_LOW',
      runningVersion: '0.5.0',
    });
    expect(await rig.rolloutState(fullDisk, T1)).toMatchObject({
      state: 'refused',
      reasonCode: 'UPGRADE_STORAGE_LOW',
    });

    const lowBattery = await rig.rollOut(await packageOf('0.11.0'), '--tids', T1);
    const battery = await rig.terminal(T1, ['--battery', '12', ...ADMIN, 'upgrade', '--yes']);
    expect(battery.code).toBe(3);
    expect(battery.json).toMatchObject({ state: 'refused', code: 'UPGRADE_BATTERY_LOW' });
    expect(await rig.rolloutState(lowBattery, T1)).toMatchObject({
      state: 'refused',
      reasonCode: 'UPGRADE_BATTERY_LOW',
    });
    expect((await rig.terminal(T1, [...ADMIN, 'signin'])).json).toMatchObject({ approved: true });
  });

  it('resumes a download the host cut mid-way, and never offers an older version', async () => {
    const rollout = await rig.rollOut(await packageOf('0.12.0'), '--tids', T1);
    proxy.setMode({ kind: 'cut', afterChunks: 40 });
    const cut = await rig
      .terminal(T1, [...ADMIN, 'upgrade', '--yes'])
      .finally(() => proxy.setMode({ kind: 'pass' }));
    expect(cut.code).toBe(3);
    expect(cut.json).toMatchObject({
      state: 'interrupted',
      code: 'UPGRADE_INTERRUPTED',
      runningVersion: '0.5.0',
    });
    expect(await rig.rolloutState(rollout, T1)).toMatchObject({ state: 'downloading' });
    const resumed = await rig.terminal(T1, [...ADMIN, 'upgrade', '--yes']);
    expect(resumed.json).toMatchObject({ state: 'installed', runningVersion: '0.12.0' });

    await rig.rollOut(await packageOf('0.1.5'), '--all');
    for (const tid of [T1, T2]) {
      expect((await rig.terminal(tid, [...ADMIN, 'upgrade', '--check'])).json).toMatchObject({
        state: 'none',
      });
      expect(await rig.fleetEntry(tid)).toMatchObject({ offer: null });
    }
    expect((await rig.terminal(T2, ['version'])).json).toMatchObject({ runningVersion: '0.2.0' });
  });

  it('downloads the parameters on request, and refuses a battery level that is not a percentage', async () => {
    const parameters = await rig.terminal(T2, [...ADMIN, 'params', 'download']);
    expect(parameters.code, parameters.stderr).toBe(0);
    expect(parameters.json).toMatchObject({ approved: true, responseCode: '00', offer: null });
    expect(parameters.json['parameterVersion']).toEqual(expect.any(String));
    const badBattery = await payterm(rig.terminalArgs(T2, '--battery', '140', ...ADMIN, 'upgrade', '--yes'));
    expect(badBattery.code).toBe(2);
    expect(JSON.parse(badBattery.stderr)).toMatchObject({ code: 'CLI_INVALID_OPTION', option: 'battery' });
  });
});
