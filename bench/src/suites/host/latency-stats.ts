/**
 * Latency figures of one load run. The generator keeps every measured latency (a 10 s window at
 * 20,000 responses/s is 200,000 doubles, 1.6 MB), so percentiles are exact rather than bucketed.
 */
export interface LatencySummary {
  readonly count: number;
  readonly meanMs: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly p999Ms: number;
  readonly maxMs: number;
}

/**
 * The nearest-rank percentile of ascending `sorted` values: the smallest value with at least
 * `percent` % of the values at or below it. NaN for an empty array.
 */
export function percentile(sorted: ArrayLike<number>, percent: number): number {
  if (!(percent >= 0 && percent <= 100)) throw new RangeError(`percentile ${percent} is not in 0…100`);
  const count = sorted.length;
  if (count === 0) return Number.NaN;
  // 99.9 % of 1000 is 999.0000000000001 in binary floating point: ignore such dust before ceil.
  const rank = Math.max(1, Math.ceil((percent * count) / 100 - 1e-9));
  return sorted[rank - 1] as number;
}

/** Sorts a copy of the latencies (milliseconds) and summarises them. */
export function summariseLatencies(latenciesMs: ArrayLike<number>): LatencySummary {
  const sorted = Float64Array.from(latenciesMs).sort();
  let sum = 0;
  for (const value of sorted) sum += value;
  const count = sorted.length;
  return {
    count,
    meanMs: count === 0 ? Number.NaN : sum / count,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    p999Ms: percentile(sorted, 99.9),
    maxMs: count === 0 ? Number.NaN : (sorted[count - 1] as number),
  };
}

/** A growable array of doubles that does not box its values. */
export class LatencyRecorder {
  #values = new Float64Array(65_536);
  #count = 0;

  record(valueMs: number): void {
    if (this.#count === this.#values.length) {
      const grown = new Float64Array(this.#values.length * 2);
      grown.set(this.#values);
      this.#values = grown;
    }
    this.#values[this.#count++] = valueMs;
  }

  get count(): number {
    return this.#count;
  }

  values(): Float64Array {
    return this.#values.subarray(0, this.#count);
  }
}
