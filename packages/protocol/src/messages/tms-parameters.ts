import { protocolError } from '../errors.js';
import type { TlvEntry } from './ascii-tlv-field.js';
import { FIELD_62_MAX_BYTES, field62EntrySize } from './field-62.js';
import {
  checkValue,
  fixedDigits,
  optNumberTag,
  optTag,
  requiredTag,
  SHA256_HEX_PATTERN,
  SOFTWARE_VERSION_PATTERN,
  tagMap,
  invalidTag,
} from './tms-values.js';
import { HOST_ADDRESS_RULE, isHostAddress } from './host-address.js';

function checkHostAddress(value: string, tag: string): string {
  if (!isHostAddress(value)) {
    throw protocolError('PROTOCOL_INVALID_VALUE', `62.${tag} must be ${HOST_ADDRESS_RULE}`, `62.${tag}`);
  }
  return value;
}

function optHostTag(tags: ReadonlyMap<string, string>, tag: string): string | undefined {
  const value = tags.get(tag);
  if (value !== undefined && !isHostAddress(value)) invalidTag(tag, HOST_ADDRESS_RULE);
  return value;
}

/** The 360 answer's first byte: `0` nothing, `1` entries that end here, `2` more follow. */
export type ParameterPageStatus = 'none' | 'last' | 'more';

export const PARAMETER_PAGE_STATUS_BYTES: Readonly<Record<ParameterPageStatus, string>> = {
  none: '0',
  last: '1',
  more: '2',
};

/** One 360 answer: a status and the TLV objects it carries. */
export interface ParameterPage {
  readonly status: ParameterPageStatus;
  readonly entries: readonly TlvEntry[];
}

/** A parameter set as the terminal applies it (docs/TMS.md §2.1). Limits are minor units. */
export interface TerminalParameters {
  /** Tag 02: the parameter set version, 1 to 10 digits. */
  readonly version: string;
  readonly merchantName?: string;
  readonly primaryHost?: string;
  readonly secondaryHost?: string;
  readonly responseTimeoutSeconds?: number;
  readonly connectTimeoutSeconds?: number;
  readonly language?: 'zh' | 'en';
  readonly saleLimitMinor?: number;
  readonly refundLimitMinor?: number;
}

/** Tags 90–95: the package an active rollout offers this terminal. */
export interface SoftwareOffer {
  readonly version: string;
  readonly sizeBytes: number;
  readonly sha256: string;
  readonly rolloutId: string;
  /** Tag 95: package bytes before the payload (header + manifest + signature). */
  readonly prefixBytes: number;
}

/** What a whole 360 download carries: the parameters, the offer, or both. */
export interface ParameterDownload {
  readonly parameters?: TerminalParameters;
  readonly offer?: SoftwareOffer;
}

export const PARAMETER_VERSION_PATTERN = /^\d{1,10}$/;
const ROLLOUT_ID = /^[0-9A-Za-z-]{1,36}$/;

function put(entries: TlvEntry[], tag: string, value: string | number | undefined): void {
  if (value !== undefined) entries.push({ tag, value: String(value) });
}

function parameterSetEntries(parameters: TerminalParameters): TlvEntry[] {
  const entries: TlvEntry[] = [];
  put(entries, '02', checkValue(parameters.version, PARAMETER_VERSION_PATTERN, '02', '1 to 10 digits'));
  if (
    parameters.merchantName !== undefined &&
    new TextEncoder().encode(parameters.merchantName).length > 40
  ) {
    throw protocolError('PROTOCOL_INVALID_VALUE', '62.10 (merchant name) is at most 40 bytes', '62.10');
  }
  put(entries, '10', parameters.merchantName);
  for (const [tag, host] of [
    ['20', parameters.primaryHost],
    ['21', parameters.secondaryHost],
  ] as const) {
    if (host !== undefined) put(entries, tag, checkHostAddress(host, tag));
  }
  const seconds = (value: number | undefined, tag: string) =>
    value === undefined ? undefined : fixedDigits(value, 3, `62.${tag}`);
  put(entries, '30', seconds(parameters.responseTimeoutSeconds, '30'));
  put(entries, '31', seconds(parameters.connectTimeoutSeconds, '31'));
  put(entries, '40', parameters.language);
  const limit = (value: number | undefined, tag: string) =>
    value === undefined ? undefined : fixedDigits(value, 12, `62.${tag}`);
  put(entries, '50', limit(parameters.saleLimitMinor, '50'));
  put(entries, '51', limit(parameters.refundLimitMinor, '51'));
  return entries;
}

function offerEntries(offer: SoftwareOffer): TlvEntry[] {
  return [
    { tag: '90', value: checkValue(offer.version, SOFTWARE_VERSION_PATTERN, '90', 'MAJOR.MINOR.PATCH') },
    { tag: '91', value: fixedDigits(offer.sizeBytes, 10, '62.91') },
    { tag: '92', value: checkValue(offer.sha256, SHA256_HEX_PATTERN, '92', '64 lowercase hex digits') },
    { tag: '93', value: checkValue(offer.rolloutId, ROLLOUT_ID, '93', '1 to 36 letters, digits or -') },
    { tag: '95', value: fixedDigits(offer.prefixBytes, 5, '62.95') },
  ];
}

/** The TLV objects of a whole download, parameters first. Throws PROTOCOL_INVALID_VALUE. */
export function parameterDownloadEntries(download: ParameterDownload): TlvEntry[] {
  return [
    ...(download.parameters === undefined ? [] : parameterSetEntries(download.parameters)),
    ...(download.offer === undefined ? [] : offerEntries(download.offer)),
  ];
}

function readParameters(tags: ReadonlyMap<string, string>): TerminalParameters | undefined {
  const version = optTag(tags, '02', PARAMETER_VERSION_PATTERN, '1 to 10 digits');
  if (version === undefined) return undefined;
  const merchantName = tags.get('10');
  if (merchantName !== undefined && new TextEncoder().encode(merchantName).length > 40) {
    optTag(tags, '10', /^$/, 'at most 40 bytes');
  }
  const language = optTag(tags, '40', /^(zh|en)$/, '`zh` or `en`') as 'zh' | 'en' | undefined;
  const values = {
    merchantName,
    primaryHost: optHostTag(tags, '20'),
    secondaryHost: optHostTag(tags, '21'),
    responseTimeoutSeconds: optNumberTag(tags, '30', 3),
    connectTimeoutSeconds: optNumberTag(tags, '31', 3),
    language,
    saleLimitMinor: optNumberTag(tags, '50', 12),
    refundLimitMinor: optNumberTag(tags, '51', 12),
  };
  const parameters: Record<string, unknown> = { version };
  for (const [key, value] of Object.entries(values)) if (value !== undefined) parameters[key] = value;
  return parameters as unknown as TerminalParameters;
}

function readOffer(tags: ReadonlyMap<string, string>): SoftwareOffer | undefined {
  if (!tags.has('90')) return undefined;
  const what = 'a software offer';
  return {
    version: requiredTag(tags, '90', SOFTWARE_VERSION_PATTERN, 'MAJOR.MINOR.PATCH', what),
    sizeBytes: Number(requiredTag(tags, '91', /^\d{1,10}$/, '1 to 10 digits', what)),
    sha256: requiredTag(tags, '92', SHA256_HEX_PATTERN, '64 lowercase hex digits', what),
    rolloutId: requiredTag(tags, '93', ROLLOUT_ID, '1 to 36 letters, digits or -', what),
    prefixBytes: Number(requiredTag(tags, '95', /^\d{1,5}$/, '1 to 5 digits', what)),
  };
}

/**
 * The parameters and offer of a whole download (the objects of every page, in order). Unknown tags are
 * ignored; a known tag with a bad value throws PROTOCOL_INVALID_FIELD naming it (`62.30`).
 */
export function readParameterDownload(entries: readonly TlvEntry[]): ParameterDownload {
  const tags = tagMap(entries);
  const parameters = readParameters(tags);
  const offer = readOffer(tags);
  return {
    ...(parameters === undefined ? {} : { parameters }),
    ...(offer === undefined ? {} : { offer }),
  };
}

/**
 * The 360 answer to `startIndex`: the objects from there that fit field 62 with its status byte.
 * Throws PROTOCOL_INVALID_VALUE when a single object cannot fit.
 */
export function parameterPage(
  entries: readonly TlvEntry[],
  startIndex: number,
  maxBytes = FIELD_62_MAX_BYTES,
): ParameterPage {
  if (startIndex >= entries.length) return { status: 'none', entries: [] };
  const page: TlvEntry[] = [];
  let size = 1;
  for (let index = startIndex; index < entries.length; index++) {
    const entry = entries[index]!;
    const entrySize = field62EntrySize(entry);
    if (size + entrySize > maxBytes) {
      if (page.length === 0) {
        throw protocolError(
          'PROTOCOL_INVALID_VALUE',
          `62.${entry.tag} does not fit field 62`,
          `62.${entry.tag}`,
        );
      }
      return { status: 'more', entries: page };
    }
    page.push(entry);
    size += entrySize;
  }
  return { status: 'last', entries: page };
}
