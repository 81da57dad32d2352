import type { FastifyInstance, InjectOptions } from 'fastify';
import { SeededRandom } from '@payterm/kernel';
import { readParameterDownload } from '@payterm/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../src/app/demo-data.js';
import { ApiTokens, createHttpServer } from '../../src/http/index.js';
import { HostMetrics } from '../../src/metrics/index.js';
import type { TestTerminal } from '../../src/testing/test-terminal.js';
import { TEST_DIALECTS } from '../support/database.js';
import { demoPackage } from '../support/software-packages.js';
import { openTcpTestHost, type TcpTestHost } from '../support/tcp-host.js';

const [FIRST, SECOND] = DEMO.tids;

for (const dialect of TEST_DIALECTS) {
  describe(`the TMS HTTP API [${dialect}]`, () => {
    let host: TcpTestHost;
    let app: FastifyInstance;
    let token = '';
    let terminal: TestTerminal;

    const call = (options: InjectOptions, bearer: string | null = token) =>
      app.inject({
        ...options,
        headers: { ...(bearer === null ? {} : { authorization: `Bearer ${bearer}` }), ...options.headers },
      });
    const upload = (file: Uint8Array) =>
      call({
        method: 'POST',
        url: '/api/tms/packages',
        payload: Buffer.from(file),
        headers: { 'content-type': 'application/octet-stream' },
      });
    const codeOf = (response: { json(): unknown }) =>
      (response.json() as { error: { code: string } }).error.code;

    beforeAll(async () => {
      host = await openTcpTestHost(dialect);
      const runtime = host.runtime;
      app = await createHttpServer({
        repositories: runtime.repositories,
        hsm: runtime.hsm,
        directory: runtime.directory,
        health: () => Promise.resolve({ healthy: true }),
        metrics: new HostMetrics({ defaultMetrics: false }),
        clock: host.clock,
        random: new SeededRandom(5),
        logger: false,
        version: '0.1.0-test',
        tms: runtime.services.tms,
      });
      token = await new ApiTokens(runtime.repositories.apiTokens, host.clock, new SeededRandom(6)).issue(
        'tms-test',
      );
      terminal = await host.connectTerminal(FIRST, 5_000, { header: '603100010200' });
    });
    afterAll(async () => {
      await app.close();
      await host.cleanup();
    });

    it('publishes a package from an octet-stream body and lists it; refuses a repeat, a tampered file, no token', async () => {
      const file = await demoPackage('1.3.0', 3_000);
      const published = await upload(file);
      expect(published.statusCode).toBe(201);
      expect(published.json()).toMatchObject({
        id: 1,
        appId: 'payterm.terminal',
        version: '1.3.0',
        minVersion: '0.0.0',
        abi: 1,
        sizeBytes: 3_000,
        keyId: 'a7e9bb7c5f701f02',
        releaseNotes: { zh: '版本 1.3.0', en: 'Version 1.3.0' },
        publishedBy: expect.stringContaining('tms-test'),
      });
      expect((await call({ method: 'GET', url: '/api/tms/packages' })).json()).toMatchObject({
        items: [{ id: 1, version: '1.3.0' }],
      });
      const again = await upload(file);
      expect([again.statusCode, codeOf(again)]).toEqual([409, 'TMS_VERSION_PUBLISHED']);
      const tampered = (await demoPackage('1.3.1')).slice();
      tampered[tampered.length - 1]! ^= 0xff;
      const refused = await upload(tampered);
      expect([refused.statusCode, codeOf(refused)]).toEqual([400, 'TMS_PACKAGE_REJECTED']);
      expect(refused.json<{ error: { message: string } }>().error.message).toContain('SOFTWARE_BAD_HASH');
      const json = await call({ method: 'POST', url: '/api/tms/packages', payload: { file: 'x' } });
      expect(json.statusCode).toBe(400);
      const anonymous = await call({ method: 'GET', url: '/api/tms/packages' }, null);
      expect(anonymous.statusCode).toBe(401);
    });

    it('creates, pauses, resumes and cancels a rollout and shows each terminal’s status', async () => {
      const created = await call({
        method: 'POST',
        url: '/api/tms/rollouts',
        payload: {
          packageId: 1,
          target: { kind: 'list', tids: [FIRST] },
          windowFrom: '2026-11-01T00:00:00Z',
        },
      });
      expect(created.statusCode).toBe(201);
      const rollout = created.json<{ id: number }>();
      expect(rollout).toMatchObject({
        packageId: 1,
        version: '1.3.0',
        target: { kind: 'list', tids: [FIRST] },
        windowFrom: '2026-11-01T00:00:00.000Z',
        windowTo: null,
        state: 'active',
      });
      const download = await terminal.parameterDownload(0);
      expect(readParameterDownload(download.response.page!.entries).offer?.rolloutId).toBe(
        String(rollout.id),
      );
      await terminal.softwareChunk(readParameterDownload(download.response.page!.entries).offer!.sha256, 0);

      const detail = await call({ method: 'GET', url: `/api/tms/rollouts/${rollout.id}` });
      expect(detail.json()).toMatchObject({
        state: 'active',
        counts: { downloading: 1 },
        terminals: [{ tid: FIRST, state: 'downloading', bytesReceived: 480, reasonCode: null }],
      });
      const pause = await call({ method: 'POST', url: `/api/tms/rollouts/${rollout.id}/pause` });
      expect(pause.json()).toMatchObject({ state: 'paused' });
      const pauseAgain = await call({ method: 'POST', url: `/api/tms/rollouts/${rollout.id}/pause` });
      expect([pauseAgain.statusCode, codeOf(pauseAgain)]).toEqual([409, 'API_STATE_CONFLICT']);
      expect(
        (await call({ method: 'POST', url: `/api/tms/rollouts/${rollout.id}/resume` })).json(),
      ).toMatchObject({
        state: 'active',
      });
      expect(
        (await call({ method: 'POST', url: `/api/tms/rollouts/${rollout.id}/cancel` })).json(),
      ).toMatchObject({
        state: 'cancelled',
      });
      expect((await call({ method: 'GET', url: '/api/tms/rollouts' })).json()).toMatchObject({
        items: [{ id: rollout.id, state: 'cancelled' }],
      });
      const missing = await call({ method: 'GET', url: '/api/tms/rollouts/999' });
      expect([missing.statusCode, codeOf(missing)]).toEqual([404, 'API_NOT_FOUND']);
      const unknownPackage = await call({
        method: 'POST',
        url: '/api/tms/rollouts',
        payload: { packageId: 42, target: { kind: 'all' } },
      });
      expect(unknownPackage.statusCode).toBe(404);
      const badPercent = await call({
        method: 'POST',
        url: '/api/tms/rollouts',
        payload: { packageId: 1, target: { kind: 'percent', percent: 0 } },
      });
      expect(badPercent.statusCode).toBe(400);
      const unknownTerminal = await call({
        method: 'POST',
        url: '/api/tms/rollouts',
        payload: { packageId: 1, target: { kind: 'list', tids: ['19999999'] } },
      });
      expect([unknownTerminal.statusCode, codeOf(unknownTerminal)]).toEqual([400, 'API_INVALID_REQUEST']);
    });

    it('are in the OpenAPI document', async () => {
      const document = (await call({ method: 'GET', url: '/api/docs/json' }, null)).json<{ paths: object }>();
      expect(Object.keys(document.paths)).toEqual(
        expect.arrayContaining([
          '/api/tms/packages',
          '/api/tms/rollouts/{id}/pause',
          '/api/tms/fleet',
          '/api/tms/parameters',
        ]),
      );
    });

    it('sets parameter sets and shows the fleet', async () => {
      const set = await call({
        method: 'POST',
        url: '/api/tms/parameters',
        payload: {
          scope: 'terminal',
          scopeId: SECOND,
          values: { language: 'en', responseTimeoutSeconds: 45 },
        },
      });
      expect(set.statusCode).toBe(201);
      expect(set.json()).toMatchObject({
        scope: 'terminal',
        scopeId: SECOND,
        values: { language: 'en', responseTimeoutSeconds: 45 },
      });
      const bad = await call({
        method: 'POST',
        url: '/api/tms/parameters',
        payload: { scope: 'all', values: { colour: 'red' } },
      });
      expect([bad.statusCode, codeOf(bad)]).toEqual([400, 'API_INVALID_REQUEST']);
      const list = (await call({ method: 'GET', url: '/api/tms/parameters' })).json<{
        items: { scope: string }[];
      }>();
      expect(list.items.map((item) => item.scope)).toEqual(['merchant', 'terminal']);

      const fleet = (await call({ method: 'GET', url: '/api/tms/fleet' })).json<{ items: unknown[] }>();
      expect(fleet.items).toEqual([
        expect.objectContaining({
          tid: FIRST,
          mid: DEMO.mid,
          runningVersion: '1.2.0',
          appliedParameterVersion: null,
          effectiveParameterVersion: '1',
          parametersOutdated: true,
          offer: null,
          rollouts: [expect.objectContaining({ rolloutId: 1, version: '1.3.0', state: 'downloading' })],
        }),
        expect.objectContaining({
          tid: SECOND,
          effectiveParameterVersion: '2',
          runningVersion: null,
          rollouts: [],
        }),
      ]);
    });
  });
}
