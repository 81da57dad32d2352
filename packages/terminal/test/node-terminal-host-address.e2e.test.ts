import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemRandom } from '@payterm/kernel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTcpTestHost, type TcpTestHost } from '../../host/test/support/tcp-host.js';
import { TestCardReader } from '../src/cards/index.js';
import { loadState, stageState } from '../src/engine/terminal-state.js';
import { MemoryPrinter } from '../src/memory/index.js';
import {
  DEMO_TERMINALS,
  openNodeTerminal,
  SqliteTerminalStorage,
  type NodeTerminal,
} from '../src/node/index.js';
import type { HostAddressChoice } from '../src/node/index.js';
import type { TerminalProfile } from '../src/profile.js';
import { SoftwarePinPad } from '../src/security/index.js';
import { TEST_SCRYPT } from './support/terminal-rig.js';

// The Node shell against a real host over TCP: the TMS addresses of the stored profile (tags 20/21)
// replace a default address, never an explicit one.

const TID = '10000001';

describe('openNodeTerminal: which host address it connects to', { timeout: 60_000 }, () => {
  let host: TcpTestHost;
  let dataDir: string;
  /** Nothing listens there: a terminal that connects to it finds the host unreachable. */
  let deadPort: number;

  beforeAll(async () => {
    host = await openTcpTestHost('sqlite');
    dataDir = mkdtempSync(join(tmpdir(), 'payterm-host-address-'));
    const server = createServer().listen(0, '127.0.0.1');
    await once(server, 'listening');
    deadPort = (server.address() as AddressInfo).port;
    server.close();
    await once(server, 'close');
  });

  afterAll(async () => {
    await host.cleanup();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const open = (address?: HostAddressChoice): Promise<NodeTerminal> => {
    const demo = DEMO_TERMINALS[TID]!;
    return openNodeTerminal({
      dataDir,
      host: '127.0.0.1',
      port: deadPort,
      ...(address === undefined ? {} : { address }),
      provision: { tid: TID, mid: demo.mid, merchantName: demo.merchantName },
      scryptCost: TEST_SCRYPT,
      automaticTms: false,
      peripherals: (security) => ({
        cardReader: new TestCardReader(() => Promise.reject(new Error('no card in these tests')), {
          random: systemRandom,
        }),
        pinPad: new SoftwarePinPad(security, () => Promise.resolve('bypass')),
        printer: new MemoryPrinter(),
      }),
    });
  };

  /** What the TMS would have written: the stored profile with these tags 20/21. */
  async function storeAddresses(addresses: Pick<TerminalProfile, 'primaryHost' | 'secondaryHost'>) {
    const storage = await SqliteTerminalStorage.open(dataDir);
    try {
      const state = await loadState(storage);
      if (state === undefined) throw new Error('the terminal has stored no state yet');
      const { primaryHost: _primary, secondaryHost: _secondary, ...profile } = state.profile;
      await storage.write([stageState({ ...state, profile: { ...profile, ...addresses } })]);
    } finally {
      await storage.close();
    }
  }

  /** The echo test of one start: where it went and whether the host answered. */
  async function echoOf(address?: HostAddressChoice) {
    const node = await open(address);
    try {
      const { echo } = await node.terminal.diagnose();
      return { hostAddress: node.hostAddress, endpoint: echo.endpoint, approved: echo.approved };
    } finally {
      await node.close();
    }
  }

  const live = (): string => `tcp://127.0.0.1:${String(host.port)}`;
  const dead = (): string => `tcp://127.0.0.1:${String(deadPort)}`;

  it('without TMS addresses, connects to the address given, default or not', async () => {
    expect(await echoOf('default')).toEqual({
      hostAddress: { source: 'default', endpoints: [dead()] },
      endpoint: dead(),
      approved: false,
    });
  });

  it('connects to the stored primary instead of a default address, never instead of an explicit one', async () => {
    await storeAddresses({ primaryHost: `127.0.0.1:${String(host.port)}` });
    expect(await echoOf('default')).toEqual({
      hostAddress: { source: 'tms', endpoints: [live()] },
      endpoint: live(),
      approved: true,
    });
    for (const address of ['explicit', undefined] as const) {
      expect(await echoOf(address)).toEqual({
        hostAddress: { source: 'explicit', endpoints: [dead()] },
        endpoint: dead(),
        approved: false,
      });
    }
  });

  it('falls over to the stored secondary when the primary is unreachable', async () => {
    await storeAddresses({
      primaryHost: `127.0.0.1:${String(deadPort)}`,
      secondaryHost: `127.0.0.1:${String(host.port)}`,
    });
    expect(await echoOf('default')).toEqual({
      hostAddress: { source: 'tms', endpoints: [dead(), live()] },
      endpoint: live(),
      approved: true,
    });
  });

  it('with only a secondary stored, tries the default address first and the secondary next', async () => {
    await storeAddresses({ secondaryHost: `127.0.0.1:${String(host.port)}` });
    expect(await echoOf('default')).toEqual({
      hostAddress: { source: 'tms', endpoints: [dead(), live()] },
      endpoint: live(),
      approved: true,
    });
  });
});
