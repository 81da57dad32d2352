import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SOFTWARE_CHUNK_MAX_BYTES } from '@payterm/protocol';
import { readPackage } from '@payterm/software';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostProcess } from '../../../packages/host/test/support/host-process.js';
import { forgedOffer, OfferForgery } from '../../../packages/terminal/test/support/offer-forgery.js';
import { ChunkProxy } from './support/chunk-proxy.js';
import { PaytermProcess, type PaytermExit } from './support/payterm-process.js';

// The terminal's own downgrade refusal through the compiled CLI: `payterm start`, a terminal upgraded to
// 0.2.0 through the TMS, then a man in the middle (the chunk proxy) that rewrites the 360 offer to name
// 0.3.0 while pointing at a signed 0.1.5 package, whose bytes it serves itself. Run `npx tsc -b` first.

type Json = Record<string, unknown>;

const TID = '10000001';
const ADMIN = ['--operator', '99', '--password', '87654321'];

let scratch: string;
let host: HostProcess;
let proxy: ChunkProxy;
let api: string[];

function parse(exit: PaytermExit): Json {
  try {
    return JSON.parse(exit.stdout) as Json;
  } catch {
    throw new Error(`no JSON on stdout (exit ${String(exit.code)})\n${exit.stdout}\n${exit.stderr}`);
  }
}

/** `payterm terminal --json …` through the proxy: the exit code and the JSON result. */
async function terminal(
  args: readonly string[],
): Promise<{ code: number | null; json: Json; stderr: string }> {
  const exit = await PaytermProcess.run([
    'terminal',
    '--tid',
    TID,
    '--port',
    String(proxy.port),
    '--data',
    join(scratch, TID),
    '--json',
    ...args,
  ]);
  return { code: exit.code, json: parse(exit), stderr: exit.stderr };
}

async function tms(...args: string[]): Promise<Json> {
  const exit = await PaytermProcess.run(['tms', ...args, ...api]);
  expect(exit.code, exit.stderr).toBe(0);
  return parse(exit);
}

/** `payterm tms package` of `version`: the bundled application, or `payload` when given. */
async function packageOf(version: string, payload?: string): Promise<string> {
  const out = join(scratch, `terminal-${version}.ptpkg`);
  const exit = await PaytermProcess.run([
    'tms',
    'package',
    '--version',
    version,
    '--demo-key',
    '--out',
    out,
    ...(payload === undefined ? [] : ['--payload', payload]),
  ]);
  expect(exit.code, exit.stderr).toBe(0);
  return out;
}

/** Publishes `file` and rolls it out to the terminal; returns the rollout id. */
async function rollOut(file: string): Promise<number> {
  const published = await tms('publish', file);
  const rollout = await tms('rollout', 'create', '--package', String(published['id']), '--tids', TID);
  return rollout['id'] as number;
}

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'payterm-cli-downgrade-'));
  host = await HostProcess.start({ dataDir: join(scratch, 'host'), command: 'start' });
  proxy = await ChunkProxy.start(host.isoPort);
  api = ['--url', host.httpUrl, '--token', host.banner.apiToken!];
  const changed = await terminal([
    '--operator',
    '99',
    '--password',
    '12345678',
    'passwd',
    '--new',
    '87654321',
  ]);
  expect(changed.code, changed.stderr).toBe(0);
}, 120_000);

afterAll(async () => {
  await proxy?.close();
  await HostProcess.killAll();
  rmSync(scratch, { recursive: true, force: true });
});

describe('payterm terminal upgrade offered an older signed package', { timeout: 240_000 }, () => {
  it('refuses it with SOFTWARE_DOWNGRADE (exit 3) after the signed prefix and keeps running its version', async () => {
    const current = await packageOf('0.2.0');
    await rollOut(current);
    const upgraded = await terminal([...ADMIN, 'upgrade', '--yes']);
    expect(upgraded.code, upgraded.stderr).toBe(0);
    expect(upgraded.json).toMatchObject({ state: 'installed', runningVersion: '0.2.0' });

    // The same application signed as 0.1.5 (a comment keeps its SHA-256 apart), published and rolled out
    // by mistake: the host does not offer it to a terminal running 0.2.0, a man in the middle does.
    const payload = join(scratch, 'payload-0.1.5.mjs');
    const bundle = readPackage(readFileSync(current)).payload;
    writeFileSync(payload, Buffer.concat([bundle, Buffer.from('\n// PayTerm terminal 0.1.5\n')]));
    const olderFile = await packageOf('0.1.5', payload);
    const wrongRollout = await rollOut(olderFile);
    const older = readFileSync(olderFile);
    const forgery = new OfferForgery(
      forgedOffer(older, { version: '0.3.0', rolloutId: String(wrongRollout) }),
      older,
    );
    proxy.setMode({ kind: 'forge-offer', forgery });
    const refused = await terminal([...ADMIN, 'upgrade', '--yes']).finally(() =>
      proxy.setMode({ kind: 'pass' }),
    );
    expect(refused.code, refused.stderr).toBe(3);
    expect(refused.json).toMatchObject({
      state: 'refused',
      version: '0.3.0',
      runningVersion: '0.2.0',
      code: 'SOFTWARE_DOWNGRADE',
      message: expect.stringContaining('Not above the installed versions (no downgrade or replay)'),
    });
    expect(forgery.offersRewritten).toBe(1);
    // Only the signed prefix was downloaded (the host answered 12 to each: the proxy served them).
    const { prefixBytes: signedBytes, sizeBytes } = forgery.offer;
    expect(forgery.servedOffsets.length).toBe(Math.ceil(signedBytes / SOFTWARE_CHUNK_MAX_BYTES));
    expect(forgery.servedOffsets.length * SOFTWARE_CHUNK_MAX_BYTES).toBeLessThan(signedBytes + sizeBytes);

    const version = await terminal(['version']);
    expect(version.code).toBe(0);
    expect(version.json).toMatchObject({
      runningVersion: '0.2.0',
      installed: ['0.2.0'],
      refused: [],
      download: null,
      pendingReports: 0,
      lastResult: { state: 'refused', version: '0.3.0', code: 'SOFTWARE_DOWNGRADE' },
    });
    const status = await tms('rollout', 'status', String(wrongRollout));
    expect((status['terminals'] as Json[]).find((item) => item['tid'] === TID)).toMatchObject({
      state: 'refused',
      reasonCode: 'SOFTWARE_DOWNGRADE',
      reasonText: 'Version 0.1.5 is not above 0.2.0',
    });
  });
});
