import { mkdir } from 'node:fs/promises';
import { systemClock, systemRandom, type Clock, type RandomSource } from '@payterm/kernel';
import { DEMO_SOFTWARE_PUBLIC_KEY } from '@payterm/software';
import type { TerminalApplication } from '../application/index.js';
import { DEMO_TERMINALS, DEMO_TMK_HEX, DEMO_TMK_KCV } from '../demo-terminals.js';
import type { PosTerminal } from '../engine/pos-terminal.js';
import { loadState } from '../engine/terminal-state.js';
import type { CardReader } from '../ports/card-reader.js';
import type { PinPad } from '../ports/pin-pad.js';
import type { PowerPort } from '../ports/power.js';
import type { Printer } from '../ports/printer.js';
import type { SignaturePad } from '../ports/signature-pad.js';
import type { ProfileInput } from '../profile.js';
import type { SecurityModule } from '../security/security-module.js';
import { SoftwareSecurityModule } from '../security/software-security-module.js';
import type { ScryptCost } from '../operators/password-hash.js';
import { applicationsDir, bootApplication, type BootStep, type NodeBootReport } from './boot-application.js';
import { loadOrCreateDeviceKey } from './device-key.js';
import { chooseHostLink, type HostAddressChoice, type NodeHostAddress } from './host-address-choice.js';
import { SqliteTerminalStorage } from './sqlite-storage.js';
import { withFreeBytes } from './storage-free-bytes.js';

// Kept here too: the CLI, the bench and tests import them from the Node entry point.
export { DEMO_TERMINALS, DEMO_TMK_HEX, DEMO_TMK_KCV };

/** The devices a Node terminal is built with; the security module is handed to them once it exists. */
export interface NodeTerminalPeripherals {
  readonly cardReader: CardReader;
  readonly pinPad: PinPad;
  readonly printer: Printer;
  readonly signaturePad?: SignaturePad;
}

export interface NodeTerminalOptions {
  /** Journal, secure element and device key live here (created 0700). */
  readonly dataDir: string;
  readonly host: string;
  readonly port: number;
  /**
   * `explicit` (the default): always `host`/`port`. `default`: they are only the fallback, and the
   * stored profile's TMS addresses (tags 20/21, primary then secondary) are used when it has them.
   */
  readonly address?: HostAddressChoice;
  /** The profile for the first start; later starts keep the stored one. */
  readonly provision?: ProfileInput;
  /**
   * Builds the card reader, PIN pad and printer around the security module, for the application the
   * boot loader started (a device UI comes from it); called again when a failed trial boots the previous one.
   */
  readonly peripherals: (
    security: SecurityModule,
    application: TerminalApplication,
  ) => NodeTerminalPeripherals;
  readonly clock?: Clock;
  readonly random?: RandomSource;
  readonly scryptCost?: ScryptCost;
  /** The device's battery; absent: on mains (docs/TMS.md §3.2). */
  readonly power?: PowerPort;
  /** The free storage the terminal reports instead of the file system's (a nearly full disk, in tests). */
  readonly freeBytes?: number;
  /** Ed25519 public keys (raw) trusted for software packages; absent: a demo TID trusts the demo key, others none. */
  readonly softwareKeys?: readonly Uint8Array[];
  /** The terminal's own TMS after sign-in and header digit 6 (default true; see `OpenTerminalOptions`). */
  readonly automaticTms?: boolean;
  /** Awaited before each boot step (tests stop the process there to cut the power). */
  readonly beforeBootStep?: (step: BootStep) => Promise<void>;
}

export interface NodeTerminal {
  readonly terminal: PosTerminal;
  readonly security: SecurityModule;
  /** The application the boot loader started (the factory copy or a slot's module). */
  readonly application: TerminalApplication;
  /** The running version, the trial's self-test and any rollback of this start. */
  readonly boot: NodeBootReport;
  /** The host addresses this start connects to and where they came from. */
  readonly hostAddress: NodeHostAddress;
  close(): Promise<void>;
}

/**
 * A terminal on this machine: SQLite journal, software security module sealed under a device key
 * file, TCP to the host (the TMS addresses of tags 20/21 when the caller's is only a default), and
 * the application the boot loader starts (docs/TMS.md §3.6): the factory copy or an installed slot's
 * module, a trial self-tested and confirmed or rolled back. A demo TID
 * (10000001/10000002) gets the demo merchant and the published test TMK on its first start, so it can
 * sign in at once against `npm start`.
 */
export async function openNodeTerminal(options: NodeTerminalOptions): Promise<NodeTerminal> {
  await mkdir(options.dataDir, { recursive: true, mode: 0o700 });
  const sqlite = await SqliteTerminalStorage.open(options.dataDir);
  const storage = options.freeBytes === undefined ? sqlite : withFreeBytes(sqlite, options.freeBytes);
  try {
    const random = options.random ?? systemRandom;
    const clock = options.clock ?? systemClock;
    const deviceKey = await loadOrCreateDeviceKey(options.dataDir);
    const security = await SoftwareSecurityModule.open({ storage, deviceKey, random });
    const tid = options.provision?.tid;
    if (!security.hasMasterKey() && tid !== undefined && DEMO_TERMINALS[tid] !== undefined) {
      await security.loadMasterKey(DEMO_TMK_HEX, DEMO_TMK_KCV);
    }
    // Like the test TMK: a demo terminal trusts the published demo signing key unless told otherwise.
    const softwareKeys =
      options.softwareKeys ??
      (tid !== undefined && DEMO_TERMINALS[tid] !== undefined ? [DEMO_SOFTWARE_PUBLIC_KEY] : undefined);
    // Read before the boot: the TMS may change the addresses while running, for the next start.
    const host = chooseHostLink(
      { host: options.host, port: options.port },
      options.address ?? 'explicit',
      (await loadState(storage))?.profile,
    );
    const booted = await bootApplication({
      storage,
      appsDir: applicationsDir(options.dataDir),
      clock,
      devices: (application) => ({
        storage,
        link: host.link(),
        security,
        ...options.peripherals(security, application),
        clock,
        random,
        ...(options.scryptCost === undefined ? {} : { scryptCost: options.scryptCost }),
        ...(options.power === undefined ? {} : { power: options.power }),
        ...(softwareKeys === undefined ? {} : { softwareKeys }),
      }),
      openOptions: {
        ...(options.provision === undefined ? {} : { provision: options.provision }),
        ...(options.automaticTms === undefined ? {} : { automaticTms: options.automaticTms }),
      },
      ...(options.beforeBootStep === undefined ? {} : { beforeStep: options.beforeBootStep }),
    });
    const terminal = booted.terminal;
    // What this boot rolled back goes to the TMS now (the host may be down: it waits for the next chance).
    if (booted.report.rolledBack.length > 0) await terminal.software.flushReports().catch(() => 0);
    return {
      terminal,
      security,
      application: booted.application,
      boot: booted.report,
      hostAddress: host.address,
      async close() {
        await terminal.close();
        await storage.close();
      },
    };
  } catch (error) {
    await storage.close();
    throw error;
  }
}
