import { z } from 'zod';
import { currencyByAlpha, currencyByNumeric } from '@payterm/kernel';

/* Shapes shared by the routes. Times go out as ISO 8601 UTC strings; amounts as integer minor units. */

export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});

/** Response entries documenting the error statuses a route can answer. */
export function errorResponses(
  ...statuses: readonly (400 | 401 | 404 | 409)[]
): Record<number, typeof errorBodySchema> {
  return Object.fromEntries(statuses.map((status) => [status, errorBodySchema]));
}

export const alphaCurrencySchema = z
  .string()
  .regex(/^[A-Z]{3}$/)
  .refine((alpha) => currencyByAlpha(alpha) !== undefined, 'not an ISO 4217 currency')
  .describe('ISO 4217 alphabetic code, e.g. CNY');

export const moneySchema = z.object({
  amountMinor: z
    .number()
    .int()
    .min(0)
    .max(Number.MAX_SAFE_INTEGER)
    .describe('integer minor units (fen, cents)'),
  currency: z.string().describe('ISO 4217 alphabetic code'),
});

export type MoneyBody = z.infer<typeof moneySchema>;

/** A stored amount with its ISO 4217 numeric currency as `{ amountMinor, currency: 'CNY' }`. */
export function money(amountMinor: number, numericCurrency: string): MoneyBody {
  return { amountMinor, currency: currencyByNumeric(numericCurrency)?.alpha ?? numericCurrency };
}

export const midSchema = z.string().regex(/^[0-9A-Za-z]{15}$/, 'a MID is 15 letters or digits');
export const tidSchema = z.string().regex(/^\d{8}$/, 'a TID is 8 digits');
export const batchNoSchema = z.string().regex(/^\d{6}$/, 'a batch number is 6 digits');

export const timestampSchema = z.string().describe('ISO 8601, UTC');

export function isoTime(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

export function isoTimeOrNull(epochMs: number | null): string | null {
  return epochMs === null ? null : isoTime(epochMs);
}

/** A stored JSON text back as a value (audit details, settlement totals). */
export function parseStoredJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

export const limitSchema = (fallback: number): z.ZodDefault<z.ZodCoercedNumber<unknown>> =>
  z.coerce.number().int().min(1).max(1000).default(fallback);
