/**
 * Runs tasks with the same key one after another (tasks with different keys run concurrently): refunds
 * of one original must see each other's committed totals; a terminal's settlement and a wallet paying
 * its order must not interleave.
 */
export class KeyedSerializer {
  readonly #tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => undefined);
    this.#tails.set(key, tail);
    void tail.then(() => {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    });
    return result;
  }

  get activeKeys(): number {
    return this.#tails.size;
  }
}
