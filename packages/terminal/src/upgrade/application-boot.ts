import {
  FACTORY_APPLICATION,
  FACTORY_APPLICATION_VERSION,
  type TerminalApplication,
} from '../application/index.js';
import type { PosTerminal } from '../engine/pos-terminal.js';
import type { TerminalStorage } from '../ports/storage.js';
import { bootSoftware, rollBackSlot } from './boot-loader.js';
import type { SelfTestResult } from './self-test.js';
import { SlotStore } from './slot-store.js';
import type { BootTarget, SoftwareReport } from './slot-types.js';

/** A version taken out of service while booting: an unconfirmed trial, a module that failed, a self-test. */
export interface BootRollback {
  readonly version: string;
  readonly code: string;
  /** English, at most 120 characters (what the `362` report carries). */
  readonly reason: string;
}

/** The application the boot loader chose, loaded, and what it undid on the way. */
export interface LoadedApplication {
  readonly application: TerminalApplication;
  /** The version it runs (`MAJOR.MINOR.PATCH`): open the terminal with it. */
  readonly version: string;
  readonly target: BootTarget;
  /** A trial boot: run `runTrialSelfTest` once the terminal is open. */
  readonly trial: boolean;
  readonly rolledBack: readonly BootRollback[];
}

export interface LoadApplicationOptions {
  readonly nowIso: () => string;
  /** Loads a verified module: the shell's way (a blob URL in the browser, a file named by its hash in Node). */
  readonly importModule: (payload: Uint8Array, sha256: string) => Promise<TerminalApplication>;
}

const MAX_REASON_CHARS = 120;

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** `Version 0.3.0 did not start: …`, cut to what a `362` report carries. */
export function startFailureReason(version: string, error: unknown): string {
  return `Version ${version} did not start: ${messageOf(error)}`.slice(0, MAX_REASON_CHARS);
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
 * The shells' boot loader (docs/TMS.md §3.6): `bootSoftware` picks the factory application or a slot,
 * and a slot's module is imported from its verified bytes. A module that does not load, or does
 * not offer this firmware's interface, is rolled back (reported) and the previous target boots.
 */
export async function loadApplication(
  storage: TerminalStorage,
  options: LoadApplicationOptions,
): Promise<LoadedApplication> {
  const rolledBack: BootRollback[] = [];
  // Each pass boots, or takes one slot out of service: two slots need at most three passes.
  for (let pass = 0; pass < 3; pass++) {
    const before = (await SlotStore.open(storage, options.nowIso())).state.reports.length;
    const decision = await bootSoftware(storage, {
      factoryVersion: FACTORY_APPLICATION_VERSION,
      nowIso: options.nowIso(),
    });
    const after = await SlotStore.open(storage, options.nowIso());
    rolledBack.push(...rollbacksIn(after.state.reports.slice(Math.min(before, after.state.reports.length))));
    const { target, version, trial } = decision;
    if (target === 'factory' || decision.payload === undefined) {
      return { application: FACTORY_APPLICATION, version, target, trial, rolledBack };
    }
    try {
      const sha256 = after.state.slots[target].manifest?.sha256 ?? '';
      const application = await options.importModule(decision.payload, sha256);
      return { application, version, target, trial, rolledBack };
    } catch (error) {
      const reason = startFailureReason(version, error);
      await rollBackSlot(after, target, 'UPGRADE_SELF_TEST_FAILED', options.nowIso(), reason);
      rolledBack.push({ version, code: 'UPGRADE_SELF_TEST_FAILED', reason });
    }
  }
  return {
    application: FACTORY_APPLICATION,
    version: FACTORY_APPLICATION_VERSION,
    target: 'factory',
    trial: false,
    rolledBack,
  };
}

/**
 * The loaded application did not open a terminal: its slot is rolled back (reported) like a module that
 * does not load, so the next boot starts the previous version. The factory copy has nothing to fall
 * back to: the caller reports the failure instead.
 */
export async function rejectApplication(
  storage: TerminalStorage,
  loaded: LoadedApplication,
  error: unknown,
  nowIso: string,
): Promise<BootRollback> {
  if (loaded.target === 'factory') throw error;
  const reason = startFailureReason(loaded.version, error);
  const store = await SlotStore.open(storage, nowIso);
  await rollBackSlot(store, loaded.target, 'UPGRADE_SELF_TEST_FAILED', nowIso, reason);
  return { version: loaded.version, code: 'UPGRADE_SELF_TEST_FAILED', reason };
}

/** How the trial of a newly installed version ended. */
export interface TrialOutcome {
  readonly version: string;
  readonly confirmed: boolean;
  readonly selfTest: SelfTestResult;
  /** Why it was rolled back (empty when confirmed). */
  readonly reason: string;
}

/**
 * The trial boot's self-test (journal, keys, echo, sign-in), then the confirmation or the rollback, each
 * reported to the host. After a rollback the shell restarts: the boot loader starts the previous version.
 */
export async function runTrialSelfTest(terminal: PosTerminal, version: string): Promise<TrialOutcome> {
  let selfTest: SelfTestResult;
  try {
    selfTest = await terminal.selfTest();
  } catch (error) {
    selfTest = {
      passed: false,
      failed: 'journal',
      checks: [{ check: 'journal', ok: false, detail: messageOf(error) }],
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
