import { z } from 'zod';
import { DEMO } from '../../app/demo-data.js';
import type { ApiContext, ZodApp } from '../api-context.js';

const demoSchema = z.object({
  merchant: z.object({ mid: z.string(), name: z.string() }),
  terminals: z.array(
    z.object({
      tid: z.string(),
      status: z.enum(['active', 'disabled']),
      signedIn: z.boolean(),
      batchNo: z.string(),
      signedInAt: z.string().nullable(),
    }),
  ),
});

/**
 * `GET /api/public/demo`: the demo merchant's terminals for the start page (no token: they are the
 * published test data of shared/spec/test-cards.md, nothing else is listed).
 */
export function registerDemoRoute(app: ZodApp, context: ApiContext): void {
  const { repositories } = context.deps;
  app.get('/api/public/demo', {
    schema: {
      tags: ['health'],
      summary: 'The demo merchant and its terminals, for the start page (no token needed)',
      security: [],
      response: { 200: demoSchema },
    },
    handler: async () => {
      const merchant = await repositories.merchants.get(DEMO.mid);
      const terminals = await Promise.all(DEMO.tids.map((tid) => repositories.terminals.get(tid)));
      return {
        merchant: { mid: DEMO.mid, name: merchant?.name ?? DEMO.merchantName },
        terminals: terminals
          .filter((terminal) => terminal !== undefined)
          .map((terminal) => ({
            tid: terminal.tid,
            status: terminal.status,
            signedIn: terminal.signedIn,
            batchNo: terminal.batchNo,
            signedInAt: terminal.signedInAt === null ? null : new Date(terminal.signedInAt).toISOString(),
          })),
      };
    },
  });
}
