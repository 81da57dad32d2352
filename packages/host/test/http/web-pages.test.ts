import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { SeededRandom } from '@payterm/kernel';
import { createHttpServer } from '../../src/http/index.js';
import { HostMetrics } from '../../src/metrics/index.js';
import { openTestRuntime, type TestRuntime } from '../support/runtime.js';

describe('web pages and the public demo listing', () => {
  let webRoot: string;
  let host: TestRuntime;
  let app: FastifyInstance;

  beforeAll(async () => {
    webRoot = mkdtempSync(join(tmpdir(), 'payterm-web-'));
    mkdirSync(join(webRoot, 'assets'));
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>start</title>');
    writeFileSync(join(webRoot, 'terminal.html'), '<!doctype html><title>device</title>');
    writeFileSync(join(webRoot, 'wallet.html'), '<!doctype html><title>wallet</title>');
    writeFileSync(join(webRoot, 'assets', 'app-1234.js'), 'console.log(1)');
    host = await openTestRuntime('sqlite');
    const { runtime } = host;
    app = await createHttpServer({
      repositories: runtime.repositories,
      hsm: runtime.hsm,
      directory: runtime.directory,
      health: () => Promise.resolve({ healthy: true }),
      metrics: new HostMetrics({ defaultMetrics: false }),
      clock: host.clock,
      random: new SeededRandom(3),
      logger: false,
      version: '0.1.0-test',
      webRoot,
    });
  });

  afterAll(async () => {
    await app.close();
    await host.cleanup();
    rmSync(webRoot, { recursive: true, force: true });
  });

  it('serves the start page at /, the device at /terminal and the wallet at /wallet, revalidated on each load', async () => {
    const start = await app.inject({ method: 'GET', url: '/' });
    expect(start.statusCode).toBe(200);
    expect(start.body).toContain('start');
    expect(start.headers['cache-control']).toBe('no-cache');
    const device = await app.inject({ method: 'GET', url: '/terminal?tid=10000001' });
    expect(device.statusCode).toBe(200);
    expect(device.body).toContain('device');
    const wallet = await app.inject({ method: 'GET', url: '/wallet' });
    expect(wallet.statusCode).toBe(200);
    expect(wallet.body).toContain('wallet');
    expect(wallet.headers['cache-control']).toBe('no-cache');
  });

  it('serves hashed assets cached for good, and keeps API 404s as JSON', async () => {
    const asset = await app.inject({ method: 'GET', url: '/assets/app-1234.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    const missing = await app.inject({ method: 'GET', url: '/api/nothing' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ error: { code: 'API_NOT_FOUND' } });
    const outside = await app.inject({ method: 'GET', url: '/../package.json' });
    expect(outside.statusCode).toBe(404);
  });

  it('lists the demo terminals without a token, and nothing else', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/public/demo' });
    expect(response.statusCode).toBe(200);
    const body = response.json<{
      merchant: { mid: string };
      terminals: { tid: string; signedIn: boolean }[];
    }>();
    expect(body.merchant.mid).toBe('898310058120001');
    expect(body.terminals.map((terminal) => terminal.tid)).toEqual(['10000001', '10000002']);
    expect(JSON.stringify(body)).not.toMatch(/KeyId|tmk/i);
  });
});
