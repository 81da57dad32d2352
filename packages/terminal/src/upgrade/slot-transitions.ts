import type { OperatorText } from '../engine/outcome.js';
import type {
  BootTarget,
  SlotName,
  SlotRecord,
  SoftwareReport,
  SoftwareReportState,
  SoftwareState,
  UpgradeResult,
} from './slot-types.js';

/** Reports kept for the host at most (the oldest go first): a terminal offline for weeks must not fill up. */
const MAX_REPORTS = 20;

/** The version the terminal runs when nothing else is known. */
export const DEFAULT_FACTORY_VERSION = '0.1.0';

export function factoryVersionOf(state: SoftwareState): string {
  return state.factoryVersion ?? DEFAULT_FACTORY_VERSION;
}

/** What the active target really is: a slot that is not confirmed cannot run, the factory copy always can. */
export function activeTarget(state: SoftwareState): BootTarget {
  const active = state.active;
  return active === 'factory' || state.slots[active].state === 'confirmed' ? active : 'factory';
}

export function versionOf(state: SoftwareState, target: BootTarget): string {
  return target === 'factory'
    ? factoryVersionOf(state)
    : (state.slots[target].version ?? factoryVersionOf(state));
}

/** The slot running in trial, if any. */
export function trialSlot(state: SoftwareState): SlotName | undefined {
  return (['A', 'B'] as const).find((slot) => state.slots[slot].state === 'trial');
}

/** The slot that is not running: the next version goes there (never over the running one). */
export function inactiveSlot(state: SoftwareState): SlotName {
  const active = activeTarget(state);
  if (active === 'A') return 'B';
  if (active === 'B') return 'A';
  // On the factory copy both are free: prefer one that holds nothing worth keeping.
  const kept = (slot: SlotName) =>
    state.slots[slot].state === 'confirmed' || state.slots[slot].state === 'trial';
  return kept('A') && !kept('B') ? 'B' : 'A';
}

/** Every version a new package must be above (docs/TMS.md §1: no downgrade, no replay). */
export function versionsSeen(state: SoftwareState, runningVersion: string): string[] {
  return [...state.installed, ...state.refused, runningVersion, factoryVersionOf(state)];
}

export function withReport(
  state: SoftwareState,
  report: Omit<SoftwareReport, 'at'>,
  at: string,
): SoftwareState {
  const reports = [...state.reports, { ...report, at }];
  return { ...state, reports: reports.slice(Math.max(0, reports.length - MAX_REPORTS)) };
}

export function withResult(
  state: SoftwareState,
  result: { state: UpgradeResult['state']; version: string; code?: string; text?: OperatorText },
  at: string,
): SoftwareState {
  return { ...state, lastResult: { ...result, at } };
}

export function withSlot(state: SoftwareState, slot: SlotName, record: SlotRecord): SoftwareState {
  return { ...state, slots: { ...state.slots, [slot]: record } };
}

export function addVersion(versions: readonly string[], version: string): string[] {
  return versions.includes(version) ? [...versions] : [...versions, version];
}

/** A failed or rolled-back slot's record: its bytes are deleted with it. */
export function failedSlot(record: SlotRecord, code: string, at: string): SlotRecord {
  return {
    state: 'failed',
    ...(record.version === undefined ? {} : { version: record.version }),
    ...(record.rolloutId === undefined ? {} : { rolloutId: record.rolloutId }),
    failure: code,
    updatedAt: at,
  };
}

/** The report of an event about `version` (rollout and running version filled in). */
export function reportOf(
  state: SoftwareState,
  slot: SlotRecord | undefined,
  event: {
    state: SoftwareReportState;
    version: string;
    runningVersion: string;
    code?: string;
    reason?: string;
    bytesReceived?: number;
  },
): Omit<SoftwareReport, 'at'> {
  const rolloutId = slot?.rolloutId ?? state.download?.rolloutId;
  return {
    state: event.state,
    version: event.version,
    runningVersion: event.runningVersion,
    ...(rolloutId === undefined ? {} : { rolloutId }),
    ...(event.code === undefined ? {} : { reasonCode: event.code }),
    ...(event.reason === undefined ? {} : { reasonText: asciiReason(event.reason) }),
    ...(event.bytesReceived === undefined ? {} : { bytesReceived: event.bytesReceived }),
  };
}

/** Tag A3 is printable ASCII, at most 120 characters. */
function asciiReason(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?').slice(0, 120);
}
