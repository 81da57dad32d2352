/**
 * DUKPT replay detection (reference §6 rule 5): the highest transaction counter the HSM has accepted
 * per device and operation. A host persists it through its own implementation of this port, shared by
 * every HSM instance that serves the same devices.
 */
export interface DukptCounterStore {
  /**
   * Records `counter` for `scope` and resolves true when it is above the highest one recorded there;
   * resolves false and records nothing otherwise. Must be atomic per scope (compare and set).
   */
  advance(scope: string, counter: number): Promise<boolean>;
}

/** A DukptCounterStore in memory (tests; one process). */
export class InMemoryDukptCounterStore implements DukptCounterStore {
  readonly #highest = new Map<string, number>();

  advance(scope: string, counter: number): Promise<boolean> {
    const highest = this.#highest.get(scope);
    if (highest !== undefined && counter <= highest) return Promise.resolve(false);
    this.#highest.set(scope, counter);
    return Promise.resolve(true);
  }

  /** The highest counter recorded for `scope`, if any. */
  highest(scope: string): number | undefined {
    return this.#highest.get(scope);
  }
}
