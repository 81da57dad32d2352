import type { TlvEntry } from './ascii-tlv-field.js';
import {
  checkValue,
  fixedDigits,
  optTag,
  requiredTag,
  SHA256_HEX_PATTERN,
  SOFTWARE_VERSION_PATTERN,
  tagMap,
} from './tms-values.js';

/** The states a terminal reports in 362 tag A0 (docs/TMS.md §2.2). */
export const SOFTWARE_STATUS_STATES = [
  'downloading',
  'verifying',
  'installed',
  'failed',
  'rolled-back',
  'refused',
] as const;
export type SoftwareStatusState = (typeof SOFTWARE_STATUS_STATES)[number];

/** A 0820 / 362 status upload. */
export interface SoftwareStatusReport {
  readonly state: SoftwareStatusState;
  /** Tag 93. */
  readonly rolloutId?: string;
  /** Tag 90: the version concerned. */
  readonly version?: string;
  /** Tag A1. */
  readonly bytesReceived?: number;
  /** Tag A2: `SOFTWARE_*` or `UPGRADE_*`. */
  readonly reasonCode?: string;
  /** Tag A3: English, at most 120 characters. */
  readonly reasonText?: string;
  /** Tag A4. */
  readonly runningVersion?: string;
}

/** A 0800 / 363 chunk request: the package by its payload SHA-256 and a byte offset in the package. */
export interface SoftwareChunkSelector {
  readonly sha256: string;
  readonly offset: number;
}

/** The most package bytes one 363 answer carries. */
export const SOFTWARE_CHUNK_MAX_BYTES = 480;

const ROLLOUT_ID = /^[0-9A-Za-z-]{1,36}$/;
const REASON_CODE = /^(SOFTWARE|UPGRADE)_[A-Z0-9_]{1,40}$/;
const REASON_TEXT = /^[\x20-\x7e]{1,120}$/;
const STATE = new RegExp(`^(${SOFTWARE_STATUS_STATES.join('|')})$`);

export function softwareStatusEntries(report: SoftwareStatusReport): TlvEntry[] {
  const entries: TlvEntry[] = [];
  const put = (tag: string, value: string | undefined) => {
    if (value !== undefined) entries.push({ tag, value });
  };
  put(
    '93',
    report.rolloutId === undefined
      ? undefined
      : checkValue(report.rolloutId, ROLLOUT_ID, '93', 'a rollout id'),
  );
  put(
    '90',
    report.version === undefined
      ? undefined
      : checkValue(report.version, SOFTWARE_VERSION_PATTERN, '90', 'MAJOR.MINOR.PATCH'),
  );
  put('A0', checkValue(report.state, STATE, 'A0', 'a status state'));
  put('A1', report.bytesReceived === undefined ? undefined : fixedDigits(report.bytesReceived, 10, '62.A1'));
  put(
    'A2',
    report.reasonCode === undefined
      ? undefined
      : checkValue(report.reasonCode, REASON_CODE, 'A2', 'SOFTWARE_… or UPGRADE_…'),
  );
  put(
    'A3',
    report.reasonText === undefined
      ? undefined
      : checkValue(report.reasonText, REASON_TEXT, 'A3', 'printable ASCII, 1 to 120'),
  );
  put(
    'A4',
    report.runningVersion === undefined
      ? undefined
      : checkValue(report.runningVersion, SOFTWARE_VERSION_PATTERN, 'A4', 'MAJOR.MINOR.PATCH'),
  );
  return entries;
}

/** Reads a 362 status upload; PROTOCOL_MISSING_FIELD without A0, PROTOCOL_INVALID_FIELD for bad values. */
export function readSoftwareStatus(entries: readonly TlvEntry[]): SoftwareStatusReport {
  const tags = tagMap(entries);
  const state = requiredTag(tags, 'A0', STATE, SOFTWARE_STATUS_STATES.join(' / '), 'a status upload');
  const bytes = optTag(tags, 'A1', /^\d{1,10}$/, '1 to 10 digits');
  const values = {
    rolloutId: optTag(tags, '93', ROLLOUT_ID, '1 to 36 letters, digits or -'),
    version: optTag(tags, '90', SOFTWARE_VERSION_PATTERN, 'MAJOR.MINOR.PATCH'),
    bytesReceived: bytes === undefined ? undefined : Number(bytes),
    reasonCode: optTag(tags, 'A2', REASON_CODE, 'SOFTWARE_… or UPGRADE_…'),
    reasonText: optTag(tags, 'A3', REASON_TEXT, 'printable ASCII, 1 to 120'),
    runningVersion: optTag(tags, 'A4', SOFTWARE_VERSION_PATTERN, 'MAJOR.MINOR.PATCH'),
  };
  const report: Record<string, unknown> = { state };
  for (const [key, value] of Object.entries(values)) if (value !== undefined) report[key] = value;
  return report as unknown as SoftwareStatusReport;
}

export function softwareChunkEntries(selector: SoftwareChunkSelector): TlvEntry[] {
  return [
    { tag: '92', value: checkValue(selector.sha256, SHA256_HEX_PATTERN, '92', '64 lowercase hex digits') },
    { tag: '94', value: fixedDigits(selector.offset, 10, '62.94') },
  ];
}

/** Reads a 363 request's 92 and 94 (upper-case hex accepted, returned lower-case). */
export function readSoftwareChunk(entries: readonly TlvEntry[]): SoftwareChunkSelector {
  const tags = tagMap(entries);
  const what = 'a software chunk request';
  const sha256 = requiredTag(tags, '92', /^[0-9A-Fa-f]{64}$/, '64 hex digits', what).toLowerCase();
  const offset = requiredTag(tags, '94', /^\d{10}$/, '10 digits', what);
  return { sha256, offset: Number(offset) };
}
