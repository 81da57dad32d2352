import { SeededRandom, SimulatedClock } from '@payterm/kernel';
import { describe, expect, it } from 'vitest';
import { TerminalError, type TerminalErrorCode } from '../src/errors.js';
import { MemoryStorage } from '../src/memory/index.js';
import { OperatorDirectory, type AuditEntry, type OperatorRecord } from '../src/operators/index.js';
import type {
  StorageChange,
  StorageCollection,
  StorageUsage,
  TerminalStorage,
} from '../src/ports/storage.js';

const START = Date.parse('2025-03-01T08:00:00.000Z');
const MINUTE_MS = 60_000;
const FAST_COST = { N: 2 ** 10, r: 8, p: 1 };

/** The real in-memory storage, keeping each write batch so tests can see what went in together. */
class RecordingStorage implements TerminalStorage {
  readonly writes: StorageChange[][] = [];
  readonly #inner = new MemoryStorage();
  get<T>(collection: StorageCollection, key: string): Promise<T | undefined> {
    return this.#inner.get<T>(collection, key);
  }
  list<T>(collection: StorageCollection): Promise<T[]> {
    return this.#inner.list<T>(collection);
  }
  write(changes: readonly StorageChange[]): Promise<void> {
    this.writes.push([...changes]);
    return this.#inner.write(changes);
  }
  usage(): Promise<StorageUsage> {
    return this.#inner.usage();
  }
  close(): Promise<void> {
    return this.#inner.close();
  }
}

interface Setup {
  readonly storage: RecordingStorage;
  readonly clock: SimulatedClock;
  readonly directory: OperatorDirectory;
}

async function setup(options: { demo?: boolean; lockoutMinutes?: number } = {}): Promise<Setup> {
  const storage = new RecordingStorage();
  const clock = new SimulatedClock(START);
  const directory = new OperatorDirectory(storage, clock, new SeededRandom(42), {
    lockoutMinutes: options.lockoutMinutes ?? 10,
    demo: options.demo ?? false,
    scryptCost: FAST_COST,
  });
  await directory.initialise();
  storage.writes.length = 0;
  return { storage, clock, directory };
}

async function failure(promise: Promise<unknown>, code: TerminalErrorCode): Promise<TerminalError> {
  const error: unknown = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(TerminalError);
  expect((error as TerminalError).code).toBe(code);
  return error as TerminalError;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

describe('OperatorDirectory.initialise', () => {
  it('seeds 99, 00 and 01 with their published passwords, each to be changed at first use', async () => {
    const storage = new RecordingStorage();
    const directory = new OperatorDirectory(storage, new SimulatedClock(START), new SeededRandom(1), {
      lockoutMinutes: 10,
      demo: false,
      scryptCost: FAST_COST,
    });
    await expect(directory.initialise()).resolves.toBe(true);
    expect(
      (await directory.list()).map(({ number, role, mustChangePassword }) => ({
        number,
        role,
        mustChangePassword,
      })),
    ).toEqual([
      { number: '00', role: 'supervisor', mustChangePassword: true },
      { number: '01', role: 'cashier', mustChangePassword: true },
      { number: '99', role: 'administrator', mustChangePassword: true },
    ]);
    await expect(directory.login('99', '12345678')).resolves.toEqual({
      number: '99',
      role: 'administrator',
      mustChangePassword: true,
    });
    await expect(directory.login('00', '123456')).resolves.toMatchObject({ role: 'supervisor' });
    await expect(directory.login('01', '0000')).resolves.toMatchObject({ role: 'cashier' });
  });

  it('seeds in one write with an audit entry per operator, and never again once operators exist', async () => {
    const storage = new RecordingStorage();
    const directory = new OperatorDirectory(storage, new SimulatedClock(START), new SeededRandom(1), {
      lockoutMinutes: 10,
      demo: false,
      scryptCost: FAST_COST,
    });
    await directory.initialise();
    expect(storage.writes).toHaveLength(1);
    const [batch = []] = storage.writes;
    expect(batch.filter((change) => change.collection === 'operators').map((change) => change.key)).toEqual([
      '99',
      '00',
      '01',
    ]);
    expect(batch.filter((change) => change.collection === 'audit').map((change) => change.value)).toEqual([
      expect.objectContaining({ event: 'added', operator: '99', actor: 'system' }),
      expect.objectContaining({ event: 'added', operator: '00', actor: 'system' }),
      expect.objectContaining({ event: 'added', operator: '01', actor: 'system' }),
    ]);
    await expect(directory.initialise()).resolves.toBe(false);
    expect(storage.writes).toHaveLength(1);
  });

  it('in demo mode the published passwords need not be changed', async () => {
    const { directory } = await setup({ demo: true });
    await expect(directory.login('01', '0000')).resolves.toEqual({
      number: '01',
      role: 'cashier',
      mustChangePassword: false,
    });
    expect((await directory.list()).every((operator) => !operator.mustChangePassword)).toBe(true);
  });

  it('stores scrypt hashes only: no clear password, no hash outside the operator documents', async () => {
    const { storage, directory } = await setup();
    await directory.login('01', '0000');
    await failure(directory.login('00', '654321'), 'TERMINAL_PASSWORD_WRONG');
    await directory.changePassword('01', '0000', '4711');
    const records = await storage.list<OperatorRecord>('operators');
    for (const record of records) {
      // A chosen password at the directory's cost; a published default (public anyway) at the cheap one.
      const cost = record.number === '01' ? '1024' : '16';
      expect(record.passwordHash).toMatch(
        new RegExp(`^scrypt\\$${cost}\\$8\\$1\\$[0-9A-F]{32}\\$[0-9A-F]{64}$`),
      );
    }
    const documents = JSON.stringify([
      records.map(({ passwordHash: _, ...rest }) => rest),
      await storage.list('audit'),
    ]);
    for (const password of ['12345678', '123456', '654321', '0000', '4711']) {
      expect(documents).not.toContain(`"${password}"`);
    }
    expect(documents).not.toContain('scrypt$');
  });
});

describe('OperatorDirectory.login and lockout', () => {
  it('counts wrong passwords down and locks at the third for lockoutMinutes', async () => {
    const { directory } = await setup({ demo: true });
    const first = await failure(directory.login('01', '1111'), 'TERMINAL_PASSWORD_WRONG');
    expect(first.details).toEqual({ operator: '01', triesLeft: 2 });
    const second = await failure(directory.login('01', '2222'), 'TERMINAL_PASSWORD_WRONG');
    expect(second.details).toEqual({ operator: '01', triesLeft: 1 });
    const third = await failure(directory.login('01', '3333'), 'TERMINAL_OPERATOR_LOCKED');
    expect(third.details).toEqual({ operator: '01', lockedUntil: iso(START + 10 * MINUTE_MS) });
    const locked = await failure(directory.login('01', '0000'), 'TERMINAL_OPERATOR_LOCKED');
    expect(locked.details.lockedUntil).toBe(iso(START + 10 * MINUTE_MS));
    await expect(directory.status('01')).resolves.toMatchObject({
      locked: true,
      lockedUntil: iso(START + 10 * MINUTE_MS),
      triesLeft: 0,
    });
  });

  it('ends the lock by itself when the time has passed, with a fresh count of tries', async () => {
    const { clock, directory } = await setup({ demo: true });
    for (const password of ['1111', '2222', '3333'])
      await directory.login('01', password).catch(() => undefined);
    clock.advance(10 * MINUTE_MS - 1);
    await failure(directory.login('01', '0000'), 'TERMINAL_OPERATOR_LOCKED');
    clock.advance(1);
    await expect(directory.status('01')).resolves.toMatchObject({
      locked: false,
      lockedUntil: null,
      triesLeft: 3,
    });
    const fresh = await failure(directory.login('01', '1111'), 'TERMINAL_PASSWORD_WRONG');
    expect(fresh.details.triesLeft).toBe(2);
    await expect(directory.login('01', '0000')).resolves.toMatchObject({ number: '01' });
  });

  it('after ten simulated minutes the right password logs in again', async () => {
    const { clock, directory } = await setup({ demo: true });
    for (const password of ['1111', '2222', '3333'])
      await directory.login('01', password).catch(() => undefined);
    clock.advance(10 * MINUTE_MS);
    await expect(directory.login('01', '0000')).resolves.toMatchObject({ number: '01', role: 'cashier' });
  });

  it('takes the lock duration from the options', async () => {
    const { clock, directory } = await setup({ demo: true, lockoutMinutes: 3 });
    for (const password of ['1111', '2222']) await directory.login('01', password).catch(() => undefined);
    const error = await failure(directory.login('01', '3333'), 'TERMINAL_OPERATOR_LOCKED');
    expect(error.details.lockedUntil).toBe(iso(START + 3 * MINUTE_MS));
    clock.advance(3 * MINUTE_MS);
    await expect(directory.login('01', '0000')).resolves.toMatchObject({ number: '01' });
  });

  it('a success resets the count: only consecutive wrong passwords lock', async () => {
    const { directory } = await setup({ demo: true });
    await failure(directory.login('01', '1111'), 'TERMINAL_PASSWORD_WRONG');
    await failure(directory.login('01', '2222'), 'TERMINAL_PASSWORD_WRONG');
    await directory.login('01', '0000');
    await failure(directory.login('01', '1111'), 'TERMINAL_PASSWORD_WRONG');
    const again = await failure(directory.login('01', '2222'), 'TERMINAL_PASSWORD_WRONG');
    expect(again.details.triesLeft).toBe(1);
  });

  it('locks only the operator whose passwords were wrong', async () => {
    const { directory } = await setup({ demo: true });
    for (const password of ['1111', '2222', '3333'])
      await directory.login('01', password).catch(() => undefined);
    await expect(directory.login('00', '123456')).resolves.toMatchObject({ number: '00' });
    await expect(directory.status('00')).resolves.toMatchObject({ locked: false, triesLeft: 3 });
  });

  it('counts concurrent wrong passwords one after the other', async () => {
    const { directory } = await setup({ demo: true });
    const results = await Promise.allSettled(
      ['1111', '2222', '3333', '0000'].map((password) => directory.login('01', password)),
    );
    const codes = results.map((result) =>
      result.status === 'rejected' ? (result.reason as TerminalError).code : 'ok',
    );
    expect(codes).toEqual([
      'TERMINAL_PASSWORD_WRONG',
      'TERMINAL_PASSWORD_WRONG',
      'TERMINAL_OPERATOR_LOCKED',
      'TERMINAL_OPERATOR_LOCKED',
    ]);
  });

  it('refuses unknown operators and malformed numbers', async () => {
    const { directory } = await setup({ demo: true });
    const unknown = await failure(directory.login('05', '0000'), 'TERMINAL_OPERATOR_UNKNOWN');
    expect(unknown.details).toEqual({ operator: '05' });
    await failure(directory.login('5', '0000'), 'TERMINAL_INVALID_INPUT');
    await failure(directory.login('21', '0000'), 'TERMINAL_INVALID_INPUT');
    await failure(directory.status('07'), 'TERMINAL_OPERATOR_UNKNOWN');
  });

  it('records the last login time', async () => {
    const { clock, directory } = await setup({ demo: true });
    clock.advance(5 * MINUTE_MS);
    await directory.login('00', '123456');
    await expect(directory.status('00')).resolves.toMatchObject({ lastLoginAt: iso(START + 5 * MINUTE_MS) });
    await expect(directory.status('01')).resolves.toMatchObject({ lastLoginAt: null });
  });
});

describe('OperatorDirectory.changePassword', () => {
  it('clears the forced change; the old password no longer works', async () => {
    const { clock, directory } = await setup();
    await expect(directory.login('01', '0000')).resolves.toMatchObject({ mustChangePassword: true });
    clock.advance(MINUTE_MS);
    await expect(directory.changePassword('01', '0000', '4711')).resolves.toEqual({
      number: '01',
      role: 'cashier',
      mustChangePassword: false,
    });
    await expect(directory.login('01', '4711')).resolves.toMatchObject({ mustChangePassword: false });
    await failure(directory.login('01', '0000'), 'TERMINAL_PASSWORD_WRONG');
    await expect(directory.status('01')).resolves.toMatchObject({
      passwordChangedAt: iso(START + MINUTE_MS),
    });
  });

  it('applies each role its own password rule', async () => {
    const { directory } = await setup();
    const cases: Array<[string, string, string, string]> = [
      ['01', '0000', '123', '4 to 6 digits'],
      ['01', '0000', '1234567', '4 to 6 digits'],
      ['01', '0000', '47a1', '4 to 6 digits'],
      ['00', '123456', '24680', 'exactly 6 digits'],
      ['00', '123456', '2468024', 'exactly 6 digits'],
      ['99', '12345678', '246802', 'exactly 8 digits'],
    ];
    for (const [number, oldPassword, newPassword, rule] of cases) {
      const error = await failure(
        directory.changePassword(number, oldPassword, newPassword),
        'TERMINAL_INVALID_INPUT',
      );
      expect(error.details).toEqual({ option: 'password', operator: number, rule });
    }
    await expect(directory.changePassword('01', '0000', '135790')).resolves.toMatchObject({ number: '01' });
    await expect(directory.changePassword('00', '123456', '246802')).resolves.toMatchObject({ number: '00' });
    await expect(directory.changePassword('99', '12345678', '24680246')).resolves.toMatchObject({
      number: '99',
    });
  });

  it('refuses a published default and the old password as the new one', async () => {
    const { directory } = await setup();
    for (const published of ['0000', '123456']) {
      const error = await failure(
        directory.changePassword('01', '0000', published),
        'TERMINAL_INVALID_INPUT',
      );
      expect(error.details.rule).toBe('not a published default');
    }
    await directory.changePassword('01', '0000', '4711');
    const same = await failure(directory.changePassword('01', '4711', '4711'), 'TERMINAL_INVALID_INPUT');
    expect(same.details.rule).toBe('differs from the old password');
  });

  it('counts a wrong old password towards the lock; a malformed new one costs no try', async () => {
    const { directory } = await setup({ demo: true });
    await failure(directory.changePassword('01', '0000', '12'), 'TERMINAL_INVALID_INPUT');
    const first = await failure(directory.changePassword('01', '9999', '4711'), 'TERMINAL_PASSWORD_WRONG');
    expect(first.details.triesLeft).toBe(2);
    await failure(directory.login('01', '8888'), 'TERMINAL_PASSWORD_WRONG');
    await failure(directory.changePassword('01', '7777', '4711'), 'TERMINAL_OPERATOR_LOCKED');
    await failure(directory.changePassword('01', '0000', '4711'), 'TERMINAL_OPERATOR_LOCKED');
  });
});

describe('OperatorDirectory.authorise', () => {
  it('accepts the supervisor password for a void or refund', async () => {
    const { directory } = await setup({ demo: true });
    await expect(directory.authorise('00', '123456', 'authorise-void-refund')).resolves.toEqual({
      number: '00',
      role: 'supervisor',
      mustChangePassword: false,
    });
    const [latest] = await directory.auditLog({ limit: 1 });
    expect(latest).toMatchObject({
      event: 'authorise-succeeded',
      operator: '00',
      actor: '00',
      action: 'authorise-void-refund',
    });
  });

  it('refuses a role that may not, without spending a try', async () => {
    const { directory } = await setup({ demo: true });
    const cashier = await failure(
      directory.authorise('01', '0000', 'authorise-void-refund'),
      'TERMINAL_PERMISSION_DENIED',
    );
    expect(cashier.details).toEqual({ operator: '01', role: 'cashier', action: 'authorise-void-refund' });
    await expect(directory.status('01')).resolves.toMatchObject({ triesLeft: 3 });
    await failure(directory.authorise('00', '123456', 'key-load'), 'TERMINAL_PERMISSION_DENIED');
    await expect(directory.authorise('99', '12345678', 'key-load')).resolves.toMatchObject({ number: '99' });
    await failure(directory.authorise('99', '12345678', 'sale'), 'TERMINAL_PERMISSION_DENIED');
  });

  it('shares the count and the lock with login', async () => {
    const { directory } = await setup({ demo: true });
    const first = await failure(
      directory.authorise('00', '111111', 'authorise-void-refund'),
      'TERMINAL_PASSWORD_WRONG',
    );
    expect(first.details).toEqual({ operator: '00', triesLeft: 2 });
    await failure(directory.login('00', '222222'), 'TERMINAL_PASSWORD_WRONG');
    await failure(directory.authorise('00', '333333', 'authorise-void-refund'), 'TERMINAL_OPERATOR_LOCKED');
    await failure(directory.authorise('00', '123456', 'authorise-void-refund'), 'TERMINAL_OPERATOR_LOCKED');
    await failure(directory.login('00', '123456'), 'TERMINAL_OPERATOR_LOCKED');
  });

  it('refuses a supervisor who still has the default password', async () => {
    const { directory } = await setup();
    const error = await failure(
      directory.authorise('00', '123456', 'authorise-void-refund'),
      'TERMINAL_PASSWORD_CHANGE_REQUIRED',
    );
    expect(error.details).toEqual({ operator: '00' });
    await directory.changePassword('00', '123456', '246802');
    await expect(directory.authorise('00', '246802', 'authorise-void-refund')).resolves.toMatchObject({
      number: '00',
    });
  });

  it('refuses unknown operators', async () => {
    const { directory } = await setup({ demo: true });
    await failure(directory.authorise('03', '000000', 'authorise-void-refund'), 'TERMINAL_OPERATOR_UNKNOWN');
  });
});

describe('persistence', () => {
  it('a new directory over the same storage verifies the stored hashes, whatever its own cost', async () => {
    const { storage, clock, directory } = await setup();
    await directory.changePassword('01', '0000', '4711');
    await failure(directory.login('00', '111111'), 'TERMINAL_PASSWORD_WRONG');
    const reopened = new OperatorDirectory(storage, clock, new SeededRandom(9), {
      lockoutMinutes: 10,
      demo: false,
      scryptCost: { N: 2 ** 11, r: 8, p: 1 },
    });
    await expect(reopened.initialise()).resolves.toBe(false);
    await expect(reopened.login('01', '4711')).resolves.toEqual({
      number: '01',
      role: 'cashier',
      mustChangePassword: false,
    });
    await expect(reopened.login('99', '12345678')).resolves.toMatchObject({ mustChangePassword: true });
    const counted = await failure(reopened.login('00', '222222'), 'TERMINAL_PASSWORD_WRONG');
    expect(counted.details.triesLeft).toBe(1);
    await reopened.changePassword('99', '12345678', '24680246');
    const records = await storage.list<OperatorRecord>('operators');
    expect(records.find((record) => record.number === '99')?.passwordHash).toMatch(/^scrypt\$2048\$8\$1\$/);
    expect(records.find((record) => record.number === '01')?.passwordHash).toMatch(/^scrypt\$1024\$8\$1\$/);
  });

  it('continues the audit keys after the last stored entry', async () => {
    const { storage, clock, directory } = await setup({ demo: true });
    await directory.login('01', '0000');
    const before = await directory.auditLog();
    const reopened = new OperatorDirectory(storage, clock, new SeededRandom(9), {
      lockoutMinutes: 10,
      demo: true,
      scryptCost: FAST_COST,
    });
    await reopened.login('00', '123456');
    const [latest] = (await reopened.auditLog({ limit: 1 })) as [AuditEntry];
    expect(latest.key).toBe(String(before.length + 1).padStart(10, '0'));
  });
});
