import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { currencyByNumeric } from '@payterm/kernel';
import type { WalletActions, WalletRefusal } from '../../wallet/wallet-actions.js';
import { errorBodySchema } from '../api-schemas.js';
import { apiError, type ApiError } from '../api-error.js';
import type { ZodApp } from '../api-context.js';

const BEARER = /^Bearer\s+(wt_\S+)\s*$/i;

const profileSchema = z.object({
  user: z.string(),
  name: z.string(),
  balanceMinor: z
    .number()
    .int()
    .describe('integer minor units (fen); below zero only after a reversed QR void took back spent money'),
  overdraftMinor: z.number().int().describe('what the user owes: the balance below zero, else 0'),
  currency: z.string().describe('ISO 4217 alphabetic code'),
});

const orderSchema = z.object({
  merchantName: z.string(),
  city: z.string(),
  mid: z.string(),
  tid: z.string(),
  amountMinor: z.number().int(),
  currency: z.string(),
  orderRrn: z.string(),
  status: z.enum(['waiting', 'paid', 'closed', 'expired']),
});

/** The scanned text of a merchant-presented code (an EMVCo payload is at most 512 characters). */
const payloadSchema = z.string().min(1).max(1024);
const pinSchema = z.string().min(1).max(12);

/** The API's error body; a wrong PIN adds how many tries are left today. */
const walletErrorSchema = z.object({
  error: errorBodySchema.shape.error.extend({ triesLeft: z.number().int().optional() }),
});

const errors = Object.fromEntries(
  [400, 401, 402, 404, 409, 423].map((status) => [status, walletErrorSchema]),
) as Record<number, typeof walletErrorSchema>;

function alpha(numeric: string): string {
  return currencyByNumeric(numeric)?.alpha ?? numeric;
}

function iso(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

/** The HTTP error of a wallet refusal (a wrong PIN says how many tries are left today). */
function refused(refusal: WalletRefusal): ApiError {
  switch (refusal.code) {
    case 'WALLET_PIN_WRONG':
      return apiError('WALLET_PIN_WRONG', `Wrong wallet PIN: ${refusal.triesLeft} tries left today`, {
        triesLeft: refusal.triesLeft,
      });
    case 'WALLET_USER_UNKNOWN':
      // Not said apart from a wrong PIN: the answer does not tell which user names exist.
      return apiError('WALLET_PIN_WRONG', 'Wrong user or wallet PIN');
    case 'WALLET_LOCKED':
      return apiError('WALLET_LOCKED', 'Three wrong PINs today: the wallet is locked until tomorrow');
    case 'WALLET_QR_INVALID':
      return apiError('WALLET_QR_INVALID', 'Not a valid PayTerm payment code (structure, CRC or amount)');
    case 'WALLET_ORDER_UNKNOWN':
      return apiError('WALLET_ORDER_UNKNOWN', 'No such order');
    case 'WALLET_ORDER_PAID':
      return apiError('WALLET_ORDER_PAID', 'The order is paid already');
    case 'WALLET_ORDER_CLOSED':
      return apiError('WALLET_ORDER_CLOSED', 'The merchant closed the order');
    case 'WALLET_ORDER_EXPIRED':
      return apiError('WALLET_ORDER_EXPIRED', 'The order expired');
    case 'WALLET_INSUFFICIENT_FUNDS':
      return apiError('WALLET_INSUFFICIENT_FUNDS', 'The wallet balance is too low');
  }
}

/**
 * The wallet's JSON API under /api/wallet (issue 7; apps/web's /wallet page uses it). No API token: a
 * wallet session instead — `POST /session` with the user and wallet PIN answers a `wt_…` token (30
 * minutes, stored hashed) for `Authorization: Bearer` on the other routes.
 */
export async function registerWalletRoutes(app: ZodApp, wallet: WalletActions): Promise<void> {
  const users = new WeakMap<FastifyRequest, string>();
  const userOf = (request: FastifyRequest): string => {
    const user = users.get(request);
    if (user === undefined) throw apiError('WALLET_SESSION_INVALID', 'Sign in to the wallet first');
    return user;
  };
  const profileOf = (user: string) => {
    const profile = wallet.profile(user);
    if (profile === undefined) throw apiError('WALLET_SESSION_INVALID', 'The wallet user is gone');
    return { ...profile, currency: alpha(profile.currency) };
  };

  app.post('/api/wallet/session', {
    schema: {
      tags: ['wallet'],
      summary: 'Sign in to the wallet with the user and wallet PIN (three wrong PINs a day lock it)',
      security: [],
      body: z.object({ user: z.string().min(1).max(64), pin: pinSchema }),
      response: { 200: profileSchema.extend({ token: z.string() }), ...errors },
    },
    handler: async (request) => {
      const result = await wallet.signIn(request.body.user, request.body.pin);
      if (!result.ok) throw refused(result);
      return { token: result.token, ...profileOf(result.user) };
    },
  });

  await app.register(async (sessionApp: ZodApp) => {
    sessionApp.addHook('onRequest', async (request) => {
      const match = BEARER.exec(request.headers.authorization ?? '');
      const user = match?.[1] === undefined ? undefined : wallet.sessionUser(match[1]);
      if (user === undefined)
        throw apiError('WALLET_SESSION_INVALID', 'A wallet session is required (Authorization: Bearer wt_…)');
      users.set(request, user);
    });

    sessionApp.get('/api/wallet/me', {
      schema: {
        tags: ['wallet'],
        summary: 'The signed-in user, balance and history (newest first)',
        security: [],
        response: {
          200: profileSchema.extend({
            history: z.array(
              z.object({
                at: z.string(),
                kind: z.enum(['payment', 'refund', 'void']),
                amountMinor: z.number().int(),
                merchantName: z.string(),
                voucher: z.string(),
                overdraftMinor: z
                  .number()
                  .int()
                  .optional()
                  .describe('on a charge that left the balance below zero: what the user owes after it'),
              }),
            ),
          }),
          ...errors,
        },
      },
      handler: (request) => {
        const user = userOf(request);
        return Promise.resolve({
          ...profileOf(user),
          history: wallet.history(user).map((item) => ({
            at: iso(item.at),
            kind: item.kind,
            amountMinor: item.amountMinor,
            merchantName: item.merchantName,
            voucher: item.voucher ?? '',
            ...(item.overdraftMinor === undefined ? {} : { overdraftMinor: item.overdraftMinor }),
          })),
        });
      },
    });

    sessionApp.post('/api/wallet/pay-code', {
      schema: {
        tags: ['wallet'],
        summary: 'A new one-time pay code (19 digits, 62…, 60 s); the unused previous one is cancelled',
        security: [],
        response: {
          200: z.object({ code: z.string(), expiresAt: z.string(), limitMinor: z.number().int() }),
          ...errors,
        },
      },
      handler: async (request) => {
        const issued = await wallet.issueCode(userOf(request));
        return { code: issued.code, expiresAt: iso(issued.expiresAt), limitMinor: issued.limitMinor };
      },
    });

    sessionApp.post('/api/wallet/orders/inspect', {
      schema: {
        tags: ['wallet'],
        summary: "A scanned merchant code's order: merchant, amount, status",
        security: [],
        body: z.object({ payload: payloadSchema }),
        response: { 200: orderSchema, ...errors },
      },
      handler: async (request) => {
        userOf(request);
        const result = await wallet.inspect(request.body.payload);
        if (!result.ok) throw refused(result);
        const { ok: _ok, ...order } = result;
        return { ...order, currency: alpha(order.currency) };
      },
    });

    sessionApp.post('/api/wallet/orders/pay', {
      schema: {
        tags: ['wallet'],
        summary: 'Pay a scanned merchant code with the wallet PIN (once per order)',
        security: [],
        body: z.object({ payload: payloadSchema, pin: pinSchema }),
        response: {
          200: z.object({
            voucher: z.string(),
            amountMinor: z.number().int(),
            balanceMinor: z.number().int(),
            merchantName: z.string(),
          }),
          ...errors,
        },
      },
      handler: async (request) => {
        const result = await wallet.payOrder(userOf(request), request.body.payload, request.body.pin);
        if (!result.ok) throw refused(result);
        const { ok: _ok, ...paid } = result;
        return paid;
      },
    });
  });
}
