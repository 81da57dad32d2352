import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openDatabase, type StorageDialect } from '../../src/storage/index.js';
import { TEST_POSTGRES_URL } from '../support/database.js';

/** Where a host process keeps its state: a data directory (LMK file, SQLite) and, for PostgreSQL, a database. */
export interface ProcessStorage {
  readonly dialect: StorageDialect;
  readonly dataDir: string;
  /** `--db` for PostgreSQL; undefined for SQLite (the data directory's payterm.db). */
  readonly db: string | undefined;
  /** What the tests open to read the host's records: sqlite:DIR/payterm.db or the PostgreSQL URL. */
  readonly url: string;
  /** Removes the directory and drops the database. */
  cleanup(): Promise<void>;
}

/** Runs one statement on the test server's own database (CREATE / DROP DATABASE). */
async function onTestServer(statement: string): Promise<void> {
  const admin = await openDatabase(TEST_POSTGRES_URL, { maxConnections: 1 });
  try {
    await sql.raw(statement).execute(admin.db);
  } finally {
    await admin.close();
  }
}

/**
 * A fresh data directory and, for PostgreSQL, a fresh database `payterm_process_<random>` on the test
 * server (the host has no schema flag, so each process test gets a database of its own).
 */
export async function openProcessStorage(dialect: StorageDialect): Promise<ProcessStorage> {
  const dataDir = mkdtempSync(join(tmpdir(), `payterm-process-${dialect}-`));
  const removeDir = () => rmSync(dataDir, { recursive: true, force: true });
  if (dialect === 'sqlite') {
    return {
      dialect,
      dataDir,
      db: undefined,
      url: `sqlite:${join(dataDir, 'payterm.db')}`,
      cleanup: () => Promise.resolve(removeDir()),
    };
  }
  const name = `payterm_process_${randomBytes(6).toString('hex')}`;
  await onTestServer(`create database ${name}`);
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    dialect,
    dataDir,
    db: url.toString(),
    url: url.toString(),
    async cleanup() {
      removeDir();
      await onTestServer(`drop database if exists ${name} with (force)`);
    },
  };
}
