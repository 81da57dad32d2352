import { SeededRandom, SimulatedClock } from '@payterm/kernel';
import { TEST_CARDS, type Screen, type UiKey } from '@payterm/terminal';
import { IDBFactory } from 'fake-indexeddb';
import {
  NodeWebSocket,
  openWsTestHost,
  type WsTestHost,
} from '../../../../packages/terminal/test/support/ws-rig.js';
import { TEST_SCRYPT } from '../../../../packages/terminal/test/support/terminal-rig.js';
import { TEST_START_MS } from '../../../../packages/host/test/support/runtime.js';
import {
  DeviceController,
  type DeviceSnapshot,
  type PowerMemory,
} from '../../src/terminal/device-controller.js';
import { deviceParams } from '../../src/terminal/device-params.js';
import type { DevicePlatform } from '../../src/terminal/power-on.js';

export { openWsTestHost, type WsTestHost };

/**
 * What a browser gives the device, in Node: one IndexedDB (fake-indexeddb, kept across "reloads"),
 * the `ws` WebSocket, the host's simulated start time, a seeded random source and a low scrypt cost.
 */
export function testPlatform(
  seed = 11,
  indexedDB: IDBFactory = new IDBFactory(),
): DevicePlatform & {
  readonly indexedDB: IDBFactory;
} {
  return {
    indexedDB,
    WebSocket: NodeWebSocket,
    clock: new SimulatedClock(TEST_START_MS),
    random: new SeededRandom(seed),
    scryptCost: TEST_SCRYPT,
  };
}

/** sessionStorage of one tab, in memory. */
export class MemorySession implements PowerMemory {
  readonly #items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.#items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.#items.set(key, value);
  }
  removeItem(key: string): void {
    this.#items.delete(key);
  }
}

/** The device page's controller for `?tid=…` against the test host (a page load). */
export function openDevicePage(
  host: WsTestHost,
  options: { tid?: string; platform?: DevicePlatform; memory?: PowerMemory } = {},
): DeviceController {
  const params = deviceParams(`?tid=${options.tid ?? '10000001'}`);
  if (!params.ok) throw new Error(params.reason.en);
  return new DeviceController({
    tid: params.tid,
    provision: params.provision,
    hostUrl: host.url,
    language: params.language,
    cards: TEST_CARDS,
    memory: options.memory ?? new MemorySession(),
    platform: options.platform ?? testPlatform(),
    hintMs: 50,
    // The pause that lets a person read a self-test with warnings; tests read the steps.
    noteworthyBootMs: 0,
  });
}

/** Resolves with the snapshot once `accept` holds (the controller tells of each change). */
export function waitFor(
  controller: DeviceController,
  accept: (snapshot: DeviceSnapshot) => boolean,
  what: string,
  timeoutMs = 20_000,
): Promise<DeviceSnapshot> {
  if (accept(controller.snapshot)) return Promise.resolve(controller.snapshot);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      const screen = controller.snapshot.screen;
      reject(
        new Error(
          `waited for ${what}; the screen is ${screen?.id ?? controller.snapshot.power}: ${JSON.stringify(screen?.body)}`,
        ),
      );
    }, timeoutMs);
    const stop = controller.subscribe(() => {
      if (!accept(controller.snapshot)) return;
      clearTimeout(timer);
      stop();
      resolve(controller.snapshot);
    });
  });
}

/** Waits for the screen `id` (and returns it). */
export async function waitForScreen(controller: DeviceController, id: string): Promise<Screen> {
  const snapshot = await waitFor(controller, (next) => next.screen?.id === id, `screen ${id}`);
  return snapshot.screen as Screen;
}

/** Presses keys as the keypad does: digits of a string, or named keys. */
export function press(controller: DeviceController, ...keys: readonly (UiKey | string)[]): void {
  for (const key of keys) {
    if (/^\d+$/.test(key)) for (const digit of key) controller.dispatch({ type: 'key', key: digit as UiKey });
    else controller.dispatch({ type: 'key', key: key as UiKey });
  }
}

/** The cashier logs in on a fresh demo terminal: `01` / `0000`, then the forced change to `2468`. */
export async function logInNewCashier(controller: DeviceController): Promise<void> {
  await waitForScreen(controller, 'login.operator');
  press(controller, '01', 'enter');
  await waitForScreen(controller, 'login.password');
  press(controller, '0000', 'enter');
  await waitForScreen(controller, 'login.change.new-password');
  press(controller, '2468', 'enter');
  await waitForScreen(controller, 'login.change.confirm-password');
  press(controller, '2468', 'enter');
  await waitForScreen(controller, 'menu.main');
}
