import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { PAYTERM_BIN } from '../../../../packages/host/test/support/host-process.js';

/** The environment without the host's and the terminal's own variables, plus `extra`. */
function environment(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (name.startsWith('PAYTERM_') || name === 'DATABASE_URL') continue;
    env[name] = value;
  }
  return { ...env, ...extra };
}

export interface PaytermExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * One compiled `payterm` process (`node apps/cli/bin/payterm.js …`) that a test can watch (its stderr,
 * line by line) and kill with SIGKILL at a moment of its choosing: a power cut.
 */
export class PaytermProcess {
  stdout = '';
  stderr = '';
  readonly exited: Promise<PaytermExit>;
  readonly #watchers: { pattern: RegExp; resolve: (match: RegExpMatchArray) => void }[] = [];

  private constructor(private readonly child: ChildProcessByStdio<null, Readable, Readable>) {
    child.stdout.on('data', (chunk: Buffer) => (this.stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString('utf8');
      this.#check();
    });
    this.exited = new Promise((resolve) =>
      child.once('close', (code, signal) =>
        resolve({ code, signal, stdout: this.stdout, stderr: this.stderr }),
      ),
    );
  }

  static start(args: readonly string[], env: NodeJS.ProcessEnv = {}): PaytermProcess {
    return new PaytermProcess(
      spawn(process.execPath, [PAYTERM_BIN, ...args], {
        env: environment(env),
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
  }

  /** Runs to the end (rejecting after `timeoutMs`, the process killed). */
  static async run(
    args: readonly string[],
    env: NodeJS.ProcessEnv = {},
    timeoutMs = 120_000,
  ): Promise<PaytermExit> {
    const process = PaytermProcess.start(args, env);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        void process.kill9();
        reject(new Error(`payterm ${args.join(' ')} did not end within ${timeoutMs} ms\n${process.stderr}`));
      }, timeoutMs);
    });
    try {
      return await Promise.race([process.exited, timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Resolves when stderr matches `pattern` (rejects if the process ends first). */
  waitForStderr(pattern: RegExp): Promise<RegExpMatchArray> {
    let matched = false;
    const found = new Promise<RegExpMatchArray>((resolve) => {
      this.#watchers.push({
        pattern,
        resolve: (match) => {
          matched = true;
          resolve(match);
        },
      });
      this.#check();
    });
    const ended = this.exited.then((exit): Promise<never> => {
      if (matched) return new Promise<never>(() => undefined);
      throw new Error(`payterm ended (code ${String(exit.code)}) before ${String(pattern)}\n${exit.stderr}`);
    });
    return Promise.race([found, ended]);
  }

  /** `kill -9`: no shutdown code runs. */
  async kill9(): Promise<PaytermExit> {
    this.child.kill('SIGKILL');
    return this.exited;
  }

  #check(): void {
    for (const watcher of [...this.#watchers]) {
      const match = watcher.pattern.exec(this.stderr);
      if (match === null) continue;
      this.#watchers.splice(this.#watchers.indexOf(watcher), 1);
      watcher.resolve(match);
    }
  }
}
