import { join } from 'node:path';
import { z } from 'zod';
import { hostError } from '../errors.js';

/** Everything the host needs to start, resolved from flags, then environment variables, then defaults. */
export interface HostConfig {
  /** Interface both listeners bind to. */
  readonly host: string;
  readonly isoPort: number;
  readonly httpPort: number;
  readonly dataDir: string;
  /** `sqlite:PATH`, `sqlite::memory:` or `postgres://…`. */
  readonly databaseUrl: string;
  /** Where the LMK is kept when PAYTERM_HSM_LMK is not set (created at first start). */
  readonly lmkFile: string;
  /** Seconds a TCP connection may stay silent. */
  readonly idleTimeoutMs: number;
  readonly maxFrameBytes: number;
  /** A JSON file of risk rules (velocity, merchant limits, blocked BINs); defaults when absent. */
  readonly riskConfigFile: string | undefined;
  /** apps/web's build, served at `/` and `/terminal`; absent: no web pages. */
  readonly webRoot: string | undefined;
  /** How long a merchant-presented QR order can be paid (PAYTERM_QR_ORDER_TTL_MS; default 5 minutes). */
  readonly qrOrderTtlMs: number;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
}

/** Flags as the CLI parses them; each has an environment variable (PAYTERM_ISO_PORT …). */
export interface HostFlags {
  readonly host?: string | undefined;
  readonly isoPort?: string | number | undefined;
  readonly httpPort?: string | number | undefined;
  readonly data?: string | undefined;
  readonly db?: string | undefined;
  readonly logLevel?: string | undefined;
  readonly riskConfig?: string | undefined;
  readonly webRoot?: string | undefined;
  readonly qrOrderTtlMs?: string | number | undefined;
}

export const HOST_DEFAULTS = {
  host: '127.0.0.1',
  isoPort: 8583,
  httpPort: 8080,
  dataDir: './data',
  idleTimeoutMs: 120_000,
  maxFrameBytes: 8192,
  logLevel: 'info',
  qrOrderTtlMs: 300_000,
} as const;

const port = z.coerce.number().int().min(0).max(65_535);
const databaseUrl = z
  .string()
  .regex(/^(sqlite:.+|postgres(ql)?:\/\/.+)$/, 'must be sqlite:PATH, sqlite::memory: or postgres://…');
const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

function pick(flag: string | number | undefined, variable: string | undefined): string | number | undefined {
  return flag !== undefined && flag !== ''
    ? flag
    : variable !== undefined && variable !== ''
      ? variable
      : undefined;
}

function stringOrUndefined(value: string | number | undefined): string | undefined {
  return value === undefined ? undefined : String(value);
}

function parse<T>(schema: z.ZodType<T>, value: unknown, name: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw hostError('HOST_CONFIG_INVALID', `${name}: ${result.error.issues[0]?.message ?? 'invalid'}`, {
      setting: name,
    });
  }
  return result.data;
}

/**
 * The host configuration. Flags win over the environment (PAYTERM_HOST, PAYTERM_ISO_PORT,
 * PAYTERM_HTTP_PORT, PAYTERM_DATA, PAYTERM_DB or DATABASE_URL, PAYTERM_LOG_LEVEL, PAYTERM_RISK_CONFIG, PAYTERM_WEB_ROOT,
 * PAYTERM_QR_ORDER_TTL_MS). Throws
 * HOST_CONFIG_INVALID naming the setting.
 */
export function resolveHostConfig(
  flags: HostFlags,
  environment: Readonly<Record<string, string | undefined>>,
): HostConfig {
  const dataDir = String(pick(flags.data, environment.PAYTERM_DATA) ?? HOST_DEFAULTS.dataDir);
  const db = pick(flags.db, environment.PAYTERM_DB ?? environment.DATABASE_URL);
  return {
    host: parse(
      z.string().min(1),
      pick(flags.host, environment.PAYTERM_HOST) ?? HOST_DEFAULTS.host,
      '--host',
    ),
    isoPort: parse(
      port,
      pick(flags.isoPort, environment.PAYTERM_ISO_PORT) ?? HOST_DEFAULTS.isoPort,
      '--iso-port',
    ),
    httpPort: parse(
      port,
      pick(flags.httpPort, environment.PAYTERM_HTTP_PORT) ?? HOST_DEFAULTS.httpPort,
      '--http-port',
    ),
    dataDir,
    databaseUrl: parse(databaseUrl, db ?? `sqlite:${join(dataDir, 'payterm.db')}`, '--db'),
    lmkFile: join(dataDir, 'hsm-lmk.hex'),
    idleTimeoutMs: HOST_DEFAULTS.idleTimeoutMs,
    maxFrameBytes: HOST_DEFAULTS.maxFrameBytes,
    riskConfigFile: stringOrUndefined(pick(flags.riskConfig, environment.PAYTERM_RISK_CONFIG)),
    webRoot: stringOrUndefined(pick(flags.webRoot, environment.PAYTERM_WEB_ROOT)),
    qrOrderTtlMs: parse(
      z.coerce.number().int().min(1_000).max(86_400_000),
      pick(flags.qrOrderTtlMs, environment.PAYTERM_QR_ORDER_TTL_MS) ?? HOST_DEFAULTS.qrOrderTtlMs,
      '--qr-order-ttl-ms',
    ),
    logLevel: parse(
      logLevel,
      pick(flags.logLevel, environment.PAYTERM_LOG_LEVEL) ?? HOST_DEFAULTS.logLevel,
      '--log-level',
    ),
  };
}
