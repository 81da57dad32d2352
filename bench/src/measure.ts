import { Bench } from 'tinybench';

/**
 * Timing engines. One pack+unpack of the codec suite takes a few µs, so the harness must cost far
 * less than that per call, and its figure must be total calls / total time.
 *
 * - `loop` (the default): calls the operation in batches of ~10 ms and reads the clock
 *   (process.hrtime.bigint) once per batch, so per-call overhead is one indirect call and one
 *   store: 7–11 ns measured on the reference machine (AMD EPYC VM, Node 20) with an empty operation.
 *   Each batch is one sample; ops/s = calls / time, mean = time / calls.
 * - `tinybench` 5.x (`--engine tinybench`): reads performance.now() around every call and keeps every
 *   latency in an array. On the same machine that costs 70–115 ns per call (≈ 10× the loop), and its
 *   headline throughput (`throughput.mean`, the mean of per-call 1/latency) is skewed by the many
 *   fast calls: for the CUP pack+unpack it reported 86,385 ops/s where calls / time was 32,011
 *   (2.7× too high). We therefore time with the loop; this engine derives ops/s from its total time
 *   and call count (not its `hz`) and stays available to cross-check the loop.
 *
 * Both run single-threaded and synchronously, warm each case up first, and interleave the cases in
 * rounds so slow drift (turbo, thermal, noisy neighbours) spreads over all of them instead of
 * biasing whichever case ran last; ratios between cases are what the suites report.
 */
export type Engine = 'loop' | 'tinybench';

export const ENGINES: readonly Engine[] = ['loop', 'tinybench'];

export interface TimingOptions {
  readonly engine: Engine;
  /** Warm-up per case before any timing. */
  readonly warmupMs: number;
  /** Timed budget per case, split over `rounds`. */
  readonly timeMs: number;
  readonly rounds: number;
}

export interface Measurement {
  readonly opsPerSec: number;
  readonly meanNs: number;
  readonly samples: number;
  /** Relative margin of error of the mean (95 %), in percent, over the samples. */
  readonly rmePercent: number;
}

export interface TimedCase {
  readonly id: string;
  readonly op: () => unknown;
}

/** Keeps results reachable so the optimiser cannot drop a call whose result is unused. */
let sink: unknown;

export function lastSink(): unknown {
  return sink;
}

const SAMPLE_NS = 10_000_000;

function runBatch(op: () => unknown, count: number): number {
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i++) sink = op();
  return Number(process.hrtime.bigint() - start);
}

/** Warms `op` up for about `ms` and returns a batch size that takes about SAMPLE_NS. */
function warmUp(op: () => unknown, ms: number): number {
  const deadline = ms * 1e6;
  let spent = 0;
  let count = 16;
  let perOpNs = Infinity;
  while (spent < deadline) {
    const ns = runBatch(op, count);
    spent += ns;
    perOpNs = ns / count;
    if (ns < SAMPLE_NS / 2) count *= 2;
  }
  return Math.max(1, Math.round(SAMPLE_NS / Math.max(perOpNs, 1)));
}

interface Accumulator {
  ops: number;
  ns: number;
  perOpSamples: number[];
}

function summarise(acc: Accumulator): Measurement {
  const meanNs = acc.ns / acc.ops;
  const samples = acc.perOpSamples;
  const avg = samples.reduce((sum, x) => sum + x, 0) / samples.length;
  const variance =
    samples.length > 1 ? samples.reduce((sum, x) => sum + (x - avg) ** 2, 0) / (samples.length - 1) : 0;
  const rmePercent = ((1.96 * Math.sqrt(variance / samples.length)) / avg) * 100;
  return { opsPerSec: 1e9 / meanNs, meanNs, samples: samples.length, rmePercent };
}

function measureWithLoop(cases: readonly TimedCase[], options: TimingOptions): Map<string, Measurement> {
  const batchSizes = cases.map((timed) => warmUp(timed.op, options.warmupMs));
  const accumulators: Accumulator[] = cases.map(() => ({ ops: 0, ns: 0, perOpSamples: [] }));
  const sliceNs = (options.timeMs * 1e6) / options.rounds;
  for (let round = 0; round < options.rounds; round++) {
    cases.forEach((timed, index) => {
      const count = batchSizes[index] as number;
      const acc = accumulators[index] as Accumulator;
      let spent = 0;
      while (spent < sliceNs) {
        const ns = runBatch(timed.op, count);
        spent += ns;
        acc.ops += count;
        acc.ns += ns;
        acc.perOpSamples.push(ns / count);
      }
    });
  }
  return new Map(cases.map((timed, index) => [timed.id, summarise(accumulators[index] as Accumulator)]));
}

function measureWithTinybench(cases: readonly TimedCase[], options: TimingOptions): Map<string, Measurement> {
  const accumulators: Accumulator[] = cases.map(() => ({ ops: 0, ns: 0, perOpSamples: [] }));
  const sliceMs = options.timeMs / options.rounds;
  for (let round = 0; round < options.rounds; round++) {
    cases.forEach((timed, index) => {
      // tinybench warms a task up inside run; do it in the first round only.
      const bench = new Bench({
        time: sliceMs,
        iterations: 1,
        warmup: round === 0,
        warmupTime: options.warmupMs,
        throws: true,
      });
      bench.add(timed.id, () => {
        sink = timed.op();
      });
      bench.runSync();
      const result = bench.tasks[0]?.result;
      if (result === undefined || result.error !== undefined)
        throw new Error(`tinybench: ${timed.id} failed`);
      const acc = accumulators[index] as Accumulator;
      acc.ops += result.latency.samples.length;
      acc.ns += result.totalTime * 1e6;
      for (const ms of result.latency.samples) acc.perOpSamples.push(ms * 1e6);
    });
  }
  return new Map(cases.map((timed, index) => [timed.id, summarise(accumulators[index] as Accumulator)]));
}

/** Times every case with the chosen engine; the map is keyed by case id. */
export function measure(cases: readonly TimedCase[], options: TimingOptions): Map<string, Measurement> {
  return options.engine === 'tinybench'
    ? measureWithTinybench(cases, options)
    : measureWithLoop(cases, options);
}
