import { terminalError } from '../errors.js';
import type { Role } from './roles.js';

const CASHIER_ACTIONS = [
  'sale',
  'qr',
  'balance',
  'preauth',
  'query',
  'reprint',
  'sign-in',
  'sign-off',
  'change-own-password',
] as const;

const SUPERVISOR_ACTIONS = [
  'authorise-void-refund',
  'settle',
  'manage-cashiers',
  'reset-cashier-password',
  'unlock-cashier',
  'reprint-settlement',
] as const;

const ADMINISTRATOR_ACTIONS = [
  'parameters',
  'key-load',
  'manage-supervisor',
  'unlock-supervisor',
  'upgrade',
  'clear-journal',
] as const;

/** Card and QR transactions: the administrator does not do them, as on real terminals. */
const CUSTOMER_TRANSACTIONS = ['sale', 'qr', 'balance', 'preauth'] as const;

export type Action =
  | (typeof CASHIER_ACTIONS)[number]
  | (typeof SUPERVISOR_ACTIONS)[number]
  | (typeof ADMINISTRATOR_ACTIONS)[number];

export const ACTIONS: readonly Action[] = [
  ...CASHIER_ACTIONS,
  ...SUPERVISOR_ACTIONS,
  ...ADMINISTRATOR_ACTIONS,
];

const customerTransactions: ReadonlySet<Action> = new Set(CUSTOMER_TRANSACTIONS);

/** What each role may do (product.md "Roles"). */
export const PERMISSIONS: Readonly<Record<Role, ReadonlySet<Action>>> = {
  cashier: new Set(CASHIER_ACTIONS),
  supervisor: new Set([...CASHIER_ACTIONS, ...SUPERVISOR_ACTIONS]),
  administrator: new Set(
    [...CASHIER_ACTIONS, ...SUPERVISOR_ACTIONS, ...ADMINISTRATOR_ACTIONS].filter(
      (action) => !customerTransactions.has(action),
    ),
  ),
};

export function can(role: Role, action: Action): boolean {
  return PERMISSIONS[role].has(action);
}

/** The part of a logged-in operator a permission check needs. */
export interface PermissionSubject {
  readonly number: string;
  readonly role: Role;
  readonly mustChangePassword: boolean;
}

/**
 * Throws unless `operator` may do `action` now: the role must allow it, and an operator who still has
 * to change a default or reset password may do nothing else first.
 */
export function requirePermission(operator: PermissionSubject, action: Action): void {
  if (!can(operator.role, action)) {
    throw terminalError('TERMINAL_PERMISSION_DENIED', `The ${operator.role} may not do ${action}`, {
      operator: operator.number,
      role: operator.role,
      action,
    });
  }
  if (operator.mustChangePassword && action !== 'change-own-password') {
    throw terminalError(
      'TERMINAL_PASSWORD_CHANGE_REQUIRED',
      `Operator ${operator.number} must change the password first`,
      { operator: operator.number },
    );
  }
}

/** Who may reset the password of each role; nobody resets the administrator's. */
const RESET_ACTION: Readonly<Record<Role, Action | null>> = {
  cashier: 'reset-cashier-password',
  supervisor: 'manage-supervisor',
  administrator: null,
};

/** Who may unlock each role; the administrator's lock ends only with time. */
const UNLOCK_ACTION: Readonly<Record<Role, Action | null>> = {
  cashier: 'unlock-cashier',
  supervisor: 'unlock-supervisor',
  administrator: null,
};

/** The action an actor needs to reset a password of `role`. */
export function actionToReset(role: Role): Action {
  return targetAction(RESET_ACTION[role], role, 'reset the password of');
}

/** The action an actor needs to unlock an operator of `role`. */
export function actionToUnlock(role: Role): Action {
  return targetAction(UNLOCK_ACTION[role], role, 'unlock');
}

function targetAction(action: Action | null, role: Role, what: string): Action {
  if (action === null) {
    throw terminalError('TERMINAL_PERMISSION_DENIED', `No operator may ${what} the ${role}`, { role });
  }
  return action;
}
