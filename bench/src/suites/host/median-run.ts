import type { CommitStats, MainThreadStats } from './commit-stats.js';
import type { GeneratorResult } from './load-protocol.js';

/** One measured run of a load case. */
export interface MeasuredRun {
  readonly result: GeneratorResult;
  readonly commits: CommitStats | undefined;
  readonly mainThread: MainThreadStats | undefined;
}

/** A run's rate and tail, for the note that lists every run of a case. */
export interface RunSummary {
  readonly opsPerSec: number;
  readonly p99Ms: number;
}

export function opsPerSecOf(result: GeneratorResult): number {
  return (result.responses * 1000) / result.elapsedMs;
}

/**
 * The run with the median rate (of an even count, the lower of the middle two: a claim should not
 * rest on the luckier half), and every run's rate and p99 in the order they ran. The machine is shared
 * and noisy (another guest's load shows as CPU steal), so one run can be a quarter off either way.
 */
export function medianRun(runs: readonly MeasuredRun[]): { median: MeasuredRun; all: RunSummary[] } {
  if (runs.length === 0) throw new Error('medianRun needs at least one run');
  const byRate = [...runs].sort((a, b) => opsPerSecOf(a.result) - opsPerSecOf(b.result));
  const median = byRate[Math.floor((byRate.length - 1) / 2)] as MeasuredRun;
  return {
    median,
    all: runs.map((run) => ({ opsPerSec: opsPerSecOf(run.result), p99Ms: run.result.latency.p99Ms })),
  };
}
