import { z } from 'zod';
import type { ApiContext, ZodApp } from '../api-context.js';
import type { HealthReport } from '../http-dependencies.js';

const healthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.enum(['up', 'down']),
  engine: z.object({
    healthy: z.boolean(),
    checks: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  }),
  version: z.string(),
});

/** `GET /api/health`: public (load balancers and probes carry no token); 503 when anything is down. */
export function registerHealthRoute(app: ZodApp, context: ApiContext): void {
  const { repositories, health, version } = context.deps;
  app.get('/api/health', {
    schema: {
      tags: ['health'],
      summary: 'Liveness and readiness: database and transaction engine (no token needed)',
      security: [],
      response: { 200: healthSchema, 503: healthSchema },
    },
    handler: async (_request, reply) => {
      // A primary-key lookup that finds nothing: one round trip, no rows read.
      const database = await repositories.merchants.get('').then(
        () => 'up' as const,
        () => 'down' as const,
      );
      const engine: HealthReport = await health().catch(() => ({
        healthy: false,
        checks: { report: 'failed' },
      }));
      const healthy = database === 'up' && engine.healthy;
      return reply.status(healthy ? 200 : 503).send({
        status: healthy ? 'ok' : 'degraded',
        database,
        engine: {
          healthy: engine.healthy,
          ...(engine.checks === undefined ? {} : { checks: { ...engine.checks } }),
        },
        version,
      });
    },
  });
}

/** `GET /metrics`: the Prometheus text format (token required, as for every route but health). */
export function registerMetricsRoute(app: ZodApp, context: ApiContext): void {
  const { metrics } = context.deps;
  app.get('/metrics', {
    schema: { tags: ['metrics'], summary: 'Prometheus metrics (text exposition format)' },
    handler: async (_request, reply) => reply.type(metrics.contentType).send(await metrics.render()),
  });
}
