/**
 * The signed manifest of a package (docs/TMS.md §1): what the payload is, which versions it may
 * replace, and which key signed it. Parsed only after its signature has verified.
 */
import { canonicalJson } from './canonical-json.js';
import { softwareError } from './errors.js';
import { compareVersions, isSoftwareVersion } from './version.js';

export const PACKAGE_FORMAT = 1;
export const TERMINAL_APP_ID = 'payterm.terminal';

export interface ReleaseNotes {
  readonly zh: string;
  readonly en: string;
}

export interface SoftwareManifest {
  readonly format: typeof PACKAGE_FORMAT;
  readonly appId: string;
  /** `MAJOR.MINOR.PATCH`, each 0–99. */
  readonly version: string;
  /** The oldest installed version that may upgrade to this one. */
  readonly minVersion: string;
  /** The application interface the firmware must offer. */
  readonly abi: number;
  /** ISO 8601 UTC. */
  readonly buildTime: string;
  /** Payload bytes. */
  readonly size: number;
  /** Payload SHA-256, lowercase hex. */
  readonly sha256: string;
  /** First 16 hex digits of SHA-256 of the signing public key. */
  readonly keyId: string;
  readonly releaseNotes: ReleaseNotes;
}

const FIELDS = [
  'abi',
  'appId',
  'buildTime',
  'format',
  'keyId',
  'minVersion',
  'releaseNotes',
  'sha256',
  'size',
  'version',
] as const;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
const MAX_NOTES = 4096;

type Check = (value: unknown) => boolean;

const isText =
  (max: number): Check =>
  (value) =>
    typeof value === 'string' && value.length > 0 && value.length <= max;

const CHECKS: Readonly<Record<(typeof FIELDS)[number], Check>> = {
  format: (value) => value === PACKAGE_FORMAT,
  appId: isText(64),
  version: isSoftwareVersion,
  minVersion: isSoftwareVersion,
  abi: (value) => Number.isSafeInteger(value) && (value as number) >= 0,
  buildTime: (value) => typeof value === 'string' && ISO_UTC.test(value) && !Number.isNaN(Date.parse(value)),
  size: (value) => Number.isSafeInteger(value) && (value as number) >= 0,
  sha256: (value) => typeof value === 'string' && /^[0-9a-f]{64}$/.test(value),
  keyId: (value) => typeof value === 'string' && /^[0-9a-f]{16}$/.test(value),
  releaseNotes: (value) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
    const keys = Object.keys(value).sort();
    const notes = value as Record<string, unknown>;
    return (
      keys.join(',') === 'en,zh' &&
      typeof notes['en'] === 'string' &&
      typeof notes['zh'] === 'string' &&
      (notes['en'] as string).length <= MAX_NOTES &&
      (notes['zh'] as string).length <= MAX_NOTES
    );
  },
};

function malformed(message: string, field: string | null, offset: number): never {
  throw softwareError('SOFTWARE_MALFORMED', message, { part: 'manifest', offset, field });
}

/** Checks every field (exactly these fields, no others); SOFTWARE_MALFORMED names the first bad one. */
export function validateManifest(value: unknown, offset = -1): SoftwareManifest {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    malformed('The manifest is not a JSON object', null, offset);
  }
  const record = value as Record<string, unknown>;
  const extra = Object.keys(record).find((key) => !(FIELDS as readonly string[]).includes(key));
  if (extra !== undefined) malformed(`The manifest has an unknown field`, extra.slice(0, 40), offset);
  for (const field of FIELDS) {
    if (!CHECKS[field](record[field]))
      malformed(`Manifest field ${field} is missing or invalid`, field, offset);
  }
  if (compareVersions(record['minVersion'] as string, record['version'] as string) > 0) {
    malformed('The manifest minVersion is above its version', 'minVersion', offset);
  }
  return record as unknown as SoftwareManifest;
}

/** The exact bytes that are signed: canonical JSON in UTF-8. */
export function canonicalManifestBytes(manifest: SoftwareManifest): Uint8Array {
  const checked = validateManifest(manifest);
  return new TextEncoder().encode(canonicalJson({ ...checked, releaseNotes: { ...checked.releaseNotes } }));
}

/**
 * Parses signed manifest bytes: UTF-8, JSON, the fields, and the canonical form (a manifest that is
 * not byte-identical to its canonical form is refused, so one manifest has one signed encoding).
 */
export function parseManifestBytes(bytes: Uint8Array, offset: number): SoftwareManifest {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    throw softwareError(
      'SOFTWARE_MALFORMED',
      'The manifest is not UTF-8 JSON',
      {
        part: 'manifest',
        offset,
        field: null,
      },
      error,
    );
  }
  const manifest = validateManifest(value, offset);
  const canonical = canonicalManifestBytes(manifest);
  if (canonical.length !== bytes.length || canonical.some((byte, index) => byte !== bytes[index])) {
    malformed('The manifest is not in canonical JSON (sorted keys, no white space)', null, offset);
  }
  return manifest;
}
