import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { HostError } from '../../src/errors.js';
import {
  createRepositories,
  migrateToLatest,
  openDatabase,
  parseDatabaseUrl,
  parseInt8,
  redactDatabaseUrl,
} from '../../src/storage/index.js';
import { describeEachDatabase, TEST_POSTGRES_URL } from '../support/database.js';
import { merchantRecord } from './records.js';

async function expectHostError(promise: Promise<unknown>, code: string): Promise<HostError> {
  const error: unknown = await promise.then(
    () => undefined,
    (rejection: unknown) => rejection,
  );
  expect(error).toBeInstanceOf(HostError);
  expect((error as HostError).code).toBe(code);
  return error as HostError;
}

describe('database URLs', () => {
  it('accepts sqlite paths, :memory: and both PostgreSQL schemes', () => {
    expect(parseDatabaseUrl('sqlite:./data/payterm.db')).toEqual({
      dialect: 'sqlite',
      path: './data/payterm.db',
    });
    expect(parseDatabaseUrl('sqlite::memory:')).toEqual({ dialect: 'sqlite', path: ':memory:' });
    expect(parseDatabaseUrl('postgres://u@h/db').dialect).toBe('postgres');
    expect(parseDatabaseUrl('postgresql://u@h/db').dialect).toBe('postgres');
  });

  it('rejects anything else with STORAGE_URL_INVALID and never shows the password', async () => {
    for (const url of ['mysql://u@h/db', 'sqlite:', './payterm.db', '']) {
      await expectHostError(openDatabase(url), 'STORAGE_URL_INVALID');
    }
    expect(redactDatabaseUrl('postgres://payterm:s3cret@db:5432/payterm')).toBe(
      'postgres://payterm:***@db:5432/payterm',
    );
    const error = await expectHostError(openDatabase('mongodb://payterm:s3cret@db/x'), 'STORAGE_URL_INVALID');
    expect(JSON.stringify(error)).not.toContain('s3cret');
  });

  it('rejects a PostgreSQL schema that is not a plain identifier', async () => {
    await expectHostError(
      openDatabase(TEST_POSTGRES_URL, { schema: 'x"; drop table y' }),
      'STORAGE_URL_INVALID',
    );
  });

  it('reports an unreachable PostgreSQL as STORAGE_OPEN_FAILED', async () => {
    await expectHostError(openDatabase('postgres://postgres@127.0.0.1:1/test'), 'STORAGE_OPEN_FAILED');
  });
});

describe('SQLite files', () => {
  it('creates the parent directory and sets WAL, synchronous=FULL, foreign keys and a busy timeout', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'payterm-open-'));
    try {
      const path = join(directory, 'a', 'b', 'payterm.db');
      const database = await openDatabase(`sqlite:${path}`, { busyTimeoutMs: 1234 });
      try {
        expect(existsSync(path)).toBe(true);
        const pragma = async (name: string) =>
          Object.values(
            (await sql.raw(`pragma ${name}`).execute(database.db)).rows[0] as object,
          )[0] as unknown;
        expect(await pragma('journal_mode')).toBe('wal');
        expect(await pragma('synchronous')).toBe(2);
        expect(await pragma('foreign_keys')).toBe(1);
        expect(await pragma('busy_timeout')).toBe(1234);
      } finally {
        await database.close();
      }
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('opens an in-memory database that migrates and works', async () => {
    const database = await openDatabase('sqlite::memory:');
    try {
      expect(await migrateToLatest(database)).toEqual([
        '0001-initial-schema',
        '0002-audit-log-append-only',
        '0003-issuer-ledger-and-settings',
        '0004-lean-transaction-indexes',
        '0005-wallet-and-qr-orders',
        '0006-terminal-management',
        '0007-partial-original-index',
      ]);
      await createRepositories(database.db).merchants.create(merchantRecord());
      expect(await createRepositories(database.db).merchants.get('898310058120001')).toEqual(
        merchantRecord(),
      );
    } finally {
      await database.close();
    }
  });
});

describe('a migration that fails', () => {
  it('is reported as STORAGE_MIGRATION_FAILED naming the migration, and rolled back', async () => {
    const database = await openDatabase('sqlite::memory:');
    try {
      await sql`create table holds (id text)`.execute(database.db);
      const error = await expectHostError(migrateToLatest(database), 'STORAGE_MIGRATION_FAILED');
      expect(error.details['migration']).toBe('0001-initial-schema');
      const tables = (await database.db.introspection.getTables()).map((table) => table.name);
      expect(tables).not.toContain('merchants');
    } finally {
      await database.close();
    }
  });
});

describe('PostgreSQL bigint parsing', () => {
  it('reads int8 text as a number and refuses what a number cannot hold exactly', () => {
    expect(parseInt8('1000000000000')).toBe(1_000_000_000_000);
    expect(parseInt8('-9007199254740991')).toBe(-9_007_199_254_740_991);
    expect(() => parseInt8('9007199254740993')).toThrow(HostError);
    try {
      parseInt8('-9223372036854775808');
    } catch (error) {
      expect((error as HostError).code).toBe('STORAGE_INTEGER_UNSAFE');
    }
  });
});

describeEachDatabase('migrations', (getDatabase, dialect) => {
  it('are idempotent: a migrated database is left alone', async () => {
    expect(await migrateToLatest(getDatabase())).toEqual([]);
    expect(await migrateToLatest(getDatabase())).toEqual([]);
    expect(getDatabase().dialect).toBe(dialect);
  });

  it('create every table', async () => {
    const tables = (await getDatabase().db.introspection.getTables()).map((table) => table.name).sort();
    expect(tables).toEqual([
      'api_tokens',
      'audit_log',
      'batches',
      'holds',
      'host_settings',
      'hsm_keys',
      'issuer_accounts',
      'issuer_movements',
      'merchants',
      'parameter_sets',
      'qr_orders',
      'reversals',
      'rollout_terminals',
      'rollouts',
      'settlements',
      'software_packages',
      'terminal_software',
      'terminals',
      'transactions',
      'wallet_codes',
      'wallet_movements',
      'wallet_payments',
      'wallet_sessions',
      'wallet_users',
    ]);
  });

  it('round-trip an amount of 10^12 minor units as a number', async () => {
    const repositories = createRepositories(getDatabase().db);
    await repositories.merchants.create(
      merchantRecord({ mid: '898310058120009', singleTransactionLimitMinor: 1_000_000_000_000 }),
    );
    const stored = await repositories.merchants.get('898310058120009');
    expect(stored?.singleTransactionLimitMinor).toBe(1_000_000_000_000);
    expect(typeof stored?.createdAt).toBe('number');
  });

  if (dialect === 'postgres') {
    it('refuse a bigint beyond the safe integers instead of rounding it', async () => {
      const result = sql<{ value: number }>`select 9007199254740993::bigint as value`.execute(
        getDatabase().db,
      );
      await expectHostError(result, 'STORAGE_INTEGER_UNSAFE');
    });
  }
});

describe('PostgreSQL connections', () => {
  it('survive a pooled connection killed by the server, reporting it to onConnectionError', async () => {
    const errors: Error[] = [];
    let reported: () => void = () => undefined;
    const reportedOnce = new Promise<void>((resolve) => (reported = resolve));
    const database = await openDatabase(TEST_POSTGRES_URL, {
      maxConnections: 1,
      onConnectionError: (error) => {
        errors.push(error);
        reported();
      },
    });
    const killer = await openDatabase(TEST_POSTGRES_URL, { maxConnections: 1 });
    try {
      const pid = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(database.db)).rows[0]
        ?.pid;
      await sql`select pg_terminate_backend(${pid})`.execute(killer.db);
      await reportedOnce;
      expect(errors).toHaveLength(1);
      const after = await sql<{ one: number }>`select 1 as one`.execute(database.db);
      expect(after.rows[0]?.one).toBe(1);
    } finally {
      await killer.close();
      await database.close();
    }
  });
});
