import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';

/** The compiled CLI (built by `tsc -b`, which `npm install` and `npm test` run before Vitest). */
export const PAYTERM_BIN = fileURLToPath(new URL('../../../../apps/cli/bin/payterm.js', import.meta.url));

/** The line the banner ends with: the host is listening once it is printed. */
const READY_LINE = 'Ctrl-C stops the host gracefully.';

export interface HostProcessOptions {
  /** `--data`: the LMK file lives here, and the SQLite database unless `db` is given. */
  readonly dataDir: string;
  /** `--db` (e.g. a PostgreSQL URL). */
  readonly db?: string;
  /** `--log-level` (default `warn`; `info` is needed to see 'host stopped'). */
  readonly logLevel?: string;
  /** `host` (default) or `start`. */
  readonly command?: 'host' | 'start';
  /** How long the banner may take (default 30 000 ms). */
  readonly startTimeoutMs?: number;
}

/** How the process ended. */
export interface HostExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** What the start banner says. */
export interface HostBanner {
  readonly isoHost: string;
  readonly isoPort: number;
  /** `http://127.0.0.1:PORT` */
  readonly httpUrl: string;
  readonly httpPort: number;
  /** `ws://127.0.0.1:PORT/iso8583` */
  readonly webSocketUrl: string;
  /** The demo terminals the banner lists. */
  readonly tids: readonly string[];
  /** Printed at the first start on a database only. */
  readonly apiToken: string | undefined;
  readonly text: string;
}

/** The CLI's environment without the host's own variables, so only the flags configure it. */
function cleanEnvironment(): NodeJS.ProcessEnv {
  const environment: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (name.startsWith('PAYTERM_') || name === 'DATABASE_URL') continue;
    environment[name] = value;
  }
  return environment;
}

/** Reads the banner `payterm host` prints once both listeners are bound. */
export function parseBanner(text: string): HostBanner {
  const iso = /ISO 8583 \(TCP, CUP framing\)\s+(\S+):(\d+)/.exec(text);
  const http = /HTTP API\s+(http:\/\/\S+?):(\d+)\/api/.exec(text);
  const ws = /ISO 8583 over WebSocket\s+(ws:\/\/\S+)/.exec(text);
  const tids = /terminals ([\d, ]+)/.exec(text);
  const token = /API token \(shown once, stored hashed\): (\S+)/.exec(text);
  if (iso === null || http === null || ws === null || tids === null) {
    throw new Error(`The host banner lacks its addresses:\n${text}`);
  }
  return {
    isoHost: iso[1] ?? '',
    isoPort: Number(iso[2]),
    httpUrl: `${http[1] ?? ''}:${http[2] ?? ''}`,
    httpPort: Number(http[2]),
    webSocketUrl: ws[1] ?? '',
    tids: (tids[1] ?? '')
      .split(',')
      .map((tid) => tid.trim())
      .filter((tid) => tid !== ''),
    apiToken: token?.[1],
    text,
  };
}

const running = new Set<HostProcess>();

/**
 * The real `payterm host` process (`node apps/cli/bin/payterm.js host --iso-port 0 --http-port 0 …`):
 * started, read from its banner, stopped with a signal or killed with SIGKILL. Its stdout and stderr
 * are kept for failure messages.
 */
export class HostProcess {
  readonly exited: Promise<HostExit>;
  private stdoutText = '';
  private stderrText = '';
  private exit: HostExit | undefined;

  private constructor(
    private readonly child: ChildProcessByStdio<null, Readable, Readable>,
    readonly banner: HostBanner,
    exited: Promise<HostExit>,
    stdoutSoFar: string,
    stderrSoFar: string,
  ) {
    this.stdoutText = stdoutSoFar;
    this.stderrText = stderrSoFar;
    this.exited = exited.then((exit) => {
      this.exit = exit;
      running.delete(this);
      return exit;
    });
    child.stdout.on('data', (chunk: Buffer) => (this.stdoutText += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (this.stderrText += chunk.toString('utf8')));
    running.add(this);
  }

  /** Starts the host and resolves once its banner is printed; rejects with its output if it exits first. */
  static start(options: HostProcessOptions): Promise<HostProcess> {
    const args = [
      PAYTERM_BIN,
      options.command ?? 'host',
      '--iso-port',
      '0',
      '--http-port',
      '0',
      '--data',
      options.dataDir,
      '--log-level',
      options.logLevel ?? 'warn',
      ...(options.db === undefined ? [] : ['--db', options.db]),
    ];
    const child = spawn(process.execPath, args, {
      env: cleanEnvironment(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<HostExit>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    return new Promise<HostProcess>((resolve, reject) => {
      let stdout = '';
      let stderr = '';
      const fail = (why: string) => {
        cleanup();
        child.kill('SIGKILL');
        reject(new Error(`payterm host ${why}\n--- stdout\n${stdout}\n--- stderr\n${stderr}`));
      };
      const timer = setTimeout(() => fail('printed no banner in time'), options.startTimeoutMs ?? 30_000);
      const onStdout = (chunk: Buffer) => {
        stdout += chunk.toString('utf8');
        if (!stdout.includes(READY_LINE)) return;
        cleanup();
        try {
          resolve(new HostProcess(child, parseBanner(stdout), exited, stdout, stderr));
        } catch (error) {
          child.kill('SIGKILL');
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      };
      const onStderr = (chunk: Buffer) => (stderr += chunk.toString('utf8'));
      const onExit = (code: number | null, signal: NodeJS.Signals | null) =>
        fail(`exited before its banner (code ${String(code)}, signal ${String(signal)})`);
      const cleanup = () => {
        clearTimeout(timer);
        child.stdout.off('data', onStdout);
        child.stderr.off('data', onStderr);
        child.off('exit', onExit);
      };
      child.stdout.on('data', onStdout);
      child.stderr.on('data', onStderr);
      child.once('exit', onExit);
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get isoPort(): number {
    return this.banner.isoPort;
  }

  get httpUrl(): string {
    return this.banner.httpUrl;
  }

  get stdout(): string {
    return this.stdoutText;
  }

  get stderr(): string {
    return this.stderrText;
  }

  /** Both streams, for an assertion message. */
  get output(): string {
    return `--- stdout\n${this.stdoutText}\n--- stderr\n${this.stderrText}`;
  }

  get running(): boolean {
    return this.exit === undefined;
  }

  /** Sends the signal and waits for the exit; SIGKILL after `timeoutMs` (and the promise rejects). */
  async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 20_000): Promise<HostExit> {
    if (this.exit !== undefined) return this.exit;
    this.child.kill(signal);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.child.kill('SIGKILL');
        reject(new Error(`payterm host did not stop within ${timeoutMs} ms of ${signal}\n${this.output}`));
      }, timeoutMs);
    });
    try {
      return await Promise.race([this.exited, timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** `kill -9`: no shutdown code runs. */
  kill9(): Promise<HostExit> {
    if (this.exit === undefined) this.child.kill('SIGKILL');
    return this.exited;
  }

  /** Kills every host process still running (an afterAll safety net for failed tests). */
  static async killAll(): Promise<void> {
    await Promise.all([...running].map((host) => host.kill9()));
  }
}

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI to its end (e.g. `--help`, a bad flag) with the host's variables removed. */
export function runPayterm(args: readonly string[], timeoutMs = 30_000): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [PAYTERM_BIN, ...args], {
      env: cleanEnvironment(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`payterm ${args.join(' ')} did not end within ${timeoutMs} ms`));
    }, timeoutMs);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
