import { z } from 'zod';
import type { ScopeTotals } from '../../storage/repositories/batch-totals.js';
import type { BatchRecord, SettlementRecord } from '../../storage/schema/records.js';
import { notFound } from '../api-error.js';
import type { ApiContext, ZodApp } from '../api-context.js';
import {
  batchNoSchema,
  errorResponses,
  isoTime,
  isoTimeOrNull,
  limitSchema,
  money,
  moneySchema,
  parseStoredJson,
  tidSchema,
  timestampSchema,
} from '../api-schemas.js';

const batchSchema = z.object({
  tid: z.string(),
  batchNo: z.string(),
  status: z.enum(['open', 'settled']),
  openedAt: timestampSchema,
  settledAt: timestampSchema.nullable(),
  settlementResult: z.string().nullable(),
});

const scopeTotalsSchema = z.object({
  debitCount: z.number().int(),
  debitAmount: moneySchema,
  creditCount: z.number().int(),
  creditAmount: moneySchema,
});

const settlementSchema = z.object({
  id: z.string(),
  tid: z.string(),
  batchNo: z.string(),
  operator: z.string().nullable(),
  domesticResult: z.string(),
  foreignResult: z.string(),
  terminalTotals: z
    .unknown()
    .describe('the totals the terminal sent, compared with the host (result per half)'),
  hostTotals: z.unknown().describe('the host journal totals of the batch'),
  createdAt: timestampSchema,
});

function batchBody(batch: BatchRecord): z.infer<typeof batchSchema> {
  return {
    tid: batch.tid,
    batchNo: batch.batchNo,
    status: batch.status,
    openedAt: isoTime(batch.openedAt),
    settledAt: isoTimeOrNull(batch.settledAt),
    settlementResult: batch.settlementResult,
  };
}

function settlementBody(settlement: SettlementRecord): z.infer<typeof settlementSchema> {
  return {
    id: settlement.id,
    tid: settlement.tid,
    batchNo: settlement.batchNo,
    operator: settlement.operator,
    domesticResult: settlement.domesticResult,
    foreignResult: settlement.foreignResult,
    terminalTotals: parseStoredJson(settlement.terminalTotalsJson),
    hostTotals: parseStoredJson(settlement.hostTotalsJson),
    createdAt: isoTime(settlement.createdAt),
  };
}

function scopeBody(totals: ScopeTotals, currency: string): z.infer<typeof scopeTotalsSchema> {
  return {
    debitCount: totals.debitCount,
    debitAmount: money(totals.debitAmountMinor, currency),
    creditCount: totals.creditCount,
    creditAmount: money(totals.creditAmountMinor, currency),
  };
}

export function registerLedgerRoutes(app: ZodApp, context: ApiContext): void {
  const { repositories } = context.deps;

  async function terminalOrThrow(tid: string): Promise<{ mid: string }> {
    const terminal = await repositories.terminals.get(tid);
    if (terminal === undefined) throw notFound('terminal with this TID');
    return terminal;
  }

  app.get('/api/terminals/:tid/batches', {
    schema: {
      tags: ['batches'],
      summary: 'A terminal’s batches, oldest first',
      params: z.object({ tid: tidSchema }),
      response: { 200: z.object({ items: z.array(batchSchema) }), ...errorResponses(400, 401, 404) },
    },
    handler: async (request) => {
      await terminalOrThrow(request.params.tid);
      return { items: (await repositories.batches.list(request.params.tid)).map(batchBody) };
    },
  });

  app.get('/api/terminals/:tid/batches/:batchNo', {
    schema: {
      tags: ['batches'],
      summary: 'One batch with its totals by the settlement gross rule and its settlement attempts',
      params: z.object({ tid: tidSchema, batchNo: batchNoSchema }),
      response: {
        200: batchSchema.extend({
          totals: z.object({ domestic: scopeTotalsSchema, foreign: scopeTotalsSchema }),
          settlements: z.array(settlementSchema),
        }),
        ...errorResponses(400, 401, 404),
      },
    },
    handler: async (request) => {
      const { tid, batchNo } = request.params;
      const terminal = await terminalOrThrow(tid);
      const batch = await repositories.batches.get(tid, batchNo);
      if (batch === undefined) throw notFound('batch with this number');
      const [totals, settlements, merchant] = await Promise.all([
        repositories.transactions.totalsForBatch(tid, batchNo),
        repositories.settlements.listForBatch(tid, batchNo),
        repositories.merchants.get(terminal.mid),
      ]);
      // Totals are in the merchant's currency (the host does not convert).
      const currency = merchant?.currency ?? '';
      return {
        ...batchBody(batch),
        totals: {
          domestic: scopeBody(totals.domestic, currency),
          foreign: scopeBody(totals.foreign, currency),
        },
        settlements: settlements.map(settlementBody),
      };
    },
  });

  app.get('/api/settlements', {
    schema: {
      tags: ['settlements'],
      summary: 'A terminal’s settlements, newest first',
      querystring: z.object({ tid: tidSchema, limit: limitSchema(100) }),
      response: { 200: z.object({ items: z.array(settlementSchema) }), ...errorResponses(400, 401) },
    },
    handler: async (request) => ({
      items: (await repositories.settlements.listForTerminal(request.query.tid, request.query.limit)).map(
        settlementBody,
      ),
    }),
  });

  app.get('/api/settlements/:id', {
    schema: {
      tags: ['settlements'],
      summary: 'One settlement',
      params: z.object({ id: z.string().min(1).max(100) }),
      response: { 200: settlementSchema, ...errorResponses(400, 401, 404) },
    },
    handler: async (request) => {
      const settlement = await repositories.settlements.findById(request.params.id);
      if (settlement === undefined) throw notFound('settlement with this id');
      return settlementBody(settlement);
    },
  });

  app.get('/api/audit', {
    schema: {
      tags: ['audit'],
      summary: 'The audit log, oldest first; page forward with afterId',
      querystring: z.object({
        limit: limitSchema(100),
        afterId: z.coerce.number().int().min(0).optional(),
        subject: z.string().min(1).max(100).optional(),
        action: z.string().min(1).max(100).optional(),
      }),
      response: {
        200: z.object({
          items: z.array(
            z.object({
              id: z.number().int(),
              at: timestampSchema,
              actor: z.string(),
              action: z.string(),
              subject: z.string(),
              details: z.unknown(),
            }),
          ),
        }),
        ...errorResponses(400, 401),
      },
    },
    handler: async (request) => {
      const { limit, afterId, subject, action } = request.query;
      const entries = await repositories.auditLog.list({
        limit,
        ...(afterId === undefined ? {} : { afterId }),
        ...(subject === undefined ? {} : { subject }),
        ...(action === undefined ? {} : { action }),
      });
      return {
        items: entries.map((entry) => ({
          id: entry.id,
          at: isoTime(entry.at),
          actor: entry.actor,
          action: entry.action,
          subject: entry.subject,
          details: parseStoredJson(entry.detailsJson),
        })),
      };
    },
  });
}
