import { terminalError } from '../errors.js';
import { ADMINISTRATOR_NUMBER, SUPERVISOR_NUMBER, type Role } from './roles.js';

/** The default operators and passwords published for real terminals (test-cards.md). */
export const DEFAULT_OPERATORS = [
  { number: ADMINISTRATOR_NUMBER, password: '12345678' },
  { number: SUPERVISOR_NUMBER, password: '123456' },
  { number: '01', password: '0000' },
] as const;

const PUBLISHED_DEFAULT_PASSWORDS: ReadonlySet<string> = new Set(
  DEFAULT_OPERATORS.map((operator) => operator.password),
);

/** Digits a password of each role has (product.md "Roles"). */
export const PASSWORD_LENGTHS: Readonly<Record<Role, { readonly min: number; readonly max: number }>> = {
  cashier: { min: 4, max: 6 },
  supervisor: { min: 6, max: 6 },
  administrator: { min: 8, max: 8 },
};

export function describePasswordRule(role: Role): string {
  const { min, max } = PASSWORD_LENGTHS[role];
  return min === max ? `exactly ${min} digits` : `${min} to ${max} digits`;
}

export function isPasswordFormatValid(role: Role, password: string): boolean {
  const { min, max } = PASSWORD_LENGTHS[role];
  return /^\d+$/.test(password) && password.length >= min && password.length <= max;
}

export function isPublishedDefaultPassword(password: string): boolean {
  return PUBLISHED_DEFAULT_PASSWORDS.has(password);
}

/** A password the role may hold at all; details name the rule, never the password. */
export function requirePasswordFormat(operator: string, role: Role, password: string): void {
  if (!isPasswordFormatValid(role, password)) {
    const rule = describePasswordRule(role);
    throw terminalError('TERMINAL_INVALID_INPUT', `A ${role} password is ${rule}`, {
      option: 'password',
      operator,
      rule,
    });
  }
}

/** A password an operator may choose: the role's format, not published, not the one it replaces. */
export function requireChosenPassword(
  operator: string,
  role: Role,
  newPassword: string,
  oldPassword: string,
): void {
  requirePasswordFormat(operator, role, newPassword);
  if (isPublishedDefaultPassword(newPassword)) {
    throw terminalError('TERMINAL_INVALID_INPUT', 'The new password may not be a published default', {
      option: 'password',
      operator,
      rule: 'not a published default',
    });
  }
  if (newPassword === oldPassword) {
    throw terminalError('TERMINAL_INVALID_INPUT', 'The new password must differ from the old one', {
      option: 'password',
      operator,
      rule: 'differs from the old password',
    });
  }
}
