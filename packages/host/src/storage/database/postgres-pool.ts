import { createRequire } from 'node:module';
import { PostgresDialect, type PostgresPool } from 'kysely';
import { hostError } from '../../errors.js';

type TypeParser = (text: string) => unknown;

/** The part of pg this module uses (the package ships no types of its own). */
interface PgPool extends PostgresPool {
  query(sql: string): Promise<unknown>;
  on(event: 'error', listener: (error: Error) => void): unknown;
}
interface PgModule {
  Pool: new (config: Record<string, unknown>) => PgPool;
  types: { getTypeParser(oid: number, format?: string): TypeParser };
}

const require = createRequire(import.meta.url);
const INT8_OID = 20;
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export interface PostgresOptions {
  /** Pool size. Default 10. */
  readonly maxConnections?: number;
  /** A schema to create if missing and put first on every connection's search_path. */
  readonly schema?: string;
  /**
   * An idle pooled connection failed (server restart, network): pg drops it and opens another on
   * demand. Without a listener the error would crash the process. Default: ignored.
   */
  readonly onConnectionError?: (error: Error) => void;
}

/** bigint (int8) as a JavaScript number: amounts and epoch milliseconds are safe integers. */
export function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) {
    throw hostError('STORAGE_INTEGER_UNSAFE', 'A bigint read from PostgreSQL is not a safe integer', {
      digits: text.replace(/^-/, '').length,
    });
  }
  return value;
}

export async function openPostgres(
  connectionString: string,
  options: PostgresOptions,
): Promise<PostgresDialect> {
  const { schema } = options;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw hostError('STORAGE_URL_INVALID', 'A PostgreSQL schema must be a lower-case identifier', { schema });
  }
  const pg = require('pg') as PgModule;
  const types = {
    getTypeParser: (oid: number, format?: string): TypeParser =>
      oid === INT8_OID && format !== 'binary' ? parseInt8 : pg.types.getTypeParser(oid, format),
  };
  const pool = new pg.Pool({
    connectionString,
    max: options.maxConnections ?? 10,
    types,
    // Set at connection start-up, so every pooled connection sees the schema before its first query.
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
  });
  pool.on('error', (error) => options.onConnectionError?.(error));
  try {
    await pool.query(schema === undefined ? 'select 1' : `create schema if not exists "${schema}"`);
  } catch (cause) {
    await pool.end();
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw hostError(
      'STORAGE_OPEN_FAILED',
      'Cannot reach PostgreSQL',
      { dialect: 'postgres', reason },
      { cause },
    );
  }
  return new PostgresDialect({ pool });
}
