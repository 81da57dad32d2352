import { systemClock, systemRandom, type Clock, type RandomSource } from '@payterm/kernel';
import {
  SoftwarePinPad,
  TestCardReader,
  type DeviceUi,
  type Language,
  type PosTerminal,
  type PowerPort,
  type Printer,
  type ProfileInput,
  type ScryptCost,
  type SoftwareSecurityModule,
  type TerminalApplication,
  type TestCard,
} from '@payterm/terminal';
import {
  firmwareSoftwareKeys,
  rejectApplication,
  WebSocketHostLink,
  type BootRollback,
  type IndexedDbStorage,
  type LoadedApplication,
  type WebSocketConstructor,
} from '@payterm/terminal/browser';
import {
  BootFailure,
  echoHost,
  openJournal,
  openSecurity,
  reason,
  resolveInterrupted,
} from './boot-checks.js';
import type { SelfTestStep } from './self-test.js';
import { loadSoftware, trialSelfTest, type SoftwareBootContext } from './software-boot.js';

export { BootFailure } from './boot-checks.js';

export interface PowerOnOptions {
  readonly tid: string;
  readonly provision: ProfileInput;
  /** `ws://host/iso8583` of the page's origin. */
  readonly hostUrl: string;
  readonly language: Language;
  readonly printer: Printer;
  readonly cards: readonly TestCard[];
  /** Each self-test line as it starts and ends. */
  readonly onStep: (step: SelfTestStep) => void;
  /** The device's battery, for the upgrade's precondition. */
  readonly power?: PowerPort;
  /** Menu 9's restart after an install (a power cycle in the page). */
  readonly restart?: () => void;
  /** What the browser gives by default; tests pass fake-indexeddb, the `ws` package, a lower scrypt cost. */
  readonly platform?: DevicePlatform;
}

export interface DevicePlatform {
  readonly indexedDB?: IDBFactory;
  readonly WebSocket?: WebSocketConstructor;
  readonly clock?: Clock;
  readonly random?: RandomSource;
  readonly scryptCost?: ScryptCost;
  /** Loads a verified application module (default: a blob URL; Node has none, tests pass a data URL). */
  readonly importApplication?: (payload: Uint8Array) => Promise<TerminalApplication>;
}

/** A device that booted: its display and keypad (`ui`, attached by the caller) over the terminal. */
export interface PoweredDevice {
  readonly ui: DeviceUi;
  readonly terminal: PosTerminal;
  /** The application version running (`MAJOR.MINOR.PATCH`). */
  readonly version: string;
  /** The versions this boot took out of service, and why (the boot screen asks the operator to read it). */
  readonly rolledBack: readonly BootRollback[];
  /** Power off: the menus stop, the host link and the journal close. */
  close(): Promise<void>;
}

/** The booted application's display and terminal, before the echo test. */
interface OpenedApplication {
  readonly ui: DeviceUi;
  readonly terminal: PosTerminal;
  close(): Promise<void>;
}

/**
 * How long power off waits for the operation running to end. A sale waiting for the host would keep
 * the device on for its whole response timeout; after this the journal closes as on a power loss, and
 * the next start resolves what was left in flight.
 */
export const POWER_OFF_GRACE_MS = 1500;

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The device UI and terminal of the application the boot loader started, over the firmware's drivers. */
async function openApplication(
  options: PowerOnOptions,
  storage: IndexedDbStorage,
  security: SoftwareSecurityModule,
  loaded: LoadedApplication,
): Promise<OpenedApplication> {
  const platform = options.platform ?? {};
  const random = platform.random ?? systemRandom;
  const application = loaded.application;
  const ui = new application.DeviceUi({
    language: options.language,
    printer: options.printer,
    cards: options.cards,
    ...(options.restart === undefined ? {} : { restart: options.restart }),
  });
  const terminal = await application.PosTerminal.open(
    {
      storage,
      link: new WebSocketHostLink(
        options.hostUrl,
        platform.WebSocket === undefined ? {} : { WebSocket: platform.WebSocket },
      ),
      security,
      cardReader: new TestCardReader(ui.cardPicker, { random, cards: options.cards }),
      pinPad: new SoftwarePinPad(security, ui.pinSource),
      printer: ui.printer,
      signaturePad: ui.signaturePad,
      clock: platform.clock ?? systemClock,
      random,
      ...(platform.scryptCost === undefined ? {} : { scryptCost: platform.scryptCost }),
      ...(options.power === undefined ? {} : { power: options.power }),
      softwareKeys: firmwareSoftwareKeys(options.tid),
    },
    { provision: options.provision, softwareVersion: loaded.version },
  );
  return {
    ui,
    terminal,
    async close() {
      const graceful = (async () => {
        await ui.close();
        await terminal.close();
      })();
      await Promise.race([graceful.catch(() => undefined), delay(POWER_OFF_GRACE_MS)]);
    },
  };
}

/**
 * Boots the device: journal (IndexedDB), security module and keys, the boot loader (the factory
 * application or an installed slot's module), the terminal core over the host's WebSocket channel with
 * the device UI's card panel, PIN pad, signature pad and printer, the echo test and what a power loss
 * left unfinished; a trial boot runs the upgrade self-test and is confirmed, or rolled back and the
 * previous version boots. Rejects with BootFailure when the device cannot run.
 */
export async function powerOn(options: PowerOnOptions): Promise<PoweredDevice> {
  const storage = await openJournal(options);
  try {
    const security = await openSecurity(options, storage);
    const clock = options.platform?.clock ?? systemClock;
    const software: SoftwareBootContext = {
      onStep: options.onStep,
      nowIso: () => new Date(clock.nowMs()).toISOString(),
      ...(options.platform?.importApplication === undefined
        ? {}
        : { importApplication: options.platform.importApplication }),
    };
    const rolledBack: BootRollback[] = [];
    // Each pass boots, or takes one version out of service and starts again (a restart).
    for (let pass = 0; pass < 3; pass++) {
      const loaded = await loadSoftware(software, storage);
      rolledBack.push(...loaded.rolledBack);
      let opened: OpenedApplication;
      try {
        opened = await openApplication(options, storage, security, loaded);
      } catch (error) {
        rolledBack.push(await rejectApplication(storage, loaded, error, software.nowIso()));
        continue;
      }
      const terminal = opened.terminal;
      const online = await echoHost(options, terminal);
      await resolveInterrupted(options, terminal, online);
      // What this boot rolled back, and what an offline start kept, goes to the TMS now.
      if (online && terminal.software.state.reports.length > 0)
        await terminal.software.flushReports().catch(() => 0);
      if (loaded.trial) {
        const trial = await trialSelfTest(software, terminal, loaded.version);
        if (!trial.confirmed) {
          rolledBack.push({ version: trial.version, code: 'UPGRADE_SELF_TEST_FAILED', reason: trial.reason });
          await opened.close();
          continue;
        }
      }
      return {
        ui: opened.ui,
        terminal,
        version: loaded.version,
        rolledBack,
        async close() {
          await opened.close();
          await storage.close();
        },
      };
    }
    throw new Error('the boot loader found no application to start');
  } catch (error) {
    await storage.close();
    if (error instanceof BootFailure) throw error;
    throw new BootFailure({
      zh: `启动失败：${reason(error)}`,
      en: `The device did not start: ${reason(error)}`,
    });
  }
}
