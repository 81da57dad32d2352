import type { BenchResult } from '../../report.js';
import type { CommitStats, MainThreadStats } from './commit-stats.js';
import { formatSetting, type LoadSetting } from './load-grid.js';
import type { GeneratorResult } from './load-protocol.js';
import { opsPerSecOf, type RunSummary } from './median-run.js';

export type Backend = 'echo' | 'sqlite' | 'postgres';

export type CaseRun =
  | {
      readonly backend: Backend;
      readonly setting: LoadSetting;
      readonly result: GeneratorResult;
      readonly commits: CommitStats | undefined;
      /** The host's main thread over the window (hosts only). */
      readonly mainThread?: MainThreadStats | undefined;
      /** Every run of the case when it ran more than once (`result` is the median one). */
      readonly runs?: readonly RunSummary[];
    }
  | { readonly backend: Backend; readonly setting: LoadSetting; readonly skipped: string };

const IMPL: Record<Backend, string> = {
  echo: 'echo floor (IsoTcpServer)',
  sqlite: 'host, SQLite',
  postgres: 'host, PostgreSQL',
};

/** The targets of the product brief. */
export const TARGETS: Record<Exclude<Backend, 'echo'>, { minTps: number; maxP99Ms?: number }> = {
  sqlite: { minTps: 10_000, maxP99Ms: 20 },
  postgres: { minTps: 5000 },
};

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function tps(result: GeneratorResult): number {
  return opsPerSecOf(result);
}

/** `median of 3 runs: 9,433/s p99 25.9 ms, …` (in the order they ran). */
export function describeRuns(runs: readonly RunSummary[]): string {
  const each = runs.map((run) => `${integer.format(run.opsPerSec)}/s p99 ${run.p99Ms.toFixed(1)} ms`);
  return `median of ${runs.length} runs (${each.join(', ')})`;
}

/** One line for the progress log. */
export function describeRun(
  result: GeneratorResult,
  commits: CommitStats | undefined,
  mainThread?: MainThreadStats,
): string {
  const { latency } = result;
  return (
    describeCommits(commits) +
    (mainThread === undefined ? '' : `${describeMainThread(mainThread)}; `) +
    `${integer.format(tps(result))}/s, p50 ${latency.p50Ms.toFixed(2)} ms, p99 ${latency.p99Ms.toFixed(2)} ms, ` +
    `p99.9 ${latency.p999Ms.toFixed(2)} ms, codes ${formatCodes(result.responseCodes)}, ` +
    `MAC ${result.macChecked - result.macFailed}/${result.macChecked} ok, generator CPU ${Math.round((100 * result.generatorCpuMs) / result.elapsedMs)} %`
  );
}

function describeCommits(commits: CommitStats | undefined): string {
  return commits === undefined
    ? ''
    : `${integer.format(commits.groups)} group commits of ${commits.meanGroupSize.toFixed(1)} sales, ` +
        `${commits.meanCommitMs.toFixed(2)} ms each (whole run); `;
}

/** Event loop utilisation and main-thread time per answer over the window. */
export function describeMainThread(stats: MainThreadStats): string {
  return `main thread ${Math.round(100 * stats.busyShare)} % busy, ${integer.format(stats.busyUsPerAnswer)} µs per answer (window)`;
}

export function formatCodes(codes: Readonly<Record<string, number>>): string {
  const entries = Object.entries(codes).sort((a, b) => b[1] - a[1]);
  return entries.length === 0
    ? 'none'
    : entries.map(([code, count]) => `${code}×${integer.format(count)}`).join(' ');
}

/** Whether a host run meets its backend's target, as a note fragment. */
export function targetVerdict(backend: Exclude<Backend, 'echo'>, result: GeneratorResult): string {
  const target = TARGETS[backend];
  const rate = tps(result);
  const rateOk = rate >= target.minTps;
  const p99Ok = target.maxP99Ms === undefined || result.latency.p99Ms <= target.maxP99Ms;
  const wanted = `≥ ${integer.format(target.minTps)}/s${target.maxP99Ms === undefined ? '' : ` with p99 ≤ ${target.maxP99Ms} ms`}`;
  return `target ${wanted}: ${rateOk && p99Ok ? 'PASS' : 'FAIL'}`;
}

function problems(backend: Backend, result: GeneratorResult): string[] {
  const expected = backend === 'echo' ? 'none' : '00';
  const others = Object.entries(result.responseCodes).filter(([code]) => code !== expected);
  const out: string[] = [];
  if (others.length > 0) out.push(`NOT ALL ${expected}: ${formatCodes(Object.fromEntries(others))}`);
  if (result.macFailed > 0) out.push(`${result.macFailed} bad MACs`);
  if (result.unmatched > 0) out.push(`${result.unmatched} unmatched STANs`);
  if (result.unanswered > 0) out.push(`${result.unanswered} unanswered after the window`);
  return out;
}

function noteFor(
  backend: Backend,
  result: GeneratorResult,
  commits: CommitStats | undefined,
  best: boolean,
  mainThread?: MainThreadStats,
  runs?: readonly RunSummary[],
): string {
  const parts = [
    ...(runs === undefined || runs.length < 2 ? [] : [describeRuns(runs)]),
    ...problems(backend, result),
    backend === 'echo'
      ? 'frames returned as sent'
      : `all ${integer.format(result.responses)} answered ${problems(backend, result).length === 0 ? '00' : 'see codes'}`,
    `MAC checked on ${integer.format(result.macChecked)} (1 in 100)`,
    ...(commits === undefined ? [] : [describeCommits(commits).replace(/; $/, '')]),
    ...(mainThread === undefined ? [] : [describeMainThread(mainThread)]),
    ...(backend === 'echo' ? [] : [targetVerdict(backend, result)]),
    ...(best ? ['best of the grid'] : []),
  ];
  return parts.join('; ');
}

/**
 * Report rows, grouped by backend: ops/s is responses per second in the window, mean its mean latency,
 * samples the responses measured, ratio the share of the echo floor at the same setting.
 */
export function hostResults(runs: readonly CaseRun[]): BenchResult[] {
  const floor = new Map<string, number>();
  for (const run of runs) {
    if (run.backend === 'echo' && 'result' in run) floor.set(formatSetting(run.setting), tps(run.result));
  }
  const rows: BenchResult[] = [];
  for (const backend of ['echo', 'sqlite', 'postgres'] as const) {
    const mine = runs.filter((run) => run.backend === backend);
    const measured = mine.flatMap((run) => ('result' in run ? [run.result] : []));
    const bestRate = Math.max(...measured.map(tps));
    for (const run of mine) {
      const caseName = `sale 0200, ${formatSetting(run.setting)} (connections × in flight)`;
      if ('skipped' in run) {
        rows.push({
          case: caseName,
          impl: IMPL[backend],
          opsPerSec: 0,
          meanNs: 0,
          samples: 0,
          note: `skipped: ${run.skipped}`,
        });
        continue;
      }
      const { result, commits } = run;
      const rate = tps(result);
      const peer = floor.get(formatSetting(run.setting));
      rows.push({
        case: caseName,
        impl: IMPL[backend],
        opsPerSec: rate,
        meanNs: result.latency.meanMs * 1e6,
        samples: result.responses,
        p50Ms: result.latency.p50Ms,
        p99Ms: result.latency.p99Ms,
        p999Ms: result.latency.p999Ms,
        ...(backend === 'echo' || peer === undefined ? {} : { ratioToPeer: rate / peer }),
        note: noteFor(
          backend,
          result,
          commits,
          rate === bestRate && measured.length > 1,
          run.mainThread,
          run.runs,
        ),
      });
    }
  }
  return rows;
}
