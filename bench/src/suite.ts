import type { TimingOptions } from './measure.js';
import type { BenchResult } from './report.js';

/** One benchmark suite: `node bench/dist/main.js <name>` runs it and writes bench/results/<name>.json. */
export interface Suite {
  readonly name: string;
  readonly description: string;
  /** Checks its fixtures (throwing on any mismatch) before timing anything, then times its cases. */
  run(timing: TimingOptions, log: (line: string) => void): BenchResult[];
}
