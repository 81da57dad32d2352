import type { IssuerMovementRecord } from './issuer-records.js';

export interface MovementCacheOptions {
  /** Most movements kept in memory (default 100,000); older ones are read back when a request names them. */
  readonly maxMovements?: number;
  /** A movement written less than this long ago is never dropped (default 60 s): its commit may not have landed. */
  readonly minAgeMs?: number;
  /** Reads a movement the cache no longer holds (the host's ledger table); without it nothing is dropped. */
  readonly load?: (id: string) => Promise<IssuerMovementRecord | undefined>;
}

interface Entry {
  readonly record: IssuerMovementRecord;
  readonly writtenAt: number;
}

export const DEFAULT_MAX_CACHED_MOVEMENTS = 100_000;
export const DEFAULT_MOVEMENT_MIN_AGE_MS = 60_000;

/**
 * The issuer's movements in memory, bounded: a ledger that only grows would hold every sale ever made.
 * Entries are kept in the order first written; when there are more than `maxMovements`, the oldest that
 * were last written at least `minAgeMs` ago are dropped. A request that names a movement (a void, refund,
 * completion, cancel or reversal) first calls `ensure`, which reads back a dropped movement and the
 * original it refers to, so the synchronous decision that follows sees the whole ledger.
 */
export class MovementCache {
  readonly #entries = new Map<string, Entry>();
  readonly #max: number;
  readonly #minAgeMs: number;
  readonly #load: ((id: string) => Promise<IssuerMovementRecord | undefined>) | undefined;
  readonly #nowMs: () => number;
  readonly #check: (record: IssuerMovementRecord) => void;

  /** `check` throws for a movement that cannot be taken in (it names no known account). */
  constructor(
    options: MovementCacheOptions,
    nowMs: () => number,
    check: (record: IssuerMovementRecord) => void,
  ) {
    this.#max = Math.max(1, options.maxMovements ?? DEFAULT_MAX_CACHED_MOVEMENTS);
    this.#minAgeMs = options.minAgeMs ?? DEFAULT_MOVEMENT_MIN_AGE_MS;
    this.#load = options.load;
    this.#nowMs = nowMs;
    this.#check = check;
  }

  get size(): number {
    return this.#entries.size;
  }

  get(id: string): IssuerMovementRecord | undefined {
    return this.#entries.get(id)?.record;
  }

  has(id: string): boolean {
    return this.#entries.has(id);
  }

  /**
   * Keeps `record` as its movement's latest version and drops what is due. A rewritten movement keeps
   * its place in the drop order (one map write per sale, not a delete and a set): dropping stops at the
   * first entry written less than `minAgeMs` ago, so it waits for a recent rewrite to age.
   */
  put(record: IssuerMovementRecord): void {
    const now = this.#nowMs();
    this.#entries.set(record.id, { record, writtenAt: now });
    if (this.#entries.size > this.#max && this.#load !== undefined) this.#dropOldest(now);
  }

  /** Takes in a movement loaded at start (checked, and first in the drop order). */
  preload(record: IssuerMovementRecord): void {
    this.#check(record);
    this.#entries.set(record.id, { record, writtenAt: Number.NEGATIVE_INFINITY });
  }

  /** Reads back each named movement that was dropped, and the original each refers to. */
  async ensure(ids: readonly string[]): Promise<void> {
    if (this.#load === undefined) return;
    for (const id of ids) {
      const record = this.get(id) ?? (await this.#readBack(id));
      const originalId = record?.originalId ?? null;
      if (originalId !== null && !this.has(originalId)) await this.#readBack(originalId);
    }
  }

  async #readBack(id: string): Promise<IssuerMovementRecord | undefined> {
    const loaded = await this.#load?.(id);
    // Another request may have read it back, and changed it, while this read was on its way.
    const current = this.get(id);
    if (current !== undefined || loaded === undefined) return current;
    this.#check(loaded);
    this.put(loaded);
    return loaded;
  }

  #dropOldest(now: number): void {
    for (const [id, entry] of this.#entries) {
      if (this.#entries.size <= this.#max || entry.writtenAt > now - this.#minAgeMs) return;
      this.#entries.delete(id);
    }
  }
}
