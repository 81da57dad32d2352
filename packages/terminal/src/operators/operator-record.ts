import { terminalError } from '../errors.js';
import { roleOfNumber, type Role } from './roles.js';

/** Wrong passwords in a row that lock an operator (product.md "Roles"). */
export const MAX_PASSWORD_TRIES = 3;

/** What the `operators` collection holds per operator, keyed by number. */
export interface OperatorRecord {
  readonly number: string;
  /** `scrypt$N$r$p$saltHex$hashHex` (password-hash.ts). */
  readonly passwordHash: string;
  readonly mustChangePassword: boolean;
  /** Wrong passwords in a row since the last success, unlock or lock expiry. */
  readonly failedAttempts: number;
  /** ISO 8601; the lock ends by itself at this time. Null when never locked or unlocked. */
  readonly lockedUntil: string | null;
  readonly createdAt: string;
  readonly passwordChangedAt: string;
  readonly lastLoginAt: string | null;
}

/** A logged-in operator: what login returns and what the administration methods take as actor. */
export interface Operator {
  readonly number: string;
  readonly role: Role;
  readonly mustChangePassword: boolean;
}

/** An operator as the management screen shows it: no hash. */
export interface OperatorStatus extends Operator {
  readonly locked: boolean;
  /** When the current lock ends; null when not locked. */
  readonly lockedUntil: string | null;
  /** Wrong passwords still allowed before a lock. */
  readonly triesLeft: number;
  readonly createdAt: string;
  readonly passwordChangedAt: string;
  readonly lastLoginAt: string | null;
}

export function roleOfRecord(record: OperatorRecord): Role {
  const role = roleOfNumber(record.number);
  // Numbers are checked before a record is written, so this only fails on a damaged document.
  if (role === undefined) {
    throw terminalError('TERMINAL_STORAGE_FAILED', 'A stored operator has an invalid number', {
      part: 'number',
    });
  }
  return role;
}

export function toOperator(record: OperatorRecord): Operator {
  return { number: record.number, role: roleOfRecord(record), mustChangePassword: record.mustChangePassword };
}

/** The lock end if the operator is locked at `nowMs`. */
export function activeLockUntil(record: OperatorRecord, nowMs: number): string | null {
  if (record.lockedUntil === null) return null;
  return Date.parse(record.lockedUntil) > nowMs ? record.lockedUntil : null;
}

/** Wrong passwords that still count: an expired lock starts the count afresh. */
export function countedFailures(record: OperatorRecord, nowMs: number): number {
  if (record.lockedUntil !== null && activeLockUntil(record, nowMs) === null) return 0;
  return record.failedAttempts;
}

export function toStatus(record: OperatorRecord, nowMs: number): OperatorStatus {
  const lockedUntil = activeLockUntil(record, nowMs);
  return {
    ...toOperator(record),
    locked: lockedUntil !== null,
    lockedUntil,
    triesLeft: lockedUntil === null ? MAX_PASSWORD_TRIES - countedFailures(record, nowMs) : 0,
    createdAt: record.createdAt,
    passwordChangedAt: record.passwordChangedAt,
    lastLoginAt: record.lastLoginAt,
  };
}

/** The record after one more wrong password; `lockedUntil` is set when that was the last try. */
export function afterWrongPassword(
  record: OperatorRecord,
  nowMs: number,
  lockoutMinutes: number,
): OperatorRecord {
  const failedAttempts = countedFailures(record, nowMs) + 1;
  const lockedUntil =
    failedAttempts >= MAX_PASSWORD_TRIES ? new Date(nowMs + lockoutMinutes * 60_000).toISOString() : null;
  return { ...record, failedAttempts, lockedUntil };
}

export function afterRightPassword(record: OperatorRecord): OperatorRecord {
  return { ...record, failedAttempts: 0, lockedUntil: null };
}
