import { systemClock, type Clock } from '@payterm/kernel';
import type { Kysely } from 'kysely';
import { hostError, type HostError } from '../../errors.js';
import type { HostSchema } from '../schema/host-schema.js';
import { applyCommitPlan } from './apply-commit-plan.js';
import { planCommit } from './commit-plan.js';
import { createHotInserts, type HotInserts } from './hot-inserts.js';
import { WriteBatch } from './write-batch.js';

export interface CommitQueueOptions {
  /** Measures commit durations. Default: the system clock. */
  readonly clock?: Clock;
  /** Most submissions in one database transaction. Default 2000. */
  readonly maxGroupSize?: number;
  /** Called after every commit that succeeded, for metrics. */
  readonly onCommit?: (groupSize: number, durationMs: number) => void;
  /**
   * Groups being committed at once. Default 1. 2 suits a writer that takes its transactions in the
   * order posted (the SQLite writer thread): the next group is prepared while the last is on its way to
   * the disk. Not for a pool of connections, where two groups could commit out of order.
   */
  readonly maxConcurrentCommits?: number;
  /**
   * Refuse every submission after a failed commit (default false: the queue goes on). A host sets it:
   * a later group may hold state built on the failed one (ADR 0005), so nothing more may land.
   */
  readonly stopAfterFailure?: boolean;
}

export interface CommitQueueStats {
  /** Commits that succeeded. */
  readonly commits: number;
  readonly failedCommits: number;
  /** Submissions in succeeded commits. */
  readonly committedSubmissions: number;
  readonly lastGroupSize: number;
  readonly averageGroupSize: number;
  readonly lastDurationMs: number;
  /** Submissions waiting for the next commit. */
  readonly pending: number;
}

interface Submission {
  readonly batch: WriteBatch;
  readonly resolve: () => void;
  readonly reject: (error: HostError) => void;
}

/**
 * Group commit. Every submission resolves once the database transaction that holds its changes has
 * committed (so an approval can be sent), and rejects with STORAGE_COMMIT_FAILED if that transaction
 * failed. While a commit runs, new submissions wait; the next commit takes all of them in one
 * transaction with multi-row statements, so N concurrent requests cost about one fsync.
 *
 * A failure rejects every submission of its group (one bad change spoils its neighbours: callers
 * check constraints before they submit). The queue keeps going; `failed` says whether the latest
 * commit failed and `lastFailure` holds its error, for health checks.
 */
export class CommitQueue {
  readonly #db: Kysely<HostSchema>;
  readonly #clock: Clock;
  readonly #maxGroupSize: number;
  readonly #onCommit: ((groupSize: number, durationMs: number) => void) | undefined;
  readonly #hot: HotInserts = createHotInserts();
  #pending: Submission[] = [];
  #running: Promise<void> | undefined;
  readonly #maxConcurrent: number;
  readonly #stopAfterFailure: boolean;
  /** Wakes the drain loop when a submission arrives while it waits for a commit. */
  #wake: (() => void) | undefined;
  #closed = false;
  #commits = 0;
  #failedCommits = 0;
  #committedSubmissions = 0;
  #lastGroupSize = 0;
  #lastDurationMs = 0;
  #failed = false;
  #lastFailure: HostError | undefined;

  constructor(db: Kysely<HostSchema>, options: CommitQueueOptions = {}) {
    this.#db = db;
    this.#clock = options.clock ?? systemClock;
    this.#maxGroupSize = Math.max(1, options.maxGroupSize ?? 2000);
    this.#onCommit = options.onCommit;
    this.#maxConcurrent = Math.max(1, options.maxConcurrentCommits ?? 1);
    this.#stopAfterFailure = options.stopAfterFailure ?? false;
  }

  /** Resolves when the changes are committed; an empty batch resolves at once. */
  submit(changes: WriteBatch | ((batch: WriteBatch) => void)): Promise<void> {
    if (this.#stopAfterFailure && this.#failedCommits > 0 && this.#lastFailure !== undefined) {
      return Promise.reject(this.#lastFailure);
    }
    if (this.#closed) {
      return Promise.reject(hostError('STORAGE_COMMIT_QUEUE_CLOSED', 'The commit queue is closed'));
    }
    let batch: WriteBatch;
    if (changes instanceof WriteBatch) {
      batch = changes;
    } else {
      batch = new WriteBatch();
      try {
        changes(batch);
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    }
    if (batch.size === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.#pending.push({ batch, resolve, reject });
      this.#running ??= this.#drain();
      this.#wake?.();
    });
  }

  /** Resolves when everything submitted so far has been committed or rejected. */
  async flush(): Promise<void> {
    while (this.#running !== undefined) await this.#running;
  }

  /** Refuses new submissions and waits for the pending ones. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.flush();
  }

  /** Whether the latest commit failed. */
  get failed(): boolean {
    return this.#failed;
  }

  get lastFailure(): HostError | undefined {
    return this.#lastFailure;
  }

  get stats(): CommitQueueStats {
    return {
      commits: this.#commits,
      failedCommits: this.#failedCommits,
      committedSubmissions: this.#committedSubmissions,
      lastGroupSize: this.#lastGroupSize,
      averageGroupSize: this.#commits === 0 ? 0 : this.#committedSubmissions / this.#commits,
      lastDurationMs: this.#lastDurationMs,
      pending: this.#pending.length,
    };
  }

  async #drain(): Promise<void> {
    const inFlight = new Set<Promise<void>>();
    while (this.#pending.length > 0 || inFlight.size > 0) {
      if (this.#pending.length > 0 && inFlight.size < this.#maxConcurrent) {
        // Wait one turn of the event loop, so that the requests of every socket read in this turn join
        // the group (a microtask alone let the first connection's requests commit before the next
        // socket was read: groups never combined connections).
        await new Promise<void>((resolve) => setImmediate(resolve));
        const group = this.#pending.splice(0, this.#maxGroupSize);
        const commit: Promise<void> = this.#commit(group).finally(() => inFlight.delete(commit));
        inFlight.add(commit);
        continue;
      }
      const woken = new Promise<void>((resolve) => (this.#wake = resolve));
      await Promise.race([...inFlight, woken]);
      this.#wake = undefined;
    }
    this.#running = undefined;
  }

  async #commit(group: Submission[]): Promise<void> {
    if (this.#stopAfterFailure && this.#lastFailure !== undefined && this.#failedCommits > 0) {
      for (const submission of group) submission.reject(this.#lastFailure);
      return;
    }
    const startedMs = this.#clock.monotonicMs();
    try {
      const plan = planCommit(group.map((submission) => submission.batch.changes));
      await this.#db.transaction().execute((trx) => applyCommitPlan(trx, plan, this.#hot));
    } catch (cause) {
      const error = hostError(
        'STORAGE_COMMIT_FAILED',
        'The group commit failed; none of its changes are known to have landed',
        { groupSize: group.length, reason: cause instanceof Error ? cause.message : String(cause) },
        { cause },
      );
      this.#failedCommits += 1;
      this.#failed = true;
      this.#lastFailure = error;
      for (const submission of group) submission.reject(error);
      return;
    }
    const durationMs = this.#clock.monotonicMs() - startedMs;
    this.#commits += 1;
    this.#committedSubmissions += group.length;
    this.#lastGroupSize = group.length;
    this.#lastDurationMs = durationMs;
    this.#failed = false;
    for (const submission of group) submission.resolve();
    try {
      this.#onCommit?.(group.length, durationMs);
    } catch {
      // A metrics callback must not stop the queue; the commit itself succeeded.
    }
  }
}
