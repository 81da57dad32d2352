import { describe, expect, it } from 'vitest';
import { describeRuns } from '../src/suites/host/host-results.js';
import type { GeneratorResult } from '../src/suites/host/load-protocol.js';
import { medianRun, type MeasuredRun } from '../src/suites/host/median-run.js';

function run(responses: number, p99Ms: number): MeasuredRun {
  const result: GeneratorResult = {
    responses,
    elapsedMs: 10_000,
    latency: { count: responses, meanMs: 5, p50Ms: 4, p99Ms, p999Ms: p99Ms * 2, maxMs: p99Ms * 3 },
    responseCodes: { '00': responses },
    macChecked: 0,
    macFailed: 0,
    unmatched: 0,
    unanswered: 0,
    generatorCpuMs: 500,
  };
  return { result, commits: undefined, mainThread: undefined };
}

describe('median run of a load case', () => {
  it('takes the run with the median rate and lists every run in the order it ran', () => {
    const runs = [run(100_000, 25), run(120_000, 18), run(90_000, 30)];
    const { median, all } = medianRun(runs);
    expect(median).toBe(runs[0]);
    expect(all).toEqual([
      { opsPerSec: 10_000, p99Ms: 25 },
      { opsPerSec: 12_000, p99Ms: 18 },
      { opsPerSec: 9_000, p99Ms: 30 },
    ]);
    expect(describeRuns(all)).toBe(
      'median of 3 runs (10,000/s p99 25.0 ms, 12,000/s p99 18.0 ms, 9,000/s p99 30.0 ms)',
    );
  });

  it('of an even count takes the lower middle run, and of one run that run', () => {
    const four = [run(40, 1), run(10, 1), run(30, 1), run(20, 1)];
    expect(medianRun(four).median).toBe(four[3]);
    const one = [run(50, 1)];
    expect(medianRun(one).median).toBe(one[0]);
    expect(() => medianRun([])).toThrow('at least one run');
  });
});
