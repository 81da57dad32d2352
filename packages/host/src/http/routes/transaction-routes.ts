import { z } from 'zod';
import type { TransactionRecord } from '../../storage/schema/records.js';
import type { TransactionSearch } from '../../storage/repositories/transaction-repository.js';
import { notFound } from '../api-error.js';
import type { ApiContext, ZodApp } from '../api-context.js';
import {
  errorResponses,
  isoTime,
  limitSchema,
  midSchema,
  money,
  moneySchema,
  tidSchema,
  timestampSchema,
} from '../api-schemas.js';

/**
 * What the API shows of a transaction. Deliberately absent: the PAN under the HSM (`panEncrypted`), the
 * keyed PAN hash, the request digest and the stored response message — only the masked PAN leaves.
 */
export const transactionSchema = z.object({
  id: z.string(),
  tid: z.string(),
  mid: z.string(),
  batchNo: z.string(),
  stan: z.string(),
  kind: z.string(),
  mti: z.string(),
  processingCode: z.string(),
  amount: moneySchema,
  refunded: moneySchema,
  panMasked: z.string().nullable(),
  cardScope: z.enum(['domestic', 'foreign']),
  entryMode: z.string().nullable(),
  rrn: z.string().nullable(),
  authCode: z.string().nullable(),
  responseCode: z.string().nullable(),
  status: z.string(),
  originalId: z.string().nullable(),
  localDate: z.string().nullable(),
  localTime: z.string().nullable(),
  hostDate: z.string(),
  declineRule: z.string().nullable(),
  createdAt: timestampSchema,
});

export function transactionBody(record: TransactionRecord): z.infer<typeof transactionSchema> {
  return {
    id: record.id,
    tid: record.tid,
    mid: record.mid,
    batchNo: record.batchNo,
    stan: record.stan,
    kind: record.kind,
    mti: record.mti,
    processingCode: record.processingCode,
    amount: money(record.amountMinor, record.currency),
    refunded: money(record.refundedMinor, record.currency),
    panMasked: record.panMasked,
    cardScope: record.cardScope,
    entryMode: record.entryMode,
    rrn: record.rrn,
    authCode: record.authCode,
    responseCode: record.responseCode,
    status: record.status,
    originalId: record.originalId,
    localDate: record.localDate,
    localTime: record.localTime,
    hostDate: record.hostDate,
    declineRule: record.declineRule,
    createdAt: isoTime(record.createdAt),
  };
}

/**
 * `from` / `to` are ISO 8601: a date (`2026-11-26`, midnight UTC) or a date-time with `Z` or an offset.
 * Epoch milliseconds are not taken: a bare number is ambiguous to a person reading a URL.
 */
const instantSchema = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })])
  .transform((text) => Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text))
  .describe('ISO 8601 date (midnight UTC) or date-time with Z or an offset');

const searchQuerySchema = z.object({
  tid: tidSchema.optional(),
  mid: midSchema.optional(),
  from: instantSchema.optional().describe('createdAt ≥ from'),
  to: instantSchema.optional().describe('createdAt < to'),
  kind: z
    .string()
    .regex(/^[a-z-]{2,40}$/)
    .optional()
    .describe('sale, void, refund, qr-sale, …'),
  responseCode: z
    .string()
    .regex(/^[0-9A-Z]{2}$/)
    .optional(),
  panMasked: z
    .string()
    .regex(/^\d{0,6}\*{3,13}\d{0,4}$/, 'a masked PAN: first 6, stars, last 4')
    .optional(),
  limit: limitSchema(100),
  cursor: z.string().min(1).max(200).optional().describe('nextCursor of the previous page'),
});

/** The query as search criteria: optional keys that were not given are left out, not set to undefined. */
function withoutUndefined(query: z.infer<typeof searchQuerySchema>): TransactionSearch {
  const criteria: { -readonly [K in keyof TransactionSearch]: TransactionSearch[K] } = { limit: query.limit };
  for (const key of ['tid', 'mid', 'kind', 'responseCode', 'panMasked', 'cursor'] as const) {
    const value = query[key];
    if (value !== undefined) criteria[key] = value;
  }
  if (query.from !== undefined) criteria.from = query.from;
  if (query.to !== undefined) criteria.to = query.to;
  return criteria;
}

export function registerTransactionRoutes(app: ZodApp, context: ApiContext): void {
  const { transactions } = context.deps.repositories;
  const tags = ['transactions'];

  app.get('/api/transactions', {
    schema: {
      tags,
      summary: 'Search transactions, newest first, a page at a time',
      querystring: searchQuerySchema,
      response: {
        200: z.object({ items: z.array(transactionSchema), nextCursor: z.string().optional() }),
        ...errorResponses(400, 401),
      },
    },
    handler: async (request) => {
      const page = await transactions.search(withoutUndefined(request.query));
      return {
        items: page.items.map(transactionBody),
        ...(page.nextCursor === undefined ? {} : { nextCursor: page.nextCursor }),
      };
    },
  });

  app.get('/api/transactions/:id', {
    schema: {
      tags,
      summary: 'One transaction, with the transactions that refer to it (voids, refunds, completions)',
      params: z.object({ id: z.string().min(1).max(100) }),
      response: {
        200: transactionSchema.extend({ related: z.array(transactionSchema) }),
        ...errorResponses(400, 401, 404),
      },
    },
    handler: async (request) => {
      const record = await transactions.findById(request.params.id);
      if (record === undefined) throw notFound('transaction with this id');
      const related = await transactions.listByOriginal(record.id);
      return { ...transactionBody(record), related: related.map(transactionBody) };
    },
  });
}
