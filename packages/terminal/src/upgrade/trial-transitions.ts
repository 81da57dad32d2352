import { terminalError } from '../errors.js';
import type { SlotStore } from './slot-store.js';
import {
  activeTarget,
  addVersion,
  failedSlot,
  reportOf,
  trialSlot,
  versionOf,
  withReport,
  withResult,
  withSlot,
} from './slot-transitions.js';
import type { BootTarget, SlotName, SoftwareState } from './slot-types.js';
import { UPGRADE_TEXTS } from './upgrade-texts.js';

/**
 * Installs the verified package: its slot becomes `trial`, booted once at the next start (the caller
 * has checked the preconditions again).
 */
export async function installVerifiedSlot(
  store: SlotStore,
  nowIso: string,
): Promise<{ readonly slot: SlotName; readonly version: string }> {
  const state = store.state;
  const slot = (['A', 'B'] as const).find((name) => state.slots[name].state === 'verified');
  if (slot === undefined) throw terminalError('UPGRADE_NOT_VERIFIED', 'no slot holds a verified package', {});
  const record = state.slots[slot];
  const version = record.version ?? '';
  const { trialBooted: _booted, ...rest } = state;
  const next = withSlot(rest, slot, { ...record, state: 'trial', updatedAt: nowIso });
  await store.save(withResult(next, { state: 'trial', version }, nowIso));
  return { slot, version };
}

/**
 * Takes a slot out of service: it becomes `failed` (bytes deleted), its version is never offered to
 * this terminal again, the result is kept for menu 9 and a `362` `rolled-back` waits for the host. The
 * active target stays what it was (a trial never changed it).
 */
export async function rollBackSlot(
  store: SlotStore,
  slot: SlotName,
  code: 'UPGRADE_TRIAL_UNCONFIRMED' | 'UPGRADE_SLOT_CORRUPT' | 'UPGRADE_SELF_TEST_FAILED',
  nowIso: string,
  reason: string = UPGRADE_TEXTS[code].en,
): Promise<void> {
  const state = store.state;
  const record = state.slots[slot];
  const version = versionOf(state, slot);
  const wasActive = state.active === slot;
  const { trialBooted: _booted, ...rest } = state;
  let next: SoftwareState = {
    ...rest,
    active: wasActive ? fallbackFor(state, slot) : state.active,
    refused: addVersion(state.refused, version),
  };
  const running = versionOf(next, activeTarget(next));
  next = withReport(
    next,
    reportOf(state, record, { state: 'rolled-back', version, runningVersion: running, code, reason }),
    nowIso,
  );
  next = withResult(next, { state: 'rolled-back', version, code, text: UPGRADE_TEXTS[code] }, nowIso);
  await store.clearSlot(slot, failedSlot(record, code, nowIso), next);
}

/** The other slot when it still holds a confirmed version, else the factory copy. */
function fallbackFor(state: SoftwareState, slot: SlotName): BootTarget {
  const other: SlotName = slot === 'A' ? 'B' : 'A';
  return state.slots[other].state === 'confirmed' ? other : 'factory';
}

/**
 * The trial passed its self-test: its slot becomes the active one (`confirmed`), the one it replaces
 * stays as the fallback, and `installed` waits for the host.
 */
export async function confirmTrialSlot(store: SlotStore, nowIso: string): Promise<string> {
  const state = store.state;
  const slot = trialSlot(state);
  if (slot === undefined) {
    throw terminalError('UPGRADE_NO_TRIAL', 'no trial version is running to confirm', {});
  }
  const record = state.slots[slot];
  const version = versionOf(state, slot);
  const { trialBooted: _booted, ...rest } = state;
  let next: SoftwareState = {
    ...rest,
    active: slot,
    installed: addVersion(state.installed, version),
    slots: { ...state.slots, [slot]: { ...record, state: 'confirmed', updatedAt: nowIso } },
  };
  next = withReport(
    next,
    reportOf(state, record, { state: 'installed', version, runningVersion: version }),
    nowIso,
  );
  next = withResult(next, { state: 'installed', version }, nowIso);
  await store.save(next);
  return version;
}
