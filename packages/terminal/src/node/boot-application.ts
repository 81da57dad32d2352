import { join } from 'node:path';
import { InvariantError, type Clock } from '@payterm/kernel';
import type { TerminalApplication } from '../application/index.js';
import type { OpenTerminalOptions, PosTerminal } from '../engine/pos-terminal.js';
import type { TerminalDevices } from '../engine/terminal-devices.js';
import type { TerminalStorage } from '../ports/storage.js';
import {
  loadApplication,
  rejectApplication,
  runTrialSelfTest,
  type BootRollback,
} from '../upgrade/application-boot.js';
import type { SelfTestResult } from '../upgrade/self-test.js';
import type { BootTarget } from '../upgrade/slot-types.js';
import { importApplicationModule } from './application-module.js';

export type { BootRollback };

/** What the boot loader started, and what it had to undo on the way. */
export interface NodeBootReport {
  /** The version running now (`MAJOR.MINOR.PATCH`). */
  readonly version: string;
  readonly target: BootTarget;
  /** This start ran the trial of a newly installed version: its self-test, and whether it was confirmed. */
  readonly trial?: {
    readonly version: string;
    readonly confirmed: boolean;
    readonly selfTest: SelfTestResult;
  };
  readonly rolledBack: readonly BootRollback[];
}

/** Points in the boot where a test may stop the process (`kill -9` between two durable writes). */
export type BootStep = 'self-test';

export interface BootContext {
  readonly storage: TerminalStorage;
  /** Application modules are written here, named by their hash (Node imports files). */
  readonly appsDir: string;
  readonly clock: Clock;
  /** The terminal's devices for the application just loaded (its own UI builds the customer side). */
  readonly devices: (application: TerminalApplication) => TerminalDevices;
  readonly openOptions: Omit<OpenTerminalOptions, 'softwareVersion'>;
  /** Awaited at each step before it runs (tests pause the process here). */
  readonly beforeStep?: (step: BootStep) => Promise<void>;
}

export interface BootedTerminal {
  readonly terminal: PosTerminal;
  readonly application: TerminalApplication;
  readonly report: NodeBootReport;
}

/**
 * The Node shell's boot (docs/TMS.md §3.6): the shared boot loader picks the factory application or a
 * slot and imports the slot's module from its verified bytes; the terminal opens on it with its version.
 * A module that does not open is rolled back and the previous target boots. A trial runs the self-test
 * (journal, keys, echo, sign-in) and is confirmed, or rolled back and the previous version boots.
 */
export async function bootApplication(context: BootContext): Promise<BootedTerminal> {
  const rolledBack: BootRollback[] = [];
  let trial: NodeBootReport['trial'];
  const nowIso = () => new Date(context.clock.nowMs()).toISOString();
  const importModule = (payload: Uint8Array, sha256: string) =>
    importApplicationModule(context.appsDir, payload, sha256);
  // Each pass boots, or takes one version out of service: two slots need at most three passes.
  for (let pass = 0; pass < 3; pass++) {
    const loaded = await loadApplication(context.storage, { nowIso, importModule });
    rolledBack.push(...loaded.rolledBack);
    const { application, version, target } = loaded;
    let terminal: PosTerminal;
    try {
      terminal = await application.PosTerminal.open(context.devices(application), {
        ...context.openOptions,
        softwareVersion: version,
      });
    } catch (error) {
      rolledBack.push(await rejectApplication(context.storage, loaded, error, nowIso()));
      continue;
    }
    if (loaded.trial) {
      await context.beforeStep?.('self-test');
      const { reason, ...ran } = await runTrialSelfTest(terminal, version);
      trial = ran;
      if (!ran.confirmed) {
        rolledBack.push({ version, code: 'UPGRADE_SELF_TEST_FAILED', reason });
        await terminal.close();
        continue;
      }
    }
    const report = { version, target, rolledBack };
    return { terminal, application, report: trial === undefined ? report : { ...report, trial } };
  }
  // Unreachable: the third pass at the latest boots the factory copy (or throws opening it).
  throw new InvariantError('the boot loader found no application to start', { passes: 3 });
}

/** The directory the imported application modules live in, under the terminal's data directory. */
export function applicationsDir(dataDir: string): string {
  return join(dataDir, 'apps');
}
