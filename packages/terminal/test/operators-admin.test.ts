import { SeededRandom, SimulatedClock } from '@payterm/kernel';
import { describe, expect, it } from 'vitest';
import { TerminalError, type TerminalErrorCode } from '../src/errors.js';
import { MemoryStorage } from '../src/memory/index.js';
import { OperatorDirectory, type AuditEntry, type Operator } from '../src/operators/index.js';
import type {
  StorageChange,
  StorageCollection,
  StorageUsage,
  TerminalStorage,
} from '../src/ports/storage.js';

const START = Date.parse('2025-03-01T08:00:00.000Z');
const MINUTE_MS = 60_000;

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

const ADMINISTRATOR: Operator = { number: '99', role: 'administrator', mustChangePassword: false };
const SUPERVISOR: Operator = { number: '00', role: 'supervisor', mustChangePassword: false };
const CASHIER: Operator = { number: '01', role: 'cashier', mustChangePassword: false };

/** Demo data, so the default operators may act without changing their passwords first. */
async function setup(demo = true): Promise<{
  storage: RecordingStorage;
  clock: SimulatedClock;
  directory: OperatorDirectory;
}> {
  const storage = new RecordingStorage();
  const clock = new SimulatedClock(START);
  const directory = new OperatorDirectory(storage, clock, new SeededRandom(42), {
    lockoutMinutes: 10,
    demo,
    scryptCost: { N: 2 ** 10, r: 8, p: 1 },
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

async function lock(directory: OperatorDirectory, number: string): Promise<void> {
  for (const password of ['00000001', '00000002', '00000003']) {
    await directory.login(number, password).catch(() => undefined);
  }
  expect((await directory.status(number)).locked).toBe(true);
}

describe('addCashier and removeCashier', () => {
  it('the supervisor adds a cashier who must change the password at first login', async () => {
    const { directory } = await setup();
    await expect(directory.addCashier(SUPERVISOR, '02', '1357')).resolves.toMatchObject({
      number: '02',
      role: 'cashier',
      mustChangePassword: true,
      locked: false,
      triesLeft: 3,
    });
    await expect(directory.login('02', '1357')).resolves.toEqual({
      number: '02',
      role: 'cashier',
      mustChangePassword: true,
    });
    await expect(directory.addCashier(ADMINISTRATOR, '20', '246802')).resolves.toMatchObject({
      number: '20',
    });
  });

  it('refuses cashiers and the numbers that are not cashier numbers', async () => {
    const { directory } = await setup();
    const denied = await failure(directory.addCashier(CASHIER, '02', '1357'), 'TERMINAL_PERMISSION_DENIED');
    expect(denied.details).toEqual({ operator: '01', role: 'cashier', action: 'manage-cashiers' });
    for (const number of ['00', '99', '21', '2', 'x1']) {
      await failure(directory.addCashier(SUPERVISOR, number, '1357'), 'TERMINAL_INVALID_INPUT');
    }
    const exists = await failure(directory.addCashier(SUPERVISOR, '01', '1357'), 'TERMINAL_OPERATOR_EXISTS');
    expect(exists.details).toEqual({ operator: '01' });
    const badPassword = await failure(
      directory.addCashier(SUPERVISOR, '02', '135'),
      'TERMINAL_INVALID_INPUT',
    );
    expect(badPassword.details).toEqual({ option: 'password', operator: '02', rule: '4 to 6 digits' });
    expect((await directory.list()).map((operator) => operator.number)).toEqual(['00', '01', '99']);
  });

  it('takes the actor as stored: a forged role does not help, a removed actor must log in', async () => {
    const { directory } = await setup();
    const forged = { number: '01', role: 'supervisor', mustChangePassword: false } as const;
    await failure(directory.addCashier(forged, '02', '1357'), 'TERMINAL_PERMISSION_DENIED');
    await directory.addCashier(SUPERVISOR, '02', '1357');
    const second: Operator = { number: '02', role: 'cashier', mustChangePassword: false };
    await directory.removeCashier(SUPERVISOR, '02');
    await failure(directory.changePassword('02', '1357', '2468'), 'TERMINAL_OPERATOR_UNKNOWN');
    await failure(directory.addCashier(second, '03', '1357'), 'TERMINAL_LOGIN_REQUIRED');
  });

  it('an actor who still has a default password must change it first', async () => {
    const { directory } = await setup(false);
    const supervisor = await directory.login('00', '123456');
    await failure(directory.addCashier(supervisor, '02', '1357'), 'TERMINAL_PASSWORD_CHANGE_REQUIRED');
    await directory.changePassword('00', '123456', '246802');
    await expect(directory.addCashier(supervisor, '02', '1357')).resolves.toMatchObject({ number: '02' });
  });

  it('removes a cashier, who can then no longer log in', async () => {
    const { directory } = await setup();
    await directory.removeCashier(SUPERVISOR, '01');
    await failure(directory.login('01', '0000'), 'TERMINAL_OPERATOR_UNKNOWN');
    expect((await directory.list()).map((operator) => operator.number)).toEqual(['00', '99']);
    await failure(directory.removeCashier(SUPERVISOR, '01'), 'TERMINAL_OPERATOR_UNKNOWN');
  });

  it('removes only cashiers, and only for the supervisor or administrator', async () => {
    const { directory } = await setup();
    await failure(directory.removeCashier(ADMINISTRATOR, '00'), 'TERMINAL_INVALID_INPUT');
    await failure(directory.removeCashier(SUPERVISOR, '99'), 'TERMINAL_INVALID_INPUT');
    await directory.addCashier(SUPERVISOR, '02', '1357');
    await failure(directory.removeCashier(CASHIER, '02'), 'TERMINAL_PERMISSION_DENIED');
    await directory.removeCashier(ADMINISTRATOR, '02');
    expect((await directory.list()).map((operator) => operator.number)).toEqual(['00', '01', '99']);
  });
});

describe('resetPassword', () => {
  it('the supervisor resets a cashier, who must change it at next login', async () => {
    const { directory } = await setup();
    await directory.changePassword('01', '0000', '4711');
    await expect(directory.resetPassword(SUPERVISOR, '01', '8642')).resolves.toMatchObject({
      number: '01',
      mustChangePassword: true,
    });
    await failure(directory.login('01', '4711'), 'TERMINAL_PASSWORD_WRONG');
    await expect(directory.login('01', '8642')).resolves.toMatchObject({ mustChangePassword: true });
  });

  it('only the administrator resets the supervisor; nobody resets the administrator', async () => {
    const { directory } = await setup();
    const supervisorSelf = await failure(
      directory.resetPassword(SUPERVISOR, '00', '246802'),
      'TERMINAL_PERMISSION_DENIED',
    );
    expect(supervisorSelf.details.action).toBe('manage-supervisor');
    await failure(directory.resetPassword(CASHIER, '01', '8642'), 'TERMINAL_PERMISSION_DENIED');
    await failure(directory.resetPassword(ADMINISTRATOR, '99', '24680246'), 'TERMINAL_PERMISSION_DENIED');
    await failure(directory.resetPassword(SUPERVISOR, '99', '24680246'), 'TERMINAL_PERMISSION_DENIED');
    await expect(directory.resetPassword(ADMINISTRATOR, '00', '246802')).resolves.toMatchObject({
      number: '00',
      mustChangePassword: true,
    });
    await expect(directory.resetPassword(ADMINISTRATOR, '01', '8642')).resolves.toMatchObject({
      number: '01',
    });
    await expect(directory.login('00', '246802')).resolves.toMatchObject({ role: 'supervisor' });
  });

  it("checks the new password against the target's role", async () => {
    const { directory } = await setup();
    const error = await failure(
      directory.resetPassword(ADMINISTRATOR, '00', '2468'),
      'TERMINAL_INVALID_INPUT',
    );
    expect(error.details).toEqual({ option: 'password', operator: '00', rule: 'exactly 6 digits' });
    await failure(directory.resetPassword(SUPERVISOR, '05', '2468'), 'TERMINAL_OPERATOR_UNKNOWN');
  });

  it('ends a lock, recording the unlock for the host', async () => {
    const { directory } = await setup();
    await lock(directory, '01');
    const status = await directory.resetPassword(SUPERVISOR, '01', '8642');
    expect(status).toMatchObject({ locked: false, triesLeft: 3 });
    await expect(directory.login('01', '8642')).resolves.toMatchObject({ number: '01' });
    const reports = await directory.pendingReports();
    expect(reports.map(({ event, operator, actor }) => ({ event, operator, actor }))).toEqual([
      { event: 'locked', operator: '01', actor: '01' },
      { event: 'unlocked', operator: '01', actor: '00' },
    ]);
    expect(reports[1]?.reason).toBe('password-reset');
  });
});

describe('unlock', () => {
  it('the supervisor unlocks a cashier before the lock ends', async () => {
    const { directory } = await setup();
    await lock(directory, '01');
    await expect(directory.unlock(SUPERVISOR, '01')).resolves.toMatchObject({
      locked: false,
      lockedUntil: null,
      triesLeft: 3,
    });
    await expect(directory.login('01', '0000')).resolves.toMatchObject({ number: '01' });
  });

  it('the administrator unlocks the supervisor and cashiers; nobody else does', async () => {
    const { directory } = await setup();
    await lock(directory, '00');
    await lock(directory, '01');
    await failure(directory.unlock(CASHIER, '01'), 'TERMINAL_PERMISSION_DENIED');
    const selfUnlock = await failure(directory.unlock(SUPERVISOR, '00'), 'TERMINAL_PERMISSION_DENIED');
    expect(selfUnlock.details.action).toBe('unlock-supervisor');
    await expect(directory.unlock(ADMINISTRATOR, '00')).resolves.toMatchObject({ locked: false });
    await expect(directory.unlock(ADMINISTRATOR, '01')).resolves.toMatchObject({ locked: false });
  });

  it('nobody unlocks the administrator: the lock ends with time', async () => {
    const { clock, directory } = await setup();
    await lock(directory, '99');
    await failure(directory.unlock(ADMINISTRATOR, '99'), 'TERMINAL_PERMISSION_DENIED');
    await failure(directory.unlock(SUPERVISOR, '99'), 'TERMINAL_PERMISSION_DENIED');
    clock.advance(10 * MINUTE_MS);
    await expect(directory.login('99', '12345678')).resolves.toMatchObject({ number: '99' });
  });

  it('leaves an operator who is not locked as is', async () => {
    const { storage, directory } = await setup();
    await failure(directory.login('01', '1111'), 'TERMINAL_PASSWORD_WRONG');
    const writes = storage.writes.length;
    await expect(directory.unlock(SUPERVISOR, '01')).resolves.toMatchObject({ locked: false, triesLeft: 2 });
    expect(storage.writes).toHaveLength(writes);
    await failure(directory.unlock(SUPERVISOR, '07'), 'TERMINAL_OPERATOR_UNKNOWN');
  });
});

describe('list and status', () => {
  it('show the operators without password hashes', async () => {
    const { directory } = await setup();
    const operators = await directory.list();
    expect(operators).toHaveLength(3);
    for (const operator of operators) {
      expect(Object.keys(operator).sort()).toEqual([
        'createdAt',
        'lastLoginAt',
        'locked',
        'lockedUntil',
        'mustChangePassword',
        'number',
        'passwordChangedAt',
        'role',
        'triesLeft',
      ]);
      expect(JSON.stringify(operator)).not.toContain('scrypt');
    }
    expect(Object.keys(await directory.status('01'))).not.toContain('passwordHash');
  });
});

describe('audit log', () => {
  it('records every event newest first, with increasing zero-padded keys and clock times', async () => {
    const { clock, directory } = await setup(false);
    clock.advance(MINUTE_MS);
    await directory.login('00', '123456');
    await directory.changePassword('00', '123456', '246802');
    const supervisor = await directory.login('00', '246802');
    await directory.addCashier(supervisor, '02', '1357');
    await lock(directory, '02');
    await directory.unlock(supervisor, '02');
    await directory.resetPassword(supervisor, '02', '2468');
    await directory.removeCashier(supervisor, '02');
    await failure(directory.login('08', '1111'), 'TERMINAL_OPERATOR_UNKNOWN');
    await failure(
      directory.login('01', '0000').then(() => directory.login('00', '111111')),
      'TERMINAL_PASSWORD_WRONG',
    );

    const log = await directory.auditLog();
    const summary = log.map(({ event, operator, actor, reason }) => [event, operator, actor, reason ?? '']);
    expect(summary.reverse().slice(3)).toEqual([
      ['login-succeeded', '00', '00', ''],
      ['password-changed', '00', '00', ''],
      ['login-succeeded', '00', '00', ''],
      ['added', '02', '00', ''],
      ['login-failed', '02', '02', 'wrong-password'],
      ['login-failed', '02', '02', 'wrong-password'],
      ['login-failed', '02', '02', 'wrong-password'],
      ['locked', '02', '02', ''],
      ['unlocked', '02', '00', ''],
      ['password-reset', '02', '00', ''],
      ['removed', '02', '00', ''],
      ['login-failed', '08', '08', 'unknown-operator'],
      ['login-succeeded', '01', '01', ''],
      ['login-failed', '00', '00', 'wrong-password'],
    ]);
    const keys = log.map((entry) => entry.key);
    expect(keys).toEqual([...keys].sort().reverse());
    expect(keys.at(-1)).toBe('0000000001');
    expect(keys[0]).toBe(String(log.length).padStart(10, '0'));
    const seeded = log.slice(-3);
    expect(seeded.every((entry) => entry.time === new Date(START).toISOString())).toBe(true);
    expect(log.slice(0, -3).every((entry) => entry.time === new Date(START + MINUTE_MS).toISOString())).toBe(
      true,
    );
    expect(log.every((entry) => entry.reported === false)).toBe(true);
    const lockedEntry = log.find((entry) => entry.event === 'locked');
    expect(lockedEntry?.lockedUntil).toBe(new Date(START + 11 * MINUTE_MS).toISOString());
  });

  it('limits to the newest entries', async () => {
    const { directory } = await setup();
    await directory.login('01', '0000');
    await directory.login('00', '123456');
    const newest = await directory.auditLog({ limit: 2 });
    expect(newest.map((entry) => [entry.event, entry.operator])).toEqual([
      ['login-succeeded', '00'],
      ['login-succeeded', '01'],
    ]);
    await expect(directory.auditLog({ limit: 0 })).resolves.toEqual([]);
  });

  it('logs a login attempt on a locked operator', async () => {
    const { directory } = await setup();
    await lock(directory, '01');
    await failure(directory.login('01', '0000'), 'TERMINAL_OPERATOR_LOCKED');
    const [latest] = (await directory.auditLog({ limit: 1 })) as [AuditEntry];
    expect(latest).toMatchObject({ event: 'login-failed', operator: '01', reason: 'operator-locked' });
  });

  it('writes each state change once, the operator document together with its audit entries', async () => {
    const { storage, directory } = await setup();
    const collectionsOfEachWrite = async (step: () => Promise<unknown>): Promise<string[][]> => {
      storage.writes.length = 0;
      await step().catch(() => undefined);
      return storage.writes.map((batch) =>
        batch.map((change) => `${change.collection}:${change.key.length}`),
      );
    };
    expect(await collectionsOfEachWrite(() => directory.login('01', '0000'))).toEqual([
      ['operators:2', 'audit:10'],
    ]);
    expect(await collectionsOfEachWrite(() => directory.login('01', '1'))).toEqual([
      ['operators:2', 'audit:10'],
    ]);
    expect(await collectionsOfEachWrite(() => directory.changePassword('01', '0000', '4711'))).toEqual([
      ['operators:2', 'audit:10'],
    ]);
    expect(await collectionsOfEachWrite(() => directory.addCashier(SUPERVISOR, '02', '1357'))).toEqual([
      ['operators:2', 'audit:10'],
    ]);
    expect(await collectionsOfEachWrite(() => lock(directory, '02'))).toEqual([
      ['operators:2', 'audit:10'],
      ['operators:2', 'audit:10'],
      ['operators:2', 'audit:10', 'audit:10'],
    ]);
    expect(await collectionsOfEachWrite(() => directory.unlock(SUPERVISOR, '02'))).toEqual([
      ['operators:2', 'audit:10'],
    ]);
    expect(await collectionsOfEachWrite(() => directory.resetPassword(SUPERVISOR, '02', '2468'))).toEqual([
      ['operators:2', 'audit:10'],
    ]);
    expect(await collectionsOfEachWrite(() => directory.removeCashier(SUPERVISOR, '02'))).toEqual([
      ['operators:2', 'audit:10'],
    ]);
    const removal = storage.writes[0]?.[0];
    expect(removal).toEqual({ collection: 'operators', key: '02', value: null });
  });

  it('hands lock and unlock entries to the host reporter until they are marked reported', async () => {
    const { directory } = await setup();
    await directory.login('00', '123456');
    await lock(directory, '01');
    await directory.unlock(SUPERVISOR, '01');
    const pending = await directory.pendingReports();
    expect(pending.map((entry) => entry.event)).toEqual(['locked', 'unlocked']);
    await expect(directory.markReported([pending[0]!.key, 'no-such-key'])).resolves.toBe(1);
    const remaining = await directory.pendingReports();
    expect(remaining.map((entry) => entry.key)).toEqual([pending[1]!.key]);
    await expect(directory.markReported([pending[0]!.key])).resolves.toBe(0);
    await directory.markReported(remaining.map((entry) => entry.key));
    await expect(directory.pendingReports()).resolves.toEqual([]);
    const log = await directory.auditLog();
    expect(log.filter((entry) => entry.reported).map((entry) => entry.event)).toEqual(['unlocked', 'locked']);
  });
});
