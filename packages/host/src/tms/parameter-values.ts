import { z } from 'zod';
import { HOST_ADDRESS_RULE, isHostAddress, type TerminalParameters } from '@payterm/protocol';
import { tmsError } from './tms-error.js';

/** The keys a parameter set may hold (docs/TMS.md §2.1), each optional: a scope sets what it overrides. */
export const parameterValuesSchema = z
  .object({
    merchantName: z
      .string()
      .min(1)
      .refine((name) => new TextEncoder().encode(name).length <= 40, 'at most 40 bytes of UTF-8'),
    primaryHost: z.string().refine(isHostAddress, HOST_ADDRESS_RULE),
    secondaryHost: z.string().refine(isHostAddress, HOST_ADDRESS_RULE),
    responseTimeoutSeconds: z.number().int().min(1).max(999),
    connectTimeoutSeconds: z.number().int().min(1).max(999),
    language: z.enum(['zh', 'en']),
    // The terminal refuses a limit of 0 in its profile: a set must be one it can apply.
    saleLimitMinor: z.number().int().min(1).max(999_999_999_999),
    refundLimitMinor: z.number().int().min(1).max(999_999_999_999),
  })
  .partial()
  .strict();

export type ParameterValues = z.infer<typeof parameterValuesSchema>;

export const PARAMETER_KEYS = Object.keys(parameterValuesSchema.shape) as (keyof ParameterValues)[];

/** Checked values; TMS_PARAMETERS_INVALID names the first bad key. */
export function checkParameterValues(input: unknown): ParameterValues {
  const parsed = parameterValuesSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = issue?.path.join('.') ?? '';
    throw tmsError(
      'TMS_PARAMETERS_INVALID',
      `Parameter ${key === '' ? '(unknown key)' : key}: ${issue?.message ?? 'invalid'}`,
      { key },
    );
  }
  return parsed.data as ParameterValues;
}

/** A stored version of one scope's values. */
export interface ParameterLayer {
  readonly version: number;
  readonly values: ParameterValues;
}

/**
 * A terminal's effective set: the layers merged in order (all < merchant < terminal, the most specific
 * wins per key). Its version is the highest version among them, so a new version of any layer that
 * applies raises it. Undefined when no layer applies.
 */
export function effectiveParameters(
  layers: readonly (ParameterLayer | undefined)[],
): TerminalParameters | undefined {
  const present = layers.filter((layer): layer is ParameterLayer => layer !== undefined);
  if (present.length === 0) return undefined;
  const merged: Record<string, unknown> = {};
  for (const layer of present) Object.assign(merged, layer.values);
  const version = Math.max(...present.map((layer) => layer.version));
  return { ...(merged as ParameterValues), version: String(version) } as TerminalParameters;
}
