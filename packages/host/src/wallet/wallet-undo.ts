import type { WriteBatch } from '../storage/commit/write-batch.js';

interface Step {
  readonly changes: WriteBatch;
  /** Puts the thing back as it was just before this step. */
  readonly restore: () => void;
}

/**
 * The wallet's in-memory changes that are not known to be committed yet, by the WriteBatch that carries
 * them to the database, so that a failed commit can take them back.
 *
 * The wallet changes memory at once (its checks must see a payment in flight, or two requests could
 * spend the same balance, code or order), so each change is recorded here against the thing it changed:
 * a record, a movement, a user. Taking back a batch puts every thing it touched back as it was before
 * the batch's first step on it — and so also takes back later steps of other batches on the same thing,
 * which were built on the failed one and cannot commit either (the host's commit queue refuses every
 * submission after a failure). Steps on different things are independent: balances are sums of movements.
 */
export class WalletUndo {
  readonly #stepsByThing = new Map<object, Step[]>();
  readonly #thingsByBatch = new WeakMap<WriteBatch, object[]>();

  /** Records that `changes` changed `thing`; `restore` puts it back as it was just before. */
  record(changes: WriteBatch, thing: object, restore: () => void): void {
    const steps = this.#stepsByThing.get(thing);
    if (steps === undefined) this.#stepsByThing.set(thing, [{ changes, restore }]);
    else steps.push({ changes, restore });
    const things = this.#thingsByBatch.get(changes);
    if (things === undefined) this.#thingsByBatch.set(changes, [thing]);
    else if (!things.includes(thing)) things.push(thing);
  }

  /** The batch is committed: its steps stay. */
  committed(changes: WriteBatch): void {
    for (const thing of this.#take(changes)) {
      const steps = this.#stepsByThing.get(thing);
      if (steps === undefined) continue;
      const left = steps.filter((step) => step.changes !== changes);
      if (left.length === 0) this.#stepsByThing.delete(thing);
      else this.#stepsByThing.set(thing, left);
    }
  }

  /** The batch will never be committed: every thing it touched goes back to before its first step. */
  rollBack(changes: WriteBatch): void {
    for (const thing of this.#take(changes).reverse()) {
      const steps = this.#stepsByThing.get(thing);
      if (steps === undefined) continue;
      const first = steps.findIndex((step) => step.changes === changes);
      if (first < 0) continue;
      for (let index = steps.length - 1; index >= first; index -= 1) steps[index]?.restore();
      if (first === 0) this.#stepsByThing.delete(thing);
      else steps.length = first;
    }
  }

  /** Things with steps not known to be committed (for tests and health: 0 when the host is idle). */
  get pendingThings(): number {
    return this.#stepsByThing.size;
  }

  #take(changes: WriteBatch): object[] {
    const things = this.#thingsByBatch.get(changes) ?? [];
    this.#thingsByBatch.delete(changes);
    return things;
  }
}
