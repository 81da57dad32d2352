import { SeededRandom } from '@payterm/kernel';
import type { StorageDialect } from '../../src/storage/database/open-database.js';
import { IsoTcpServer } from '../../src/channel/iso-tcp-server.js';
import { DEMO } from '../../src/app/demo-data.js';
import type { HostRuntimeOptions } from '../../src/app/host-runtime.js';
import { TestTerminal, type TestTerminalConnectOptions } from '../../src/testing/test-terminal.js';
import { openTestRuntime, type TestRuntime } from './runtime.js';

export interface TcpTestHost extends TestRuntime {
  readonly port: number;
  /** A demo terminal connected over TCP (not signed in yet). */
  connectTerminal(
    tid?: string,
    timeoutMs?: number,
    more?: Partial<TestTerminalConnectOptions>,
  ): Promise<TestTerminal>;
  /** Stops the listener and the runtime, then starts both again on the same database. */
  restartHost(): Promise<void>;
}

/** A host runtime on a fresh database of `dialect`, listening for ISO 8583 on 127.0.0.1 (a free port). */
export async function openTcpTestHost(
  dialect: StorageDialect,
  options: Partial<HostRuntimeOptions> = {},
): Promise<TcpTestHost> {
  const host = await openTestRuntime(dialect, options);
  let server = new IsoTcpServer({ handler: host.runtime.engine.handle });
  const { port } = await server.listen({ host: '127.0.0.1', port: 0 });
  const terminals: TestTerminal[] = [];
  let seed = 100;
  return {
    get runtime() {
      return host.runtime;
    },
    clock: host.clock,
    restart: (more) => host.restart(more),
    port,
    async connectTerminal(tid = DEMO.tids[0], timeoutMs = 5_000, more = {}) {
      const terminal = await TestTerminal.connect({
        host: '127.0.0.1',
        port,
        tid,
        mid: DEMO.mid,
        tmkHex: DEMO.tmkHex,
        timeoutMs,
        clock: host.clock,
        random: new SeededRandom((seed += 1)),
        ...more,
      });
      terminals.push(terminal);
      return terminal;
    },
    async restartHost() {
      await server.close({ drainTimeoutMs: 1_000 });
      const runtime = await host.restart();
      server = new IsoTcpServer({ handler: runtime.engine.handle });
      await server.listen({ host: '127.0.0.1', port });
    },
    async cleanup() {
      await Promise.all(terminals.map((terminal) => terminal.close().catch(() => undefined)));
      await server.close({ drainTimeoutMs: 1_000 });
      await host.cleanup();
    },
  };
}
