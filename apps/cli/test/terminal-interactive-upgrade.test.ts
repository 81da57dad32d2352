import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimulatedClock } from '@payterm/kernel';
import { buildPackage, DEMO_SOFTWARE_PUBLIC_KEY, signWithDemoKey } from '@payterm/software';
import { bundleTerminalApp } from '@payterm/software/node';
import { DEMO } from '../../../packages/host/src/app/demo-data.js';
import { openTcpTestHost, type TcpTestHost } from '../../../packages/host/test/support/tcp-host.js';
import { runInteractiveTerminal } from '../src/commands/terminal/interactive/index.js';

// `payterm terminal` as a device: menu 9 → 9 installs an upgrade and the device restarts on the same
// screen into it — the booted package's own DeviceUi, after the trial's self-test. Needs `npx tsc -b`
// (the package bundles the built terminal application).

const TEST_SCRYPT = { N: 2 ** 10, r: 8, p: 1 } as const;
const WAIT_MS = 30_000;
const TID = DEMO.tids[0];

/** The plain frames written so far; `waitFor` resolves once text shows up after a mark. */
class CapturedOutput extends Writable {
  text = '';
  readonly isTTY = false;
  #waiters: (() => void)[] = [];

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
    this.text += chunk.toString('utf8');
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const waiter of waiters) waiter();
    callback();
  }

  async waitFor(from: number, ...parts: string[]): Promise<string> {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const since = this.text.slice(from);
      if (parts.every((part) => since.includes(part))) return since;
      if (Date.now() > deadline)
        throw new Error(`waited for ${JSON.stringify(parts)}; last output:\n${since.slice(-1500)}`);
      await new Promise<void>((resolve) => {
        this.#waiters.push(resolve);
        setTimeout(resolve, 500);
      });
    }
  }
}

describe('payterm terminal (interactive) upgrade and restart', { timeout: 120_000 }, () => {
  let host: TcpTestHost;
  let dataDir: string;

  beforeAll(async () => {
    host = await openTcpTestHost('sqlite');
    dataDir = mkdtempSync(join(tmpdir(), 'payterm-interactive-upgrade-'));
    const bundle = await bundleTerminalApp();
    const built = await buildPackage({
      version: '0.2.0',
      releaseNotes: { zh: '版本 0.2.0', en: 'Version 0.2.0' },
      payload: bundle.payload,
      abi: bundle.abi,
      sign: signWithDemoKey,
      publicKey: DEMO_SOFTWARE_PUBLIC_KEY,
      clock: new SimulatedClock(Date.UTC(2026, 11, 1)),
    });
    const tms = host.runtime.services.tms;
    const published = await tms.publish(built.bytes, 'test');
    await tms.createRollout({ packageId: published.id, target: { kind: 'list', tids: [TID] } }, 'test');
  }, 60_000);

  afterAll(async () => {
    await host.cleanup();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('installs from menu 9 → 9, restarts into 0.2.0 on the same screen and shows it running', async () => {
    const input = new PassThrough();
    const output = new CapturedOutput();
    const running = runInteractiveTerminal({
      dataDir,
      host: '127.0.0.1',
      port: host.port,
      provision: { tid: TID, mid: DEMO.mid, merchantName: 'PayTerm Demo Store', demo: true },
      scryptCost: TEST_SCRYPT,
      language: 'en',
      input,
      output,
    });
    const keys = async (bytes: string, ...expected: string[]): Promise<string> => {
      const from = output.text.length;
      input.write(bytes);
      return output.waitFor(from, ...expected);
    };

    await output.waitFor(0, '# login.operator');
    await keys('99\r', '# login.password');
    await keys('12345678\r', '# menu.main');
    await keys('9', '# menu.management');
    await keys('9', '# menu.software');
    await keys('2', '# upgrade.offer', 'Offered 0.2.0');
    await keys('\r', '# upgrade.install', 'New version 0.2.0');
    await keys('\r', '# upgrade.installed', 'The terminal restarts now');
    // The restart: the old device closes, the trial boots, self-tests and confirms, a new login screen.
    await keys('\r', '# login.operator');
    await keys('99\r', '# login.password');
    await keys('12345678\r', '# menu.main');
    await keys('9', '# menu.management');
    await keys('9', '# menu.software');
    await keys('1', '# upgrade.version', 'Running 0.2.0 (slot A)', 'Last upgrade 0.2.0: installed');
    await keys('\r', '# menu.software');

    input.write('q');
    await running;
    expect(await host.runtime.services.tms.fleet()).toContainEqual(
      expect.objectContaining({ tid: TID, runningVersion: '0.2.0' }),
    );
  });
});
