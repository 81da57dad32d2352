import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HOST_NODE_FLAGS } from '@payterm/host';
import { cleanUpOnInterrupt } from '../host/child-processes.js';
import { parseHostBanner } from '../host/host-banner.js';
import { REPO_ROOT } from './web-build.js';

/**
 * `payterm start` as a new user runs it — fresh data directory, free ports — serving the build in
 * `webRoot`. The bench's own copy of what the browser-test harness does (bench imports no tests).
 */

const CLI_PATH = join(REPO_ROOT, 'apps/cli/bin/payterm.js');
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 20_000;

export interface WebHost {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  stop(): Promise<void>;
}

/** The environment without the host's own variables, so only the flags configure it. */
function cleanEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('PAYTERM_') && name !== 'DATABASE_URL'),
  );
}

export async function startWebHost(webRoot: string): Promise<WebHost> {
  const dataDir = mkdtempSync(join(tmpdir(), 'payterm-bench-web-'));
  const args = [
    ...HOST_NODE_FLAGS,
    CLI_PATH,
    'start',
    '--iso-port',
    '0',
    '--http-port',
    '0',
    '--data',
    dataDir,
    '--web-root',
    webRoot,
    '--log-level',
    'warn',
  ];
  const child = spawn(process.execPath, args, { env: cleanEnvironment(), stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const kill = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', kill);
  const unregister = cleanUpOnInterrupt(async () => {
    kill();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(kill, STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    }
    process.off('exit', kill);
    unregister();
    rmSync(dataDir, { recursive: true, force: true });
  };

  let stdout = '';
  let stderr = '';
  // Keep reading after the banner: a full pipe would block the host's logger.
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-4000)));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`payterm start printed no banner within ${START_TIMEOUT_MS} ms`)),
        START_TIMEOUT_MS,
      );
      child.stdout.on('data', (chunk: Buffer) => {
        if (stdout.length > 65_536) return;
        stdout += chunk.toString('utf8');
        try {
          const banner = parseHostBanner(stdout);
          if (banner === undefined) return;
          clearTimeout(timer);
          stdout = '\n'.repeat(65_537); // stop accumulating
          resolve(banner.httpUrl);
        } catch (error) {
          clearTimeout(timer);
          reject(error as Error);
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`payterm start exited (${signal ?? `code ${code}`}) before its banner:\n${stderr}`));
      });
    });
    return { url, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
