import { createRequire } from 'node:module';

/** The part of better-sqlite3 the terminal uses (the package ships no types of its own). */
export interface BetterSqliteStatement {
  get(...parameters: unknown[]): unknown;
  all(...parameters: unknown[]): unknown[];
  run(...parameters: unknown[]): { readonly changes: number };
  /** Returns only the first column of each row. */
  pluck(toggle?: boolean): this;
}

export interface BetterSqliteDatabase {
  readonly open: boolean;
  prepare(source: string): BetterSqliteStatement;
  exec(source: string): this;
  pragma(source: string, options: { simple: true }): unknown;
  transaction<A extends unknown[]>(body: (...parameters: A) => void): (...parameters: A) => void;
  close(): this;
}

type BetterSqliteConstructor = new (filename: string, options?: { timeout?: number }) => BetterSqliteDatabase;

const require = createRequire(import.meta.url);

/** Opens (creating if needed) the database file; throws what better-sqlite3 throws. */
export function openBetterSqlite(filename: string, busyTimeoutMs: number): BetterSqliteDatabase {
  const Database = require('better-sqlite3') as BetterSqliteConstructor;
  return new Database(filename, { timeout: busyTimeoutMs });
}
