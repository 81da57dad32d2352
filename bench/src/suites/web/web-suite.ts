import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { BenchResult } from '../../report.js';
import type { Suite } from '../../suite.js';
import { summariseLatencies } from '../host/latency-stats.js';
import { measureBundle } from './bundle-size.js';
import { chromiumPath, detectSignal, launchChromium, timeLoad, type LoadTiming } from './load-timing.js';
import { FALLBACK_TEXT, SIGNAL_TEXT, type ReadySignal } from './readiness-probe.js';
import { buildWebApp } from './web-build.js';
import { startWebHost } from './web-host.js';
import { bundleResults, formatBundle, timingResults, type LoadSeries } from './web-results.js';

/**
 * `npm run bench -- web`: the web app's production bundle (raw and gzip, per page and in total) and
 * the time to an interactive terminal on localhost — cold loads of the device page in Chromium
 * against `payterm start` — beside the same measurement of the start page of the same host.
 */

const TERMINAL_PAGE = '/terminal?tid=10000001';
const PEER_PAGE = '/';
/** Timed loads per page, alternating terminal and peer so drift hits both alike. */
const LOADS = 20;
/** Untimed loads per page first (the terminal's first one also picks the ready signal). */
const WARMUP_LOADS = 2;

interface Series {
  readonly page: string;
  readonly signal: ReadySignal;
  readonly timings: LoadTiming[];
}

function describeSeries(series: Series): string {
  const ready = summariseLatencies(series.timings.map((timing) => timing.readyMs));
  const dcl = summariseLatencies(series.timings.map((timing) => timing.domContentLoadedMs));
  const response = summariseLatencies(series.timings.map((timing) => timing.responseEndMs));
  const errors = series.timings.reduce((count, timing) => count + timing.pageErrors.length, 0);
  return (
    `${series.page}: ready p50 ${ready.p50Ms.toFixed(1)} ms, max ${ready.maxMs.toFixed(1)} ms ` +
    `(HTML responseEnd p50 ${response.p50Ms.toFixed(1)} ms, DOMContentLoaded p50 ${dcl.p50Ms.toFixed(1)} ms)` +
    (errors === 0 ? '' : `; ${errors} uncaught page errors`)
  );
}

function toLoadSeries(series: Series): LoadSeries {
  return {
    page: series.page,
    signal: series.signal,
    readyMs: series.timings.map((timing) => timing.readyMs),
  };
}

async function timeLoads(browser: Browser, url: string, log: (line: string) => void): Promise<Series[]> {
  log(`warm-up and ready signal: ${WARMUP_LOADS} untimed loads of each page…`);
  const signal = await detectSignal(browser, `${url}${TERMINAL_PAGE}`);
  log(`  ${TERMINAL_PAGE}: ready = ${SIGNAL_TEXT[signal]}${FALLBACK_TEXT[signal]}`);
  for (let index = 1; index < WARMUP_LOADS; index++)
    await timeLoad(browser, `${url}${TERMINAL_PAGE}`, signal);
  for (let index = 0; index < WARMUP_LOADS; index++)
    await timeLoad(browser, `${url}${PEER_PAGE}`, 'root-child');

  const terminal: Series = { page: TERMINAL_PAGE, signal, timings: [] };
  const peer: Series = { page: PEER_PAGE, signal: 'root-child', timings: [] };
  log(`timing ${LOADS} cold loads of each page (a new browser context per load)…`);
  for (let index = 0; index < LOADS; index++) {
    terminal.timings.push(await timeLoad(browser, `${url}${terminal.page}`, terminal.signal));
    peer.timings.push(await timeLoad(browser, `${url}${peer.page}`, peer.signal));
  }
  log(`  ${describeSeries(terminal)}`);
  log(`  ${describeSeries(peer)}`);
  return [terminal, peer];
}

async function runWebSuite(log: (line: string) => void): Promise<BenchResult[]> {
  if (!existsSync(chromiumPath())) {
    throw new Error(
      `the web suite needs Chromium at ${chromiumPath()}: apt-get install chromium, or set PAYTERM_CHROMIUM`,
    );
  }
  const webRoot = mkdtempSync(join(tmpdir(), 'payterm-bench-web-build-'));
  try {
    log('building apps/web (npm run build -w @payterm/web into a temp directory)…');
    await buildWebApp(webRoot);
    const pages = readdirSync(webRoot)
      .filter((name) => name.endsWith('.html'))
      .sort();
    const bundle = measureBundle(webRoot, pages);
    log(formatBundle(bundle));

    const host = await startWebHost(webRoot);
    log(`payterm start serves the build at ${host.url}`);
    let browser: Browser | undefined;
    try {
      browser = await launchChromium();
      log(`Chromium ${browser.version()} (${chromiumPath()}), headless`);
      const [terminal, peer] = (await timeLoads(browser, host.url, log)) as [Series, Series];
      return [...timingResults(toLoadSeries(terminal), toLoadSeries(peer)), ...bundleResults(bundle)];
    } finally {
      await browser?.close();
      await host.stop();
    }
  } finally {
    rmSync(webRoot, { recursive: true, force: true });
  }
}

export const webSuite: Suite = {
  name: 'web',
  load: true,
  method: 'a fresh build, payterm start and Chromium in processes of their own',
  description:
    'web app bundle size (raw, gzip) and time to an interactive terminal in Chromium, vs the start page',
  run: (_timing, log) => runWebSuite(log),
};
