import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../support/database.js';
import { ApiTokens, hashToken } from '../../src/http/index.js';
import { openHttpFixture, type HttpFixture } from './http-fixture.js';

describeEachDatabase('HTTP API: tokens, health, metrics, OpenAPI', (getDatabase) => {
  let fixture: HttpFixture;
  beforeAll(async () => {
    fixture = await openHttpFixture(getDatabase());
  });
  afterAll(() => fixture.close());

  it('serves health without a token: database up, engine flag, version', async () => {
    const response = await fixture.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      status: 'ok',
      database: 'up',
      engine: { healthy: true, checks: { commitQueueFailed: false } },
      version: '0.1.0-test',
    });
  });

  it('answers 503 degraded when the engine reports unhealthy', async () => {
    fixture.engineHealth = { healthy: false };
    try {
      const response = await fixture.app.inject({ method: 'GET', url: '/api/health' });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toMatchObject({
        status: 'degraded',
        database: 'up',
        engine: { healthy: false },
      });
    } finally {
      fixture.engineHealth = { healthy: true };
    }
  });

  it('refuses protected routes without a token, with a malformed, unknown or revoked one', async () => {
    const none = await fixture.app.inject({ method: 'GET', url: '/api/merchants' });
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toBe('Bearer');
    expect(none.json()).toEqual({
      error: { code: 'API_UNAUTHORIZED', message: 'An API token is required (Authorization: Bearer pt_…)' },
    });
    const wrongTokens = [
      'Bearer nonsense',
      `Bearer pt_${'A'.repeat(43)}`,
      `Basic ${fixture.token}`,
      `Bearer ${fixture.token}x`,
    ];
    for (const authorization of wrongTokens) {
      const response = await fixture.app.inject({
        method: 'GET',
        url: '/api/merchants',
        headers: { authorization },
      });
      expect(response.statusCode).toBe(401);
      expect(response.json()).toMatchObject({ error: { code: 'API_UNAUTHORIZED' } });
    }
    const revocable = await fixture.tokens.issue('to-revoke');
    const before = await fixture.app.inject({
      method: 'GET',
      url: '/api/merchants',
      headers: { authorization: `Bearer ${revocable}` },
    });
    expect(before.statusCode).toBe(200);
    const stored = await fixture.repositories.apiTokens.findByHash(hashToken(revocable));
    await fixture.repositories.apiTokens.revoke(stored!.id, fixture.clock.nowMs());
    const after = await fixture.app.inject({
      method: 'GET',
      url: '/api/merchants',
      headers: { authorization: `Bearer ${revocable}` },
    });
    expect(after.statusCode).toBe(401);
  });

  it('accepts the right token; /metrics needs one too', async () => {
    expect((await fixture.call({ method: 'GET', url: '/api/merchants' })).statusCode).toBe(200);
    expect((await fixture.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
  });

  it('stores only the SHA-256 of a token; tokens are pt_ + 32 random bytes base64url', async () => {
    const token = await fixture.tokens.issue('hash-check');
    expect(token).toMatch(/^pt_[A-Za-z0-9_-]{43}$/);
    const rows = await fixture.repositories.apiTokens.list();
    expect(JSON.stringify(rows)).not.toContain(token.slice(3));
    const row = rows.find((candidate) => candidate.label === 'hash-check');
    expect(row?.tokenHash).toBe(hashToken(token));
    expect(row?.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(await fixture.tokens.verify(token)).toEqual({ id: row?.id, label: 'hash-check' });
  });

  it('issues an initial token only while no token is active', async () => {
    const tokens = new ApiTokens(fixture.repositories.apiTokens, fixture.clock, fixture.random);
    expect(await tokens.ensureInitialToken()).toBeUndefined();
    for (const row of await fixture.repositories.apiTokens.list()) {
      await fixture.repositories.apiTokens.revoke(row.id, fixture.clock.nowMs());
    }
    const initial = await tokens.ensureInitialToken();
    expect(initial).toMatch(/^pt_/);
    expect(await tokens.verify(initial!)).toMatchObject({ label: 'initial' });
    expect(await tokens.ensureInitialToken()).toBeUndefined();
    const response = await fixture.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: `Bearer ${initial}` },
    });
    expect(response.statusCode).toBe(200);
  });

  it('renders the Prometheus counters after observe calls', async () => {
    fixture.metrics.observeMessage('0200', '00', 4);
    fixture.metrics.observeMessage('0200', '00', 6);
    fixture.metrics.observeCommit(12, 3);
    const token = (await fixture.tokens.ensureInitialToken()) ?? (await fixture.tokens.issue('metrics'));
    const response = await fixture.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    expect(response.body).toContain('payterm_iso_messages_total{mti="0200",response_code="00"} 2');
    expect(response.body).toContain('payterm_commit_group_size_count 1');
  });

  it('serves the OpenAPI document and its UI without a token, listing every route', async () => {
    const response = await fixture.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(response.statusCode).toBe(200);
    const document = response.json<{ openapi: string; paths: Record<string, Record<string, unknown>> }>();
    expect(document.openapi).toMatch(/^3\./);
    const routes = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(routes).toEqual(
      expect.arrayContaining([
        'GET /api/health',
        'GET /metrics',
        'POST /api/merchants',
        'GET /api/merchants',
        'GET /api/merchants/{mid}',
        'POST /api/merchants/{mid}/disable',
        'POST /api/merchants/{mid}/enable',
        'POST /api/terminals',
        'GET /api/terminals',
        'GET /api/terminals/{tid}',
        'POST /api/terminals/{tid}/disable',
        'POST /api/terminals/{tid}/enable',
        'PUT /api/terminals/{tid}/tmk',
        'POST /api/keys/zmk',
        'GET /api/transactions',
        'GET /api/transactions/{id}',
        'GET /api/terminals/{tid}/batches',
        'GET /api/terminals/{tid}/batches/{batchNo}',
        'GET /api/settlements',
        'GET /api/settlements/{id}',
        'GET /api/audit',
      ]),
    );
    expect(document.paths['/api/health']?.['get']).toMatchObject({ security: [] });
    const ui = await fixture.app.inject({ method: 'GET', url: '/api/docs' });
    expect([200, 302]).toContain(ui.statusCode);
  });

  it('answers unknown routes with a JSON 404', async () => {
    const response = await fixture.app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ error: { code: 'API_NOT_FOUND' } });
  });
});
