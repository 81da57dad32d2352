import type { TimingOptions } from './measure.js';
import type { BenchResult } from './report.js';
import type { LoadSetting } from './suites/host/load-grid.js';

/** Options of the load suites (`host`); the micro-benchmark suites ignore them. */
export interface SuiteOptions {
  /** Load settings to run (default per suite). */
  readonly grid?: readonly LoadSetting[];
  /** Warm-up before each measured window. */
  readonly warmupMs?: number;
  /** The measured window of each load setting. */
  readonly windowMs?: number;
  /** A PostgreSQL maintenance database URL; the suite creates and drops its own databases there. */
  readonly postgresUrl?: string;
  /** Write CPU profiles of the measured processes here. */
  readonly profileDir?: string;
  /** Runs of each load case, the whole grid once per run; the report shows the median run. */
  readonly runs?: number;
}

/** One benchmark suite: `node bench/dist/main.js <name>` runs it and writes bench/results/<name>.json. */
export interface Suite {
  readonly name: string;
  readonly description: string;
  /** A load suite times with its own options (SuiteOptions), not with TimingOptions. */
  readonly load?: boolean;
  /** How a load suite measures, printed when it starts (default: the host load suite's wording). */
  readonly method?: string;
  /** Checks its fixtures (throwing on any mismatch) before timing anything, then times its cases. */
  run(
    timing: TimingOptions,
    log: (line: string) => void,
    options: SuiteOptions,
  ): BenchResult[] | Promise<BenchResult[]>;
}
