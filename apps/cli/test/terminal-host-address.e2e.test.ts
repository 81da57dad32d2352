import { once } from 'node:events';
import { join } from 'node:path';
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PaytermProcess } from './support/payterm-process.js';
import { parseJson, TmsCliRig, type Json } from './support/tms-cli-rig.js';

// The TMS host addresses (tags 20/21) through the compiled CLI against `payterm start`: a terminal run
// without --host/--port connects where its downloaded parameters say; one given an address goes there.
// Run `npx tsc -b` first.

const TID = '10000002';
const ADMIN = ['--operator', '99', '--password', '87654321'];

let rig: TmsCliRig;
/** Ports nothing listens on. */
let deadPort: number;
let otherDeadPort: number;

async function unusedPort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  server.close();
  await once(server, 'close');
  return port;
}

beforeAll(async () => {
  rig = await TmsCliRig.start('payterm-cli-host-address-', [TID]);
  deadPort = await unusedPort();
  otherDeadPort = await unusedPort();
}, 120_000);

afterAll(async () => {
  await rig?.close();
});

/** `payterm terminal …` of TID with no address at all: the default, or what the TMS set. */
function runWithoutAddress(args: readonly string[], env: NodeJS.ProcessEnv = {}) {
  return PaytermProcess.run(['terminal', '--tid', TID, '--data', join(rig.scratch, TID), ...args], env);
}

/** The same with `--json`, parsed. */
async function withoutAddress(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<Json> {
  const exit = await runWithoutAddress(['--json', ...args], env);
  expect(exit.stderr).toBe('');
  return parseJson(exit);
}

/** Sets the terminal's TMS host addresses (tags 20 and 21) on 127.0.0.1. */
function setTmsHosts(primaryPort: number, secondaryPort?: number) {
  return rig.tms(
    'params',
    'set',
    '--scope',
    `terminal:${TID}`,
    `primaryHost=127.0.0.1:${String(primaryPort)}`,
    ...(secondaryPort === undefined ? [] : [`secondaryHost=127.0.0.1:${String(secondaryPort)}`]),
  );
}

const tcp = (port: number): string => `tcp://127.0.0.1:${String(port)}`;

describe('payterm terminal: the host address from the TMS', { timeout: 240_000 }, () => {
  it('without --host/--port, uses the primary host the TMS set; with them, the address given', async () => {
    const direct = rig.host.isoPort;
    expect((await withoutAddress(['version']))['hostAddress']).toEqual({
      source: 'default',
      endpoints: ['tcp://127.0.0.1:8583'],
    });

    await setTmsHosts(direct);
    const downloaded = await rig.terminal(TID, [...ADMIN, 'params', 'download']);
    expect(downloaded.code, downloaded.stderr).toBe(0);
    expect(downloaded.json).toMatchObject({ approved: true });

    expect((await withoutAddress(['version']))['hostAddress']).toEqual({
      source: 'tms',
      endpoints: [tcp(direct)],
    });
    const diagnosed = await withoutAddress(['diagnose']);
    expect(diagnosed['echo']).toMatchObject({ endpoint: tcp(direct), approved: true });

    // Given on the command line or by its variable, the address wins over the TMS one.
    const viaProxy = await rig.terminal(TID, ['diagnose']);
    expect(viaProxy.code, viaProxy.stderr).toBe(0);
    expect(viaProxy.json['echo']).toMatchObject({ endpoint: tcp(rig.proxy.port), approved: true });
    const status = await rig.terminal(TID, ['status']);
    expect(status.json['hostAddress']).toEqual({ source: 'explicit', endpoints: [tcp(rig.proxy.port)] });
    const byVariable = await withoutAddress(['diagnose'], { PAYTERM_TERMINAL_PORT: String(deadPort) });
    expect(byVariable['echo']).toMatchObject({ endpoint: tcp(deadPort), approved: false });
    expect(byVariable['hostAddress']).toEqual({ source: 'explicit', endpoints: [tcp(deadPort)] });
  });

  it('falls over to the secondary host when the primary one is unreachable', async () => {
    const direct = rig.host.isoPort;
    await setTmsHosts(deadPort, direct);
    // Downloaded from the primary host the TMS set before.
    expect(await withoutAddress([...ADMIN, 'params', 'download'])).toMatchObject({ approved: true });

    const version = await runWithoutAddress(['version']);
    expect(version.stdout).toContain(
      `host        ${tcp(deadPort)}, then ${tcp(direct)} (profile primaryHost/secondaryHost: TMS tags 20/21)`,
    );
    const diagnosed = await withoutAddress(['diagnose']);
    expect(diagnosed['echo']).toMatchObject({ endpoint: tcp(direct), approved: true });

    // Both unreachable: diagnostics name both (the set downloaded through the address given).
    await setTmsHosts(deadPort, otherDeadPort);
    expect((await rig.terminal(TID, [...ADMIN, 'params', 'download'])).json).toMatchObject({
      approved: true,
    });
    const unreachable = await runWithoutAddress(['diagnose']);
    expect(unreachable.code).toBe(3);
    expect(unreachable.stdout.split('\n')[0]).toBe(
      `host        ${tcp(deadPort)}, then ${tcp(otherDeadPort)} (profile primaryHost/secondaryHost: TMS tags 20/21) UNREACHABLE`,
    );
  });
});
