import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, test } from 'vitest';
import { buildReport } from '../src/report.js';
import { assetsOfPage, measureBundle } from '../src/suites/web/bundle-size.js';
import { READINESS_PROBE } from '../src/suites/web/readiness-probe.js';
import {
  bundleResults,
  formatBundle,
  routeOf,
  timingResults,
  type WebBenchResult,
} from '../src/suites/web/web-results.js';

// Shape only: performance figures are never asserted in tests.

const VITE_PAGE = `<!doctype html>
<html lang="zh-CN">
  <head>
    <link rel="icon" href="data:," />
    <script type="module" crossorigin src="/assets/terminal-AAAA.js?v=1"></script>
    <link rel="modulepreload" crossorigin href="/assets/client-BBBB.js">
    <link rel=stylesheet crossorigin href='/assets/terminal-CCCC.css'>
    <link rel="preload" as="font" href="/assets/font.woff2">
    <link rel="preload" as="script" href="./assets/lazy-DDDD.js">
    <link rel="stylesheet" href="https://cdn.example/x.css">
    <script src="//cdn.example/y.js"></script>
    <script>inline()</script>
    <link rel="modulepreload" href="/assets/client-BBBB.js">
  </head>
</html>`;

describe('assets of a page', () => {
  test('scripts, module preloads, style sheets and script/style preloads, same origin, once each, in order', () => {
    expect(assetsOfPage(VITE_PAGE)).toEqual([
      '/assets/terminal-AAAA.js',
      '/assets/client-BBBB.js',
      '/assets/terminal-CCCC.css',
      './assets/lazy-DDDD.js',
    ]);
  });

  test('a page without assets loads nothing more', () => {
    expect(assetsOfPage('<html><body><a href="/x.js">x</a></body></html>')).toEqual([]);
  });
});

describe('bundle sizes', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  test('per page: the HTML and what it loads, raw and gzip; the total counts every file once', () => {
    dir = mkdtempSync(join(tmpdir(), 'payterm-bench-web-test-'));
    mkdirSync(join(dir, 'assets'));
    const files: Record<string, string> = {
      'index.html':
        '<script type="module" src="/assets/index.js"></script><link rel="modulepreload" href="/assets/shared.js">',
      'terminal.html':
        '<script type="module" src="assets/terminal.js"></script><link rel="stylesheet" href="/assets/terminal.css">',
      'assets/index.js': 'console.log("index");'.repeat(40),
      'assets/shared.js': 'export const react = 1;'.repeat(500),
      'assets/terminal.js': 'import "./shared.js";',
      'assets/terminal.css': 'body { color: red }',
      'assets/lazy.js': 'export default 1;',
    };
    for (const [path, text] of Object.entries(files)) writeFileSync(join(dir, path), text);
    const size = (path: string) => ({
      path,
      rawBytes: Buffer.byteLength(files[path] as string),
      gzipBytes: gzipSync(Buffer.from(files[path] as string)).length,
    });

    const report = measureBundle(dir, ['index.html', 'terminal.html']);
    const index = report.pages[0];
    expect(index?.files).toEqual([size('index.html'), size('assets/index.js'), size('assets/shared.js')]);
    expect(index?.rawBytes).toBe(index?.files.reduce((total, file) => total + file.rawBytes, 0));
    expect(index?.gzipBytes).toBe(index?.files.reduce((total, file) => total + file.gzipBytes, 0));
    expect(report.pages[1]?.files.map((file) => file.path)).toEqual([
      'terminal.html',
      'assets/terminal.js',
      'assets/terminal.css',
    ]);
    const everything = Object.keys(files).map(size);
    expect(report.total).toEqual({
      files: everything.length,
      rawBytes: everything.reduce((total, file) => total + file.rawBytes, 0),
      gzipBytes: everything.reduce((total, file) => total + file.gzipBytes, 0),
    });

    const rows = bundleResults(report);
    expect(rows.map((row) => row.case)).toEqual([
      'bundle / (index.html + 2 files)',
      'bundle /terminal (terminal.html + 2 files)',
      'bundle total (7 files)',
    ]);
    expect(rows[0]).toMatchObject({ rawBytes: index?.rawBytes, gzipBytes: index?.gzipBytes, opsPerSec: 0 });
    expect(rows[0]?.impl).toContain(`gzip ${new Intl.NumberFormat('en-US').format(index?.gzipBytes ?? 0)} B`);
    const table = formatBundle(report);
    expect(table).toContain('assets/shared.js');
    expect(table).toContain('(all 7 files)');
  });

  test('pages are served at / and /<name>', () => {
    expect(routeOf('index.html')).toBe('/');
    expect(routeOf('terminal.html')).toBe('/terminal');
  });
});

describe('timing rows', () => {
  const terminal = {
    page: '/terminal?tid=10000001',
    signal: 'power-key' as const,
    readyMs: [300, 500, 1200, 400],
  };
  const peer = { page: '/', signal: 'root-child' as const, readyMs: [100, 200, 300, 200] };

  test('the terminal against its peer: p50, p99 (the max at few loads), ratio of loads per second, target', () => {
    const [ours, theirs] = timingResults(terminal, peer);
    expect(ours).toMatchObject({ samples: 4, p50Ms: 400, p99Ms: 1200, maxMs: 1200, signal: 'power-key' });
    expect(ours?.ratioToPeer).toBeCloseTo(200 / 600, 9);
    expect(ours?.opsPerSec).toBeCloseTo(1000 / 600, 9);
    expect(ours?.note).toContain('p50 400.0 ms PASS, max 1,200.0 ms FAIL');
    expect(ours?.note).toContain('p50 2.0× the start page');
    expect(ours?.note).toContain('电源 Power');
    expect(theirs).toMatchObject({ impl: '/ (start page, peer)', p50Ms: 200 });
    expect(theirs?.ratioToPeer).toBeUndefined();
  });

  test('a fallback signal says why', () => {
    const [ours] = timingResults({ ...terminal, signal: 'screen' }, peer);
    expect(ours?.note).toContain('[data-screen-id]');
    expect(ours?.note).toContain('fallback: the device page has no power key');
  });

  test('the JSON keeps the figures the table has no column for', () => {
    const rows: WebBenchResult[] = [...timingResults(terminal, peer)];
    const report = buildReport('web', rows);
    expect(report.results[0]).toMatchObject({ maxMs: 1200, signal: 'power-key', p50Ms: 400 });
  });
});

test('the readiness probe is valid JavaScript', () => {
  expect(() => new Function(READINESS_PROBE)).not.toThrow();
});
