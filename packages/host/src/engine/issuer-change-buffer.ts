import type { Clock } from '@payterm/kernel';
import type {
  IssuerAccountRecord,
  IssuerHoldRecord,
  IssuerMovementRecord,
  IssuerStateSink,
} from '../issuer/issuer-records.js';
import type { WriteBatch } from '../storage/commit/write-batch.js';
import type { IssuerAccountRecord as AccountRow, IssuerMovementRow } from '../storage/schema/records.js';

/**
 * Collects the issuer simulator's state changes (reported synchronously, ADR 0005) until the next
 * request hands them to its commit. Changes of the same account, hold or movement collapse to the last.
 * A request's changes are drained by that request before it awaits its commit, so every approval waits
 * for a commit that holds its own balance change.
 */
export class IssuerChangeBuffer implements IssuerStateSink {
  readonly #clock: Clock;
  readonly #accounts = new Map<string, IssuerAccountRecord>();
  readonly #holds = new Map<string, IssuerHoldRecord>();
  readonly #movements = new Map<string, IssuerMovementRecord>();

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  onAccountChange(record: IssuerAccountRecord): void {
    this.#accounts.set(record.panHash, record);
  }

  onHoldChange(hold: IssuerHoldRecord): void {
    this.#holds.set(hold.id, hold);
  }

  onMovement(movement: IssuerMovementRecord): void {
    this.#movements.set(movement.id, movement);
  }

  get pending(): number {
    return this.#accounts.size + this.#holds.size + this.#movements.size;
  }

  drainInto(batch: WriteBatch): void {
    if (this.pending === 0) return;
    const now = this.#clock.nowMs();
    for (const account of this.#accounts.values()) batch.putIssuerAccount(accountRow(account, now));
    for (const hold of this.#holds.values()) batch.putHold({ ...hold, createdAt: now });
    for (const movement of this.#movements.values()) batch.putIssuerMovement(movementRow(movement, now));
    this.#accounts.clear();
    this.#holds.clear();
    this.#movements.clear();
  }
}

// Field by field rather than a spread plus updatedAt: the spread took V8's slow clone path, about
// 1.2 µs per record on the hot path of every sale against well under 0.1 µs.
function accountRow(a: IssuerAccountRecord, updatedAt: number): AccountRow {
  return {
    panHash: a.panHash,
    panMasked: a.panMasked,
    kind: a.kind,
    currency: a.currency,
    balanceMinor: a.balanceMinor,
    creditLimitMinor: a.creditLimitMinor,
    heldMinor: a.heldMinor,
    status: a.status,
    pinTryDate: a.pinTryDate,
    pinTries: a.pinTries,
    pvv: a.pvv,
    expiry: a.expiry,
    behaviour: a.behaviour,
    updatedAt,
  };
}

function movementRow(m: IssuerMovementRecord, updatedAt: number): IssuerMovementRow {
  return {
    id: m.id,
    panHash: m.panHash,
    kind: m.kind,
    amountMinor: m.amountMinor,
    currency: m.currency,
    balanceDeltaMinor: m.balanceDeltaMinor,
    heldDeltaMinor: m.heldDeltaMinor,
    holdId: m.holdId,
    originalId: m.originalId,
    refundedMinor: m.refundedMinor,
    status: m.status,
    updatedAt,
  };
}
