import { isHostAddress } from '@payterm/protocol';
import { terminalError } from './errors.js';

export { parseHostAddress, type HostAddress } from '@payterm/protocol';

export type Language = 'zh' | 'en';

/** What the administrator sets on a terminal (menu 9 → parameters); later also from the TMS. */
export interface TerminalProfile {
  /** Field 41, 8 characters. */
  readonly tid: string;
  /** Field 42, 15 characters. */
  readonly mid: string;
  /** Printed at the top of every slip. */
  readonly merchantName: string;
  /** 10 hex digits, `60` + destination + source. */
  readonly tpdu: string;
  /** The terminal software version as 6 digits: header sub-version (pos-dialect "Framing"). */
  readonly softwareVersion: string;
  /** ISO 4217 numeric (`156`). */
  readonly currency: string;
  readonly language: Language;
  readonly connectTimeoutMs: number;
  readonly responseTimeoutMs: number;
  /** Reversal attempts before the reversal is given up and shown for manual handling (dialect: 3). */
  readonly reversalAttempts: number;
  /** How long three wrong passwords lock an operator. */
  readonly lockoutMinutes: number;
  /** Transactions in one batch before settlement is required. */
  readonly maxBatchTransactions: number;
  /** The terminal's time zone for its own dates (China Standard Time: 480). */
  readonly utcOffsetMinutes: number;
  /** Demo data: the published default passwords need not be changed first (test-cards.md `--demo`). */
  readonly demo: boolean;
  /** The host's address `host:port` from the TMS (tag 20); the shells connect there at their next start. */
  readonly primaryHost?: string;
  /** The fallback address (tag 21). */
  readonly secondaryHost?: string;
  /** Single-transaction limit in minor units (tag 50): a larger sale or pre-authorisation is refused. */
  readonly saleLimitMinor?: number;
  /** Refund limit in minor units (tag 51). */
  readonly refundLimitMinor?: number;
}

export const PROFILE_DEFAULTS = {
  merchantName: 'PayTerm Merchant',
  tpdu: '6000030000',
  softwareVersion: '000100',
  currency: '156',
  language: 'zh',
  connectTimeoutMs: 10_000,
  responseTimeoutMs: 30_000,
  reversalAttempts: 3,
  lockoutMinutes: 10,
  maxBatchTransactions: 500,
  utcOffsetMinutes: 480,
  demo: false,
} as const satisfies Partial<TerminalProfile>;

export type ProfileInput = Pick<TerminalProfile, 'tid' | 'mid'> &
  Partial<Omit<TerminalProfile, 'tid' | 'mid'>>;

function check(ok: boolean, option: string, rule: string): void {
  if (!ok) throw terminalError('TERMINAL_INVALID_INPUT', `${option} must be ${rule}`, { option });
}

/** A complete profile from the given fields and the defaults, checked field by field. */
export function resolveProfile(input: ProfileInput): TerminalProfile {
  const profile: TerminalProfile = { ...PROFILE_DEFAULTS, ...input };
  check(/^[0-9A-Za-z]{8}$/.test(profile.tid), 'tid', '8 letters or digits');
  check(/^[0-9A-Za-z]{15}$/.test(profile.mid), 'mid', '15 letters or digits');
  check(/^60[0-9A-Fa-f]{8}$/.test(profile.tpdu), 'tpdu', '10 hex digits starting 60');
  check(/^\d{6}$/.test(profile.softwareVersion), 'softwareVersion', '6 digits');
  check(/^\d{3}$/.test(profile.currency), 'currency', 'an ISO 4217 numeric code (3 digits)');
  check(profile.language === 'zh' || profile.language === 'en', 'language', 'zh or en');
  for (const key of [
    'connectTimeoutMs',
    'responseTimeoutMs',
    'reversalAttempts',
    'lockoutMinutes',
    'maxBatchTransactions',
  ] as const) {
    check(Number.isSafeInteger(profile[key]) && profile[key] > 0, key, 'a positive whole number');
  }
  check(Number.isSafeInteger(profile.utcOffsetMinutes), 'utcOffsetMinutes', 'whole minutes');
  check(profile.merchantName.trim().length > 0, 'merchantName', 'non-empty');
  for (const key of ['primaryHost', 'secondaryHost'] as const) {
    const address = profile[key];
    check(address === undefined || isHostAddress(address), key, 'host:port');
  }
  for (const key of ['saleLimitMinor', 'refundLimitMinor'] as const) {
    const limit = profile[key];
    check(
      limit === undefined || (Number.isSafeInteger(limit) && limit > 0),
      key,
      'a positive amount in minor units',
    );
  }
  return profile;
}

/** Header `60` `31` + status/processing `00` + software version (pos-dialect "Framing"). */
export function requestHeader(profile: TerminalProfile): string {
  return `603100${profile.softwareVersion}`;
}
