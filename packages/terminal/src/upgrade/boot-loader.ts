import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { TerminalStorage } from '../ports/storage.js';
import { SlotStore } from './slot-store.js';
import { activeTarget, trialSlot, versionOf } from './slot-transitions.js';
import type { BootTarget, SlotName, SoftwareState } from './slot-types.js';
import { rollBackSlot } from './trial-transitions.js';

// The trial's transitions, for the shells that import them from here.
export { confirmTrialSlot, rollBackSlot } from './trial-transitions.js';

/** What the boot loader starts, decided from the slot store alone. */
export interface BootDecision {
  readonly target: BootTarget;
  readonly version: string;
  /** A trial boot: run the self-test, then `confirmTrial()` or `rollBack()`. */
  readonly trial: boolean;
  /** A trial slot found unconfirmed at this boot (a power cut during its trial): rolled back now. */
  readonly rolledBack?: { readonly slot: SlotName; readonly version: string };
}

/** The decision with the module bytes to load when the target is a slot. */
export interface BootedSoftware extends BootDecision {
  /** The application module (the package payload, its SHA-256 checked again); absent for the factory copy. */
  readonly payload?: Uint8Array;
}

export interface BootOptions {
  /** The version of the factory application built into this firmware. */
  readonly factoryVersion: string;
  readonly nowIso: string;
}

/**
 * docs/TMS.md §3.6 as a pure function: a `trial` slot boots once; a trial slot already booted and still
 * not confirmed means the trial never finished, so the previous target boots and the trial is rolled back.
 */
export function decideBoot(state: SoftwareState): BootDecision {
  const trial = trialSlot(state);
  const active = activeTarget(state);
  if (trial !== undefined && state.trialBooted !== true) {
    return { target: trial, version: versionOf(state, trial), trial: true };
  }
  const decision = { target: active, version: versionOf(state, active), trial: false };
  if (trial === undefined) return decision;
  return { ...decision, rolledBack: { slot: trial, version: versionOf(state, trial) } };
}

/**
 * The boot loader the shells call before they load the application: decides, writes what the decision
 * changes (the trial marked as booted, or an unconfirmed trial rolled back and reported), and reads the
 * slot's module, checking its SHA-256 against the verified manifest. A slot that no longer holds its
 * package is marked failed and the boot falls back (the previous slot, then the factory copy).
 */
export async function bootSoftware(storage: TerminalStorage, options: BootOptions): Promise<BootedSoftware> {
  const store = await SlotStore.open(storage, options.nowIso);
  if (store.state.factoryVersion !== options.factoryVersion) {
    await store.save({ ...store.state, factoryVersion: options.factoryVersion });
  }
  // Each pass either boots or fails one slot, so two slots need at most three passes.
  for (let pass = 0; pass < 3; pass++) {
    const decision = decideBoot(store.state);
    if (decision.rolledBack !== undefined) {
      await rollBackSlot(store, decision.rolledBack.slot, 'UPGRADE_TRIAL_UNCONFIRMED', options.nowIso);
      continue;
    }
    if (decision.trial) await store.save({ ...store.state, trialBooted: true });
    if (decision.target === 'factory') return decision;
    const payload = await readModule(store, decision.target);
    if (payload !== undefined) return { ...decision, payload };
    await rollBackSlot(store, decision.target, 'UPGRADE_SLOT_CORRUPT', options.nowIso);
  }
  return { target: 'factory', version: options.factoryVersion, trial: false };
}

/** The payload of a slot when it is whole and its SHA-256 is the manifest's; otherwise undefined. */
async function readModule(store: SlotStore, slot: SlotName): Promise<Uint8Array | undefined> {
  const record = store.state.slots[slot];
  const manifest = record.manifest;
  if (manifest === undefined || record.prefixBytes === undefined) return undefined;
  let file: Uint8Array;
  try {
    file = await store.readPackage(slot);
  } catch {
    return undefined;
  }
  const payload = file.subarray(record.prefixBytes);
  if (payload.length !== manifest.size || bytesToHex(sha256(payload)) !== manifest.sha256) return undefined;
  return payload;
}
