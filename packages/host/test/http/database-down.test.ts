import { describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/storage/index.js';
import { openTestDatabase, TEST_DIALECTS } from '../support/database.js';
import { openHttpFixture } from './http-fixture.js';

describe.each(TEST_DIALECTS)('HTTP API with its database gone [%s]', (dialect) => {
  it('reports the database down (503) and answers API calls with a bare 500', async () => {
    const opened = await openTestDatabase(dialect);
    await migrateToLatest(opened.database);
    const fixture = await openHttpFixture(opened.database);
    try {
      await opened.cleanup();
      const health = await fixture.app.inject({ method: 'GET', url: '/api/health' });
      expect(health.statusCode).toBe(503);
      expect(health.json()).toMatchObject({
        status: 'degraded',
        database: 'down',
        engine: { healthy: true },
      });
      const call = await fixture.call({ method: 'GET', url: '/api/merchants' });
      expect(call.statusCode).toBe(500);
      expect(call.json()).toEqual({ error: { code: 'API_INTERNAL', message: 'Internal error' } });
    } finally {
      await fixture.close();
    }
  });
});
