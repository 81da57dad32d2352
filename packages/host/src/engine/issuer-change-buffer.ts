import type { Clock } from '@payterm/kernel';
import type {
  IssuerAccountRecord,
  IssuerHoldRecord,
  IssuerMovementRecord,
  IssuerStateSink,
} from '../issuer/issuer-records.js';
import type { WriteBatch } from '../storage/commit/write-batch.js';

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
    for (const account of this.#accounts.values()) batch.putIssuerAccount({ ...account, updatedAt: now });
    for (const hold of this.#holds.values()) batch.putHold({ ...hold, createdAt: now });
    for (const movement of this.#movements.values()) batch.putIssuerMovement({ ...movement, updatedAt: now });
    this.#accounts.clear();
    this.#holds.clear();
    this.#movements.clear();
  }
}
