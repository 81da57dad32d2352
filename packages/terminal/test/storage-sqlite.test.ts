import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TerminalError } from '../src/errors.js';
import {
  JOURNAL_FILE_NAME,
  SqliteTerminalStorage,
  TERMINAL_STORAGE_SCHEMA_VERSION,
} from '../src/node/index.js';

interface RawDatabase {
  pragma(source: string, options?: { simple: true }): unknown;
  prepare(source: string): { all(): unknown[] };
  exec(source: string): void;
  close(): void;
}
const require = createRequire(import.meta.url);
const Database = require('better-sqlite3') as new (path: string) => RawDatabase;

const temporaryDirectories: string[] = [];
async function temporaryDirectory(): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'payterm-sqlite-'));
  temporaryDirectories.push(directory);
  return directory;
}

afterEach(async () => {
  for (const directory of temporaryDirectories.splice(0))
    await rm(directory, { recursive: true, force: true });
});

async function openFailure(directory: string): Promise<TerminalError> {
  const error: unknown = await SqliteTerminalStorage.open(directory).then(
    async (storage) => {
      await storage.close();
      return undefined;
    },
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(TerminalError);
  const terminal = error as TerminalError;
  expect(terminal.code).toBe('TERMINAL_STORAGE_FAILED');
  expect(terminal.details.operation).toBe('open');
  return terminal;
}

describe('SqliteTerminalStorage', () => {
  it('keeps its documents when closed and opened again', async () => {
    const directory = await temporaryDirectory();
    const first = await SqliteTerminalStorage.open(directory);
    await first.write([
      { collection: 'journal', key: '000001', value: { voucher: '000001', amountMinor: 500, currency: 156 } },
      { collection: 'state', key: 'batch', value: { number: 7 } },
    ]);
    const usage = await first.usage();
    await first.close();

    const second = await SqliteTerminalStorage.open(directory);
    try {
      expect(await second.get('journal', '000001')).toEqual({
        voucher: '000001',
        amountMinor: 500,
        currency: 156,
      });
      expect(await second.list('state')).toEqual([{ number: 7 }]);
      expect(await second.usage()).toEqual(usage);
    } finally {
      await second.close();
    }
  });

  it('rolls the whole write back when SQLite fails on a later change', async () => {
    const directory = await temporaryDirectory();
    const first = await SqliteTerminalStorage.open(directory);
    await first.write([{ collection: 'journal', key: 'kept', value: { version: 1 } }]);
    await first.close();
    // A trigger makes SQLite itself fail the second change, after the first was applied in the transaction.
    const raw = new Database(join(directory, JOURNAL_FILE_NAME));
    raw.exec(
      "CREATE TRIGGER refuse_boom BEFORE INSERT ON documents WHEN NEW.key = 'boom' BEGIN SELECT RAISE(ABORT, 'refused'); END",
    );
    raw.close();

    const storage = await SqliteTerminalStorage.open(directory);
    try {
      const error: unknown = await storage
        .write([
          { collection: 'journal', key: 'kept', value: { version: 2 } },
          { collection: 'journal', key: 'new', value: 1 },
          { collection: 'journal', key: 'boom', value: 1 },
        ])
        .catch((failure: unknown) => failure);
      expect(error).toBeInstanceOf(TerminalError);
      expect((error as TerminalError).details).toMatchObject({
        operation: 'write',
        reason: 'SQLITE_CONSTRAINT_TRIGGER',
      });
      expect(await storage.list('journal')).toEqual([{ version: 1 }]);
    } finally {
      await storage.close();
    }
  });

  it('creates a missing directory with mode 0700 and one journal.db with the documented schema', async () => {
    const directory = join(await temporaryDirectory(), 'data', 'terminal');
    const storage = await SqliteTerminalStorage.open(directory);
    await storage.write([{ collection: 'audit', key: 'a', value: 1 }]);
    await storage.close();

    if (process.platform !== 'win32') expect((await stat(directory)).mode & 0o777).toBe(0o700);
    expect(await readdir(directory)).toContain(JOURNAL_FILE_NAME);
    const raw = new Database(join(directory, JOURNAL_FILE_NAME));
    try {
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(raw.pragma('user_version', { simple: true })).toBe(TERMINAL_STORAGE_SCHEMA_VERSION);
      expect(raw.prepare('SELECT collection, key, value FROM documents').all()).toEqual([
        { collection: 'audit', key: 'a', value: '1' },
      ]);
      const columns = raw
        .prepare('SELECT name, type, "notnull", pk FROM pragma_table_info(\'documents\')')
        .all();
      expect(columns).toEqual([
        { name: 'collection', type: 'TEXT', notnull: 1, pk: 1 },
        { name: 'key', type: 'TEXT', notnull: 1, pk: 2 },
        { name: 'value', type: 'TEXT', notnull: 1, pk: 0 },
      ]);
    } finally {
      raw.close();
    }
  });

  it('opens with synchronous=FULL, so a resolved write is on disk', async () => {
    const directory = await temporaryDirectory();
    const storage = await SqliteTerminalStorage.open(directory);
    try {
      // The pragma is per connection: read it through the storage's own connection.
      const database = (storage as unknown as { database: RawDatabase }).database;
      expect(database.pragma('synchronous', { simple: true })).toBe(2);
    } finally {
      await storage.close();
    }
  });

  it('refuses a file whose schema is newer than the code, and leaves it as it was', async () => {
    const directory = await temporaryDirectory();
    const raw = new Database(join(directory, JOURNAL_FILE_NAME));
    raw.pragma(`user_version = ${String(TERMINAL_STORAGE_SCHEMA_VERSION + 1)}`);
    raw.close();

    const failure = await openFailure(directory);
    expect(failure.message).toMatch(/schema version 2, newer than this software/);
    expect(failure.details).toMatchObject({
      schemaVersion: TERMINAL_STORAGE_SCHEMA_VERSION + 1,
      supportedVersion: TERMINAL_STORAGE_SCHEMA_VERSION,
    });
    const after = new Database(join(directory, JOURNAL_FILE_NAME));
    try {
      expect(after.pragma('user_version', { simple: true })).toBe(TERMINAL_STORAGE_SCHEMA_VERSION + 1);
      expect(after.prepare("SELECT name FROM sqlite_master WHERE name = 'documents'").all()).toEqual([]);
    } finally {
      after.close();
    }
  });

  it('refuses a journal.db that is not a database, naming the file and the SQLite error', async () => {
    const directory = await temporaryDirectory();
    const path = join(directory, JOURNAL_FILE_NAME);
    await writeFile(
      path,
      'this is not an SQLite file, and it is long enough to have a header of its own.....',
    );
    const failure = await openFailure(directory);
    expect(failure.details).toMatchObject({ path, reason: 'SQLITE_NOTADB' });
  });

  it('fails to open where the directory cannot be created', async () => {
    const directory = await temporaryDirectory();
    const file = join(directory, 'a-file');
    await writeFile(file, '');
    const failure = await openFailure(join(file, 'below-a-file'));
    expect(failure.details.reason).toMatch(/^(ENOTDIR|EEXIST)$/);
  });
});
