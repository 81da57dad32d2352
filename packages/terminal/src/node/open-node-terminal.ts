import { mkdir } from 'node:fs/promises';
import { systemClock, systemRandom, type Clock, type RandomSource } from '@payterm/kernel';
import { DEMO_TERMINALS, DEMO_TMK_HEX, DEMO_TMK_KCV } from '../demo-terminals.js';
import { PosTerminal } from '../engine/pos-terminal.js';
import type { CardReader } from '../ports/card-reader.js';
import type { PinPad } from '../ports/pin-pad.js';
import type { Printer } from '../ports/printer.js';
import type { SignaturePad } from '../ports/signature-pad.js';
import type { ProfileInput } from '../profile.js';
import type { SecurityModule } from '../security/security-module.js';
import { SoftwareSecurityModule } from '../security/software-security-module.js';
import type { ScryptCost } from '../operators/password-hash.js';
import { loadOrCreateDeviceKey } from './device-key.js';
import { SqliteTerminalStorage } from './sqlite-storage.js';
import { TcpHostLink } from './tcp-host-link.js';

// Kept here too: the CLI, the bench and tests import them from the Node entry point.
export { DEMO_TERMINALS, DEMO_TMK_HEX, DEMO_TMK_KCV };

/** The devices a Node terminal is built with; the security module is handed to them once it exists. */
export interface NodeTerminalPeripherals {
  readonly cardReader: CardReader;
  readonly pinPad: PinPad;
  readonly printer: Printer;
  readonly signaturePad?: SignaturePad;
}

export interface NodeTerminalOptions {
  /** Journal, secure element and device key live here (created 0700). */
  readonly dataDir: string;
  readonly host: string;
  readonly port: number;
  /** The profile for the first start; later starts keep the stored one. */
  readonly provision?: ProfileInput;
  /** Builds the card reader, PIN pad and printer around the security module. */
  readonly peripherals: (security: SecurityModule) => NodeTerminalPeripherals;
  readonly clock?: Clock;
  readonly random?: RandomSource;
  readonly scryptCost?: ScryptCost;
}

export interface NodeTerminal {
  readonly terminal: PosTerminal;
  readonly security: SecurityModule;
  close(): Promise<void>;
}

/**
 * A terminal on this machine: SQLite journal, software security module sealed under a device key
 * file, TCP to the host. A demo TID (10000001/10000002) gets the demo merchant and the published test
 * TMK on its first start, so it can sign in at once against `npm start`.
 */
export async function openNodeTerminal(options: NodeTerminalOptions): Promise<NodeTerminal> {
  await mkdir(options.dataDir, { recursive: true, mode: 0o700 });
  const storage = await SqliteTerminalStorage.open(options.dataDir);
  try {
    const random = options.random ?? systemRandom;
    const deviceKey = await loadOrCreateDeviceKey(options.dataDir);
    const security = await SoftwareSecurityModule.open({ storage, deviceKey, random });
    const tid = options.provision?.tid;
    if (!security.hasMasterKey() && tid !== undefined && DEMO_TERMINALS[tid] !== undefined) {
      await security.loadMasterKey(DEMO_TMK_HEX, DEMO_TMK_KCV);
    }
    const peripherals = options.peripherals(security);
    const terminal = await PosTerminal.open(
      {
        storage,
        link: new TcpHostLink({ host: options.host, port: options.port }),
        security,
        ...peripherals,
        clock: options.clock ?? systemClock,
        random,
        ...(options.scryptCost === undefined ? {} : { scryptCost: options.scryptCost }),
      },
      options.provision === undefined ? {} : { provision: options.provision },
    );
    return {
      terminal,
      security,
      async close() {
        await terminal.close();
        await storage.close();
      },
    };
  } catch (error) {
    await storage.close();
    throw error;
  }
}
