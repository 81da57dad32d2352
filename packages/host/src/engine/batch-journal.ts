import { KeyedSerializer } from './keyed-serializer.js';

/**
 * What the host remembers of each terminal's open batch, in memory (ADR 0005): every request by STAN
 * and message class, so that an exact retransmission gets its original response, a reused STAN with
 * other content gets `94`, and voids, completions and reversals find their original without a query.
 */

/** One request of the batch. Mutable fields change when a later request voids, refunds or reverses it. */
export interface JournalEntry {
  readonly transactionId: string;
  readonly stan: string;
  /** First three MTI digits: `020`, `010`, `022`, `040`, `032`. */
  readonly mtiClass: string;
  readonly kind: string;
  /** Identifies the request's content (see request-digest.ts). */
  readonly digest: string;
  readonly amountMinor: number;
  readonly currency: string;
  /** Settlement half. */
  cardScope: 'domestic' | 'foreign';
  panHash: string | null;
  rrn: string | null;
  authCode: string | null;
  responseCode: string | null;
  /** `pending` while processed; then `approved`, `declined`, `voided`, `reversed`, … */
  status: string;
  /** The original's transaction id for voids, completions, refunds and reversals. */
  originalId: string | null;
  refundedMinor: number;
  /** The response as stored (null: rebuilt from the other fields), replayed on an exact retransmission. */
  responseJson: string | null;
  /** Epoch ms the request arrived (the host time of its answer). */
  readonly receivedAt: number;
  /** Set while the request is being processed: a retransmission waits for it. */
  pending?: Promise<void> | undefined;
}

export type JournalLoader = (tid: string, batchNo: string) => Promise<readonly JournalEntry[]>;

function keyOf(stan: string, mtiClass: string): string {
  return `${stan}:${mtiClass}`;
}

/** The requests of one open batch of one terminal. */
export class BatchIndex {
  readonly tid: string;
  readonly batchNo: string;
  readonly #entries = new Map<string, JournalEntry>();

  constructor(tid: string, batchNo: string, entries: readonly JournalEntry[] = []) {
    this.tid = tid;
    this.batchNo = batchNo;
    for (const entry of entries) this.#entries.set(keyOf(entry.stan, entry.mtiClass), entry);
  }

  get size(): number {
    return this.#entries.size;
  }

  get(stan: string, mtiClass: string): JournalEntry | undefined {
    return this.#entries.get(keyOf(stan, mtiClass));
  }

  /** Records `entry`; a request claims its STAN before it is processed, so a retransmission finds it. */
  put(entry: JournalEntry): void {
    this.#entries.set(keyOf(entry.stan, entry.mtiClass), entry);
  }

  /** Forgets a claim whose processing failed before anything was stored. */
  remove(stan: string, mtiClass: string): void {
    this.#entries.delete(keyOf(stan, mtiClass));
  }

  entries(): IterableIterator<JournalEntry> {
    return this.#entries.values();
  }
}

/**
 * The open batches of all terminals, loaded from the database the first time a batch is used after a
 * start. A settled batch is dropped; its transactions stay in the database.
 */
export class BatchJournal {
  readonly #load: JournalLoader;
  readonly #batches = new Map<string, Promise<BatchIndex>>();
  readonly #batchTurns = new KeyedSerializer();

  constructor(load: JournalLoader) {
    this.#load = load;
  }

  /**
   * Runs `task` alone among the terminal's tasks that decide which batch a payment lands in: its
   * settlement (0500) and a wallet paying one of its orders over HTTP. Such a task checks the open
   * batch and commits in one turn, so a payment is in the settled totals or refused, never lost.
   */
  withBatchTurn<T>(tid: string, task: () => Promise<T>): Promise<T> {
    return this.#batchTurns.run(tid, task);
  }

  batch(tid: string, batchNo: string): Promise<BatchIndex> {
    const key = `${tid}:${batchNo}`;
    let index = this.#batches.get(key);
    if (index === undefined) {
      index = this.#load(tid, batchNo).then((entries) => new BatchIndex(tid, batchNo, entries));
      index.catch(() => this.#batches.delete(key));
      this.#batches.set(key, index);
    }
    return index;
  }

  /** Drops a settled batch from memory. */
  close(tid: string, batchNo: string): void {
    this.#batches.delete(`${tid}:${batchNo}`);
  }

  get openBatches(): number {
    return this.#batches.size;
  }
}
