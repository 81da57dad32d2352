import type { Clock } from '@payterm/kernel';
import {
  parameterDownloadEntries,
  softwareVersionOfHeader,
  SOFTWARE_CHUNK_MAX_BYTES,
  type SoftwareOffer,
  type SoftwareStatusReport,
  type TlvEntry,
} from '@payterm/protocol';
import { compareVersions, type TrustedKey } from '@payterm/software';
import type { HostRepositories } from '../storage/repositories/host-repositories.js';
import type { SoftwarePackageSummary } from '../storage/repositories/software-package-repository.js';
import type { TerminalRecord } from '../storage/schema/records.js';
import { ParameterBook, type ParameterScope, type ParameterSet } from './parameter-book.js';
import { RolloutBook, type Rollout, type RolloutAction, type RolloutOffer } from './rollout-book.js';
import { targetColumns, targets, type RolloutTarget, type TargetedTerminal } from './rollout-target.js';
import { SoftwareCatalogue } from './software-catalogue.js';
import { tmsError } from './tms-error.js';
import { fleetEntry, rolloutTerminalView, type FleetEntry, type RolloutView } from './tms-views.js';

export interface TerminalManagementOptions {
  readonly repositories: HostRepositories;
  readonly clock: Clock;
  /** Public keys packages must be signed with: the HSM's signing keys, the demo key with demo data. */
  readonly trustedKeys: () => Promise<readonly TrustedKey[]>;
}

export interface NewRollout {
  readonly packageId: number;
  readonly target: RolloutTarget;
  /** Epoch ms; null or absent: no bound. */
  readonly windowFrom?: number | null;
  readonly windowTo?: number | null;
}

/** What a 363 gets: package bytes, or `25` (unknown package) / `12` (not offered, offset beyond). */
export type ChunkAnswer =
  { readonly responseCode: '00'; readonly chunk: Uint8Array } | { readonly responseCode: '25' | '12' };

/** A 362 the host did not file: the rollout it names does not target the terminal, or has another version. */
export interface IgnoredReport {
  readonly filed: false;
  readonly reason: 'not-targeted' | 'other-version';
  readonly rolloutId: number;
  /** The version of the named rollout's package. */
  readonly rolloutVersion: string;
}

/** What became of a 362 report. */
export type ReportVerdict = { readonly filed: true } | IgnoredReport;

/** The version a request's header says the terminal runs (`0.0.0` when it has no header). */
export function runningVersionOf(header: string | undefined): string {
  return (header === undefined ? undefined : softwareVersionOfHeader(header)) ?? '0.0.0';
}

/**
 * The terminal management system (docs/TMS.md §4): published packages, rollouts with per-terminal
 * status, versioned parameter sets, the fleet view, and what the ISO 8583 flows need from them —
 * header digit 6, the 360 entries, the 363 chunks and the 362 reports. State lives in memory and is
 * written through to the database; changes that assign ids run one at a time.
 */
export class TerminalManagement {
  readonly #repositories: HostRepositories;
  readonly #clock: Clock;
  readonly #catalogue: SoftwareCatalogue;
  readonly #rollouts: RolloutBook;
  readonly #parameters: ParameterBook;
  #serial: Promise<unknown> = Promise.resolve();

  private constructor(
    options: TerminalManagementOptions,
    catalogue: SoftwareCatalogue,
    rollouts: RolloutBook,
    parameters: ParameterBook,
  ) {
    this.#repositories = options.repositories;
    this.#clock = options.clock;
    this.#catalogue = catalogue;
    this.#rollouts = rollouts;
    this.#parameters = parameters;
  }

  static async load(options: TerminalManagementOptions): Promise<TerminalManagement> {
    const { repositories, clock } = options;
    return new TerminalManagement(
      options,
      await SoftwareCatalogue.load(repositories.softwarePackages, clock, options.trustedKeys),
      await RolloutBook.load(repositories.rollouts),
      await ParameterBook.load(repositories.parameterSets, clock),
    );
  }

  #oneAtATime<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#serial.then(work, work);
    this.#serial = run.catch(() => undefined);
    return run;
  }

  // Packages

  packages(): readonly SoftwarePackageSummary[] {
    return this.#catalogue.list();
  }

  publish(bytes: Uint8Array, publishedBy: string): Promise<SoftwarePackageSummary> {
    return this.#oneAtATime(() => this.#catalogue.publish(bytes, publishedBy));
  }

  // Rollouts

  rollouts(): readonly Rollout[] {
    return this.#rollouts.list();
  }

  createRollout(input: NewRollout, createdBy: string): Promise<Rollout> {
    return this.#oneAtATime(async () => {
      if (this.#catalogue.get(input.packageId) === undefined) {
        throw tmsError('TMS_PACKAGE_UNKNOWN', `No package ${input.packageId}`, {
          packageId: input.packageId,
        });
      }
      await this.#checkTarget(input.target);
      const windowFrom = input.windowFrom ?? null;
      const windowTo = input.windowTo ?? null;
      if (windowFrom !== null && windowTo !== null && windowTo <= windowFrom) {
        throw tmsError('TMS_TARGET_INVALID', 'The window ends before it starts');
      }
      const now = this.#clock.nowMs();
      return this.#rollouts.add(
        {
          packageId: input.packageId,
          ...targetColumns(input.target),
          windowFrom,
          windowTo,
          state: 'active',
          createdAt: now,
          createdBy,
          updatedAt: now,
        },
        input.target,
      );
    });
  }

  async #checkTarget(target: RolloutTarget): Promise<void> {
    if (target.kind === 'merchant' && (await this.#repositories.merchants.get(target.mid)) === undefined) {
      throw tmsError('TMS_TARGET_INVALID', `No merchant ${target.mid}`, { mid: target.mid });
    }
    if (target.kind === 'list') {
      for (const tid of target.tids) {
        if ((await this.#repositories.terminals.get(tid)) === undefined) {
          throw tmsError('TMS_TARGET_INVALID', `No terminal ${tid}`, { tid });
        }
      }
    }
  }

  changeRollout(id: number, action: RolloutAction): Promise<Rollout> {
    return this.#oneAtATime(() => this.#rollouts.change(id, action, this.#clock.nowMs()));
  }

  /** A rollout with its package and the state of every terminal it targets (`pending` until heard of). */
  async rolloutView(id: number): Promise<RolloutView> {
    const rollout = this.#rollouts.get(id);
    if (rollout === undefined) throw tmsError('TMS_ROLLOUT_UNKNOWN', `No rollout ${id}`, { rolloutId: id });
    const softwarePackage = this.#catalogue.get(rollout.packageId)!;
    const targeted = (await this.#repositories.terminals.list()).filter((terminal) =>
      targets(rollout.id, rollout.target, terminal),
    );
    return {
      rollout,
      softwarePackage,
      terminals: targeted.map((terminal) => {
        const progress = this.#rollouts.progress(rollout.id, terminal.tid);
        if (
          progress === undefined &&
          this.#rollouts.hasInstalled(rollout.id, softwarePackage.version, terminal.tid)
        ) {
          const reportedAt = this.#rollouts.reportedVersion(terminal.tid)?.reportedAt ?? null;
          return {
            ...rolloutTerminalView(terminal.tid, undefined),
            state: 'installed',
            updatedAt: reportedAt,
          };
        }
        return rolloutTerminalView(terminal.tid, progress);
      }),
    };
  }

  // Parameters

  parameterSets(): readonly ParameterSet[] {
    return this.#parameters.list();
  }

  setParameters(
    scope: ParameterScope,
    scopeId: string,
    values: unknown,
    createdBy: string,
  ): Promise<ParameterSet> {
    return this.#oneAtATime(async () => {
      const known =
        scope === 'all' ||
        (scope === 'merchant'
          ? (await this.#repositories.merchants.get(scopeId)) !== undefined
          : (await this.#repositories.terminals.get(scopeId)) !== undefined);
      if (!known) {
        throw tmsError('TMS_PARAMETERS_INVALID', `No ${scope} ${scopeId}`, { scope, scopeId });
      }
      return this.#parameters.set(scope, scopeId, values, createdBy);
    });
  }

  // The fleet

  async fleet(): Promise<FleetEntry[]> {
    const now = this.#clock.nowMs();
    return (await this.#repositories.terminals.list()).map((terminal) => {
      const reported = this.#rollouts.reportedVersion(terminal.tid);
      return fleetEntry({
        terminal,
        reported,
        effective: this.#parameters.effective(terminal),
        offer: this.#offer(terminal, reported?.runningVersion ?? '0.0.0', now),
        rollouts: this.#rollouts
          .list()
          .filter((rollout) => this.#rollouts.progress(rollout.id, terminal.tid) !== undefined)
          .map((rollout) => ({
            rollout,
            version: this.#catalogue.get(rollout.packageId)!.version,
            progress: this.#rollouts.progress(rollout.id, terminal.tid)!,
          })),
      });
    });
  }

  // What the ISO 8583 flows ask

  /** The rollout offering the highest version to a terminal running `runningVersion`, if any. */
  #offer(terminal: TargetedTerminal, runningVersion: string, now: number): RolloutOffer | undefined {
    let best: RolloutOffer | undefined;
    for (const rollout of this.#rollouts.list()) {
      const softwarePackage = this.#catalogue.get(rollout.packageId);
      if (softwarePackage === undefined) continue;
      if (!this.#rollouts.offers(rollout, softwarePackage, terminal, runningVersion, now)) continue;
      if (best === undefined || compareVersions(softwarePackage.version, best.softwarePackage.version) > 0) {
        best = { rollout, softwarePackage };
      }
    }
    return best;
  }

  /** Header digit 6: the terminal's effective parameters are newer than it applied, or a rollout offers it a version. */
  needsDownload(terminal: TerminalRecord, header: string | undefined): boolean {
    const effectiveVersion = this.#parameters.effectiveVersion(terminal);
    if (
      effectiveVersion !== undefined &&
      (terminal.parameterVersion === null || effectiveVersion > Number(terminal.parameterVersion))
    ) {
      return true;
    }
    return this.#offer(terminal, runningVersionOf(header), this.#clock.nowMs()) !== undefined;
  }

  /** The objects of a whole 360 download: the effective parameters, then the offer. */
  async downloadEntries(terminal: TerminalRecord, header: string | undefined): Promise<TlvEntry[]> {
    const now = this.#clock.nowMs();
    const running = runningVersionOf(header);
    if (header !== undefined && (await this.#rollouts.noteRunningVersion(terminal.tid, running, now))) {
      await this.#completeRollouts(now);
    }
    const parameters = this.#parameters.effective(terminal);
    const found = this.#offer(terminal, running, now);
    let offer: SoftwareOffer | undefined;
    if (found !== undefined) {
      const { rollout, softwarePackage } = found;
      await this.#rollouts.noteOffered(rollout.id, terminal.tid, now);
      offer = {
        version: softwarePackage.version,
        sizeBytes: softwarePackage.sizeBytes,
        sha256: softwarePackage.sha256,
        rolloutId: String(rollout.id),
        prefixBytes: softwarePackage.prefixBytes,
      };
    }
    return parameterDownloadEntries({
      ...(parameters === undefined ? {} : { parameters }),
      ...(offer === undefined ? {} : { offer }),
    });
  }

  /** Package bytes for a 363: only of a package an active rollout offers this terminal now. */
  async chunk(
    terminal: TerminalRecord,
    header: string | undefined,
    sha256: string,
    offset: number,
  ): Promise<ChunkAnswer> {
    const softwarePackage = this.#catalogue.bySha256(sha256);
    if (softwarePackage === undefined) return { responseCode: '25' };
    const now = this.#clock.nowMs();
    const running = runningVersionOf(header);
    const rollout = this.#rollouts
      .list()
      .find(
        (candidate) =>
          candidate.packageId === softwarePackage.id &&
          this.#rollouts.offers(candidate, softwarePackage, terminal, running, now),
      );
    const file = rollout === undefined ? undefined : await this.#catalogue.file(softwarePackage.id);
    if (rollout === undefined || file === undefined || offset >= file.length) return { responseCode: '12' };
    const chunk = file.slice(offset, offset + SOFTWARE_CHUNK_MAX_BYTES);
    await this.#rollouts.noteChunk(rollout.id, terminal.tid, offset + chunk.length, file.length, now);
    return { responseCode: '00', chunk };
  }

  /**
   * A 362 report: the rollout it names (or the one of the version it names) and the running version.
   * A report naming a rollout that does not target this terminal, or another version than that rollout's
   * package, is not filed: nor its running version (A4), which would complete that rollout. The 360
   * header still tells the host the version the terminal runs.
   */
  async report(terminal: TerminalRecord, report: SoftwareStatusReport): Promise<ReportVerdict> {
    const now = this.#clock.nowMs();
    const named = this.#namedRollout(report);
    const ignored = named === undefined ? undefined : this.#mismatch(named, terminal, report);
    if (ignored !== undefined) return ignored;
    const rollout = named ?? this.#rolloutOfVersion(terminal, report);
    await this.#rollouts.noteReport(rollout, terminal.tid, report, now);
    if (report.state === 'installed' || report.runningVersion !== undefined)
      await this.#completeRollouts(now);
    return { filed: true };
  }

  /** Marks `completed` each active rollout whose targeted terminals all have its version. */
  async #completeRollouts(now: number): Promise<void> {
    const active = this.#rollouts.list().filter((rollout) => rollout.state === 'active');
    if (active.length === 0) return;
    const all = await this.#repositories.terminals.list();
    for (const rollout of active) {
      const version = this.#catalogue.get(rollout.packageId)!.version;
      const targeted = all.filter((candidate) => targets(rollout.id, rollout.target, candidate));
      await this.#rollouts.completeIfDone(rollout, version, targeted, now);
    }
  }

  #namedRollout(report: SoftwareStatusReport): Rollout | undefined {
    const id = report.rolloutId;
    return id !== undefined && /^\d+$/.test(id) ? this.#rollouts.get(Number(id)) : undefined;
  }

  #mismatch(
    rollout: Rollout,
    terminal: TargetedTerminal,
    report: SoftwareStatusReport,
  ): IgnoredReport | undefined {
    const rolloutVersion = this.#catalogue.get(rollout.packageId)!.version;
    const reason = !targets(rollout.id, rollout.target, terminal)
      ? 'not-targeted'
      : report.version !== undefined && report.version !== rolloutVersion
        ? 'other-version'
        : undefined;
    return reason === undefined ? undefined : { filed: false, reason, rolloutId: rollout.id, rolloutVersion };
  }

  #rolloutOfVersion(terminal: TargetedTerminal, report: SoftwareStatusReport): Rollout | undefined {
    if (report.version === undefined) return undefined;
    const candidates = this.#rollouts
      .list()
      .filter(
        (rollout) =>
          this.#catalogue.get(rollout.packageId)?.version === report.version &&
          targets(rollout.id, rollout.target, terminal),
      );
    return candidates.at(-1);
  }
}
