import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOrCreateDeviceKey } from '../src/terminal/device-key-store.js';
import { TEST_CARDS } from '@payterm/terminal';
import { DeviceController, HINTS } from '../src/terminal/device-controller.js';
import {
  logInNewCashier,
  MemorySession,
  openDevicePage,
  openWsTestHost,
  press,
  testPlatform,
  waitFor,
  waitForScreen,
  type WsTestHost,
} from './support/device-host.js';

const POWER_KEY = 'payterm-power-10000001';

/** Menu 9 → 1: sign in; back to the main menu. */
async function signIn(device: DeviceController): Promise<void> {
  press(device, '9');
  await waitForScreen(device, 'menu.management');
  press(device, '1');
  const result = await waitForScreen(device, 'sign-in.result');
  expect(result.tone).toBe('ok');
  press(device, 'enter');
  await waitForScreen(device, 'menu.management');
  press(device, 'cancel');
  await waitForScreen(device, 'menu.main');
}

/** Menu 1: a sale of `amount` digits with the first test card inserted and its PIN. */
async function startSale(device: DeviceController, amount: string): Promise<void> {
  press(device, '1');
  await waitForScreen(device, 'sale.amount');
  press(device, amount, 'enter');
  await waitForScreen(device, 'customer.card');
  device.dispatch({ type: 'card', pan: '6200001000000011', entry: 'insert' });
  await waitForScreen(device, 'customer.pin');
  press(device, '123456', 'enter');
}

describe('the web terminal powered on against the real host (IndexedDB and WebSocket as in the page)', () => {
  let host: WsTestHost;
  beforeAll(async () => {
    host = await openWsTestHost();
  });
  afterAll(async () => {
    await host.cleanup();
  });

  it('boots a demo terminal only on a long press: journal, device key, the demo TMK, host echo, then the login screen', async () => {
    const memory = new MemorySession();
    const platform = testPlatform(21);
    const device = openDevicePage(host, { tid: '10000001', platform, memory });
    await device.start(false);
    expect(device.snapshot.power).toBe('off');
    device.tapPower();
    expect(device.snapshot.powerHint).toEqual(HINTS.holdToStart);

    await device.holdPower();
    const on = device.snapshot;
    expect(on.power).toBe('on');
    expect(on.steps.map((step) => [step.check, step.state])).toEqual([
      ['journal', 'ok'],
      ['keys', 'ok'],
      ['software', 'ok'],
      ['host', 'ok'],
    ]);
    expect(on.steps[1]?.detail.en).toBe('Master key KCV 08D7B4');
    expect(on.steps[2]?.detail.en).toBe('0.1.0 (factory)');
    expect(memory.getItem(POWER_KEY)).toBe('on');
    const login = await waitForScreen(device, 'login.operator');
    expect(login.status).toMatchObject({
      tid: '10000001',
      merchantName: 'PayTerm Demo Store',
      operator: null,
    });
    expect(login.status?.items.map((item) => item.kind)).toEqual(['not-signed-in']);

    // The device key was made once and stays: the next start reads the same one.
    const key = await loadOrCreateDeviceKey('10000001', {
      random: platform.random!,
      indexedDB: platform.indexedDB,
    });
    expect(key).toHaveLength(32);
    expect(
      await loadOrCreateDeviceKey('10000001', { random: platform.random!, indexedDB: platform.indexedDB }),
    ).toEqual(key);

    await device.holdPower();
    expect(device.snapshot).toMatchObject({ power: 'off', screen: null, steps: [] });
    expect(memory.getItem(POWER_KEY)).toBeNull();
  });

  it('starts by itself after a reload while it was on, and not after it was switched off', async () => {
    const memory = new MemorySession();
    const platform = testPlatform(22);
    const first = openDevicePage(host, { tid: '10000002', platform, memory });
    await first.holdPower();
    expect(first.snapshot.power).toBe('on');

    const reloaded = openDevicePage(host, { tid: '10000002', platform, memory });
    await reloaded.start(false);
    expect(reloaded.snapshot.power).toBe('on');
    await waitForScreen(reloaded, 'login.operator');
    await reloaded.switchOff();
    await first.switchOff();

    const later = openDevicePage(host, { tid: '10000002', platform, memory });
    await later.start(false);
    expect(later.snapshot.power).toBe('off');
  });

  it('completes a sale with the paper out, shows the slips as not printed, and reprints from menu 8', async () => {
    const device = openDevicePage(host, { tid: '10000001', platform: testPlatform(23) });
    await device.start(true);
    await logInNewCashier(device);
    await signIn(device);

    device.setPaperOut(true);
    await startSale(device, '2500');
    const result = await waitForScreen(device, 'result');
    expect(result.tone).toBe('ok');
    expect(result.body).toContain('Approved');
    expect(result.slip).toMatchObject({ kind: 'transaction', paperOut: true });
    expect(device.snapshot.slips.map((entry) => [entry.slip.copy, entry.paperOut])).toEqual([
      ['merchant', true],
    ]);

    device.setPaperOut(false);
    press(device, 'enter');
    await waitForScreen(device, 'menu.main');
    press(device, '8');
    await waitForScreen(device, 'menu.print');
    press(device, '1');
    const printed = await waitForScreen(device, 'print.done');
    expect(printed.tone).toBe('ok');
    const [reprint] = device.snapshot.slips;
    expect(reprint).toMatchObject({ paperOut: false, slip: { kind: 'transaction', reprint: true } });
    const text = reprint?.slip.lines.join('\n') ?? '';
    expect(text).toContain('620000******0011');
    expect(text).not.toContain('6200001000000011');
    await device.switchOff();
  });

  it('goes off when the battery runs empty and will not start until it is charged', async () => {
    const device = openDevicePage(host, { tid: '10000002', platform: testPlatform(24) });
    await device.start(true);
    expect(device.snapshot.power).toBe('on');
    device.setBattery(10);
    expect(device.snapshot.power).toBe('on');
    device.setBattery(0);
    await waitFor(device, (snapshot) => snapshot.power === 'off', 'power off');
    expect(device.snapshot.powerHint).toEqual(HINTS.batteryEmpty);
    await device.holdPower();
    expect(device.snapshot.power).toBe('off');
    device.setBattery(40);
    await device.holdPower();
    expect(device.snapshot.power).toBe('on');
    await device.switchOff();
  });
});

describe('a device whose host cannot be reached', () => {
  it('starts offline: the echo test warns, the login screen comes, the status line says offline', async () => {
    const device = new DeviceController({
      tid: '10000001',
      provision: { tid: '10000001', mid: '898310058120001', demo: false },
      // Port 1: nothing listens, the connection is refused at once.
      hostUrl: 'ws://127.0.0.1:1/iso8583',
      language: 'en',
      cards: TEST_CARDS,
      platform: testPlatform(41),
      noteworthyBootMs: 0,
    });
    await device.start(true);
    expect(device.snapshot.power).toBe('on');
    expect(device.snapshot.steps.find((step) => step.check === 'host')).toMatchObject({
      state: 'warning',
      detail: { en: expect.stringContaining('starting offline') },
    });
    const login = await waitForScreen(device, 'login.operator');
    expect(login.status?.items.map((item) => item.kind)).toEqual(['not-signed-in', 'offline']);
    await device.switchOff();
  });
});

describe('a reload in the middle of a sale, over the real host', () => {
  it('reverses the sale whose answer the lost page never got, at the next start, and says so', async () => {
    const host = await openWsTestHost();
    const memory = new MemorySession();
    const platform = testPlatform(31);
    try {
      const before = openDevicePage(host, { tid: '10000001', platform, memory });
      await before.start(true);
      await logInNewCashier(before);
      await signIn(before);
      // 9198: the host approves and records the sale and never answers.
      await startSale(before, '19198');
      await host.processedCount('sale', 1);
      // The page goes while the sale waits: its journal closes with the sale in flight.
      await before.switchOff();
      memory.setItem(POWER_KEY, 'on');

      const after = openDevicePage(host, { tid: '10000001', platform, memory });
      await after.start(false);
      expect(after.snapshot.power).toBe('on');
      const recovery = after.snapshot.steps.find((step) => step.check === 'recovery');
      expect(recovery).toMatchObject({
        state: 'ok',
        detail: {
          zh: expect.stringMatching(/^凭证 \d{6} 已冲正$/),
          en: expect.stringMatching(/^voucher \d{6} reversed$/),
        },
      });
      expect(host.processed).toContainEqual({ mti: '0400', kind: 'reversal', responseCode: '00' });
      const login = await waitForScreen(after, 'login.operator');
      expect(login.status?.items.map((item) => item.kind)).toEqual(['signed-in']);
      await after.switchOff();
    } finally {
      await host.cleanup();
    }
  });
});
