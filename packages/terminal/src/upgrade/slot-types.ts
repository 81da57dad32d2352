import type { SoftwareOffer } from '@payterm/protocol';
import type { SoftwareManifest } from '@payterm/software';
import type { OperatorText } from '../engine/outcome.js';

/** The two application slots of docs/TMS.md §3: one runs, the other receives the next version. */
export type SlotName = 'A' | 'B';

/** What the boot loader can start: the firmware's factory copy of the application, or a slot. */
export type BootTarget = 'factory' | SlotName;

/**
 * A slot's life: `downloading` → `verified` (signature, manifest and hash checked) → `trial` (installed,
 * boots once) → `confirmed` (the self-test passed; it runs, or stays as the fallback). `failed`: the
 * download did not verify or the trial did not confirm; the bytes are gone.
 */
export type SlotState = 'empty' | 'downloading' | 'verified' | 'trial' | 'confirmed' | 'failed';

/** The signed manifest of a package (docs/TMS.md §1), as verified and stored with its slot. */
export type SlotManifest = SoftwareManifest;

export interface SlotRecord {
  readonly state: SlotState;
  /** The version the slot holds or is receiving. */
  readonly version?: string;
  /** Set once the package prefix verified (signature and manifest). */
  readonly manifest?: SlotManifest;
  /** Bytes of the whole package file (header, manifest, signature, payload). */
  readonly packageBytes?: number;
  /** Bytes before the payload: the module starts there. */
  readonly prefixBytes?: number;
  readonly rolloutId?: string;
  /** Why the slot failed (a `SOFTWARE_*` or `UPGRADE_*` code). */
  readonly failure?: string;
  readonly updatedAt: string;
}

/** A download under way: resumes at `bytesReceived` after a cut or a power loss. */
export interface PartialDownload {
  readonly slot: SlotName;
  readonly version: string;
  readonly rolloutId?: string;
  /** The payload's SHA-256 (lowercase hex): the package's name in `363` requests. */
  readonly sha256: string;
  readonly payloadBytes: number;
  readonly prefixBytes: number;
  /** Bytes of the package file stored so far, from offset 0. */
  readonly bytesReceived: number;
  readonly startedAt: string;
}

/** The `A0` states of a `362` status upload (docs/TMS.md §2.2). */
export type SoftwareReportState =
  'downloading' | 'verifying' | 'installed' | 'failed' | 'rolled-back' | 'refused';

/** One `362` status upload, kept until the host has answered it. */
export interface SoftwareReport {
  readonly state: SoftwareReportState;
  readonly version: string;
  readonly rolloutId?: string;
  readonly bytesReceived?: number;
  /** `SOFTWARE_*` or `UPGRADE_*`. */
  readonly reasonCode?: string;
  /** English, at most 120 characters. */
  readonly reasonText?: string;
  /** The version running when the event happened. */
  readonly runningVersion: string;
  readonly at: string;
}

/** An offer refused without a download: its version is not above every version this terminal has. */
export interface RefusedOffer {
  readonly rolloutId: string;
  readonly version: string;
}

/** What became of the last upgrade attempt, for menu 9 and the status bar. */
export interface UpgradeResult {
  readonly state: SoftwareReportState | 'verified' | 'trial';
  readonly version: string;
  readonly code?: string;
  readonly text?: OperatorText;
  readonly at: string;
}

/** The slot store: one document, written atomically with each change (and with each chunk). */
export interface SoftwareState {
  /** What boots when no trial is pending. */
  readonly active: BootTarget;
  /** The version of the firmware's factory application, as the boot loader last said. */
  readonly factoryVersion?: string;
  readonly slots: Readonly<Record<SlotName, SlotRecord>>;
  readonly download?: PartialDownload;
  /** The software the last parameter download offered (tags 90–95), until installed or withdrawn. */
  readonly offer?: SoftwareOffer;
  /** Versions installed from a package (the trial booted). */
  readonly installed: readonly string[];
  /** Versions refused by verification or rolled back: never offered to this terminal again. */
  readonly refused: readonly string[];
  /** A trial slot has been booted once; finding it still unconfirmed at the next boot rolls it back. */
  readonly trialBooted?: boolean;
  readonly lastResult?: UpgradeResult;
  /** Offers refused as not above this terminal's versions, each reported once (the host may offer again). */
  readonly refusedOffers?: readonly RefusedOffer[];
  /** `362` uploads not yet answered by the host, oldest first. */
  readonly reports: readonly SoftwareReport[];
}
