import { z } from 'zod';
import { currencyByAlpha } from '@payterm/kernel';
import type { MerchantRecord } from '../../storage/schema/records.js';
import { apiError, notFound } from '../api-error.js';
import { auditChange, type ApiContext, type ZodApp } from '../api-context.js';
import {
  alphaCurrencySchema,
  errorResponses,
  isoTime,
  midSchema,
  money,
  moneySchema,
  timestampSchema,
} from '../api-schemas.js';

const merchantSchema = z.object({
  mid: z.string(),
  name: z.string(),
  mcc: z.string(),
  city: z.string(),
  currency: z.string(),
  singleTransactionLimit: moneySchema,
  status: z.enum(['active', 'disabled']),
  createdAt: timestampSchema,
});

const createMerchantSchema = z
  .strictObject({
    mid: midSchema,
    name: z.string().min(1).max(40),
    mcc: z.string().regex(/^\d{4}$/, 'an MCC is 4 digits'),
    city: z.string().min(1).max(40),
    currency: alphaCurrencySchema,
    singleTransactionLimit: z.strictObject({
      amountMinor: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
      currency: alphaCurrencySchema,
    }),
  })
  .refine((body) => body.singleTransactionLimit.currency === body.currency, {
    message: 'the limit is in the merchant currency',
    path: ['singleTransactionLimit', 'currency'],
  });

const midParams = z.object({ mid: midSchema });

export function merchantBody(merchant: MerchantRecord): z.infer<typeof merchantSchema> {
  return {
    mid: merchant.mid,
    name: merchant.name,
    mcc: merchant.mcc,
    city: merchant.city,
    currency: money(0, merchant.currency).currency,
    singleTransactionLimit: money(merchant.singleTransactionLimitMinor, merchant.currency),
    status: merchant.status,
    createdAt: isoTime(merchant.createdAt),
  };
}

export function registerMerchantRoutes(app: ZodApp, context: ApiContext): void {
  const { repositories, clock, directory } = context.deps;
  const tags = ['merchants'];

  app.post('/api/merchants', {
    schema: {
      tags,
      summary: 'Create a merchant',
      body: createMerchantSchema,
      response: { 201: merchantSchema, ...errorResponses(400, 401, 409) },
    },
    handler: async (request, reply) => {
      const body = request.body;
      if ((await repositories.merchants.get(body.mid)) !== undefined) {
        throw apiError('API_ALREADY_EXISTS', 'A merchant with this MID exists already', { mid: body.mid });
      }
      const merchant: MerchantRecord = {
        mid: body.mid,
        name: body.name,
        mcc: body.mcc,
        city: body.city,
        // The schema has checked the code.
        currency: currencyByAlpha(body.currency)?.numeric ?? body.currency,
        singleTransactionLimitMinor: body.singleTransactionLimit.amountMinor,
        status: 'active',
        createdAt: clock.nowMs(),
      };
      await repositories.merchants.create(merchant).catch(async (error: unknown) => {
        // Another request created it between the check and the insert.
        if ((await repositories.merchants.get(body.mid)) !== undefined) {
          throw apiError('API_ALREADY_EXISTS', 'A merchant with this MID exists already', { mid: body.mid });
        }
        throw error;
      });
      await auditChange(context, request, 'merchant-create', merchant.mid, merchantBody(merchant));
      directory.forgetMerchant(merchant.mid);
      return reply.status(201).send(merchantBody(merchant));
    },
  });

  app.get('/api/merchants', {
    schema: {
      tags,
      summary: 'List merchants by MID',
      response: { 200: z.object({ items: z.array(merchantSchema) }) },
    },
    handler: async () => ({ items: (await repositories.merchants.list()).map(merchantBody) }),
  });

  app.get('/api/merchants/:mid', {
    schema: {
      tags,
      summary: 'One merchant',
      params: midParams,
      response: { 200: merchantSchema, ...errorResponses(400, 401, 404) },
    },
    handler: async (request) => {
      const merchant = await repositories.merchants.get(request.params.mid);
      if (merchant === undefined) throw notFound('merchant with this MID');
      return merchantBody(merchant);
    },
  });

  for (const status of ['disabled', 'active'] as const) {
    const verb = status === 'disabled' ? 'disable' : 'enable';
    app.post(`/api/merchants/:mid/${verb}`, {
      schema: {
        tags,
        summary:
          status === 'disabled'
            ? 'Disable a merchant (its terminals are refused)'
            : 'Enable a merchant again',
        params: midParams,
        response: { 200: merchantSchema, ...errorResponses(400, 401, 404) },
      },
      handler: async (request) => {
        const merchant = await repositories.merchants.get(request.params.mid);
        if (merchant === undefined) throw notFound('merchant with this MID');
        if (merchant.status === status) return merchantBody(merchant);
        await repositories.merchants.update(merchant.mid, { status });
        await auditChange(context, request, `merchant-${verb}`, merchant.mid);
        directory.forgetMerchant(merchant.mid);
        return merchantBody({ ...merchant, status });
      },
    });
  }
}
