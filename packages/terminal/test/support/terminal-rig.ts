import { SeededRandom, SimulatedClock } from '@payterm/kernel';
import { DEMO } from '../../../host/src/app/demo-data.js';
import { openTcpTestHost, type TcpTestHost } from '../../../host/test/support/tcp-host.js';
import { TEST_START_MS } from '../../../host/test/support/runtime.js';
import { TestCardReader, type CardPick } from '../../src/cards/index.js';
import { PosTerminal } from '../../src/engine/pos-terminal.js';
import { MemoryPrinter, MemoryStorage } from '../../src/memory/index.js';
import { TcpHostLink } from '../../src/node/index.js';
import type { CardEntry } from '../../src/ports/card-reader.js';
import type { TerminalStorage } from '../../src/ports/storage.js';
import type { ProfileInput } from '../../src/profile.js';
import { SoftwarePinPad, SoftwareSecurityModule, type PinSourceAnswer } from '../../src/security/index.js';

export const DEMO_TMK = DEMO.tmkHex;
export const DEMO_TMK_KCV = '08D7B4';
/** Cheap password hashing for tests. */
export const TEST_SCRYPT = { N: 2 ** 10, r: 8, p: 1 } as const;

/** What the customer does next: the card presented and the PIN typed. */
export interface CustomerScript {
  card: CardPick;
  pin: PinSourceAnswer;
  signature: string | undefined;
}

export interface TerminalRig {
  readonly terminal: PosTerminal;
  readonly storage: TerminalStorage;
  readonly printer: MemoryPrinter;
  readonly clock: SimulatedClock;
  readonly customer: CustomerScript;
  /** Sets the card and PIN the next transaction uses. */
  present(pan: string, entry?: CardEntry, pin?: PinSourceAnswer): void;
  /** Opens a new PosTerminal over the same storage and device key (a restart). */
  reopen(): Promise<PosTerminal>;
  close(): Promise<void>;
}

export interface RigOptions {
  readonly port: number;
  readonly tid?: string;
  readonly storage?: TerminalStorage;
  readonly profile?: Partial<ProfileInput>;
  /** Load the demo TMK (default true). */
  readonly loadKey?: boolean;
}

/** A PosTerminal over real TCP to `port`, with the software security module, test cards and a memory printer. */
export async function openTerminalRig(options: RigOptions): Promise<TerminalRig> {
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
    if (options.loadKey !== false && !security.hasMasterKey())
      await security.loadMasterKey(DEMO_TMK, DEMO_TMK_KCV);
    return PosTerminal.open(
      {
        storage,
        link: new TcpHostLink({ host: '127.0.0.1', port: options.port }),
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
        // The TMS tests turn it on; elsewhere a background 360 would reorder the scripted exchanges.
        automaticTms: false,
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
    present(pan, entry = 'insert', pin = '123456') {
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

export type { TcpTestHost };
export { openTcpTestHost };
