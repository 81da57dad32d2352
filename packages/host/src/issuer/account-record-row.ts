/**
 * Reading stored rows back: the database columns are plain strings (and may be null), the simulator's
 * records are narrow unions. These check each value and name the column that is wrong.
 */
import { issuerError } from './issuer-error.js';
import type {
  AccountBehaviour,
  AccountKind,
  AccountStatus,
  HoldStatus,
  IssuerAccountRecord,
  IssuerHoldRecord,
  IssuerMovementRecord,
  MovementKind,
  MovementStatus,
} from './issuer-records.js';

export interface IssuerAccountRow extends Omit<IssuerAccountRecord, 'kind' | 'status' | 'pvv' | 'behaviour'> {
  readonly kind: string;
  readonly status: string;
  readonly pvv: string | null;
  readonly behaviour: string | null;
}

export interface IssuerHoldRow extends Omit<IssuerHoldRecord, 'status'> {
  readonly status: string;
}

const KINDS: readonly AccountKind[] = ['debit', 'credit'];
const STATUSES: readonly AccountStatus[] = ['active', 'lost', 'stolen', 'do-not-honour', 'restricted'];
const BEHAVIOURS: readonly AccountBehaviour[] = [
  'approve',
  'low-balance',
  'lost',
  'stolen',
  'expired',
  'do-not-honour',
  'restricted',
  'no-pin-small-amounts',
  'pin-tries',
  'load-test',
  'foreign',
];
const HOLD_STATUSES: readonly HoldStatus[] = ['held', 'completed', 'released'];
const MOVEMENT_KINDS: readonly MovementKind[] = ['sale', 'preauth', 'completion', 'cancel', 'void', 'refund'];
const MOVEMENT_STATUSES: readonly MovementStatus[] = ['applied', 'reversed', 'voided'];

export interface IssuerMovementRow extends Omit<IssuerMovementRecord, 'kind' | 'status'> {
  readonly kind: string;
  readonly status: string;
}

function oneOf<T extends string>(value: string | null, allowed: readonly T[], field: string, id: string): T {
  if (value !== null && (allowed as readonly string[]).includes(value)) return value as T;
  throw issuerError('ISSUER_INVALID_RECORD', `A stored ${field} is not one the issuer knows`, { field, id });
}

/** A stored account row as a record; a null behaviour reads as `approve`, a null pvv is an error. */
export function accountRecordFromRow(row: IssuerAccountRow): IssuerAccountRecord {
  if (row.pvv === null) {
    throw issuerError('ISSUER_INVALID_RECORD', 'A stored account has no PIN verification value', {
      field: 'pvv',
      id: row.panMasked,
    });
  }
  return {
    panHash: row.panHash,
    panMasked: row.panMasked,
    kind: oneOf(row.kind, KINDS, 'kind', row.panMasked),
    currency: row.currency,
    balanceMinor: row.balanceMinor,
    creditLimitMinor: row.creditLimitMinor,
    heldMinor: row.heldMinor,
    status: oneOf(row.status, STATUSES, 'status', row.panMasked),
    pinTryDate: row.pinTryDate,
    pinTries: row.pinTries,
    pvv: row.pvv,
    expiry: row.expiry,
    behaviour: oneOf(row.behaviour ?? 'approve', BEHAVIOURS, 'behaviour', row.panMasked),
  };
}

export function holdRecordFromRow(row: IssuerHoldRow): IssuerHoldRecord {
  return {
    id: row.id,
    panHash: row.panHash,
    transactionId: row.transactionId,
    amountMinor: row.amountMinor,
    status: oneOf(row.status, HOLD_STATUSES, 'hold status', row.id),
  };
}

export function movementRecordFromRow(row: IssuerMovementRow): IssuerMovementRecord {
  return {
    id: row.id,
    panHash: row.panHash,
    kind: oneOf(row.kind, MOVEMENT_KINDS, 'movement kind', row.id),
    amountMinor: row.amountMinor,
    currency: row.currency,
    balanceDeltaMinor: row.balanceDeltaMinor,
    heldDeltaMinor: row.heldDeltaMinor,
    holdId: row.holdId,
    originalId: row.originalId,
    refundedMinor: row.refundedMinor,
    status: oneOf(row.status, MOVEMENT_STATUSES, 'movement status', row.id),
  };
}
