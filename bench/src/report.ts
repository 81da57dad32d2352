import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, platform, arch } from 'node:os';
import { join } from 'node:path';

/**
 * The report every benchmark suite produces: a table on stdout and `bench/results/<suite>.json`.
 * Later suites reuse this shape unchanged, so tools can compare runs across suites and machines.
 */

export interface MachineInfo {
  readonly cpu: string;
  /** Logical cores the OS reports; the benchmarks themselves run on one thread. */
  readonly cores: number;
  readonly node: string;
  readonly platform: string;
  readonly arch: string;
  /** When the run finished, ISO 8601 UTC. */
  readonly date: string;
}

export interface BenchResult {
  readonly case: string;
  readonly impl: string;
  readonly opsPerSec: number;
  readonly meanNs: number;
  /** Timed samples behind the figures (batches of calls for the loop engine, single calls for tinybench). */
  readonly samples: number;
  /** opsPerSec of this result divided by opsPerSec of its peer; absent for the peer itself. */
  readonly ratioToPeer?: number;
  /** What differs from the plain case name: fields a peer cannot express, what the ratio compares. */
  readonly note?: string;
  /** Latency percentiles of load suites (host), in milliseconds; absent for micro-benchmarks. */
  readonly p50Ms?: number;
  readonly p99Ms?: number;
  readonly p999Ms?: number;
}

export interface SuiteReport {
  readonly suite: string;
  readonly machine: MachineInfo;
  readonly results: readonly BenchResult[];
}

export function machineInfo(date: Date = new Date()): MachineInfo {
  const cores = cpus();
  return {
    cpu: cores[0]?.model.trim() ?? 'unknown',
    cores: cores.length,
    node: process.version,
    platform: platform(),
    arch: arch(),
    date: date.toISOString(),
  };
}

/** Rounds figures so committed JSON does not pretend to more precision than a benchmark has. */
export function roundResult(result: BenchResult): BenchResult {
  const { ratioToPeer, note, p50Ms, p99Ms, p999Ms, ...rest } = result;
  const ms = (value: number): number => Math.round(value * 1000) / 1000;
  return {
    ...rest,
    opsPerSec: Math.round(result.opsPerSec),
    meanNs: Math.round(result.meanNs * 10) / 10,
    ...(ratioToPeer === undefined ? {} : { ratioToPeer: Math.round(ratioToPeer * 100) / 100 }),
    ...(note === undefined ? {} : { note }),
    ...(p50Ms === undefined ? {} : { p50Ms: ms(p50Ms) }),
    ...(p99Ms === undefined ? {} : { p99Ms: ms(p99Ms) }),
    ...(p999Ms === undefined ? {} : { p999Ms: ms(p999Ms) }),
  };
}

export function buildReport(
  suite: string,
  results: readonly BenchResult[],
  machine: MachineInfo = machineInfo(),
): SuiteReport {
  return { suite, machine, results: results.map(roundResult) };
}

/** Writes `<dir>/<suite><suffix>.json` (creating dir) and returns its path. */
export function writeReport(report: SuiteReport, dir: string, suffix = ''): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${report.suite}${suffix}.json`);
  writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
  return path;
}

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const twoDecimals = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const threeDecimals = new Intl.NumberFormat('en-US', { minimumFractionDigits: 3, maximumFractionDigits: 3 });

/**
 * The results as an aligned text table; notes follow as numbered footnotes. Latency columns appear
 * only when a result has percentiles.
 */
export function formatTable(report: SuiteReport): string {
  const latency = report.results.some((result) => result.p99Ms !== undefined);
  const header = [
    'case',
    'impl',
    'ops/s',
    'mean µs',
    'ratio ×',
    ...(latency ? ['p50 ms', 'p99 ms', 'p99.9 ms'] : []),
  ];
  const percentileCell = (value: number | undefined): string =>
    value === undefined ? '—' : twoDecimals.format(value);
  const notes: string[] = [];
  const rows = report.results.map((result) => {
    let impl = result.impl;
    if (result.note !== undefined) {
      if (!notes.includes(result.note)) notes.push(result.note);
      impl += ` [${notes.indexOf(result.note) + 1}]`;
    }
    return [
      result.case,
      impl,
      integer.format(result.opsPerSec),
      threeDecimals.format(result.meanNs / 1000),
      result.ratioToPeer === undefined ? '—' : `${twoDecimals.format(result.ratioToPeer)}×`,
      ...(latency
        ? [percentileCell(result.p50Ms), percentileCell(result.p99Ms), percentileCell(result.p999Ms)]
        : []),
    ];
  });
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] as string).length)),
  );
  const numeric = [false, false, true, true, true, true, true, true];
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) =>
        numeric[column] ? cell.padStart(widths[column] as number) : cell.padEnd(widths[column] as number),
      )
      .join('  ')
      .trimEnd();
  const { machine } = report;
  const out = [
    `suite ${report.suite} — ${machine.cpu} (${machine.cores} cores), Node ${machine.node}, ${machine.platform}/${machine.arch}, ${machine.date}`,
    '',
    line(header),
    line(widths.map((width) => '-'.repeat(width))),
    ...rows.map(line),
  ];
  if (notes.length > 0) out.push('', ...notes.map((note, index) => `[${index + 1}] ${note}`));
  return out.join('\n');
}
