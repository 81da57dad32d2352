import { createRequire } from 'node:module';

/** The part of pg the bench uses (the package ships no types). */
interface PgClient {
  connect(): Promise<void>;
  query(sql: string): Promise<unknown>;
  end(): Promise<void>;
}
interface PgModule {
  Client: new (config: Record<string, unknown>) => PgClient;
}

const require = createRequire(import.meta.url);
const DATABASE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** `postgres://user@host:port/db` with its database replaced. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function withClient<T>(adminUrl: string, task: (client: PgClient) => Promise<T>): Promise<T> {
  const pg = require('pg') as PgModule;
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await task(client);
  } finally {
    await client.end();
  }
}

/** Creates a fresh database through `adminUrl` (a server's maintenance database) and returns its URL. */
export async function createDatabase(adminUrl: string, name: string): Promise<string> {
  if (!DATABASE_NAME.test(name)) throw new Error(`${name} is not a plain database name`);
  await withClient(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  return withDatabase(adminUrl, name);
}

/** Drops the database, closing any session still on it (PostgreSQL 13+). */
export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  if (!DATABASE_NAME.test(name)) throw new Error(`${name} is not a plain database name`);
  await withClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

/** Undefined when the server answers, else why not (for a skip note). */
export async function postgresUnreachable(adminUrl: string): Promise<string | undefined> {
  try {
    await withClient(adminUrl, (client) => client.query('SELECT 1'));
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
