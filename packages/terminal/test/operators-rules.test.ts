import { SeededRandom } from '@payterm/kernel';
import { describe, expect, it } from 'vitest';
import { TerminalError } from '../src/errors.js';
import {
  ACTIONS,
  DEFAULT_SCRYPT_COST,
  can,
  describePasswordRule,
  hashPassword,
  isCashierNumber,
  isPasswordFormatValid,
  isPublishedDefaultPassword,
  parseStoredHash,
  requirePermission,
  roleOfNumber,
  verifyPassword,
  type Action,
  type Role,
} from '../src/operators/index.js';

const FAST_COST = { N: 2 ** 10, r: 8, p: 1 };

function thrown(body: () => unknown): TerminalError {
  try {
    body();
  } catch (error) {
    expect(error).toBeInstanceOf(TerminalError);
    return error as TerminalError;
  }
  throw new Error('expected a TerminalError');
}

async function rejected(promise: Promise<unknown>): Promise<TerminalError> {
  const error: unknown = await promise.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(TerminalError);
  return error as TerminalError;
}

describe('operator numbers and roles', () => {
  it('maps 99 to the administrator, 00 to the supervisor and 01-20 to cashiers', () => {
    expect(roleOfNumber('99')).toBe('administrator');
    expect(roleOfNumber('00')).toBe('supervisor');
    for (let number = 1; number <= 20; number += 1) {
      expect(roleOfNumber(String(number).padStart(2, '0'))).toBe('cashier');
    }
  });

  it('knows no other number', () => {
    for (const number of ['21', '98', '1', '001', '', 'ab', '0x', ' 1', '1 ']) {
      expect(roleOfNumber(number)).toBeUndefined();
      expect(isCashierNumber(number)).toBe(false);
    }
    expect(isCashierNumber('00')).toBe(false);
    expect(isCashierNumber('99')).toBe(false);
  });
});

describe('permission table', () => {
  const cashierActions: Action[] = [
    'sale',
    'qr',
    'balance',
    'preauth',
    'query',
    'reprint',
    'sign-in',
    'sign-off',
    'change-own-password',
  ];
  const supervisorActions: Action[] = [
    'authorise-void-refund',
    'settle',
    'manage-cashiers',
    'reset-cashier-password',
    'unlock-cashier',
    'reprint-settlement',
  ];
  const administratorActions: Action[] = [
    'parameters',
    'key-load',
    'manage-supervisor',
    'unlock-supervisor',
    'upgrade',
    'clear-journal',
  ];

  it('lists every action once', () => {
    expect(new Set(ACTIONS).size).toBe(ACTIONS.length);
    expect([...ACTIONS].sort()).toEqual(
      [...cashierActions, ...supervisorActions, ...administratorActions].sort(),
    );
  });

  it('lets a cashier do cashier work only', () => {
    for (const action of cashierActions) expect(can('cashier', action)).toBe(true);
    for (const action of [...supervisorActions, ...administratorActions]) {
      expect(can('cashier', action)).toBe(false);
    }
  });

  it('lets the supervisor do everything a cashier may and supervise, but not administer', () => {
    for (const action of [...cashierActions, ...supervisorActions])
      expect(can('supervisor', action)).toBe(true);
    for (const action of administratorActions) expect(can('supervisor', action)).toBe(false);
  });

  it('lets the administrator administer and supervise but not do customer transactions', () => {
    for (const action of [...supervisorActions, ...administratorActions]) {
      expect(can('administrator', action)).toBe(true);
    }
    for (const action of ['sale', 'qr', 'balance', 'preauth'] as const) {
      expect(can('administrator', action)).toBe(false);
    }
    for (const action of ['query', 'reprint', 'sign-in', 'sign-off', 'change-own-password'] as const) {
      expect(can('administrator', action)).toBe(true);
    }
  });

  it('requirePermission names operator, role and action when the role may not', () => {
    const error = thrown(() =>
      requirePermission({ number: '03', role: 'cashier', mustChangePassword: false }, 'settle'),
    );
    expect(error.code).toBe('TERMINAL_PERMISSION_DENIED');
    expect(error.details).toEqual({ operator: '03', role: 'cashier', action: 'settle' });
  });

  it('requirePermission allows only the password change while a change is forced', () => {
    const operator = { number: '01', role: 'cashier' as Role, mustChangePassword: true };
    expect(thrown(() => requirePermission(operator, 'sale')).code).toBe('TERMINAL_PASSWORD_CHANGE_REQUIRED');
    expect(() => requirePermission(operator, 'change-own-password')).not.toThrow();
    expect(() => requirePermission({ ...operator, mustChangePassword: false }, 'sale')).not.toThrow();
  });
});

describe('password rules', () => {
  it('cashier passwords are 4 to 6 digits', () => {
    for (const password of ['1234', '12345', '123456'])
      expect(isPasswordFormatValid('cashier', password)).toBe(true);
    for (const password of ['123', '1234567', '12a4', '', ' 1234', '１２３４']) {
      expect(isPasswordFormatValid('cashier', password)).toBe(false);
    }
  });

  it('supervisor passwords are exactly 6 digits, administrator passwords exactly 8', () => {
    expect(isPasswordFormatValid('supervisor', '123456')).toBe(true);
    expect(isPasswordFormatValid('supervisor', '12345')).toBe(false);
    expect(isPasswordFormatValid('supervisor', '1234567')).toBe(false);
    expect(isPasswordFormatValid('administrator', '12345678')).toBe(true);
    expect(isPasswordFormatValid('administrator', '1234567')).toBe(false);
    expect(isPasswordFormatValid('administrator', '123456789')).toBe(false);
    expect(describePasswordRule('cashier')).toBe('4 to 6 digits');
    expect(describePasswordRule('administrator')).toBe('exactly 8 digits');
  });

  it('knows the published default passwords', () => {
    for (const password of ['12345678', '123456', '0000'])
      expect(isPublishedDefaultPassword(password)).toBe(true);
    expect(isPublishedDefaultPassword('4711')).toBe(false);
  });
});

describe('password hashing', () => {
  it('stores scrypt$N$r$p$salt$hash with a 16-byte salt and a 32-byte hash', async () => {
    const stored = await hashPassword('4711', new SeededRandom(7), FAST_COST);
    expect(stored).toMatch(/^scrypt\$1024\$8\$1\$[0-9A-F]{32}\$[0-9A-F]{64}$/);
    const parsed = parseStoredHash(stored);
    expect(parsed.cost).toEqual(FAST_COST);
    expect(parsed.salt).toHaveLength(16);
    expect(parsed.hash).toHaveLength(32);
  });

  it('defaults to N=2^15, r=8, p=1', () => {
    expect(DEFAULT_SCRYPT_COST).toEqual({ N: 32768, r: 8, p: 1 });
  });

  it('draws the salt from the injected random source', async () => {
    const first = await hashPassword('4711', new SeededRandom(7), FAST_COST);
    const again = await hashPassword('4711', new SeededRandom(7), FAST_COST);
    const other = await hashPassword('4711', new SeededRandom(8), FAST_COST);
    expect(again).toBe(first);
    expect(other).not.toBe(first);
    expect(parseStoredHash(other).salt).not.toEqual(parseStoredHash(first).salt);
  });

  it('verifies the right password and refuses others', async () => {
    const stored = await hashPassword('4711', new SeededRandom(1), FAST_COST);
    await expect(verifyPassword('4711', stored)).resolves.toBe(true);
    await expect(verifyPassword('4712', stored)).resolves.toBe(false);
    await expect(verifyPassword('47110', stored)).resolves.toBe(false);
    await expect(verifyPassword('', stored)).resolves.toBe(false);
  });

  it('verifies with the parameters in the stored string, whatever the current cost', async () => {
    const cheap = await hashPassword('4711', new SeededRandom(1), { N: 16, r: 1, p: 1 });
    expect(cheap.startsWith('scrypt$16$1$1$')).toBe(true);
    await expect(verifyPassword('4711', cheap)).resolves.toBe(true);
  });

  it('verifies the RFC 7914 section 12 vector (password / NaCl, N=1024, r=8, p=16)', async () => {
    const hash =
      'FDBABE1C9D3472007856E7190D01E9FE7C6AD7CBC8237830E77376634B3731622EAF30D92E22A3886FF109279D9830DAC727AFB94A83EE6D8360CBDFA2CC0640';
    const salt = '4E61436C'; // "NaCl"
    await expect(verifyPassword('password', `scrypt$1024$8$16$${salt}$${hash}`)).resolves.toBe(true);
    await expect(verifyPassword('passwore', `scrypt$1024$8$16$${salt}$${hash}`)).resolves.toBe(false);
  });

  it('rejects a malformed stored hash naming the part, never the content', async () => {
    const good = await hashPassword('4711', new SeededRandom(1), FAST_COST);
    const [, , , , salt, hash] = good.split('$');
    const cases: Array<[string, string]> = [
      ['bcrypt$1024$8$1$00$00', 'format'],
      [`scrypt$1024$8$1$${salt}`, 'format'],
      [`scrypt$1000$8$1$${salt}$${hash}`, 'cost'],
      [`scrypt$${2 ** 21}$8$1$${salt}$${hash}`, 'cost'],
      [`scrypt$1024$0$1$${salt}$${hash}`, 'cost'],
      [`scrypt$1024$8$99$${salt}$${hash}`, 'cost'],
      [`scrypt$x$8$1$${salt}$${hash}`, 'N'],
      [`scrypt$1024$8$1$ABC$${hash}`, 'salt'],
      [`scrypt$1024$8$1$${salt}$`, 'hash'],
      [`scrypt$1024$8$1$${salt}$ZZ`, 'hash'],
    ];
    for (const [stored, part] of cases) {
      const error = await rejected(verifyPassword('4711', stored));
      expect(error.code).toBe('TERMINAL_STORAGE_FAILED');
      expect(error.details).toEqual({ part });
    }
  });

  it('refuses a cost outside the accepted bounds when hashing', async () => {
    const error = await rejected(hashPassword('4711', new SeededRandom(1), { N: 1000, r: 8, p: 1 }));
    expect(error.code).toBe('TERMINAL_INVALID_INPUT');
    expect(error.details.option).toBe('scryptCost');
  });
});
