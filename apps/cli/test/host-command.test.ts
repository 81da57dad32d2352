import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostProcess, runPayterm } from '../../../packages/host/test/support/host-process.js';

// Runs the compiled `payterm host` / `payterm start` as a user would (needs the build that `npm install`
// / `npm test` performs), each start on its own free ports.

interface TerminalList {
  readonly items: readonly { readonly tid: string; readonly mid: string }[];
}

async function getJson(url: string, token?: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, {
    headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
  });
  return { status: response.status, body: await response.json() };
}

describe('payterm start / payterm host', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'payterm-cli-host-'));
  });
  afterAll(async () => {
    await HostProcess.killAll();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('`payterm start --help` lists the host flags', async () => {
    const { code, stdout } = await runPayterm(['start', '--help']);
    expect(code).toBe(0);
    for (const flag of ['--host', '--iso-port', '--http-port', '--data', '--db', '--log-level']) {
      expect(stdout).toContain(flag);
    }
  });

  let firstToken: string | undefined;
  let firstTerminals: TerminalList | undefined;

  it('starts: the banner shows the bound ports, the demo terminals and the first API token', async () => {
    const host = await HostProcess.start({ dataDir, command: 'start', logLevel: 'info' });
    try {
      const { banner } = host;
      expect(banner.isoPort).toBeGreaterThan(0);
      expect(banner.httpPort).toBeGreaterThan(0);
      expect(banner.webSocketUrl).toBe(`ws://127.0.0.1:${banner.httpPort}/iso8583`);
      expect(banner.tids).toEqual(['10000001', '10000002']);
      expect(banner.text).toContain('898310058120001');
      expect(banner.apiToken).toMatch(/^pt_[\w-]{43}$/);
      expect(banner.text).toContain(`A new HSM master key was written to ${join(dataDir, 'hsm-lmk.hex')}`);
      firstToken = banner.apiToken;

      const health = await getJson(`${host.httpUrl}/api/health`);
      expect(health).toMatchObject({ status: 200, body: { status: 'ok', database: 'up' } });
      const terminals = await getJson(`${host.httpUrl}/api/terminals`, firstToken);
      expect(terminals.status).toBe(200);
      firstTerminals = terminals.body as TerminalList;
      expect(firstTerminals.items.map((terminal) => terminal.tid)).toEqual(['10000001', '10000002']);
      expect((await getJson(`${host.httpUrl}/api/terminals`)).status).toBe(401);

      const exit = await host.stop('SIGTERM');
      expect(exit, host.output).toEqual({ code: 0, signal: null });
      expect(host.stdout).toContain('host stopped');
    } finally {
      await host.kill9();
    }
  });

  it('a second start on the same data directory prints no new token and finds the same terminals', async () => {
    expect(firstToken).toBeDefined();
    const host = await HostProcess.start({ dataDir, command: 'host' });
    try {
      expect(host.banner.apiToken).toBeUndefined();
      expect(host.banner.text).not.toContain('API token');
      expect(host.banner.text).not.toContain('A new HSM master key');
      const terminals = await getJson(`${host.httpUrl}/api/terminals`, firstToken);
      expect(terminals.status).toBe(200);
      expect(terminals.body).toEqual(firstTerminals);
      expect(await host.stop('SIGINT')).toEqual({ code: 0, signal: null });
    } finally {
      await host.kill9();
    }
  });

  it('SIGTERM stops gracefully: exit code 0 and "host stopped" logged', async () => {
    const host = await HostProcess.start({ dataDir, logLevel: 'info' });
    try {
      // Only after a first answer: the CLI installs its signal handlers after it prints the banner, so a
      // signal sent the moment the banner arrives still meets the default action (host-command.ts).
      expect((await getJson(`${host.httpUrl}/api/health`)).status).toBe(200);
      expect(await host.stop('SIGTERM'), host.output).toEqual({ code: 0, signal: null });
      const lines = host.stdout
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as { msg?: string; signal?: string });
      expect(lines).toContainEqual(expect.objectContaining({ msg: 'stopping', signal: 'SIGTERM' }));
      expect(lines.at(-1)).toMatchObject({ msg: 'host stopped' });
    } finally {
      await host.kill9();
    }
  });

  it('a bad flag exits 2 with a JSON error naming it', async () => {
    const { code, stdout, stderr } = await runPayterm(['host', '--iso-port', '99999', '--data', dataDir]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(JSON.parse(stderr)).toMatchObject({ code: 'HOST_CONFIG_INVALID', setting: '--iso-port' });
    expect(JSON.parse(stderr).message).toContain('--iso-port');
  });
});
