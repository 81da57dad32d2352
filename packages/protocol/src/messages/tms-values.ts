import { protocolError } from '../errors.js';
import type { TlvEntry } from './ascii-tlv-field.js';

/** A terminal application version `MAJOR.MINOR.PATCH`, each 0–99 without leading zeros (docs/TMS.md §1). */
export const SOFTWARE_VERSION_PATTERN = /^(0|[1-9]\d?)\.(0|[1-9]\d?)\.(0|[1-9]\d?)$/;
/** A payload SHA-256 as lowercase hex. */
export const SHA256_HEX_PATTERN = /^[0-9a-f]{64}$/;

/** Tag → value of TLV objects; a repeated tag keeps its last value. */
export function tagMap(entries: readonly TlvEntry[]): ReadonlyMap<string, string> {
  return new Map(entries.map((entry) => [entry.tag, entry.value]));
}

export function invalidTag(tag: string, shape: string): never {
  throw protocolError('PROTOCOL_INVALID_FIELD', `62.${tag} must be ${shape}`, `62.${tag}`);
}

export function missingTag(tag: string, what: string): never {
  throw protocolError('PROTOCOL_MISSING_FIELD', `${what} needs field 62 tag ${tag}`, `62.${tag}`);
}

/** The value of `tag` when present and matching `pattern`; PROTOCOL_INVALID_FIELD otherwise. */
export function optTag(
  tags: ReadonlyMap<string, string>,
  tag: string,
  pattern: RegExp,
  shape: string,
): string | undefined {
  const value = tags.get(tag);
  if (value !== undefined && !pattern.test(value)) invalidTag(tag, shape);
  return value;
}

export function requiredTag(
  tags: ReadonlyMap<string, string>,
  tag: string,
  pattern: RegExp,
  shape: string,
  what: string,
): string {
  return optTag(tags, tag, pattern, shape) ?? missingTag(tag, what);
}

export function optNumberTag(
  tags: ReadonlyMap<string, string>,
  tag: string,
  digits: number,
): number | undefined {
  const value = optTag(tags, tag, new RegExp(`^\\d{1,${digits}}$`), `1 to ${digits} digits`);
  return value === undefined ? undefined : Number(value);
}

/** `value` as exactly `digits` digits; PROTOCOL_INVALID_VALUE when it is no integer in range. */
export function fixedDigits(value: number, digits: number, field: string): string {
  if (!Number.isSafeInteger(value) || value < 0 || value >= 10 ** digits) {
    throw protocolError('PROTOCOL_INVALID_VALUE', `${field} must be an integer of ${digits} digits`, field);
  }
  return String(value).padStart(digits, '0');
}

/** Checks a value before it is sent; PROTOCOL_INVALID_VALUE naming `62.tag`. */
export function checkValue(value: string, pattern: RegExp, tag: string, shape: string): string {
  if (!pattern.test(value)) {
    throw protocolError('PROTOCOL_INVALID_VALUE', `62.${tag} must be ${shape}`, `62.${tag}`);
  }
  return value;
}
