import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchResult } from '../../report.js';
import type { Suite, SuiteOptions } from '../../suite.js';
import {
  cleanUpOnInterrupt,
  runGenerator,
  startEchoProcess,
  startHostProcess,
  type PeerProcess,
} from './child-processes.js';
import { commitStatsOf, fetchMetricsText, mainThreadStatsOf, type MetricsReading } from './commit-stats.js';
import type { HostBanner } from './host-banner.js';
import { DEFAULT_LOAD_GRID, formatSetting, type LoadSetting } from './load-grid.js';
import type { GeneratorConfig } from './load-protocol.js';
import { createDatabase, dropDatabase, postgresUnreachable } from './postgres-admin.js';
import { describeRun, hostResults, type Backend, type CaseRun } from './host-results.js';
import { medianRun, type MeasuredRun } from './median-run.js';

/**
 * `npm run bench -- host`: sales per second and latency of the acquirer host, each backend in a
 * process of its own and the load generator in another. For every load setting (N connections × K
 * sales in flight) it measures the echo floor (the TCP channel returning frames), the host on a fresh
 * SQLite data directory and the host on a fresh PostgreSQL database.
 */

export const DEFAULT_POSTGRES_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const DEFAULT_WARMUP_MS = 3000;
const DEFAULT_WINDOW_MS = 10_000;
const DEFAULT_RUNS = 3;

function caseKey(backend: Backend, setting: LoadSetting): string {
  return `${backend} ${formatSetting(setting)}`;
}

const DEMO_TERMINALS = [
  { tid: '10000001', mid: '898310058120001', tmkHex: '0123456789ABCDEFFEDCBA9876543210' },
  { tid: '10000002', mid: '898310058120001', tmkHex: '0123456789ABCDEFFEDCBA9876543210' },
];
const LOAD_TEST_CARD = { pan: '6200001000000110', pin: '123456' };

interface Peer {
  readonly process: PeerProcess;
  readonly banner?: HostBanner;
  cleanup(): Promise<void>;
}

async function startPeer(
  backend: Backend,
  postgresAdminUrl: string,
  profileDir: string | undefined,
  label: string,
): Promise<Peer> {
  if (backend === 'echo') {
    const echo = await startEchoProcess();
    return { process: echo, cleanup: () => Promise.resolve() };
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'payterm-bench-host-'));
  const databaseName = `payterm_bench_${process.pid}_${label.replace(/\W/g, '_')}`;
  let databaseUrl: string | undefined;
  const removeData = async (): Promise<void> => {
    if (backend === 'postgres') await dropDatabase(postgresAdminUrl, databaseName);
    rmSync(dataDir, { recursive: true, force: true });
  };
  const unregister = cleanUpOnInterrupt(removeData);
  const cleanup = async (): Promise<void> => {
    unregister();
    await removeData();
  };
  try {
    if (backend === 'postgres') databaseUrl = await createDatabase(postgresAdminUrl, databaseName);
    const cpuProfileDir = profileDir === undefined ? undefined : join(profileDir, label);
    if (cpuProfileDir !== undefined) mkdirSync(cpuProfileDir, { recursive: true });
    const host = await startHostProcess({
      dataDir,
      ...(databaseUrl === undefined ? {} : { databaseUrl }),
      ...(cpuProfileDir === undefined ? {} : { cpuProfileDir }),
    });
    return { process: host, banner: host.banner, cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

async function runCase(
  backend: Backend,
  setting: LoadSetting,
  options: Required<Pick<SuiteOptions, 'postgresUrl'>> & SuiteOptions,
  log: (line: string) => void,
): Promise<MeasuredRun> {
  const label = `${backend}-${setting.connections}x${setting.inFlight}`;
  const peer = await startPeer(backend, options.postgresUrl, options.profileDir, label);
  try {
    const config: GeneratorConfig = {
      host: '127.0.0.1',
      port: peer.process.port,
      mode: backend === 'echo' ? 'echo' : 'host',
      connections: setting.connections,
      inFlight: setting.inFlight,
      warmupMs: options.warmupMs ?? DEFAULT_WARMUP_MS,
      windowMs: options.windowMs ?? DEFAULT_WINDOW_MS,
      terminals: DEMO_TERMINALS,
      ...LOAD_TEST_CARD,
      amountMinor: 1,
      macSampleEvery: 100,
    };
    const banner = peer.banner;
    const readMetrics = (): Promise<MetricsReading | undefined> => {
      if (banner === undefined) return Promise.resolve(undefined);
      const atMs = performance.now();
      return fetchMetricsText(banner.httpUrl, banner.apiToken).then((text) =>
        text === undefined ? undefined : { text, atMs },
      );
    };
    const readings: Partial<Record<'start' | 'end', Promise<MetricsReading | undefined>>> = {};
    const result = await runGenerator(config, (edge) => (readings[edge] = readMetrics()));
    const [start, end, whole] = await Promise.all([readings.start, readings.end, readMetrics()]);
    const commits = whole === undefined ? undefined : commitStatsOf(whole.text);
    const mainThread = start === undefined || end === undefined ? undefined : mainThreadStatsOf(start, end);
    return { result, commits, mainThread };
  } finally {
    await peer.process.stop();
    await peer.cleanup();
    const dir = options.profileDir === undefined ? undefined : join(options.profileDir, label);
    if (dir !== undefined && existsSync(dir)) {
      for (const file of readdirSync(dir)) log(`  CPU profile of the ${backend} host: ${join(dir, file)}`);
    }
  }
}

async function runHostSuite(options: SuiteOptions, log: (line: string) => void): Promise<BenchResult[]> {
  const grid = options.grid ?? DEFAULT_LOAD_GRID;
  const postgresUrl = options.postgresUrl ?? DEFAULT_POSTGRES_ADMIN_URL;
  const unreachable = await postgresUnreachable(postgresUrl);
  const backends: Backend[] = ['echo', 'sqlite', 'postgres'];
  if (unreachable !== undefined) {
    log(
      `PostgreSQL at ${postgresUrl.replace(/\/\/[^@/]*@/, '//***@')} is unreachable (${unreachable}): skipping that case`,
    );
  }
  const rounds = options.runs ?? DEFAULT_RUNS;
  // Whole grid once per round, so that a noisy stretch of the shared machine hits every case alike.
  const measured = new Map<string, MeasuredRun[]>();
  const failures = new Map<string, string>();
  for (let round = 1; round <= rounds; round++) {
    for (const setting of grid) {
      for (const backend of backends) {
        if (backend === 'postgres' && unreachable !== undefined) continue;
        const key = caseKey(backend, setting);
        log(`${backend} ${formatSetting(setting)}${rounds > 1 ? ` (run ${round} of ${rounds})` : ''}…`);
        try {
          const run = await runCase(backend, setting, { ...options, postgresUrl }, log);
          measured.set(key, [...(measured.get(key) ?? []), run]);
          log(`  ${describeRun(run.result, run.commits, run.mainThread)}`);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          log(`  failed: ${message}`);
          failures.set(key, `failed: ${message.split('\n')[0] ?? ''}`);
        }
      }
    }
  }
  const runs: CaseRun[] = [];
  for (const setting of grid) {
    for (const backend of backends) {
      const key = caseKey(backend, setting);
      const done = measured.get(key) ?? [];
      if (done.length === 0) {
        const skipped =
          backend === 'postgres' && unreachable !== undefined
            ? `PostgreSQL unreachable: ${unreachable}`
            : (failures.get(key) ?? 'no run');
        runs.push({ backend, setting, skipped });
        continue;
      }
      const { median, all } = medianRun(done);
      runs.push({ backend, setting, ...median, ...(all.length > 1 ? { runs: all } : {}) });
    }
  }
  return hostResults(runs);
}

export const hostSuite: Suite = {
  name: 'host',
  load: true,
  description:
    'acquirer host sales/s and latency: echo floor, SQLite, PostgreSQL; host and generator in separate processes',
  run: (_timing, log, options) => runHostSuite(options, log),
};
