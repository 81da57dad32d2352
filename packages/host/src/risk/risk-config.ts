/**
 * Risk rule configuration with defaults. Amount limits are per ISO 4217 currency (minor units); a
 * currency without an entry has no limit. Prefixes are leading PAN digits (a BIN, or a whole PAN).
 */
import { z } from 'zod';
import { CHINA_UTC_OFFSET_MINUTES } from '../issuer/business-day.js';

const minor = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const amountLimits = z.record(z.string().regex(/^[A-Z]{3}$/), minor);
const panPrefix = z.string().regex(/^[0-9]{1,19}$/);

export const riskConfigSchema = z.object({
  velocity: z
    .object({
      /** Approved transactions per card per business day. */
      maxCountPerDay: z.number().int().positive().default(30),
      /** Approved amount per card per business day. Default CNY 200,000.00. */
      maxAmountMinorPerDay: amountLimits.default({ CNY: 20_000_000 }),
    })
    .prefault({}),
  merchantLimit: z
    .object({
      /** Single-transaction limit of every merchant without its own. Default CNY 1,000,000.00. */
      defaultMaxAmountMinor: amountLimits.default({ CNY: 100_000_000 }),
      /** By merchant id (field 42). */
      byMerchant: z.record(z.string().min(1), amountLimits).default({}),
    })
    .prefault({}),
  blockedBinPrefixes: z.array(panPrefix).default([]),
  /** Cards exempt from the velocity rules (the load-test card): by PAN hash or by BIN (any PAN prefix, up to a whole PAN). */
  velocityExemptions: z
    .object({
      panHashes: z.array(z.string().min(1)).default([]),
      binPrefixes: z.array(panPrefix).default([]),
    })
    .prefault({}),
  /** Business-day offset from UTC (default China, UTC+8): counters reset at its midnight. */
  utcOffsetMinutes: z.number().int().min(-720).max(840).default(CHINA_UTC_OFFSET_MINUTES),
});

export type RiskConfig = z.output<typeof riskConfigSchema>;
export type RiskConfigInput = z.input<typeof riskConfigSchema>;

/** Parses (and fills the defaults of) a configuration; throws the zod error for an invalid one. */
export function parseRiskConfig(input: RiskConfigInput = {}): RiskConfig {
  return riskConfigSchema.parse(input);
}
