import { afterEach, describe, expect, it } from 'vitest';
import { TerminalError } from '../src/errors.js';
import type { StorageChange, TerminalStorage } from '../src/ports/storage.js';
import { storageSubjects } from './support/storage-subjects.js';

const subjects = storageSubjects();

async function expectStorageFailure(promise: Promise<unknown>, operation: string): Promise<TerminalError> {
  const error: unknown = await promise.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(TerminalError);
  const terminal = error as TerminalError;
  expect(terminal.code).toBe('TERMINAL_STORAGE_FAILED');
  expect(terminal.details.operation).toBe(operation);
  return terminal;
}

describe.each(subjects)('TerminalStorage contract: $name', (subject) => {
  const opened: TerminalStorage[] = [];
  async function open(): Promise<TerminalStorage> {
    const storage = await subject.open();
    opened.push(storage);
    return storage;
  }
  afterEach(async () => {
    for (const storage of opened.splice(0)) await storage.close();
    await subject.cleanUp();
  });

  it('returns undefined for a key never written and an empty list for an empty collection', async () => {
    const storage = await open();
    expect(await storage.get('journal', 'missing')).toBeUndefined();
    expect(await storage.list('journal')).toEqual([]);
  });

  it('gives back what was written, per collection and key', async () => {
    const storage = await open();
    const record = {
      voucher: '000123',
      amountMinor: 1250,
      currency: 156,
      tags: ['sale', 'chip'],
      note: null,
    };
    await storage.write([
      { collection: 'journal', key: '000123', value: record },
      { collection: 'state', key: '000123', value: 'another collection, same key' },
    ]);
    expect(await storage.get('journal', '000123')).toEqual(record);
    expect(await storage.get('state', '000123')).toBe('another collection, same key');
    expect(await storage.get('operators', '000123')).toBeUndefined();
  });

  it('stores documents as JSON: undefined fields vanish, dates come back as text', async () => {
    const storage = await open();
    const at = new Date(Date.UTC(2025, 0, 2, 3, 4, 5));
    await storage.write([{ collection: 'state', key: 'doc', value: { at, gone: undefined, kept: 0 } }]);
    expect(await storage.get('state', 'doc')).toEqual({ at: '2025-01-02T03:04:05.000Z', kept: 0 });
  });

  it('replaces a document on a second write and deletes it with null', async () => {
    const storage = await open();
    await storage.write([{ collection: 'state', key: 'batch', value: { number: 1 } }]);
    await storage.write([{ collection: 'state', key: 'batch', value: { number: 2 } }]);
    expect(await storage.get('state', 'batch')).toEqual({ number: 2 });
    await storage.write([{ collection: 'state', key: 'batch', value: null }]);
    expect(await storage.get('state', 'batch')).toBeUndefined();
    // Deleting what is not there is not an error.
    await storage.write([{ collection: 'state', key: 'batch', value: null }]);
    expect(await storage.usage()).toEqual({ documents: 0, bytes: 0 });
  });

  it('applies the changes of one write in order: the last change to a key wins', async () => {
    const storage = await open();
    await storage.write([
      { collection: 'journal', key: 'a', value: 1 },
      { collection: 'journal', key: 'a', value: null },
      { collection: 'journal', key: 'b', value: 2 },
      { collection: 'journal', key: 'b', value: 3 },
    ]);
    expect(await storage.get('journal', 'a')).toBeUndefined();
    expect(await storage.get('journal', 'b')).toBe(3);
  });

  it('lists a collection ordered by key (code point order, as UTF-8 bytes sort)', async () => {
    const storage = await open();
    const keys = ['b', 'a10', 'a2', 'A', '\u{ff5e}', '\u{1f4b3}', 'é', ''];
    await storage.write(keys.map((key) => ({ collection: 'journal', key, value: { key } })));
    await storage.write([{ collection: 'audit', key: 'elsewhere', value: { key: 'elsewhere' } }]);
    const listed = await storage.list<{ key: string }>('journal');
    expect(listed.map((document) => document.key)).toEqual([
      '',
      'A',
      'a10',
      'a2',
      'b',
      'é',
      '\u{ff5e}',
      '\u{1f4b3}',
    ]);
  });

  it('copies documents on write and on read: callers cannot alias what is stored', async () => {
    const storage = await open();
    const written = { nested: { count: 1 }, items: [1] };
    await storage.write([{ collection: 'state', key: 'doc', value: written }]);
    written.nested.count = 99;
    written.items.push(2);
    const first = await storage.get<typeof written>('state', 'doc');
    expect(first).toEqual({ nested: { count: 1 }, items: [1] });
    (first as typeof written).nested.count = 42;
    const [listed] = await storage.list<typeof written>('state');
    (listed as typeof written).items.push(3);
    expect(await storage.get('state', 'doc')).toEqual({ nested: { count: 1 }, items: [1] });
  });

  it('applies all changes or none: a document JSON cannot carry fails the whole write', async () => {
    const storage = await open();
    await storage.write([{ collection: 'journal', key: 'kept', value: { version: 1 } }]);
    const before = await storage.usage();
    const changes: StorageChange[] = [
      { collection: 'journal', key: 'kept', value: { version: 2 } },
      { collection: 'journal', key: 'bad', value: { amountMinor: 10n } },
      { collection: 'state', key: 'later', value: 'never stored' },
    ];
    const failure = await expectStorageFailure(storage.write(changes), 'write');
    expect(failure.details).toMatchObject({ collection: 'journal', key: 'bad' });
    expect(await storage.get('journal', 'kept')).toEqual({ version: 1 });
    expect(await storage.get('journal', 'bad')).toBeUndefined();
    expect(await storage.get('state', 'later')).toBeUndefined();
    expect(await storage.usage()).toEqual(before);
  });

  it('refuses a cyclic document and a top-level undefined without storing anything', async () => {
    const storage = await open();
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    await expectStorageFailure(
      storage.write([
        { collection: 'state', key: 'ok', value: 1 },
        { collection: 'state', key: 'cyclic', value: cyclic },
      ]),
      'write',
    );
    await expectStorageFailure(storage.write([{ collection: 'state', key: 'u', value: undefined }]), 'write');
    expect(await storage.usage()).toEqual({ documents: 0, bytes: 0 });
  });

  it('refuses an unknown collection', async () => {
    const storage = await open();
    const unknown = 'nope' as unknown as 'state';
    await expectStorageFailure(storage.get(unknown, 'k'), 'get');
    await expectStorageFailure(storage.list(unknown), 'list');
    await expectStorageFailure(storage.write([{ collection: unknown, key: 'k', value: 1 }]), 'write');
  });

  it('counts documents and the UTF-8 bytes of their JSON text over all collections', async () => {
    const storage = await open();
    expect(await storage.usage()).toEqual({ documents: 0, bytes: 0 });
    const documents = [
      { collection: 'journal', key: '1', value: { a: 1 } }, // {"a":1} = 7 bytes
      { collection: 'slips', key: '1', value: '商户' }, // "商户" = 2 + 2×3 = 8 bytes
      { collection: 'audit', key: '1', value: ['€', '\u{1f4b3}'] }, // ["€","💳"] = 7 + 3 + 4 = 14 bytes
    ] satisfies StorageChange[];
    await storage.write(documents);
    expect(await storage.usage()).toEqual({ documents: 3, bytes: 7 + 8 + 14 });
    await storage.write([{ collection: 'slips', key: '1', value: null }]);
    expect(await storage.usage()).toEqual({ documents: 2, bytes: 7 + 14 });
  });

  it('writes nothing for an empty change list', async () => {
    const storage = await open();
    await storage.write([]);
    expect(await storage.usage()).toEqual({ documents: 0, bytes: 0 });
  });

  it('rejects every operation after close', async () => {
    const storage = await open();
    await storage.close();
    await expectStorageFailure(storage.get('state', 'k'), 'get');
    await expectStorageFailure(storage.write([{ collection: 'state', key: 'k', value: 1 }]), 'write');
    await expectStorageFailure(storage.usage(), 'usage');
    await storage.close();
  });
});
