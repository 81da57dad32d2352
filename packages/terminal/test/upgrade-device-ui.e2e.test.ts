import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../host/src/app/demo-data.js';
import type { PowerStatus } from '../src/ports/power.js';
import type { Screen } from '../src/ui/index.js';
import { progressBar } from '../src/ui/flows/software-flows.js';
import { openWarmHost } from './support/engine-rig.js';
import type { TcpTestHost } from './support/terminal-rig.js';
import { rolloutProgress, rollOutTo } from './support/tms-rollout.js';
import { openUiRig, type UiRig } from './support/ui-rig.js';

const TID = DEMO.tids[0];

describe('menu 9 → upgrade & parameters on the device UI, against the real host', () => {
  let host: TcpTestHost;
  let rig: UiRig;
  const battery: { current: PowerStatus } = { current: { level: 12, charging: false } };
  let restarts = 0;
  const screens: Screen[] = [];

  beforeAll(async () => {
    host = await openWarmHost();
    rig = await openUiRig({
      port: host.port,
      tid: TID,
      power: { status: () => Promise.resolve(battery.current) },
      restart: () => {
        restarts += 1;
      },
    });
    rig.ui.onChange((screen) => screens.push(screen));
    // The administrator (published demo password), signed in.
    await rig.press('99', 'enter', '12345678', 'enter', '9', '1', 'enter');
    expect(rig.ui.screen.id).toBe('menu.management');
  });

  afterAll(async () => {
    await rig.close();
    await host.cleanup();
  });

  it('lists the entries of the upgrade menu as the ninth entry of menu 9', async () => {
    const screen = await rig.press('9');
    expect(screen.id).toBe('menu.software');
    expect(screen.menu?.map((item) => item.en)).toEqual([
      'Version',
      'Check for update',
      'Install upgrade',
      'Download parameters',
    ]);
  });

  it('downloads the parameters and says what changed', async () => {
    const screen = await rig.press('4');
    expect(screen.id).toBe('parameters.result');
    expect(screen.body).toContain('Parameters updated');
    expect(screen.body).toContain('Parameter version 1');
    expect(screen.body.some((line) => line.startsWith('Changed ') && line.includes('saleLimitMinor'))).toBe(
      true,
    );
    await rig.press('enter');
  });

  it('says plainly that nothing newer is offered', async () => {
    const screen = await rig.press('2');
    expect(screen.id).toBe('upgrade.none');
    expect(screen.body).toEqual(['No newer version is offered', 'Running 0.1.0']);
    await rig.press('enter');
  });

  it('refuses a low battery in words and tells the host', async () => {
    const { rolloutId } = await rollOutTo(host, TID, '1.3.0', 2_000);
    let screen = await rig.press('2');
    expect(screen.id).toBe('upgrade.offer');
    screen = await rig.press('enter');
    expect(screen.id).toBe('upgrade.result');
    expect(screen.tone).toBe('alert');
    expect(screen.body).toContain('Battery below 30 %: connect the charger, then upgrade');
    expect(screen.body).toContain('UPGRADE_BATTERY_LOW');
    expect(await rolloutProgress(host, rolloutId, TID)).toMatchObject({
      state: 'refused',
      reasonCode: 'UPGRADE_BATTERY_LOW',
    });
    await rig.press('enter');
  });

  it('on the charger, the same offer downloads with a progress bar, then installs and restarts', async () => {
    battery.current = { level: 12, charging: true };

    let screen = await rig.press('2');
    expect(screen.id).toBe('upgrade.offer');
    expect(screen.body).toContain('Offered 1.3.0');
    screens.length = 0;
    screen = await rig.press('enter');
    const progress = screens.filter((shown) => shown.id === 'upgrade.download').map((shown) => shown.body[0]);
    expect(progress.length).toBeGreaterThan(5);
    expect(progress.at(-1)).toBe(progressBar(1, 1));
    expect(screens.find((shown) => shown.id === 'upgrade.download')?.title.en).toBe('Downloading 1.3.0');
    expect(screen.id).toBe('upgrade.install');
    expect(screen.body).toContain('New version 1.3.0');
    expect(screen.body).toContain('Version 1.3.0');
    screen = await rig.press('enter');
    expect(screen.id).toBe('upgrade.installed');
    expect(screen.body).toEqual(['Installed 1.3.0', 'The terminal restarts now']);
    await rig.press('enter');
    expect(restarts).toBe(1);
    expect(rig.terminal.software.state.slots.A).toMatchObject({ state: 'trial', version: '1.3.0' });
  });

  it('shows the running version, both slots and the last result', async () => {
    const screen = await rig.press('1');
    expect(screen.id).toBe('upgrade.version');
    expect(screen.body).toEqual([
      'Running 0.1.0 (factory)',
      'Slot A: trial 1.3.0',
      'Slot B: empty',
      'Offered 1.3.0',
      'Last upgrade 1.3.0: installed, restart to run it',
      'Parameter version 1',
    ]);
    await rig.press('enter');
  });

  it('keeps a cashier out of the upgrade (administrator only)', async () => {
    await rig.press('cancel', '8', '01', 'enter', '0000', 'enter', '9', '9');
    const screen = await rig.press('2');
    expect(screen.id).toBe('error');
    expect(screen.body).toContain('Code TERMINAL_PERMISSION_DENIED');
    await rig.press('enter', 'cancel', 'cancel');
  });
});

describe('menu 9 → check for update with a package already verified', () => {
  let host: TcpTestHost;
  let rig: UiRig;

  beforeAll(async () => {
    host = await openWarmHost();
    rig = await openUiRig({ port: host.port, tid: TID, restart: () => undefined });
    await rig.press('99', 'enter', '12345678', 'enter', '9', '1', 'enter', '9');
    expect(rig.ui.screen.id).toBe('menu.software');
  });

  afterAll(async () => {
    await rig.close();
    await host.cleanup();
  });

  it('installs the newer version the host offers since, not the package verified before', async () => {
    await rollOutTo(host, TID, '1.2.0', 2_000);
    await rig.terminal.downloadParameters();
    expect(await rig.terminal.software.upgrade()).toMatchObject({ state: 'verified', version: '1.2.0' });
    await rollOutTo(host, TID, '1.4.0', 2_000);

    let screen = await rig.press('2');
    expect(screen.id).toBe('upgrade.offer');
    expect(screen.body).toContain('Offered 1.4.0');
    screen = await rig.press('enter');
    expect(screen.id).toBe('upgrade.install');
    expect(screen.body).toContain('New version 1.4.0');
    screen = await rig.press('enter');
    expect(screen.body).toEqual(['Installed 1.4.0', 'The terminal restarts now']);
    const slots = rig.terminal.software.state.slots;
    expect([slots.A, slots.B].find((slot) => slot.state === 'trial')).toMatchObject({ version: '1.4.0' });
  });

  it('then has nothing newer to offer: the newest offered version waits as the trial', async () => {
    // The 1.4.0 trial above is installed; only 1.2.0 remains offered, below it: nothing to do.
    const screen = await rig.press('enter', '2');
    expect(screen.id).toBe('upgrade.none');
  });
});
