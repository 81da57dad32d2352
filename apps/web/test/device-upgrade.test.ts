import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlotStore, TEST_CARDS } from '@payterm/terminal';
import { IndexedDbStorage, terminalDatabaseName } from '@payterm/terminal/browser';
import { TEST_START_MS } from '../../../packages/host/test/support/runtime.js';
import { DeviceController } from '../src/terminal/device-controller.js';
import {
  openDevicePage,
  openWsTestHost,
  press,
  testPlatform,
  waitFor,
  waitForScreen,
  type WsTestHost,
} from './support/device-host.js';
import {
  currentApplication,
  demoSignedPackage,
  importFromDataUrl,
  THROWING_MODULE,
} from './support/upgrade-packages.js';

/** The administrator logs in on a fresh demo terminal (`99`, the forced change to `24681357`). */
async function logInNewAdministrator(device: DeviceController): Promise<void> {
  device.setLanguage('en');
  await waitForScreen(device, 'login.operator');
  press(device, '99', 'enter');
  await waitForScreen(device, 'login.password');
  press(device, '12345678', 'enter');
  await waitForScreen(device, 'login.change.new-password');
  press(device, '24681357', 'enter');
  await waitForScreen(device, 'login.change.confirm-password');
  press(device, '24681357', 'enter');
  await waitForScreen(device, 'menu.main');
}

/**
 * Menu 9 → 9 → 2: the offer, the download with its progress bar, install, up to the "installed" screen
 * (the restart waits for Enter); returns the bars shown.
 */
async function installOffered(device: DeviceController): Promise<string[]> {
  press(device, '9');
  await waitForScreen(device, 'menu.management');
  press(device, '9');
  await waitForScreen(device, 'menu.software');
  press(device, '2');
  await waitForScreen(device, 'upgrade.offer');
  const bars: string[] = [];
  const stop = device.subscribe(() => {
    const screen = device.snapshot.screen;
    if (screen?.id === 'upgrade.download' && screen.body[0] !== bars.at(-1)) bars.push(screen.body[0] ?? '');
  });
  press(device, 'enter');
  await waitFor(
    device,
    (snapshot) => snapshot.screen?.id === 'upgrade.install',
    'the install screen',
    60_000,
  );
  stop();
  press(device, 'enter');
  await waitForScreen(device, 'upgrade.installed');
  return bars;
}

/** Menu 9 → 9 → 2 through install, then Enter: the device restarts into the trial. */
async function checkDownloadAndInstall(device: DeviceController): Promise<string[]> {
  const bars = await installOffered(device);
  press(device, 'enter');
  return bars;
}

describe('the web device boots its application from a slot (IndexedDB, WebSocket, the real host)', () => {
  let host: WsTestHost;
  let nextBuild: Uint8Array;

  async function rollOut(version: string, payload: Uint8Array, tid: string): Promise<number> {
    const tms = host.runtime.services.tms;
    const published = await tms.publish(await demoSignedPackage(version, payload), 'test');
    const rollout = await tms.createRollout(
      { packageId: published.id, target: { kind: 'list', tids: [tid] } },
      'test',
    );
    return rollout.id;
  }

  async function terminalState(rolloutId: number, tid: string) {
    const view = await host.runtime.services.tms.rolloutView(rolloutId);
    return view.terminals.find((terminal) => terminal.tid === tid);
  }

  beforeAll(async () => {
    host = await openWsTestHost();
    nextBuild = await currentApplication();
  }, 60_000);

  afterAll(async () => {
    await host.cleanup();
  });

  it('upgrades from menu 9: download with progress, install, restart in the page, self-test, confirm', async () => {
    const device = openDevicePage(host, {
      tid: '10000001',
      platform: { ...testPlatform(31), importApplication: importFromDataUrl },
    });
    await device.start(true);
    expect(device.snapshot.steps.find((step) => step.check === 'software')).toMatchObject({
      state: 'ok',
      detail: { en: '0.1.0 (factory)' },
    });
    await logInNewAdministrator(device);
    const rolloutId = await rollOut('0.2.0', nextBuild, '10000001');

    const bars = await checkDownloadAndInstall(device);
    expect(bars.length).toBeGreaterThan(3);
    expect(bars.at(-1)).toMatch(/\] 100 %$/);

    // The restart is a power cycle in the page: the boot loader starts slot A for its trial.
    await waitFor(device, (snapshot) => snapshot.power === 'booting', 'the restart');
    const on = await waitFor(device, (snapshot) => snapshot.power === 'on', 'the trial boot', 60_000);
    expect(on.steps.find((step) => step.check === 'software')?.detail.en).toBe('0.2.0 (slot A, trial)');
    const upgrade = on.steps.find((step) => step.check === 'upgrade');
    expect(upgrade?.state).toBe('ok');
    expect(upgrade?.detail.en).toMatch(
      /^0\.2\.0 confirmed \(Journal readable ✓ · Keys present ✓ · Echo test ✓ · Sign-in ✓\)$/,
    );
    expect(await terminalState(rolloutId, '10000001')).toMatchObject({ state: 'installed' });
    const fleet = await host.runtime.services.tms.fleet();
    expect(fleet.find((entry) => entry.tid === '10000001')?.runningVersion).toBe('0.2.0');

    await waitForScreen(device, 'login.operator');
    press(device, '99', 'enter', '24681357', 'enter');
    await waitForScreen(device, 'menu.main');
    press(device, '9', '9', '1');
    const version = await waitForScreen(device, 'upgrade.version');
    expect(version.body[0]).toBe('Running 0.2.0 (slot A)');
    await device.switchOff();
  }, 120_000);

  it('rolls back a package whose module throws on load: the previous version boots and says why', async () => {
    const device = openDevicePage(host, {
      tid: '10000002',
      platform: { ...testPlatform(32), importApplication: importFromDataUrl },
    });
    await device.start(true);
    await logInNewAdministrator(device);
    const rolloutId = await rollOut('0.3.0', THROWING_MODULE, '10000002');
    await checkDownloadAndInstall(device);

    const notice = await waitFor(
      device,
      (snapshot) => snapshot.bootNotice !== undefined,
      'the rollback notice',
    );
    expect(notice.power).toBe('booting');
    expect(notice.bootNotice?.en).toBe(
      'Version 0.3.0 was rolled back: Version 0.3.0 did not start: this application refuses to load. Running 0.1.0',
    );
    expect(notice.steps.find((step) => step.check === 'software')).toMatchObject({ state: 'warning' });
    expect(await terminalState(rolloutId, '10000002')).toMatchObject({
      state: 'rolled-back',
      reasonCode: 'UPGRADE_SELF_TEST_FAILED',
      reasonText: 'Version 0.3.0 did not start: this application refuses to load',
    });
    // Only Enter goes on: the operator has read why.
    press(device, 'enter');
    await waitForScreen(device, 'login.operator');
    expect(device.snapshot.bootNotice).toBeUndefined();
    press(device, '99', 'enter', '24681357', 'enter', '9', '9', '1');
    const version = await waitForScreen(device, 'upgrade.version');
    expect(version.body).toContain('Running 0.1.0 (factory)');
    expect(version.body).toContain('Last upgrade 0.3.0: rolled back');
    await device.switchOff();

    // The next start boots the factory copy straight away: the failed version is out of service.
    await device.start(true);
    expect(device.snapshot.bootNotice).toBeUndefined();
    expect(device.snapshot.steps.find((step) => step.check === 'software')?.detail.en).toBe(
      '0.1.0 (factory)',
    );
    await device.switchOff();
  }, 120_000);

  it('reports the battery slider to the upgrade: refused below 30 %, through on the charger', async () => {
    const device = openDevicePage(host, {
      tid: '10000001',
      platform: { ...testPlatform(33), importApplication: importFromDataUrl },
    });
    await device.start(true);
    await logInNewAdministrator(device);
    device.setBattery(20);
    const refusedRollout = await rollOut('0.4.0', moduleNamed('0.4.0'), '10000001');
    press(device, '9', '9', '2');
    await waitForScreen(device, 'upgrade.offer');
    press(device, 'enter');
    const refused = await waitForScreen(device, 'upgrade.result');
    expect(refused.body).toContain('UPGRADE_BATTERY_LOW');
    expect(await terminalState(refusedRollout, '10000001')).toMatchObject({
      state: 'refused',
      reasonCode: 'UPGRADE_BATTERY_LOW',
    });

    press(device, 'enter');
    await waitForScreen(device, 'menu.software');
    device.setCharging(true);
    // A flat battery is a refusal the merchant clears on the spot: the offer stands.
    press(device, '2');
    await waitForScreen(device, 'upgrade.offer');
    press(device, 'enter');
    const install = await waitForScreen(device, 'upgrade.install');
    expect(install.body).toContain('New version 0.4.0');
    await device.switchOff();
    await host.runtime.services.tms.changeRollout(refusedRollout, 'cancel');
  }, 120_000);

  it('rolls back a trial whose self-test fails (no host), restarts the previous version, and reports it once the host is back', async () => {
    const platform = { ...testPlatform(34), importApplication: importFromDataUrl };
    const device = openDevicePage(host, { tid: '10000001', platform });
    await device.start(true);
    await logInNewAdministrator(device);
    // Its own bytes: the host takes a payload once.
    const payload = new Uint8Array([...nextBuild, ...new TextEncoder().encode('\n// 0.6.0\n')]);
    const rolloutId = await rollOut('0.6.0', payload, '10000001');
    await installOffered(device);
    // Installed as trial; the power goes before the restart, and it comes back where no host answers.
    await device.switchOff();

    const offline = new DeviceController({
      tid: '10000001',
      provision: { tid: '10000001', mid: '898310058120001', demo: false },
      hostUrl: 'ws://127.0.0.1:1/iso8583',
      language: 'en',
      cards: TEST_CARDS,
      platform,
      noteworthyBootMs: 0,
    });
    void offline.start(true);
    const notice = await waitFor(
      offline,
      (snapshot) => snapshot.bootNotice !== undefined,
      'the rollback notice',
      60_000,
    );
    expect(notice.bootNotice?.en).toMatch(
      /^Version 0\.6\.0 was rolled back: Self-test failed: echo \(.+\)\. Running 0\.1\.0$/,
    );
    expect(notice.steps.find((step) => step.check === 'upgrade')).toMatchObject({
      state: 'failed',
      detail: {
        en: expect.stringMatching(
          /^0\.6\.0 rolled back, restarting the previous version: Self-test failed: echo/,
        ),
      },
    });
    expect(notice.steps.find((step) => step.check === 'software')?.detail.en).toBe('0.1.0 (factory)');
    press(offline, 'enter');
    await waitForScreen(offline, 'login.operator');
    await offline.switchOff();
    expect(await terminalState(rolloutId, '10000001')).not.toMatchObject({ state: 'rolled-back' });

    // Back with the host: the next start sends the report it kept.
    const online = openDevicePage(host, { tid: '10000001', platform });
    await online.start(true);
    expect(online.snapshot.bootNotice).toBeUndefined();
    expect(await terminalState(rolloutId, '10000001')).toMatchObject({
      state: 'rolled-back',
      reasonCode: 'UPGRADE_SELF_TEST_FAILED',
      reasonText: expect.stringMatching(/^Self-test failed: echo/),
    });
    await online.switchOff();
  }, 120_000);

  it('rolls back a trial the power cut short (a reload during its self-test) at the next start, and says so', async () => {
    const platform = { ...testPlatform(35), importApplication: importFromDataUrl };
    const device = openDevicePage(host, { tid: '10000002', platform });
    await device.start(true);
    await logInNewAdministrator(device);
    const payload = new Uint8Array([...nextBuild, ...new TextEncoder().encode('\n// 0.7.0\n')]);
    const rolloutId = await rollOut('0.7.0', payload, '10000002');
    await installOffered(device);
    await device.switchOff();
    // What the boot loader writes before the trial's self-test, left as a reload in the middle leaves it.
    const storage = await IndexedDbStorage.open(terminalDatabaseName('10000002'), {
      indexedDB: platform.indexedDB,
    });
    const store = await SlotStore.open(storage, new Date(TEST_START_MS).toISOString());
    await store.save({ ...store.state, trialBooted: true });
    await storage.close();

    // The start waits on the notice until Enter.
    const started = device.start(true);
    const notice = await waitFor(
      device,
      (snapshot) => snapshot.bootNotice !== undefined,
      'the rollback notice',
    );
    expect(notice.bootNotice?.en).toBe(
      'Version 0.7.0 was rolled back: The new version was not confirmed (power cut?): rolled back. Running 0.1.0',
    );
    expect(await terminalState(rolloutId, '10000002')).toMatchObject({
      state: 'rolled-back',
      reasonCode: 'UPGRADE_TRIAL_UNCONFIRMED',
    });
    press(device, 'enter');
    await started;
    await waitForScreen(device, 'login.operator');
    await device.switchOff();
  }, 120_000);
});

/** A small module of its own bytes (each published payload must differ). */
function moduleNamed(name: string): Uint8Array {
  return new TextEncoder().encode(`export const name = ${JSON.stringify(name)};\n`);
}
