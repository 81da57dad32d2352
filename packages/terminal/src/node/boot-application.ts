import { join } from 'node:path';
import { InvariantError, type Clock } from '@payterm/kernel';
import {
  FACTORY_APPLICATION,
  FACTORY_APPLICATION_VERSION,
  type TerminalApplication,
} from '../application/index.js';
import type { OpenTerminalOptions, PosTerminal } from '../engine/pos-terminal.js';
import type { TerminalDevices } from '../engine/terminal-devices.js';
import type { TerminalStorage } from '../ports/storage.js';
import { bootSoftware, rollBackSlot } from '../upgrade/boot-loader.js';
import type { SelfTestResult } from '../upgrade/self-test.js';
import { SlotStore } from '../upgrade/slot-store.js';
import type { BootTarget, SoftwareReport } from '../upgrade/slot-types.js';
import { importApplicationModule } from './application-module.js';

/** A version taken out of service while booting: an unconfirmed trial, a module that failed, a self-test. */
export interface BootRollback {
  readonly version: string;
  readonly code: string;
  readonly reason: string;
}

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

const MAX_REASON_CHARS = 120;

function reasonOf(prefix: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return `${prefix}: ${message}`.slice(0, MAX_REASON_CHARS);
}

function rollbacksIn(reports: readonly SoftwareReport[]): BootRollback[] {
  return reports
    .filter((report) => report.state === 'rolled-back')
    .map((report) => ({
      version: report.version,
      code: report.reasonCode ?? 'UPGRADE_SELF_TEST_FAILED',
      reason: report.reasonText ?? '',
    }));
}

/**
 * The Node shell's boot (docs/TMS.md §3.6): the boot loader picks the factory application or a slot, the
 * slot's module is imported from its verified bytes, the terminal opens on it with its version. A module
 * that does not load or open is rolled back and the previous target boots. A trial runs the self-test
 * (journal, keys, echo, sign-in) and is confirmed, or rolled back and the previous version boots.
 */
export async function bootApplication(context: BootContext): Promise<BootedTerminal> {
  const rolledBack: BootRollback[] = [];
  let trial: NodeBootReport['trial'];
  const nowIso = () => new Date(context.clock.nowMs()).toISOString();
  // Each pass boots, or takes one slot out of service: two slots need at most three passes.
  for (let pass = 0; pass < 3; pass++) {
    const before = (await SlotStore.open(context.storage, nowIso())).state.reports.length;
    const decision = await bootSoftware(context.storage, {
      factoryVersion: FACTORY_APPLICATION_VERSION,
      nowIso: nowIso(),
    });
    const after = await SlotStore.open(context.storage, nowIso());
    rolledBack.push(...rollbacksIn(after.state.reports.slice(Math.min(before, after.state.reports.length))));
    const target = decision.target;
    let application: TerminalApplication = FACTORY_APPLICATION;
    let terminal: PosTerminal;
    try {
      if (target !== 'factory' && decision.payload !== undefined) {
        const sha256 = after.state.slots[target].manifest?.sha256 ?? '';
        application = await importApplicationModule(context.appsDir, decision.payload, sha256);
      }
      terminal = await application.PosTerminal.open(context.devices(application), {
        ...context.openOptions,
        softwareVersion: decision.version,
      });
    } catch (error) {
      if (target === 'factory') throw error;
      const reason = reasonOf(`Version ${decision.version} did not start`, error);
      await rollBackSlot(after, target, 'UPGRADE_SELF_TEST_FAILED', nowIso(), reason);
      rolledBack.push({ version: decision.version, code: 'UPGRADE_SELF_TEST_FAILED', reason });
      continue;
    }
    if (decision.trial) {
      const { reason, ...ran } = await runTrial(context, terminal, decision.version);
      trial = ran;
      if (!ran.confirmed) {
        rolledBack.push({ version: decision.version, code: 'UPGRADE_SELF_TEST_FAILED', reason });
        await terminal.close();
        continue;
      }
    }
    const report = { version: decision.version, target, rolledBack };
    return { terminal, application, report: trial === undefined ? report : { ...report, trial } };
  }
  // Unreachable: the third pass at the latest boots the factory copy (or throws opening it).
  throw new InvariantError('the boot loader found no application to start', { passes: 3 });
}

/** The trial boot's self-test, then the confirmation or the rollback (reported to the host either way). */
async function runTrial(
  context: BootContext,
  terminal: PosTerminal,
  version: string,
): Promise<{ version: string; confirmed: boolean; selfTest: SelfTestResult; reason: string }> {
  await context.beforeStep?.('self-test');
  let selfTest: SelfTestResult;
  try {
    selfTest = await terminal.selfTest();
  } catch (error) {
    selfTest = {
      passed: false,
      failed: 'journal',
      checks: [
        { check: 'journal', ok: false, detail: error instanceof Error ? error.message : String(error) },
      ],
    };
  }
  if (selfTest.passed) {
    await terminal.software.confirmTrial();
    return { version, confirmed: true, selfTest, reason: '' };
  }
  const failed = selfTest.checks.find((check) => !check.ok);
  const reason = `Self-test failed: ${failed?.check ?? 'unknown'} (${failed?.detail ?? ''})`.slice(
    0,
    MAX_REASON_CHARS,
  );
  await terminal.software.rollBack(reason);
  return { version, confirmed: false, selfTest, reason };
}

/** The directory the imported application modules live in, under the terminal's data directory. */
export function applicationsDir(dataDir: string): string {
  return join(dataDir, 'apps');
}
