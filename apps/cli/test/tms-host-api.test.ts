import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '@payterm/cli';
import { HostProcess } from '../../../packages/host/test/support/host-process.js';
import { demoPackage } from '../../../packages/host/test/support/software-packages.js';
import { fakeIo } from './fake-io.js';

// `payterm tms publish | rollout | fleet | params` against a started `payterm host` (compiled: npx tsc -b
// first), through its HTTP API with the API token the host printed.

const MID = '898310058120001';

let scratch: string;
let host: HostProcess;
let api: string[];

async function run(args: readonly string[]) {
  const io = fakeIo();
  const code = await runCli(args, io);
  let json: unknown;
  try {
    json = JSON.parse(io.out);
  } catch {
    json = undefined;
  }
  return { code, json: json as Record<string, unknown>, err: io.err };
}

function errorOf(stderr: string): Record<string, unknown> {
  return JSON.parse(stderr.trim().split('\n').at(-1)!) as Record<string, unknown>;
}

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'payterm-cli-tms-api-'));
  host = await HostProcess.start({ dataDir: join(scratch, 'data') });
  api = ['--url', host.httpUrl, '--token', host.banner.apiToken!];
}, 60_000);

afterAll(async () => {
  await host?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

describe('payterm tms over the host API', () => {
  it('publishes a package, and refuses the same version again with the host’s code', async () => {
    const file = join(scratch, 'payterm-1.3.0.ptpkg');
    writeFileSync(file, await demoPackage('1.3.0', 4_000));
    const published = await run(['tms', 'publish', file, ...api]);
    expect(published.err).toBe('');
    expect(published.code).toBe(0);
    expect(published.json).toMatchObject({
      id: 1,
      version: '1.3.0',
      sizeBytes: 4_000,
      keyId: 'a7e9bb7c5f701f02',
    });
    const again = await run(['tms', 'publish', file, ...api]);
    expect(again.code).toBe(2);
    expect(errorOf(again.err)).toMatchObject({
      code: 'CLI_API_REFUSED',
      status: 409,
      hostCode: 'TMS_VERSION_PUBLISHED',
    });
    const missing = await run(['tms', 'publish', join(scratch, 'nope.ptpkg'), ...api]);
    expect(errorOf(missing.err)).toMatchObject({ code: 'CLI_INPUT_UNREADABLE' });
  });

  it('creates a pilot rollout, pauses, resumes, shows and cancels it', async () => {
    const created = await run([
      'tms',
      'rollout',
      'create',
      '--package',
      '1',
      '--percent',
      '50',
      '--from',
      '2026-01-01T00:00:00Z',
      '--to',
      '2099-01-01T00:00:00Z',
      ...api,
    ]);
    expect(created.code).toBe(0);
    expect(created.json).toMatchObject({
      id: 1,
      version: '1.3.0',
      target: { kind: 'percent', percent: 50 },
      windowFrom: '2026-01-01T00:00:00.000Z',
      state: 'active',
    });
    expect((await run(['tms', 'rollout', 'pause', '1', ...api])).json).toMatchObject({ state: 'paused' });
    const pausedAgain = await run(['tms', 'rollout', 'pause', '1', ...api]);
    expect(errorOf(pausedAgain.err)).toMatchObject({
      code: 'CLI_API_REFUSED',
      status: 409,
      hostCode: 'API_STATE_CONFLICT',
    });
    expect((await run(['tms', 'rollout', 'resume', '1', ...api])).json).toMatchObject({ state: 'active' });
    const status = await run(['tms', 'rollout', 'status', '1', ...api]);
    expect(status.json).toMatchObject({ id: 1, state: 'active' });
    expect(Array.isArray(status.json['terminals'])).toBe(true);
    expect((await run(['tms', 'rollout', 'cancel', '1', ...api])).json).toMatchObject({ state: 'cancelled' });
    expect((await run(['tms', 'rollout', 'list', ...api])).json).toMatchObject({
      items: [{ id: 1, state: 'cancelled' }],
    });

    const merchant = await run(['tms', 'rollout', 'create', '--package', '1', '--merchant', MID, ...api]);
    expect(merchant.json).toMatchObject({ id: 2, target: { kind: 'merchant', mid: MID } });
    const list = await run([
      'tms',
      'rollout',
      'create',
      '--package',
      '1',
      '--tids',
      '10000001,10000002',
      ...api,
    ]);
    expect(list.json).toMatchObject({ target: { kind: 'list', tids: ['10000001', '10000002'] } });
    const all = await run(['tms', 'rollout', 'create', '--package', '1', '--all', ...api]);
    expect(all.json).toMatchObject({ target: { kind: 'all' } });
  });

  it('refuses no target, two targets, a bad time and an unknown package', async () => {
    const none = await run(['tms', 'rollout', 'create', '--package', '1', ...api]);
    expect([none.code, errorOf(none.err)['code']]).toEqual([2, 'CLI_INVALID_OPTION']);
    const two = await run(['tms', 'rollout', 'create', '--package', '1', '--all', '--percent', '5', ...api]);
    expect(errorOf(two.err)['code']).toBe('CLI_INVALID_OPTION');
    const badTime = await run([
      'tms',
      'rollout',
      'create',
      '--package',
      '1',
      '--all',
      '--from',
      'soon',
      ...api,
    ]);
    expect(errorOf(badTime.err)['code']).toBe('CLI_INVALID_OPTION');
    const unknown = await run(['tms', 'rollout', 'create', '--package', '9', '--all', ...api]);
    expect(errorOf(unknown.err)).toMatchObject({
      code: 'CLI_API_REFUSED',
      status: 404,
      hostCode: 'API_NOT_FOUND',
    });
  });

  it('sets and lists parameter sets, and shows the fleet (token from PAYTERM_API_TOKEN)', async () => {
    const set = await run([
      'tms',
      'params',
      'set',
      '--scope',
      `merchant:${MID}`,
      'language=en',
      'responseTimeoutSeconds=45',
      'merchantName=PayTerm Store',
      ...api,
    ]);
    expect(set.code).toBe(0);
    expect(set.json).toMatchObject({
      scope: 'merchant',
      scopeId: MID,
      values: { language: 'en', responseTimeoutSeconds: 45, merchantName: 'PayTerm Store' },
    });
    const bad = await run(['tms', 'params', 'set', '--scope', 'all', 'colour=red', ...api]);
    expect(errorOf(bad.err)).toMatchObject({ code: 'CLI_API_REFUSED', status: 400 });
    const badScope = await run(['tms', 'params', 'set', '--scope', 'shop', 'language=en', ...api]);
    expect(errorOf(badScope.err)['code']).toBe('CLI_INVALID_OPTION');
    const versions = (await run(['tms', 'params', 'list', ...api])).json['items'] as { version: number }[];
    expect(versions.map((item) => item.version)).toEqual([1, 2]);

    process.env['PAYTERM_API_TOKEN'] = host.banner.apiToken!;
    try {
      const fleet = await run(['tms', 'fleet', '--url', host.httpUrl]);
      expect(fleet.code).toBe(0);
      expect(fleet.json['items']).toEqual([
        expect.objectContaining({
          tid: '10000001',
          effectiveParameterVersion: '2',
          parametersOutdated: true,
        }),
        expect.objectContaining({ tid: '10000002', effectiveParameterVersion: '2' }),
      ]);
    } finally {
      delete process.env['PAYTERM_API_TOKEN'];
    }
  });

  it('says when there is no token, a wrong one, or no host', async () => {
    const noToken = await run(['tms', 'fleet', '--url', host.httpUrl]);
    expect(errorOf(noToken.err)).toMatchObject({ code: 'CLI_INVALID_OPTION' });
    const wrong = await run(['tms', 'fleet', '--url', host.httpUrl, '--token', 'pt_wrong']);
    expect(errorOf(wrong.err)).toMatchObject({
      code: 'CLI_API_REFUSED',
      status: 401,
      hostCode: 'API_UNAUTHORIZED',
    });
    const down = await run(['tms', 'fleet', '--url', 'http://127.0.0.1:9', '--token', 'pt_x']);
    expect(errorOf(down.err)).toMatchObject({ code: 'CLI_API_UNREACHABLE' });
  });
});
