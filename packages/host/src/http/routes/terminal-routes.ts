import { z } from 'zod';
import type { Hsm } from '@payterm/crypto';
import type { TerminalRecord } from '../../storage/schema/records.js';
import { apiError, notFound } from '../api-error.js';
import { auditChange, type ApiContext, type ZodApp } from '../api-context.js';
import {
  errorResponses,
  isoTime,
  isoTimeOrNull,
  midSchema,
  tidSchema,
  timestampSchema,
} from '../api-schemas.js';

/** The first batch of a new terminal. */
export const FIRST_BATCH_NO = '000001';

const terminalSchema = z.object({
  tid: z.string(),
  mid: z.string(),
  status: z.enum(['active', 'disabled']),
  batchNo: z.string(),
  signedIn: z.boolean(),
  signedInAt: timestampSchema.nullable(),
  operator: z.string().nullable(),
  parameterVersion: z.string().nullable(),
  tmkLoaded: z.boolean(),
  createdAt: timestampSchema,
});

const keyCheckSchema = z
  .object({
    kcv: z
      .string()
      .nullable()
      .describe('3-byte check value from the HSM; null when the HSM does not hold the key'),
  })
  .nullable();

const terminalDetailSchema = terminalSchema.extend({
  keys: z.object({ tmk: keyCheckSchema, pik: keyCheckSchema, mak: keyCheckSchema, tdk: keyCheckSchema }),
});

export const tidParams = z.object({ tid: tidSchema });

function terminalBody(terminal: TerminalRecord): z.infer<typeof terminalSchema> {
  return {
    tid: terminal.tid,
    mid: terminal.mid,
    status: terminal.status,
    batchNo: terminal.batchNo,
    signedIn: terminal.signedIn,
    signedInAt: isoTimeOrNull(terminal.signedInAt),
    operator: terminal.operator,
    parameterVersion: terminal.parameterVersion,
    tmkLoaded: terminal.tmkKeyId !== null,
    createdAt: isoTime(terminal.createdAt),
  };
}

/** Key ids are not secret, but check values are what an operator compares with a key ceremony form. */
async function keyCheck(hsm: Hsm, id: string | null): Promise<{ kcv: string | null } | null> {
  if (id === null) return null;
  try {
    return { kcv: (await hsm.getKey(id)).kcv };
  } catch {
    return { kcv: null };
  }
}

export function registerTerminalRoutes(app: ZodApp, context: ApiContext): void {
  const { repositories, clock, directory, hsm } = context.deps;
  const tags = ['terminals'];

  app.post('/api/terminals', {
    schema: {
      tags,
      summary: 'Create a terminal under an active merchant; opens batch 000001',
      body: z.strictObject({ tid: tidSchema, mid: midSchema }),
      response: { 201: terminalSchema, ...errorResponses(400, 401, 404, 409) },
    },
    handler: async (request, reply) => {
      const { tid, mid } = request.body;
      const merchant = await repositories.merchants.get(mid);
      if (merchant === undefined) throw notFound('merchant with this MID');
      if (merchant.status !== 'active') {
        throw apiError('API_STATE_CONFLICT', 'The merchant is disabled', { mid });
      }
      if ((await repositories.terminals.get(tid)) !== undefined) {
        throw apiError('API_ALREADY_EXISTS', 'A terminal with this TID exists already', { tid });
      }
      const now = clock.nowMs();
      const terminal: TerminalRecord = {
        tid,
        mid,
        status: 'active',
        tmkKeyId: null,
        pikKeyId: null,
        makKeyId: null,
        tdkKeyId: null,
        batchNo: FIRST_BATCH_NO,
        signedIn: false,
        signedInAt: null,
        operator: null,
        parameterVersion: null,
        createdAt: now,
      };
      await repositories.terminals.create(terminal).catch(async (error: unknown) => {
        // Another request created it between the check and the insert.
        if ((await repositories.terminals.get(tid)) !== undefined) {
          throw apiError('API_ALREADY_EXISTS', 'A terminal with this TID exists already', { tid });
        }
        throw error;
      });
      await repositories.batches.open({
        tid,
        batchNo: FIRST_BATCH_NO,
        status: 'open',
        openedAt: now,
        settledAt: null,
        settlementResult: null,
      });
      await auditChange(context, request, 'terminal-create', tid, { mid });
      directory.forgetTerminal(tid);
      return reply.status(201).send(terminalBody(terminal));
    },
  });

  app.get('/api/terminals', {
    schema: {
      tags,
      summary: 'List terminals by TID, all or one merchant’s',
      querystring: z.object({ mid: midSchema.optional() }),
      response: { 200: z.object({ items: z.array(terminalSchema) }), ...errorResponses(400, 401) },
    },
    handler: async (request) => ({
      items: (await repositories.terminals.list(request.query.mid)).map(terminalBody),
    }),
  });

  app.get('/api/terminals/:tid', {
    schema: {
      tags,
      summary: 'One terminal with the check values of its keys',
      params: tidParams,
      response: { 200: terminalDetailSchema, ...errorResponses(400, 401, 404) },
    },
    handler: async (request) => {
      const terminal = await repositories.terminals.get(request.params.tid);
      if (terminal === undefined) throw notFound('terminal with this TID');
      const [tmk, pik, mak, tdk] = await Promise.all(
        [terminal.tmkKeyId, terminal.pikKeyId, terminal.makKeyId, terminal.tdkKeyId].map((id) =>
          keyCheck(hsm, id),
        ),
      );
      return {
        ...terminalBody(terminal),
        keys: { tmk: tmk ?? null, pik: pik ?? null, mak: mak ?? null, tdk: tdk ?? null },
      };
    },
  });

  for (const status of ['disabled', 'active'] as const) {
    const verb = status === 'disabled' ? 'disable' : 'enable';
    app.post(`/api/terminals/:tid/${verb}`, {
      schema: {
        tags,
        summary:
          status === 'disabled' ? 'Disable a terminal (its requests are refused)' : 'Enable a terminal again',
        params: tidParams,
        response: { 200: terminalSchema, ...errorResponses(400, 401, 404) },
      },
      handler: async (request) => {
        const terminal = await repositories.terminals.get(request.params.tid);
        if (terminal === undefined) throw notFound('terminal with this TID');
        if (terminal.status === status) return terminalBody(terminal);
        await repositories.terminals.update(terminal.tid, { status });
        await auditChange(context, request, `terminal-${verb}`, terminal.tid);
        directory.forgetTerminal(terminal.tid);
        return terminalBody({ ...terminal, status });
      },
    });
  }
}
