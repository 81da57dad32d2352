/**
 * Terminal application versions: `MAJOR.MINOR.PATCH`, each 0–99 without leading zeros, so that the
 * ISO 8583 header sub-version can carry them as six digits (1.2.3 → `010203`).
 */
import { softwareError, type PackagePart } from './errors.js';

export interface SoftwareVersion {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
}

const VERSION = /^(0|[1-9]\d?)\.(0|[1-9]\d?)\.(0|[1-9]\d?)$/;

export function isSoftwareVersion(text: unknown): text is string {
  return typeof text === 'string' && VERSION.test(text);
}

/** Throws SOFTWARE_MALFORMED (naming `part`) for anything but `M.m.p` with parts 0–99. */
export function parseVersion(text: string, part: PackagePart = 'manifest'): SoftwareVersion {
  const match = typeof text === 'string' ? VERSION.exec(text) : null;
  if (match === null) {
    throw softwareError('SOFTWARE_MALFORMED', 'A version must be MAJOR.MINOR.PATCH, each 0-99', {
      part,
      offset: -1,
      version: typeof text === 'string' ? text.slice(0, 40) : String(typeof text),
    });
  }
  return { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]) };
}

export function formatVersion(version: SoftwareVersion): string {
  return `${version.major}.${version.minor}.${version.patch}`;
}

/** Negative when `a` is older than `b`, 0 when equal, positive when newer. */
export function compareVersions(a: string, b: string): number {
  const left = parseVersion(a);
  const right = parseVersion(b);
  return left.major - right.major || left.minor - right.minor || left.patch - right.patch;
}

/** The newest of `versions`, or undefined for none. */
export function highestVersion(versions: Iterable<string>): string | undefined {
  let highest: string | undefined;
  for (const version of versions) {
    if (highest === undefined || compareVersions(version, highest) > 0) highest = version;
  }
  return highest;
}

/** `1.2.3` → `010203` (the header sub-version). */
export function subVersionDigits(version: string): string {
  const { major, minor, patch } = parseVersion(version);
  return [major, minor, patch].map((part) => String(part).padStart(2, '0')).join('');
}

/** `010203` → `1.2.3`; throws SOFTWARE_MALFORMED for anything but six digits. */
export function versionFromSubVersion(digits: string): string {
  if (typeof digits !== 'string' || !/^\d{6}$/.test(digits)) {
    throw softwareError('SOFTWARE_MALFORMED', 'A header sub-version is six digits MMmmpp', {
      part: 'header',
      offset: -1,
    });
  }
  return formatVersion({
    major: Number(digits.slice(0, 2)),
    minor: Number(digits.slice(2, 4)),
    patch: Number(digits.slice(4, 6)),
  });
}
