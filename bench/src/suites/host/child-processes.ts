import { fork, spawn, type ChildProcess } from 'node:child_process';
import { HOST_NODE_FLAGS } from '@payterm/host';
import { fileURLToPath } from 'node:url';
import { parseHostBanner, type HostBanner } from './host-banner.js';
import type { GeneratorConfig, GeneratorMessage, GeneratorResult, WindowEdge } from './load-protocol.js';

/**
 * The bench's child processes (host, echo peer, generator). Every child is tracked, so an exit, a
 * failure or Ctrl-C of the bench leaves none behind.
 */

const CLI_PATH = fileURLToPath(new URL('../../../../apps/cli/bin/payterm.js', import.meta.url));
const ECHO_PATH = fileURLToPath(new URL('./echo-server.js', import.meta.url));
const GENERATOR_PATH = fileURLToPath(new URL('./load-generator.js', import.meta.url));
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 20_000;

const children = new Set<ChildProcess>();
const cleanups = new Set<() => Promise<void>>();
let hooked = false;

function killAll(): void {
  for (const child of children) child.kill('SIGKILL');
}

/** On Ctrl-C: children killed, then temp directories and databases removed (5 s at most). */
function interrupt(): void {
  killAll();
  const pending = [...cleanups].map((cleanup) => cleanup().catch(() => undefined));
  const timer = setTimeout(() => process.exit(130), 5000);
  void Promise.all(pending).then(() => {
    clearTimeout(timer);
    process.exit(130);
  });
}

function hook(): void {
  if (hooked) return;
  hooked = true;
  process.once('exit', killAll);
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
}

/** Runs `cleanup` if the bench is interrupted before the returned function unregisters it. */
export function cleanUpOnInterrupt(cleanup: () => Promise<void>): () => void {
  hook();
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

function track(child: ChildProcess): ChildProcess {
  hook();
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));
}

/** SIGTERM (the host stops gracefully and writes its CPU profile), SIGKILL after a timeout. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const done = exited(child);
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await done;
  clearTimeout(timer);
}

export interface PeerProcess {
  readonly pid: number;
  readonly port: number;
  stop(): Promise<void>;
}

export interface HostProcessOptions {
  readonly dataDir: string;
  readonly databaseUrl?: string;
  /** Runs the host under `node --cpu-prof`, writing the profile here on exit. */
  readonly cpuProfileDir?: string;
}

/** `payterm host` on ephemeral ports; resolves once its banner names the ISO port. */
export function startHostProcess(options: HostProcessOptions): Promise<PeerProcess & { banner: HostBanner }> {
  const args = [
    ...HOST_NODE_FLAGS,
    ...(options.cpuProfileDir === undefined ? [] : ['--cpu-prof', '--cpu-prof-dir', options.cpuProfileDir]),
    CLI_PATH,
    'host',
    '--iso-port',
    '0',
    '--http-port',
    '0',
    '--data',
    options.dataDir,
    ...(options.databaseUrl === undefined ? [] : ['--db', options.databaseUrl]),
    '--log-level',
    'warn',
  ];
  const child = track(spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] }));
  let stdout = '';
  let stderr = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => fail(new Error(`the host did not print its banner within ${START_TIMEOUT_MS} ms`)),
      START_TIMEOUT_MS,
    );
    const fail = (error: Error): void => {
      clearTimeout(timer);
      void stop(child).then(() => reject(error));
    };
    // Keep reading after the banner: a full pipe would block the host's logger.
    child.stdout?.on('data', (chunk: Buffer) => {
      if (stdout.length < 65_536) stdout += chunk.toString('utf8');
      let banner: HostBanner | undefined;
      try {
        banner = parseHostBanner(stdout);
      } catch (error) {
        fail(error as Error);
        return;
      }
      if (banner !== undefined && child.pid !== undefined) {
        clearTimeout(timer);
        stdout = '\n'.repeat(65_536); // stop accumulating
        const pid = child.pid;
        resolve({ pid, port: banner.isoPort, banner, stop: () => stop(child) });
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-4000);
    });
    child.once('exit', (code, signal) =>
      fail(
        new Error(
          `the host exited (${signal ?? `code ${code}`}) before its banner:\n${stderr}${stdout.trim()}`,
        ),
      ),
    );
  });
}

/** The echo peer (IsoTcpServer returning every frame) in its own process. */
export function startEchoProcess(): Promise<PeerProcess> {
  const child = track(fork(ECHO_PATH, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
  return new Promise((resolve, reject) => {
    child.once('message', (message: { port: number }) => {
      if (child.pid === undefined) return;
      resolve({ pid: child.pid, port: message.port, stop: () => stop(child) });
    });
    child.once('exit', (code) => reject(new Error(`the echo server exited with code ${code}`)));
  });
}

/** Runs one load in a generator process of its own and returns its report. */
export function runGenerator(
  config: GeneratorConfig,
  onWindow: (edge: WindowEdge) => void = () => undefined,
): Promise<GeneratorResult> {
  const child = track(fork(GENERATOR_PATH, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
  const timeoutMs = config.warmupMs + config.windowMs + 60_000;
  return new Promise<GeneratorResult>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the load generator gave no result within ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('message', (message: GeneratorMessage) => {
      if (message.type === 'ready') child.send(config);
      else if (message.type === 'window') onWindow(message.edge);
      else {
        clearTimeout(timer);
        if (message.type === 'result') resolve(message.result);
        else reject(new Error(`load generator: ${message.message}`));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the load generator exited with code ${code} before reporting`));
    });
  }).finally(() => stop(child));
}
