import { SeededRandom, SimulatedClock } from '@payterm/kernel';
import { DEMO } from '../../../host/src/app/demo-data.js';
import { TEST_START_MS } from '../../../host/test/support/runtime.js';
import type { HostRuntimeOptions } from '../../../host/src/app/host-runtime.js';
import { openTcpTestHost, type TcpTestHost } from '../../../host/test/support/tcp-host.js';
import { TestCardReader } from '../../src/cards/index.js';
import { PosTerminal, type OpenTerminalOptions } from '../../src/engine/pos-terminal.js';
import type { SignInOutcome } from '../../src/engine/sign-in.js';
import type { JournalRecord } from '../../src/journal/journal-record.js';
import { MemoryPrinter, MemoryStorage } from '../../src/memory/index.js';
import { TcpHostLink } from '../../src/node/index.js';
import type { CardEntry } from '../../src/ports/card-reader.js';
import type { HostLink } from '../../src/ports/host-link.js';
import type { PowerPort } from '../../src/ports/power.js';
import type { ProfileInput } from '../../src/profile.js';
import { SoftwarePinPad, SoftwareSecurityModule, type PinSourceAnswer } from '../../src/security/index.js';
import { CrashableStorage } from './crashable-storage.js';
import { FaultLink } from './fault-link.js';
import { DEMO_TMK, DEMO_TMK_KCV, TEST_SCRYPT, type CustomerScript } from './terminal-rig.js';

/**
 * Short enough for many timeouts per test, long enough for a warmed-up host on a machine that runs
 * several test files at once (the host answers in tens of ms once its code paths have run).
 */
export const ENGINE_RESPONSE_TIMEOUT_MS = 600;

/** The demo terminal the engine tests leave alone: the warm-up runs on it. */
const WARM_UP_TID = DEMO.tids[1];

/** A real host on a fresh SQLite database, warmed up, listening on a free port. */
export async function openWarmHost(options: Partial<HostRuntimeOptions> = {}): Promise<TcpTestHost> {
  const host = await openTcpTestHost('sqlite', options);
  await warmUpHost(host);
  return host;
}

/**
 * Runs the host's code paths once (sign-in, sale, balance, reversal) from a test terminal on the
 * second demo TID, so the first answers the terminal under test waits for are not the cold ones.
 */
export async function warmUpHost(host: TcpTestHost): Promise<void> {
  const warm = await host.connectTerminal(WARM_UP_TID, 30_000);
  try {
    await warm.signIn();
    const card = { pan: '6200001000000110', pin: '123456' };
    const sale = await warm.sale({ ...card, amountMinor: 100 });
    await warm.balance(card);
    await warm.reversal(sale);
    await warm.echo();
  } finally {
    await warm.close();
  }
}

export interface EngineRigOptions {
  readonly port: number;
  readonly tid?: string;
  readonly profile?: Partial<ProfileInput>;
  /** Wraps the TCP link under the FaultLink (a test link that alters what crosses it). */
  readonly wrapLink?: (link: HostLink) => HostLink;
  /** The battery the device reports (absent: none). */
  readonly power?: PowerPort;
  /** A disk of this many bytes (MemoryStorage capacity); default unbounded. */
  readonly capacityBytes?: number;
  /** The device can tell its free space (default true). */
  readonly reportsFreeBytes?: boolean;
}

/** What the next start of the terminal is told (the boot loader's version, automatic TMS …). */
export type RestartOptions = Omit<OpenTerminalOptions, 'provision'>;

/**
 * A PosTerminal over real TCP through a FaultLink, on a MemoryStorage that outlives the terminal:
 * `reopen` is an orderly restart, `crashAndRestart` abandons the running terminal mid-operation (its
 * storage view stops answering, its connection drops) and starts a new one on what it left behind.
 */
export interface EngineRig {
  readonly terminal: PosTerminal;
  readonly faults: FaultLink;
  /** The storage every incarnation of the terminal shares (what is on "disk"). */
  readonly storage: MemoryStorage;
  readonly printer: MemoryPrinter;
  readonly clock: SimulatedClock;
  readonly customer: CustomerScript;
  /** Sets the card and PIN the next transaction uses. */
  present(pan: string, entry?: CardEntry, pin?: PinSourceAnswer): void;
  /** Logs cashier `01` in and signs in. */
  start(): Promise<SignInOutcome>;
  /** Closes the terminal and opens a new one over the same storage and device key. */
  reopen(options?: RestartOptions): Promise<PosTerminal>;
  /** Kills the terminal where it stands (no close) and opens a new one over the same storage. */
  crashAndRestart(options?: RestartOptions): Promise<PosTerminal>;
  /** The journal as stored, oldest first. */
  journal(): Promise<JournalRecord[]>;
  close(): Promise<void>;
}

const DEVICE_KEY = Uint8Array.from({ length: 32 }, (_, index) => index + 1);

export async function openEngineRig(options: EngineRigOptions): Promise<EngineRig> {
  const storage = new MemoryStorage(
    options.capacityBytes === undefined ? {} : { capacityBytes: options.capacityBytes },
  );
  const clock = new SimulatedClock(TEST_START_MS);
  const random = new SeededRandom(11);
  const printer = new MemoryPrinter();
  const tcp = new TcpHostLink({ host: '127.0.0.1', port: options.port });
  const faults = new FaultLink(options.wrapLink === undefined ? tcp : options.wrapLink(tcp));
  const customer: CustomerScript = {
    card: { pan: '6200001000000011', entry: 'insert' },
    pin: '123456',
    signature: undefined,
  };
  let view = new CrashableStorage(storage, options.reportsFreeBytes ?? true);
  const open = async (restart: RestartOptions = {}): Promise<PosTerminal> => {
    view = new CrashableStorage(storage, options.reportsFreeBytes ?? true);
    const security = await SoftwareSecurityModule.open({ storage: view, deviceKey: DEVICE_KEY, random });
    if (!security.hasMasterKey()) await security.loadMasterKey(DEMO_TMK, DEMO_TMK_KCV);
    return PosTerminal.open(
      {
        storage: view,
        link: faults,
        security,
        cardReader: new TestCardReader(() => Promise.resolve(customer.card), { random }),
        pinPad: new SoftwarePinPad(security, () => Promise.resolve(customer.pin)),
        printer,
        signaturePad: { capture: () => Promise.resolve(customer.signature) },
        clock,
        random,
        scryptCost: TEST_SCRYPT,
        ...(options.power === undefined ? {} : { power: options.power }),
      },
      {
        // The TMS tests turn it on; elsewhere a background 360 would reorder the scripted exchanges.
        automaticTms: false,
        ...restart,
        provision: {
          tid: options.tid ?? DEMO.tids[0],
          mid: DEMO.mid,
          merchantName: 'PayTerm Demo Store',
          demo: true,
          language: 'en',
          connectTimeoutMs: 1_000,
          responseTimeoutMs: ENGINE_RESPONSE_TIMEOUT_MS,
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
    faults,
    storage,
    printer,
    clock,
    customer,
    present(pan, entry = 'insert', pin = '123456') {
      customer.card = { pan, entry };
      customer.pin = pin;
    },
    async start() {
      await terminal.login('01', '0000');
      return terminal.signIn();
    },
    async reopen(restart) {
      await terminal.close();
      terminal = await open(restart);
      return terminal;
    },
    async crashAndRestart(restart) {
      view.crash();
      faults.dropConnections();
      terminal = await open(restart);
      return terminal;
    },
    journal: () => storage.list<JournalRecord>('journal'),
    close: () => terminal.close(),
  };
}
