import type { SoftwareOffer } from '@payterm/protocol';
import {
  compareVersions,
  highestVersion,
  versionFromSubVersion,
  type VerifyOptions,
} from '@payterm/software';
import { TERMINAL_APP_ABI } from '../application/abi.js';
import type { OperatorText } from '../engine/outcome.js';
import { openRecoveries } from '../engine/recovery.js';
import { batchCount } from '../engine/readiness.js';
import type { TerminalCore } from '../engine/terminal-core.js';
import { terminalError } from '../errors.js';
import { confirmTrialSlot, installVerifiedSlot, rollBackSlot } from './trial-transitions.js';
import { checkOfferedPrefix, checkWholePackage } from './package-checks.js';
import { fetchChunks, type DownloadProgress, type StepRunner } from './chunk-download.js';
import { failedPrecondition } from './preconditions.js';
import { flushReports } from './report-upload.js';
import { STALE_OFFER_CODE, staleOffer, withStaleOfferRefused } from './stale-offer.js';
import type { SlotStore } from './slot-store.js';
import {
  failedSlot,
  inactiveSlot,
  reportOf,
  trialSlot,
  versionsSeen,
  withReport,
  withResult,
  withSlot,
} from './slot-transitions.js';
import type { SlotName, SoftwareReportState, SoftwareState } from './slot-types.js';
import { reasonText, UPGRADE_TEXTS } from './upgrade-texts.js';

/** How an upgrade attempt ended (docs/TMS.md §3). */
export interface UpgradeOutcome {
  /**
   * `none`: nothing newer is offered; `verified`: the package is in the inactive slot, checked, ready to
   * install; `interrupted`: resumes later; `refused`/`failed`: the reason is in `code` and `text`.
   */
  readonly state: 'none' | 'verified' | 'interrupted' | 'refused' | 'failed';
  readonly version?: string;
  readonly code?: string;
  readonly text: OperatorText;
  readonly bytesReceived?: number;
  readonly totalBytes?: number;
  readonly releaseNotes?: OperatorText;
}

export interface UpgradeOptions {
  readonly onProgress?: (progress: DownloadProgress) => void;
  /** Aborting stops after the chunk in flight; the download resumes from there. */
  readonly signal?: AbortSignal;
}

export interface SoftwareUpdaterOptions {
  /** Raw Ed25519 public keys this terminal trusts for software packages. */
  readonly trustedKeys: readonly Uint8Array[];
  readonly run: StepRunner;
  /** Aborted when the terminal closes: a download stops after its chunk in flight. */
  readonly closing?: AbortSignal;
}

const UP_TO_DATE: OperatorText = UPGRADE_TEXTS.UPGRADE_NO_OFFER;
/** Refusals the operator can clear: settle, charge the battery, free storage. */
const PASSING_REFUSALS: ReadonlySet<string> = new Set([
  'UPGRADE_SETTLE_FIRST',
  'UPGRADE_BATTERY_LOW',
  'UPGRADE_STORAGE_LOW',
]);
const TRIAL_WAITING: OperatorText = {
  zh: '新版本已安装，请重新启动',
  en: 'A new version is installed: restart to run it',
};
const VERIFIED: OperatorText = {
  zh: '升级包已下载并校验，可安装',
  en: 'Package downloaded and verified: ready to install',
};

/**
 * The terminal's side of docs/TMS.md §3: the offer, the preconditions, the resumable download into the
 * inactive slot, verification with @payterm/software (prefix first, then the whole file), `trial`, and the
 * confirmation or rollback of a trial boot; every state change reported with `362`.
 */
export class SoftwareUpdater {
  #running: Promise<UpgradeOutcome> | undefined;
  readonly #listeners = new Set<(progress: DownloadProgress) => void>();

  constructor(
    private readonly core: TerminalCore,
    private readonly store: SlotStore,
    private readonly options: SoftwareUpdaterOptions,
  ) {}

  get state(): SoftwareState {
    return this.store.state;
  }

  /** The version running now (the header sub-version). */
  get runningVersion(): string {
    return versionFromSubVersion(this.core.profile.softwareVersion);
  }

  /** A download is under way in this process. */
  get busy(): boolean {
    return this.#running !== undefined;
  }

  /** Resolves once no download runs (whatever became of it): the terminal waits for it when it closes. */
  async idle(): Promise<void> {
    await this.#running?.catch(() => undefined);
  }

  /**
   * Keeps what the last parameter download offered (or that nothing is offered any more). An offer not
   * above every version this terminal has is refused and reported `refused` once (docs/TMS.md §3):
   * silence would leave the rollout `pending` on the host for good.
   */
  async noteOffer(offer: SoftwareOffer | undefined): Promise<void> {
    await this.#keepOffer(offer);
    if (offer !== undefined && staleOffer(this.store.state, offer, this.runningVersion)?.kind === 'refuse')
      await this.options.run(() => this.#refuseStale(offer));
  }

  async #keepOffer(offer: SoftwareOffer | undefined): Promise<void> {
    const current = this.store.state.offer;
    if (offer === undefined && current === undefined) return;
    // The host stops offering a version the terminal reported `refused`; a refusal that passes (settle,
    // charge, free space) keeps the offer here, and the next attempt reports `downloading` again.
    if (offer === undefined && this.#refusedForNow(current)) return;
    if (offer !== undefined && current?.sha256 === offer.sha256 && current.rolloutId === offer.rolloutId)
      return;
    const { offer: _old, ...rest } = this.store.state;
    await this.store.save(offer === undefined ? rest : { ...rest, offer });
  }

  /** A newer version is offered and not refused or installed already: what the status bar shows. */
  get upgradeAvailable(): boolean {
    const offer = this.store.state.offer;
    return offer !== undefined && trialSlot(this.store.state) === undefined && this.#isNew(offer.version);
  }

  /** What the status bar shows: a verified package waits (`ready`), or a newer version is offered. */
  get upgradeStatus(): 'available' | 'ready' | undefined {
    const slots = this.store.state.slots;
    if (slots.A.state === 'verified' || slots.B.state === 'verified') return 'ready';
    return this.upgradeAvailable ? 'available' : undefined;
  }

  /**
   * Downloads and verifies the offered version (resuming a cut download). One at a time: a second call
   * while one runs joins it.
   */
  upgrade(options: UpgradeOptions = {}): Promise<UpgradeOutcome> {
    const listener = options.onProgress;
    if (listener !== undefined) this.#listeners.add(listener);
    this.#running ??= this.#upgrade(options.signal).finally(() => {
      this.#running = undefined;
      this.#listeners.clear();
    });
    return this.#running;
  }

  /**
   * Installs the verified package: its slot becomes `trial`, booted once at the next start. Checked
   * again: settle first, enough battery. The shell restarts the terminal after this.
   */
  install(): Promise<{ readonly slot: SlotName; readonly version: string }> {
    return this.options.run(async () => {
      if (!(['A', 'B'] as const).some((name) => this.store.state.slots[name].state === 'verified')) {
        throw terminalError('UPGRADE_NOT_VERIFIED', 'no slot holds a verified package', {});
      }
      const refusal = await this.#precondition(0, 0);
      if (refusal !== undefined) throw terminalError(refusal.code, refusal.reason, refusal.details);
      return installVerifiedSlot(this.store, this.core.now().iso);
    });
  }

  /** The trial passed its self-test: it becomes the running version for good and `installed` is reported. */
  confirmTrial(): Promise<string> {
    return this.options.run(async () => {
      const version = await confirmTrialSlot(this.store, this.core.now().iso);
      await flushReports(this.core, this.store);
      return version;
    });
  }

  /**
   * The trial failed (its self-test, or the shell gave up on it): its slot fails, the version is never
   * taken again, `rolled-back` is reported with the reason. The shell restarts into the previous version.
   */
  rollBack(reason: string): Promise<void> {
    return this.options.run(async () => {
      const slot = trialSlot(this.store.state);
      if (slot === undefined) throw terminalError('UPGRADE_NO_TRIAL', 'no trial version is running', {});
      await rollBackSlot(this.store, slot, 'UPGRADE_SELF_TEST_FAILED', this.core.now().iso, reason);
      await flushReports(this.core, this.store);
    });
  }

  /** Sends the `362` reports still waiting (after a cut, or those the boot loader left). */
  flushReports(): Promise<number> {
    return this.options.run(() => flushReports(this.core, this.store));
  }

  #refusedForNow(offer: SoftwareOffer | undefined): boolean {
    const last = this.store.state.lastResult;
    return (
      offer !== undefined &&
      last?.state === 'refused' &&
      last.version === offer.version &&
      last.code !== undefined &&
      PASSING_REFUSALS.has(last.code)
    );
  }

  #isNew(version: string): boolean {
    const highest = highestVersion(versionsSeen(this.store.state, this.runningVersion)) ?? '0.0.0';
    return compareVersions(version, highest) > 0;
  }

  async #upgrade(signal: AbortSignal | undefined): Promise<UpgradeOutcome> {
    const offer = this.store.state.offer;
    if (offer === undefined) return { state: 'none', text: UP_TO_DATE };
    const trial = trialSlot(this.store.state);
    if (trial !== undefined) {
      // Installed and waiting for its restart: nothing is downloaded over it or beside it.
      return { state: 'none', version: this.store.state.slots[trial].version ?? '', text: TRIAL_WAITING };
    }
    const ready = this.#readySlot(offer.version);
    if (ready !== undefined) return ready;
    if (!this.#isNew(offer.version)) return this.options.run(() => this.#refuseStale(offer));
    if (this.options.trustedKeys.length === 0) {
      return this.options.run(() =>
        this.#finish(offer, 'refused', 'UPGRADE_NO_TRUSTED_KEY', UPGRADE_TEXTS.UPGRADE_NO_TRUSTED_KEY.en),
      );
    }
    const started = await this.options.run(() => this.#start(offer));
    if (started !== undefined) return started;
    const totalBytes = offer.prefixBytes + offer.sizeBytes;
    const progress = (bytesReceived: number) => {
      for (const listener of this.#listeners) listener({ version: offer.version, bytesReceived, totalBytes });
    };
    progress(this.store.state.download?.bytesReceived ?? 0);
    for (const until of [offer.prefixBytes, totalBytes]) {
      const stop = await fetchChunks(this.core, this.store, offer, until, {
        run: this.options.run,
        stopped: () => signal?.aborted === true || this.options.closing?.aborted === true,
        onProgress: (download) => progress(download.bytesReceived),
      });
      if (stop?.kind === 'interrupted') {
        const bytesReceived = this.store.state.download?.bytesReceived ?? 0;
        return {
          state: 'interrupted',
          version: offer.version,
          code: 'UPGRADE_INTERRUPTED',
          text: UPGRADE_TEXTS.UPGRADE_INTERRUPTED,
          bytesReceived,
          totalBytes,
        };
      }
      if (stop?.kind === 'failed') {
        return this.options.run(() => this.#finish(offer, 'failed', stop.error.code, stop.error.message));
      }
      const checked = await this.options.run(() =>
        until === offer.prefixBytes ? this.#checkPrefix(offer) : this.#checkWhole(offer),
      );
      if (checked !== undefined) return checked;
    }
    return this.#readySlot(offer.version) ?? { state: 'none', text: UP_TO_DATE };
  }

  /** An offer that is not new: refused (reported the first time), or nothing to say yet (a trial waits). */
  async #refuseStale(offer: SoftwareOffer): Promise<UpgradeOutcome> {
    const stale = staleOffer(this.store.state, offer, this.runningVersion);
    if (stale === undefined || stale.kind === 'quiet')
      return { state: 'none', version: offer.version, text: UP_TO_DATE };
    const text = reasonText(STALE_OFFER_CODE);
    if (stale.kind === 'refuse') {
      const facts = { runningVersion: this.runningVersion, highest: stale.highest, text };
      await this.store.save(withStaleOfferRefused(this.store.state, offer, facts, this.core.now().iso));
      await flushReports(this.core, this.store);
    }
    return { state: 'refused', version: offer.version, code: STALE_OFFER_CODE, text };
  }

  /** The slot already holding this version verified (or in trial): nothing left to download. */
  #readySlot(version: string): UpgradeOutcome | undefined {
    const state = this.store.state;
    const slot = (['A', 'B'] as const).find(
      (name) => state.slots[name].version === version && state.slots[name].state === 'verified',
    );
    if (slot === undefined) return undefined;
    const notes = state.slots[slot].manifest?.releaseNotes;
    return {
      state: 'verified',
      version,
      text: VERIFIED,
      ...(notes === undefined ? {} : { releaseNotes: notes }),
    };
  }

  async #precondition(packageBytes: number, storedBytes: number) {
    // A device that fails to say is a device that cannot tell: unknown, as documented in TMS.md §3.2.
    const power = await this.core.devices.power?.status().catch(() => undefined);
    const freeBytes = await this.core.devices.storage.freeBytes?.().catch(() => undefined);
    return failedPrecondition({
      ...(power === undefined ? {} : { power }),
      ...(freeBytes === undefined ? {} : { freeBytes }),
      packageBytes,
      storedBytes,
      batchCount: batchCount(this.core),
      pendingRecoveries: openRecoveries(this.core).length,
    });
  }

  /** Preconditions, then a new download into the inactive slot or the one to resume. */
  async #start(offer: SoftwareOffer): Promise<UpgradeOutcome | undefined> {
    let download = this.store.state.download;
    if (download !== undefined && download.sha256 !== offer.sha256) {
      // Another package than the one offered now: its bytes go.
      await this.store.clearSlot(download.slot, { state: 'empty', updatedAt: this.core.now().iso });
      download = undefined;
    }
    const totalBytes = offer.prefixBytes + offer.sizeBytes;
    const refusal = await this.#precondition(totalBytes, download?.bytesReceived ?? 0);
    if (refusal !== undefined) return this.#finish(offer, 'refused', refusal.code, refusal.reason);
    if (download !== undefined) return undefined;
    const now = this.core.now().iso;
    const slot = inactiveSlot(this.store.state);
    await this.store.beginDownload(
      {
        slot,
        version: offer.version,
        rolloutId: offer.rolloutId,
        sha256: offer.sha256,
        payloadBytes: offer.sizeBytes,
        prefixBytes: offer.prefixBytes,
        bytesReceived: 0,
        startedAt: now,
      },
      {
        state: 'downloading',
        version: offer.version,
        rolloutId: offer.rolloutId,
        packageBytes: totalBytes,
        prefixBytes: offer.prefixBytes,
        updatedAt: now,
      },
    );
    await this.#report(offer, 'downloading', { bytesReceived: 0 });
    return undefined;
  }

  #verifyOptions(): VerifyOptions {
    const state = this.store.state;
    return {
      trustedKeys: this.options.trustedKeys,
      installedVersions: versionsSeen(state, this.runningVersion),
      runningVersion: this.runningVersion,
      abi: TERMINAL_APP_ABI,
    };
  }

  /** The signature and manifest, before a byte of the payload is trusted; the manifest must be the offer's. */
  async #checkPrefix(offer: SoftwareOffer): Promise<UpgradeOutcome | undefined> {
    const download = this.store.state.download;
    if (download === undefined)
      return this.#finish(offer, 'failed', 'UPGRADE_NOT_DOWNLOADING', 'lost the download');
    const record = this.store.state.slots[download.slot];
    if (record.manifest !== undefined) return undefined;
    const bytes = (await this.store.readPackage(download.slot)).subarray(0, offer.prefixBytes);
    const verdict = checkOfferedPrefix(bytes, offer, this.#verifyOptions());
    if (!verdict.ok) return this.#finish(offer, verdict.state, verdict.code, verdict.reason);
    const manifest = verdict.manifest;
    await this.store.save(
      withSlot(this.store.state, download.slot, { ...record, manifest, updatedAt: this.core.now().iso }),
    );
    return undefined;
  }

  /** The whole file against the verified manifest: the slot becomes `verified`, or the download goes. */
  async #checkWhole(offer: SoftwareOffer): Promise<UpgradeOutcome | undefined> {
    const download = this.store.state.download;
    if (download === undefined)
      return this.#finish(offer, 'failed', 'UPGRADE_NOT_DOWNLOADING', 'lost the download');
    await this.#report(offer, 'verifying', { bytesReceived: download.bytesReceived });
    const verdict = checkWholePackage(await this.store.readPackage(download.slot), this.#verifyOptions());
    if (!verdict.ok) return this.#finish(offer, verdict.state, verdict.code, verdict.reason);
    const now = this.core.now().iso;
    const { download: _done, ...rest } = this.store.state;
    const record = rest.slots[download.slot];
    const next = withResult(
      withSlot(rest, download.slot, { ...record, state: 'verified', updatedAt: now }),
      { state: 'verified', version: offer.version },
      now,
    );
    await this.store.save(next);
    return undefined;
  }

  /**
   * Ends an attempt that did not verify: any download of this offer is deleted, the result kept for the
   * operator, the reason reported (once per version and reason: the host offers again until it knows).
   */
  async #finish(
    offer: SoftwareOffer,
    state: 'refused' | 'failed',
    code: string,
    reason: string,
  ): Promise<UpgradeOutcome> {
    const now = this.core.now().iso;
    const text = reasonText(code);
    const last = this.store.state.lastResult;
    const repeated = last?.state === state && last.version === offer.version && last.code === code;
    const download = this.store.state.download;
    const running = this.runningVersion;
    let next = withResult(this.store.state, { state, version: offer.version, code, text }, now);
    if (!repeated) {
      next = withReport(
        next,
        reportOf(next, download === undefined ? undefined : next.slots[download.slot], {
          state,
          version: offer.version,
          runningVersion: running,
          code,
          reason,
          ...(download === undefined ? {} : { bytesReceived: download.bytesReceived }),
        }),
        now,
      );
    }
    if (download !== undefined) {
      const record = next.slots[download.slot];
      await this.store.clearSlot(download.slot, failedSlot(record, code, now), next);
    } else {
      await this.store.save(next);
    }
    await flushReports(this.core, this.store);
    return { state, version: offer.version, code, text };
  }

  async #report(
    offer: SoftwareOffer,
    state: SoftwareReportState,
    extra: { readonly bytesReceived?: number } = {},
  ): Promise<void> {
    const now = this.core.now().iso;
    const slot = this.store.state.download?.slot;
    const record = slot === undefined ? undefined : this.store.state.slots[slot];
    await this.store.save(
      withReport(
        this.store.state,
        reportOf(this.store.state, record, {
          state,
          version: offer.version,
          runningVersion: this.runningVersion,
          ...extra,
        }),
        now,
      ),
    );
    await flushReports(this.core, this.store);
  }
}
