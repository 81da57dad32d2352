import type { TerminalParameters } from '@payterm/protocol';
import type {
  RolloutTerminalRecord,
  TerminalSoftwareRecord,
} from '../storage/repositories/rollout-repository.js';
import type { SoftwarePackageSummary } from '../storage/repositories/software-package-repository.js';
import type { TerminalRecord } from '../storage/schema/records.js';
import type { Rollout, RolloutOffer } from './rollout-book.js';

/** One terminal's state in a rollout, as the API shows it. */
export interface RolloutTerminalView {
  readonly tid: string;
  readonly state: string;
  readonly bytesReceived: number;
  readonly reasonCode: string | null;
  readonly reasonText: string | null;
  readonly updatedAt: number | null;
}

export interface RolloutView {
  readonly rollout: Rollout;
  readonly softwarePackage: SoftwarePackageSummary;
  readonly terminals: readonly RolloutTerminalView[];
}

export function rolloutTerminalView(
  tid: string,
  progress: RolloutTerminalRecord | undefined,
): RolloutTerminalView {
  return {
    tid,
    state: progress?.state ?? 'pending',
    bytesReceived: progress?.bytesReceived ?? 0,
    reasonCode: progress?.reasonCode ?? null,
    reasonText: progress?.reasonText ?? null,
    updatedAt: progress?.updatedAt ?? null,
  };
}

export interface FleetEntry {
  readonly tid: string;
  readonly mid: string;
  readonly status: string;
  /** The version the terminal last said it runs (362 A4, or a 360's header), or null. */
  readonly runningVersion: string | null;
  readonly reportedAt: number | null;
  readonly appliedParameterVersion: string | null;
  readonly effectiveParameterVersion: string | null;
  readonly offer: { readonly rolloutId: number; readonly version: string } | null;
  readonly rollouts: readonly (RolloutTerminalView & {
    readonly rolloutId: number;
    readonly version: string;
  })[];
}

export function fleetEntry(parts: {
  readonly terminal: TerminalRecord;
  readonly reported: TerminalSoftwareRecord | undefined;
  readonly effective: TerminalParameters | undefined;
  readonly offer: RolloutOffer | undefined;
  readonly rollouts: readonly {
    readonly rollout: Rollout;
    readonly version: string;
    readonly progress: RolloutTerminalRecord;
  }[];
}): FleetEntry {
  const { terminal, reported, effective, offer } = parts;
  return {
    tid: terminal.tid,
    mid: terminal.mid,
    status: terminal.status,
    runningVersion: reported?.runningVersion ?? null,
    reportedAt: reported?.reportedAt ?? null,
    appliedParameterVersion: terminal.parameterVersion,
    effectiveParameterVersion: effective?.version ?? null,
    offer:
      offer === undefined ? null : { rolloutId: offer.rollout.id, version: offer.softwarePackage.version },
    rollouts: parts.rollouts.map(({ rollout, version, progress }) => ({
      rolloutId: rollout.id,
      version,
      ...rolloutTerminalView(terminal.tid, progress),
    })),
  };
}
