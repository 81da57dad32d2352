import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { SeededRandom, SimulatedClock } from '@payterm/kernel';
import { DEMO } from '../../../host/src/app/demo-data.js';
import { createHttpServer } from '../../../host/src/http/index.js';
import { HostMetrics } from '../../../host/src/metrics/index.js';
import { openTestRuntime, TEST_START_MS, type TestRuntime } from '../../../host/test/support/runtime.js';
import { WebSocketHostLink, type WebSocketConstructor } from '../../src/browser/index.js';
import { TestCardReader } from '../../src/cards/index.js';
import { PosTerminal } from '../../src/engine/pos-terminal.js';
import { MemoryPrinter, MemoryStorage } from '../../src/memory/index.js';
import type { CardEntry } from '../../src/ports/card-reader.js';
import type { TerminalStorage } from '../../src/ports/storage.js';
import type { ProfileInput } from '../../src/profile.js';
import { SoftwarePinPad, SoftwareSecurityModule, type PinSourceAnswer } from '../../src/security/index.js';
import {
  DEMO_TMK,
  DEMO_TMK_KCV,
  TEST_SCRYPT,
  type CustomerScript,
  type TerminalRig,
} from './terminal-rig.js';

/** The `ws` package's WebSocket: the browser API in Node 20, which has no WebSocket of its own. */
export const NodeWebSocket = createRequire(import.meta.url)('ws') as WebSocketConstructor;

/** One request the host engine finished with, answered or not (a `9198` sale is not). */
export interface ProcessedRequest {
  readonly mti: string;
  readonly kind: string;
  readonly responseCode: string;
}

export interface WsTestHost extends TestRuntime {
  /** `ws://127.0.0.1:<port>/iso8583` */
  readonly url: string;
  readonly processed: readonly ProcessedRequest[];
  /** Resolves once the host has processed `count` requests of `kind` in all. */
  processedCount(kind: string, count: number): Promise<void>;
}

/**
 * The real host over its real HTTP server, as `startHost` builds them: a host runtime on a fresh
 * SQLite database with demo data and a simulated clock, its engine serving the ISO 8583 WebSocket
 * channel at /iso8583 on 127.0.0.1 (a free port).
 */
export async function openWsTestHost(): Promise<WsTestHost> {
  const processed: ProcessedRequest[] = [];
  const waiters: { kind: string; count: number; resolve: () => void }[] = [];
  const count = (kind: string): number => processed.filter((request) => request.kind === kind).length;
  const host = await openTestRuntime('sqlite', {
    observer: {
      onProcessed: ({ mti, kind, responseCode }) => {
        processed.push({ mti, kind, responseCode });
        for (const waiter of waiters.filter((candidate) => count(candidate.kind) >= candidate.count)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve();
        }
      },
    },
  });
  const runtime = host.runtime;
  const http = await createHttpServer({
    repositories: runtime.repositories,
    hsm: runtime.hsm,
    directory: runtime.directory,
    health: () => Promise.resolve({ healthy: runtime.engine.healthy }),
    metrics: new HostMetrics({ defaultMetrics: false }),
    clock: host.clock,
    random: new SeededRandom(99),
    logger: false,
    isoHandler: runtime.engine.handle,
    version: '0.1.0-test',
  });
  await http.listen({ host: '127.0.0.1', port: 0 });
  const { port } = http.server.address() as AddressInfo;
  return {
    get runtime() {
      return host.runtime;
    },
    clock: host.clock,
    restart: (more) => host.restart(more),
    url: `ws://127.0.0.1:${String(port)}/iso8583`,
    processed,
    processedCount: (kind, wanted) =>
      count(kind) >= wanted
        ? Promise.resolve()
        : new Promise((resolve) => waiters.push({ kind, count: wanted, resolve })),
    async cleanup() {
      await http.close();
      await host.cleanup();
    },
  };
}

export interface WsRigOptions {
  readonly url: string;
  readonly tid?: string;
  readonly storage?: TerminalStorage;
  readonly profile?: Partial<ProfileInput>;
}

/**
 * A PosTerminal as the web terminal runs it, over WebSocketHostLink, with the software security
 * module, test cards and a memory printer; the same device key every time, so a second rig over the
 * same storage is the same terminal after a reload.
 */
export async function openWsTerminalRig(options: WsRigOptions): Promise<TerminalRig> {
  const storage = options.storage ?? new MemoryStorage();
  const deviceKey = Uint8Array.from({ length: 32 }, (_, index) => index + 1);
  const clock = new SimulatedClock(TEST_START_MS);
  const random = new SeededRandom(7);
  const printer = new MemoryPrinter();
  const customer: CustomerScript = {
    card: { pan: '6200001000000011', entry: 'insert' },
    pin: '123456',
    signature: undefined,
  };
  const open = async (): Promise<PosTerminal> => {
    const security = await SoftwareSecurityModule.open({ storage, deviceKey, random });
    if (!security.hasMasterKey()) await security.loadMasterKey(DEMO_TMK, DEMO_TMK_KCV);
    return PosTerminal.open(
      {
        storage,
        link: new WebSocketHostLink(options.url, { WebSocket: NodeWebSocket }),
        security,
        cardReader: new TestCardReader(() => Promise.resolve(customer.card), { random }),
        pinPad: new SoftwarePinPad(security, () => Promise.resolve(customer.pin)),
        printer,
        signaturePad: { capture: () => Promise.resolve(customer.signature) },
        clock,
        random,
        scryptCost: TEST_SCRYPT,
      },
      {
        provision: {
          tid: options.tid ?? DEMO.tids[0],
          mid: DEMO.mid,
          merchantName: 'PayTerm Demo Store',
          demo: true,
          connectTimeoutMs: 2_000,
          responseTimeoutMs: 3_000,
          ...options.profile,
        },
      },
    );
  };
  let terminal = await open();
  return {
    get terminal() {
      return terminal;
    },
    storage,
    printer,
    clock,
    customer,
    present(pan: string, entry: CardEntry = 'insert', pin: PinSourceAnswer = '123456') {
      customer.card = { pan, entry };
      customer.pin = pin;
    },
    async reopen() {
      await terminal.close();
      terminal = await open();
      return terminal;
    },
    close: () => terminal.close(),
  };
}
