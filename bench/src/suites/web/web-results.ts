import type { BenchResult } from '../../report.js';
import { summariseLatencies, type LatencySummary } from '../host/latency-stats.js';
import type { BundleReport, FileSize, PageBundle } from './bundle-size.js';
import { FALLBACK_TEXT, SIGNAL_TEXT, type ReadySignal } from './readiness-probe.js';

/** The target: an interactive terminal within a second of navigation start on localhost. */
export const INTERACTIVE_TARGET_MS = 1000;

/** A row of the web suite: BenchResult plus figures the shared table has no column for (kept in the JSON). */
export interface WebBenchResult extends BenchResult {
  readonly maxMs?: number;
  readonly signal?: ReadySignal;
  readonly rawBytes?: number;
  readonly gzipBytes?: number;
  readonly files?: readonly FileSize[];
}

/** The timed loads of one page. */
export interface LoadSeries {
  /** What the row calls the page, e.g. `/terminal?tid=10000001`. */
  readonly page: string;
  readonly signal: ReadySignal;
  readonly readyMs: readonly number[];
}

const TIMING_CASE = 'time to interactive, cold load';
const BUNDLE_NOTE =
  'bundle row: bytes in impl (rawBytes, gzipBytes and files in the JSON), no rate (ops/s and mean are 0); gzip is node:zlib level 6 per file — the host itself serves files uncompressed';

const bytes = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

function passOrFail(valueMs: number): string {
  return valueMs < INTERACTIVE_TARGET_MS ? 'PASS' : 'FAIL';
}

/**
 * The timing rows: the terminal, then its peer (the start page of the same host). ratio × is the
 * terminal's loads per second over the peer's (below 1: slower than the peer), as in every suite.
 */
export function timingResults(terminal: LoadSeries, peer: LoadSeries): WebBenchResult[] {
  const ours = summariseLatencies(terminal.readyMs);
  const theirs = summariseLatencies(peer.readyMs);
  const figures = (series: LoadSeries, summary: LatencySummary) => ({
    opsPerSec: 1000 / summary.meanMs,
    meanNs: summary.meanMs * 1e6,
    samples: summary.count,
    p50Ms: summary.p50Ms,
    p99Ms: summary.p99Ms,
    maxMs: Math.round(summary.maxMs * 1000) / 1000,
    signal: series.signal,
  });
  const p50Ratio = ours.p50Ms / theirs.p50Ms;
  return [
    {
      case: TIMING_CASE,
      impl: `${terminal.page} (web terminal)`,
      ...figures(terminal, ours),
      ratioToPeer: theirs.meanMs / ours.meanMs,
      note:
        `ready = ${SIGNAL_TEXT[terminal.signal]}${FALLBACK_TEXT[terminal.signal]}, ms from navigation start ` +
        `(performance.now() in the page), new browser context per load (cold cache and IndexedDB); ` +
        `p99 is the max at ${ours.count} loads. Target < 1 s: p50 ${oneDecimal.format(ours.p50Ms)} ms ` +
        `${passOrFail(ours.p50Ms)}, max ${oneDecimal.format(ours.maxMs)} ms ${passOrFail(ours.maxMs)}; ` +
        `p50 ${oneDecimal.format(p50Ratio)}× the start page's`,
    },
    {
      case: TIMING_CASE,
      impl: `${peer.page} (start page, peer)`,
      ...figures(peer, theirs),
      note: `peer: the start page served by the same host in the same run, ready = ${SIGNAL_TEXT[peer.signal]}`,
    },
  ];
}

/** `index.html` is served at `/`, `terminal.html` at `/terminal` (the host's web routes). */
export function routeOf(page: string): string {
  return page === 'index.html' ? '/' : `/${page.replace(/\.html$/, '')}`;
}

function bundleRow(label: string, rawBytes: number, gzipBytes: number, files: readonly FileSize[]) {
  return {
    case: label,
    impl: `raw ${bytes.format(rawBytes)} B · gzip ${bytes.format(gzipBytes)} B`,
    opsPerSec: 0,
    meanNs: 0,
    samples: 1,
    note: BUNDLE_NOTE,
    rawBytes,
    gzipBytes,
    files,
  };
}

/** One row per page (what it loads up front) and one for the whole build. */
export function bundleResults(report: BundleReport): WebBenchResult[] {
  return [
    ...report.pages.map((page: PageBundle) =>
      bundleRow(
        `bundle ${routeOf(page.page)} (${page.page} + ${page.files.length - 1} files)`,
        page.rawBytes,
        page.gzipBytes,
        page.files,
      ),
    ),
    bundleRow(
      `bundle total (${report.total.files} files)`,
      report.total.rawBytes,
      report.total.gzipBytes,
      [],
    ),
  ];
}

/** Every file of every page, for the log. */
export function formatBundle(report: BundleReport): string {
  const rows: string[][] = [['page', 'file', 'raw B', 'gzip B']];
  for (const page of report.pages) {
    for (const file of page.files) {
      rows.push([routeOf(page.page), file.path, bytes.format(file.rawBytes), bytes.format(file.gzipBytes)]);
    }
    rows.push([
      routeOf(page.page),
      '(page total)',
      bytes.format(page.rawBytes),
      bytes.format(page.gzipBytes),
    ]);
  }
  const { total } = report;
  rows.push(['', `(all ${total.files} files)`, bytes.format(total.rawBytes), bytes.format(total.gzipBytes)]);
  const widths = [0, 1, 2, 3].map((column) => Math.max(...rows.map((row) => (row[column] as string).length)));
  return rows
    .map((row) =>
      row
        .map((cell, column) =>
          column >= 2 ? cell.padStart(widths[column] as number) : cell.padEnd(widths[column] as number),
        )
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
