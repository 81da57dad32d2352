import { terminalError } from '../errors.js';

/** The three local roles of product.md "Roles"; the operator number decides the role. */
export type Role = 'administrator' | 'supervisor' | 'cashier';

export const ADMINISTRATOR_NUMBER = '99';
export const SUPERVISOR_NUMBER = '00';

/** Every operator number the terminal knows: `99`, `00` and the cashiers `01`–`20`. */
export function isOperatorNumber(number: string): boolean {
  return roleOfNumber(number) !== undefined;
}

export function isCashierNumber(number: string): boolean {
  return roleOfNumber(number) === 'cashier';
}

export function roleOfNumber(number: string): Role | undefined {
  if (number === ADMINISTRATOR_NUMBER) return 'administrator';
  if (number === SUPERVISOR_NUMBER) return 'supervisor';
  if (/^\d{2}$/.test(number) && Number(number) >= 1 && Number(number) <= 20) return 'cashier';
  return undefined;
}

/** The role of a number the caller has already checked; a malformed one is the operator's typing error. */
export function requireRoleOfNumber(number: string): Role {
  const role = roleOfNumber(number);
  if (role === undefined) {
    throw terminalError('TERMINAL_INVALID_INPUT', 'Operator numbers are 99, 00 and 01 to 20', {
      option: 'operator',
    });
  }
  return role;
}

export function requireCashierNumber(number: string): void {
  if (!isCashierNumber(number)) {
    throw terminalError('TERMINAL_INVALID_INPUT', 'Cashier numbers are 01 to 20', { option: 'operator' });
  }
}
