import { compareVersions } from '@payterm/software';
import { SOFTWARE_STATUS_STATES, type SoftwareStatusReport } from '@payterm/protocol';
import type {
  RolloutRecord,
  RolloutRepository,
  RolloutTerminalRecord,
  TerminalSoftwareRecord,
} from '../storage/repositories/rollout-repository.js';
import type { SoftwarePackageSummary } from '../storage/repositories/software-package-repository.js';
import { targetOf, targets, type RolloutTarget, type TargetedTerminal } from './rollout-target.js';
import { tmsError } from './tms-error.js';

export const ROLLOUT_STATES = ['active', 'paused', 'cancelled', 'completed'] as const;
export type RolloutState = (typeof ROLLOUT_STATES)[number];

/** A terminal's progress in a rollout: `pending` until it starts, then the states it reports in 362. */
export const TERMINAL_ROLLOUT_STATES = ['pending', ...SOFTWARE_STATUS_STATES] as const;
export type TerminalRolloutState = (typeof TERMINAL_ROLLOUT_STATES)[number];

/** States after which a rollout offers its package to the terminal no more (a failed version is never re-offered). */
const FINAL_STATES: ReadonlySet<string> = new Set(['installed', 'failed', 'rolled-back', 'refused']);

/**
 * Refusals the merchant clears on the spot (settle the batch, charge the device, free storage): the
 * terminal may try again, so the offer stands. Any other refusal (no trusted key, a version it cannot
 * upgrade from, a downgrade) is final for that terminal.
 */
const PASSING_REFUSALS: ReadonlySet<string> = new Set([
  'UPGRADE_SETTLE_FIRST',
  'UPGRADE_BATTERY_LOW',
  'UPGRADE_STORAGE_LOW',
  'UPGRADE_STORAGE_FULL',
]);

function endsOffers(progress: { readonly state: string; readonly reasonCode: string | null }): boolean {
  if (
    progress.state === 'refused' &&
    progress.reasonCode !== null &&
    PASSING_REFUSALS.has(progress.reasonCode)
  ) {
    return false;
  }
  return FINAL_STATES.has(progress.state);
}

/** Download progress is written at least every this many bytes (and on every change of state). */
const PROGRESS_WRITE_BYTES = 64 * 1024;

export type RolloutAction = 'pause' | 'resume' | 'cancel';

const TRANSITIONS: Readonly<Record<RolloutAction, { from: readonly string[]; to: RolloutState }>> = {
  pause: { from: ['active'], to: 'paused' },
  resume: { from: ['paused'], to: 'active' },
  cancel: { from: ['active', 'paused'], to: 'cancelled' },
};

/** A rollout with its parsed target. */
export interface Rollout extends RolloutRecord {
  readonly target: RolloutTarget;
}

/** A rollout's package offered to one terminal. */
export interface RolloutOffer {
  readonly rollout: Rollout;
  readonly softwarePackage: SoftwarePackageSummary;
}

function progressKey(rolloutId: number, tid: string): string {
  return `${rolloutId}:${tid}`;
}

/**
 * Rollouts and each terminal's progress in them, in memory and written through to the database:
 * which package a terminal is offered, and the states it reports (or the host sees from its 363s).
 */
export class RolloutBook {
  readonly #repository: RolloutRepository;
  readonly #rollouts: Rollout[];
  readonly #progress = new Map<string, RolloutTerminalRecord>();
  /** Bytes of the last progress row written per key, to write downloads only every so often. */
  readonly #writtenBytes = new Map<string, number>();
  readonly #software = new Map<string, TerminalSoftwareRecord>();

  private constructor(repository: RolloutRepository, rollouts: Rollout[]) {
    this.#repository = repository;
    this.#rollouts = rollouts;
  }

  static async load(repository: RolloutRepository): Promise<RolloutBook> {
    const rows = await repository.list();
    const book = new RolloutBook(
      repository,
      rows.map((row) => ({ ...row, target: targetOf(row.targetKind, row.targetValue) })),
    );
    for (const row of await repository.listTerminals()) {
      book.#progress.set(progressKey(row.rolloutId, row.tid), row);
      book.#writtenBytes.set(progressKey(row.rolloutId, row.tid), row.bytesReceived);
    }
    for (const row of await repository.listTerminalSoftware()) book.#software.set(row.tid, row);
    return book;
  }

  list(): readonly Rollout[] {
    return this.#rollouts;
  }

  get(id: number): Rollout | undefined {
    return this.#rollouts.find((rollout) => rollout.id === id);
  }

  progress(rolloutId: number, tid: string): RolloutTerminalRecord | undefined {
    return this.#progress.get(progressKey(rolloutId, tid));
  }

  /** The version a terminal last reported it runs. */
  reportedVersion(tid: string): TerminalSoftwareRecord | undefined {
    return this.#software.get(tid);
  }

  async add(record: Omit<RolloutRecord, 'id'>, target: RolloutTarget): Promise<Rollout> {
    const rollout: Rollout = {
      ...record,
      id: Math.max(0, ...this.#rollouts.map((known) => known.id)) + 1,
      target,
    };
    const { target: _target, ...row } = rollout;
    await this.#repository.insert(row);
    this.#rollouts.push(rollout);
    return rollout;
  }

  async change(id: number, action: RolloutAction, now: number): Promise<Rollout> {
    const rollout = this.get(id);
    if (rollout === undefined) throw tmsError('TMS_ROLLOUT_UNKNOWN', `No rollout ${id}`, { rolloutId: id });
    const transition = TRANSITIONS[action];
    if (!transition.from.includes(rollout.state)) {
      throw tmsError('TMS_ROLLOUT_STATE', `A ${rollout.state} rollout cannot ${action}`, {
        rolloutId: id,
        state: rollout.state,
      });
    }
    return this.#setState(rollout, transition.to, now);
  }

  async #setState(rollout: Rollout, state: RolloutState, now: number): Promise<Rollout> {
    await this.#repository.setState(rollout.id, state, now);
    const changed: Rollout = { ...rollout, state, updatedAt: now };
    this.#rollouts[this.#rollouts.indexOf(rollout)] = changed;
    return changed;
  }

  /**
   * Whether `rollout` offers its package to `terminal` now: active, inside its window, targeting it,
   * above the running version, and the terminal has not installed, failed or rolled back it, nor refused
   * it for a reason it cannot clear itself.
   */
  offers(
    rollout: Rollout,
    softwarePackage: SoftwarePackageSummary,
    terminal: TargetedTerminal,
    runningVersion: string,
    now: number,
  ): boolean {
    if (rollout.state !== 'active') return false;
    if (rollout.windowFrom !== null && now < rollout.windowFrom) return false;
    if (rollout.windowTo !== null && now >= rollout.windowTo) return false;
    if (!targets(rollout.id, rollout.target, terminal)) return false;
    if (compareVersions(softwarePackage.version, runningVersion) <= 0) return false;
    const progress = this.progress(rollout.id, terminal.tid);
    return progress === undefined || !endsOffers(progress);
  }

  /** Marks an offered terminal `pending` the first time it is offered. */
  async noteOffered(rolloutId: number, tid: string, now: number): Promise<void> {
    if (this.progress(rolloutId, tid) !== undefined) return;
    await this.#put(
      {
        rolloutId,
        tid,
        state: 'pending',
        bytesReceived: 0,
        reasonCode: null,
        reasonText: null,
        updatedAt: now,
      },
      true,
    );
  }

  /** A 363 served: the terminal is `downloading` with `bytesReceived` of the package file. */
  async noteChunk(
    rolloutId: number,
    tid: string,
    bytesReceived: number,
    fileBytes: number,
    now: number,
  ): Promise<void> {
    const current = this.progress(rolloutId, tid);
    const changed = current?.state !== 'downloading';
    const row = {
      rolloutId,
      tid,
      state: 'downloading',
      bytesReceived: Math.max(bytesReceived, changed ? 0 : (current?.bytesReceived ?? 0)),
      reasonCode: null,
      reasonText: null,
      updatedAt: now,
    };
    const written = this.#writtenBytes.get(progressKey(rolloutId, tid)) ?? 0;
    const due =
      changed || row.bytesReceived - written >= PROGRESS_WRITE_BYTES || row.bytesReceived >= fileBytes;
    await this.#put(row, due);
  }

  /** A 362 report: the rollout's per-terminal state, and the version the terminal runs. */
  async noteReport(
    rollout: Rollout | undefined,
    tid: string,
    report: SoftwareStatusReport,
    now: number,
  ): Promise<void> {
    if (report.runningVersion !== undefined) await this.noteRunningVersion(tid, report.runningVersion, now);
    if (rollout === undefined) return;
    const current = this.progress(rollout.id, tid);
    await this.#put(
      {
        rolloutId: rollout.id,
        tid,
        state: report.state,
        bytesReceived: report.bytesReceived ?? current?.bytesReceived ?? 0,
        reasonCode: report.reasonCode ?? null,
        reasonText: report.reasonText ?? null,
        updatedAt: now,
      },
      true,
    );
  }

  /** The version a terminal runs (its 362 A4, or the header of its 360). */
  /** Returns whether the version changed. */
  async noteRunningVersion(tid: string, runningVersion: string, now: number): Promise<boolean> {
    if (this.#software.get(tid)?.runningVersion === runningVersion) return false;
    const software = { tid, runningVersion, reportedAt: now };
    await this.#repository.putTerminalSoftware(software);
    this.#software.set(tid, software);
    return true;
  }

  /**
   * Whether a terminal has `version` installed: it reported so for this rollout, or it runs that version
   * or a later one (installed in an earlier rollout, a pilot before this one).
   */
  hasInstalled(rolloutId: number, version: string, tid: string): boolean {
    if (this.progress(rolloutId, tid)?.state === 'installed') return true;
    const running = this.#software.get(tid)?.runningVersion;
    return running !== undefined && compareVersions(running, version) >= 0;
  }

  /** Marks an active rollout `completed` when every terminal it targets has its version installed. */
  async completeIfDone(
    rollout: Rollout,
    version: string,
    targeted: readonly TargetedTerminal[],
    now: number,
  ): Promise<void> {
    const current = this.get(rollout.id);
    if (current?.state !== 'active' || targeted.length === 0) return;
    if (targeted.every((terminal) => this.hasInstalled(rollout.id, version, terminal.tid))) {
      await this.#setState(current, 'completed', now);
    }
  }

  async #put(row: RolloutTerminalRecord, write: boolean): Promise<void> {
    const key = progressKey(row.rolloutId, row.tid);
    this.#progress.set(key, row);
    if (!write) return;
    await this.#repository.putTerminal(row);
    this.#writtenBytes.set(key, row.bytesReceived);
  }
}
