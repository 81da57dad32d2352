import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../../packages/host/src/app/demo-data.js';
import { openTcpTestHost, type TcpTestHost } from '../../../packages/host/test/support/tcp-host.js';
import { runInteractiveTerminal } from '../src/commands/terminal/interactive/index.js';

/** Cheap password hashing for tests. */
const TEST_SCRYPT = { N: 2 ** 10, r: 8, p: 1 } as const;
/** How long a screen may take to show before the test reports what it saw instead. */
const WAIT_MS = 10_000;

/** An output stream that keeps what was written and tells waiters when text shows up. */
class CapturedOutput extends Writable {
  text = '';
  readonly isTTY: boolean;
  readonly columns = 120;
  #waiters: (() => void)[] = [];

  constructor(tty = false) {
    super();
    this.isTTY = tty;
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
    this.text += chunk.toString('utf8');
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const waiter of waiters) waiter();
    callback();
  }

  /**
   * Resolves with the output written since `from` once it contains every one of `parts`; fails with
   * the last frame when they do not come (so a failure shows the screen it stopped on).
   */
  async waitFor(from: number, ...parts: string[]): Promise<string> {
    const deadline = setTimeout(() => this.#waiters.forEach((waiter) => waiter()), WAIT_MS);
    let expired = false;
    const timer = setTimeout(() => (expired = true), WAIT_MS);
    try {
      for (;;) {
        const since = this.text.slice(from);
        if (parts.every((part) => since.includes(part))) return since;
        if (expired)
          throw new Error(`waited for ${JSON.stringify(parts)}; last output:\n${since.slice(-1500)}`);
        await new Promise<void>((resolve) => {
          this.#waiters.push(resolve);
          setTimeout(resolve, WAIT_MS);
        });
      }
    } finally {
      clearTimeout(deadline);
      clearTimeout(timer);
    }
  }
}

/** A keyboard that claims to be a terminal, recording raw mode changes. */
class FakeTtyInput extends PassThrough {
  readonly isTTY = true;
  readonly rawModes: boolean[] = [];
  setRawMode(mode: boolean): this {
    this.rawModes.push(mode);
    return this;
  }
}

describe('payterm terminal (interactive)', () => {
  let host: TcpTestHost;
  let dataDir: string;

  beforeAll(async () => {
    host = await openTcpTestHost('sqlite');
    dataDir = mkdtempSync(join(tmpdir(), 'payterm-interactive-'));
  });

  afterAll(async () => {
    await host.cleanup();
    rmSync(dataDir, { recursive: true, force: true });
  });

  function start(input: PassThrough, output: CapturedOutput, dir: string): Promise<void> {
    return runInteractiveTerminal({
      dataDir: dir,
      host: '127.0.0.1',
      port: host.port,
      provision: { tid: DEMO.tids[0], mid: DEMO.mid, merchantName: 'PayTerm Demo Store', demo: true },
      scryptCost: TEST_SCRYPT,
      language: 'en',
      input,
      output,
    });
  }

  it('logs in, signs in and sells with plain frames when the output is not a terminal', async () => {
    const input = new PassThrough();
    const output = new CapturedOutput();
    const running = start(input, output, join(dataDir, 'plain'));
    const keys = async (bytes: string, ...expected: string[]): Promise<string> => {
      const from = output.text.length;
      input.write(bytes);
      return output.waitFor(from, ...expected);
    };

    await output.waitFor(0, '# login.operator', 'Operator login', 'Not signed in');
    await keys('01\r', '# login.password');
    await keys('0000\r', '# menu.main', '1 消费 Sale', '9 管理 Management');
    await keys('9', '# menu.management');
    await keys('1', '# sign-in.result', 'Signed in', 'Response code 00');
    await keys('\r', '# menu.management');
    await keys('m', '# menu.main', 'Signed in, batch');

    await keys('1', '# sale.amount', 'Amount: 0.00_');
    await keys('12345', 'Amount: 123.45_');
    await keys('\r', '# customer.card', '1 UnionPay debit 620000******0011');
    await keys('1\r', '# customer.entry', 'Insert 2');
    await keys('2', '# customer.pin');
    await keys('123456', 'PIN: ******_');
    const result = await keys('\r', '# result', 'Approved', 'Response code 00');
    expect(result).toContain('Card 620000******0011');
    expect(result).toMatch(/CARDHOLDER COPY|持卡人存根/);
    await keys('\r', '# menu.main');

    await keys('1', '# sale.amount');
    await keys('\x1b', '# menu.main', '! Cancelled');
    await keys('l', '数字键选择');

    input.write('q');
    await running;
    expect(output.text).not.toContain('\x1b[');
    expect(output.text).not.toContain('6200001000000011');
    expect(output.text).toContain('='.repeat(42));
    expect(existsSync(join(dataDir, 'plain', 'journal.db'))).toBe(true);
  });

  it('draws full-screen on a terminal and gives the terminal back on q', async () => {
    const input = new FakeTtyInput();
    const output = new CapturedOutput(true);
    const running = start(input, output, join(dataDir, 'tty'));
    await output.waitFor(0, 'Operator login');
    input.write('q');
    await running;
    expect(output.text.startsWith('\x1b[?1049h\x1b[?25l')).toBe(true);
    expect(output.text).toContain('\x1b[H\x1b[2J┌');
    expect(output.text.endsWith('\x1b[0m\x1b[?25h\x1b[?1049l')).toBe(true);
    expect(input.rawModes).toEqual([true, false]);
  });

  it('ends, restoring the screen, when the input ends', async () => {
    const input = new FakeTtyInput();
    const output = new CapturedOutput(true);
    const running = start(input, output, join(dataDir, 'tty'));
    await output.waitFor(0, 'Operator login');
    input.end();
    await running;
    expect(output.text.endsWith('\x1b[?1049l')).toBe(true);
    expect(input.rawModes).toEqual([true, false]);
  });
});
