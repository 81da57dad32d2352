/**
 * The simulator's in-memory state: accounts by PAN hash, holds, and the movement ledger. Every write
 * goes through here so that the sink sees each changed record exactly once, in order.
 */
import { issuerError } from './issuer-error.js';
import { MovementCache, type MovementCacheOptions } from './movement-cache.js';
import type {
  IssuerAccountRecord,
  IssuerHoldRecord,
  IssuerMovementRecord,
  IssuerStateSink,
} from './issuer-records.js';

export interface IssuerStateSnapshot {
  readonly accounts: readonly IssuerAccountRecord[];
  readonly holds?: readonly IssuerHoldRecord[];
  readonly movements?: readonly IssuerMovementRecord[];
}

const HOLD_ID = /^H([0-9]{11})$/;

export class IssuerState {
  readonly #accounts = new Map<string, IssuerAccountRecord>();
  readonly #holds = new Map<string, IssuerHoldRecord>();
  readonly #movements: MovementCache;
  readonly #sink: IssuerStateSink;
  #nextHoldNumber = 1;

  /** `nowMs` times movement writes for the bounded movement cache. */
  constructor(
    snapshot: IssuerStateSnapshot,
    sink: IssuerStateSink,
    nowMs: () => number,
    movementCache: MovementCacheOptions = {},
  ) {
    this.#sink = sink;
    this.#movements = new MovementCache(movementCache, nowMs, (movement) => this.#checkMovement(movement));
    for (const account of snapshot.accounts) {
      if (this.#accounts.has(account.panHash)) {
        throw issuerError('ISSUER_INVALID_RECORD', 'Two accounts have the same PAN hash', {
          panMasked: account.panMasked,
        });
      }
      this.#accounts.set(account.panHash, { ...account });
    }
    for (const hold of snapshot.holds ?? []) this.#loadHold(hold);
    for (const movement of snapshot.movements ?? []) this.#movements.preload({ ...movement });
    this.#checkHeldSums();
  }

  #checkMovement(movement: IssuerMovementRecord): void {
    if (!this.#accounts.has(movement.panHash)) {
      throw issuerError('ISSUER_INVALID_RECORD', 'A movement names an unknown account', {
        movementId: movement.id,
      });
    }
  }

  #loadHold(hold: IssuerHoldRecord): void {
    const number = HOLD_ID.exec(hold.id);
    if (number === null || !this.#accounts.has(hold.panHash)) {
      throw issuerError('ISSUER_INVALID_RECORD', 'A hold has a malformed id or an unknown account', {
        holdId: hold.id,
      });
    }
    this.#holds.set(hold.id, { ...hold });
    this.#nextHoldNumber = Math.max(this.#nextHoldNumber, Number(number[1]) + 1);
  }

  /** heldMinor of each account must be the sum of its active holds: a restart must not lose a hold. */
  #checkHeldSums(): void {
    const held = new Map<string, number>();
    for (const hold of this.#holds.values()) {
      if (hold.status === 'held') held.set(hold.panHash, (held.get(hold.panHash) ?? 0) + hold.amountMinor);
    }
    for (const account of this.#accounts.values()) {
      if ((held.get(account.panHash) ?? 0) !== account.heldMinor) {
        throw issuerError('ISSUER_INVALID_RECORD', 'An account heldMinor differs from its active holds', {
          panMasked: account.panMasked,
        });
      }
    }
  }

  account(panHash: string): IssuerAccountRecord | undefined {
    return this.#accounts.get(panHash);
  }

  hold(id: string | null): IssuerHoldRecord | undefined {
    return id === null ? undefined : this.#holds.get(id);
  }

  movement(id: string): IssuerMovementRecord | undefined {
    return this.#movements.get(id);
  }

  /** Reads back the named movements (and their originals) that the bounded cache dropped. */
  ensureMovements(ids: readonly string[]): Promise<void> {
    return this.#movements.ensure(ids);
  }

  /** Movements held in memory. */
  get cachedMovements(): number {
    return this.#movements.size;
  }

  /** Throws when `id` already names a movement: ids are the host's transaction ids, never reused. */
  checkNewMovementId(id: string): void {
    if (this.#movements.has(id)) {
      throw issuerError('ISSUER_DUPLICATE_MOVEMENT', 'This movement id already names a movement', {
        movementId: id,
      });
    }
  }

  newHoldId(): string {
    const id = `H${String(this.#nextHoldNumber).padStart(11, '0')}`;
    this.#nextHoldNumber += 1;
    return id;
  }

  putAccount(account: IssuerAccountRecord): IssuerAccountRecord {
    this.#accounts.set(account.panHash, account);
    this.#sink.onAccountChange(account);
    return account;
  }

  putHold(hold: IssuerHoldRecord): void {
    this.#holds.set(hold.id, hold);
    this.#sink.onHoldChange(hold);
  }

  putMovement(movement: IssuerMovementRecord): void {
    this.#movements.put(movement);
    this.#sink.onMovement(movement);
  }

  /** Adds the movement's deltas to its account (`sign` −1 undoes them) and reports the account. */
  applyDeltas(movement: IssuerMovementRecord, sign: 1 | -1): IssuerAccountRecord {
    const account = this.#accounts.get(movement.panHash);
    if (account === undefined) {
      throw issuerError('ISSUER_INVALID_RECORD', 'A movement names an unknown account', {
        movementId: movement.id,
      });
    }
    return this.putAccount({
      ...account,
      balanceMinor: account.balanceMinor + sign * movement.balanceDeltaMinor,
      heldMinor: account.heldMinor + sign * movement.heldDeltaMinor,
    });
  }
}
