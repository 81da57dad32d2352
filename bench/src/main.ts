import { fileURLToPath } from 'node:url';
import { ENGINES, type Engine, type TimingOptions } from './measure.js';
import { buildReport, formatTable, writeReport } from './report.js';
import type { Suite, SuiteOptions } from './suite.js';
import { codecSuite } from './suites/codec-suite.js';
import { cryptoSuite } from './suites/crypto-suite.js';
import { hostSuite } from './suites/host/host-suite.js';
import { parseLoadGrid } from './suites/host/load-grid.js';
import { webSuite } from './suites/web/web-suite.js';

/**
 * Benchmark runner: `node bench/dist/main.js [suite…] [--engine loop|tinybench] [--time ms]`.
 * Runs the named suites (default: all), single-threaded, prints a table per suite and writes
 * bench/results/<suite>.json. Runs with non-default timing write <suite>.tmp.json instead (ignored by
 * git), so committed results always come from the standard settings. The load suite (`host`) takes
 * its own options (--grid, --window, --warmup, --pg, --profile).
 */

const SUITES: readonly Suite[] = [codecSuite, cryptoSuite, hostSuite, webSuite];

const DEFAULT_TIMING: TimingOptions = { engine: 'loop', warmupMs: 500, timeMs: 2000, rounds: 4 };

const RESULTS_DIR = fileURLToPath(new URL('../results/', import.meta.url));

function usage(): string {
  const width = Math.max(...SUITES.map((suite) => suite.name.length));
  return [
    'usage: node bench/dist/main.js [suite…] [--engine loop|tinybench] [--time ms]',
    '',
    'suites (default: all):',
    ...SUITES.map((suite) => `  ${suite.name.padEnd(width)}  ${suite.description}`),
    '',
    'options:',
    `  --engine  timing engine (default ${DEFAULT_TIMING.engine}); see bench/src/measure.ts`,
    `  --time    timed milliseconds per case (default ${DEFAULT_TIMING.timeMs}), after ${DEFAULT_TIMING.warmupMs} ms of warm-up`,
    '  --help    this text',
    '',
    'host suite options:',
    '  --grid     load settings, connections x in flight (default 8x8,8x12,8x16,16x32,16x64)',
    '  --window   measured seconds per setting (default 10), after --warmup seconds (default 3)',
    '  --pg       PostgreSQL maintenance database URL (default postgres://postgres@127.0.0.1:5432/postgres)',
    '  --profile  directory for CPU profiles of the host processes (node --cpu-prof)',
    '  --runs     runs of each load case, the whole grid once per run (default 3); the table shows the median run',
    '',
    'Non-default --engine/--time/--grid/--window/--warmup/--runs write bench/results/<suite>.tmp.json instead of <suite>.json.',
  ].join('\n');
}

interface Cli {
  readonly suites: readonly Suite[];
  readonly timing: TimingOptions;
  readonly options: SuiteOptions;
  readonly help: boolean;
}

function seconds(flag: string, text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${flag} needs a positive number of seconds`);
  return Math.round(value * 1000);
}

function parseArgs(args: readonly string[]): Cli {
  const names: string[] = [];
  let engine: Engine = DEFAULT_TIMING.engine;
  let timeMs = DEFAULT_TIMING.timeMs;
  let help = false;
  let options: SuiteOptions = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const [flag, inline] = arg.startsWith('--')
      ? (arg.split('=', 2) as [string, string | undefined])
      : [arg, undefined];
    const value = (): string => {
      const next = inline ?? args[++i];
      if (next === undefined) throw new Error(`${flag} needs a value`);
      return next;
    };
    if (flag === '--help' || flag === '-h') help = true;
    else if (flag === '--engine') {
      const name = value();
      if (!ENGINES.includes(name as Engine))
        throw new Error(`unknown engine ${name} (known: ${ENGINES.join(', ')})`);
      engine = name as Engine;
    } else if (flag === '--time') {
      timeMs = Number(value());
      if (!Number.isFinite(timeMs) || timeMs <= 0)
        throw new Error('--time needs a positive number of milliseconds');
    } else if (flag === '--grid') options = { ...options, grid: parseLoadGrid(value()) };
    else if (flag === '--window') options = { ...options, windowMs: seconds(flag, value()) };
    else if (flag === '--warmup') options = { ...options, warmupMs: seconds(flag, value()) };
    else if (flag === '--pg') options = { ...options, postgresUrl: value() };
    else if (flag === '--profile') options = { ...options, profileDir: value() };
    else if (flag === '--runs') {
      const runs = Number(value());
      if (!Number.isInteger(runs) || runs < 1 || runs > 20)
        throw new Error('--runs needs a whole number 1–20');
      options = { ...options, runs };
    } else if (flag.startsWith('-')) throw new Error(`unknown option ${flag}`);
    else names.push(flag);
  }
  const suites = names.map((name) => {
    const suite = SUITES.find((candidate) => candidate.name === name);
    if (suite === undefined)
      throw new Error(`unknown suite ${name} (known: ${SUITES.map((s) => s.name).join(', ')})`);
    return suite;
  });
  return {
    suites: suites.length > 0 ? suites : SUITES,
    timing: { ...DEFAULT_TIMING, engine, timeMs },
    options,
    help,
  };
}

async function main(args: readonly string[]): Promise<number> {
  let cli: Cli;
  try {
    cli = parseArgs(args);
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${usage()}`);
    return 2;
  }
  if (cli.help) {
    console.log(usage());
    return 0;
  }
  const { grid, windowMs, warmupMs, runs } = cli.options;
  const standard =
    cli.timing.engine === DEFAULT_TIMING.engine &&
    cli.timing.timeMs === DEFAULT_TIMING.timeMs &&
    grid === undefined &&
    windowMs === undefined &&
    warmupMs === undefined &&
    runs === undefined;
  for (const suite of cli.suites) {
    const { timing } = cli;
    console.log(
      suite.load === true
        ? `running ${suite.name} (${suite.method ?? 'load suite: each backend and the load generator in processes of their own'})…`
        : `running ${suite.name} (${timing.engine} engine, ${timing.warmupMs} ms warm-up + ${timing.timeMs} ms per case in ${timing.rounds} rounds)…`,
    );
    const results = await suite.run(timing, (line) => console.log(line), cli.options);
    const report = buildReport(suite.name, results);
    console.log(`\n${formatTable(report)}\n`);
    const path = writeReport(report, RESULTS_DIR, standard ? '' : '.tmp');
    console.log(`wrote ${path}`);
  }
  return 0;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
}
