import type { Clock, RandomSource } from '@payterm/kernel';
import { terminalError, type TerminalError } from '../errors.js';
import type { StorageChange, TerminalStorage } from '../ports/storage.js';
import type { TerminalProfile } from '../profile.js';
import {
  AuditTrail,
  type AuditDraft,
  type AuditEntry,
  type AuditEvent,
  type AuditReason,
} from './audit-trail.js';
import {
  DEFAULT_SCRYPT_COST,
  PUBLISHED_DEFAULT_SCRYPT_COST,
  hashPassword,
  requireAcceptableScryptCost,
  verifyPassword,
  type ScryptCost,
} from './password-hash.js';
import { DEFAULT_OPERATORS, requireChosenPassword, requirePasswordFormat } from './password-rules.js';
import { actionToReset, actionToUnlock, can, requirePermission, type Action } from './permissions.js';
import {
  activeLockUntil,
  afterRightPassword,
  afterWrongPassword,
  MAX_PASSWORD_TRIES,
  toOperator,
  toStatus,
  type Operator,
  type OperatorRecord,
  type OperatorStatus,
} from './operator-record.js';
import { requireCashierNumber, requireRoleOfNumber } from './roles.js';

export type OperatorDirectoryOptions = Pick<TerminalProfile, 'lockoutMinutes' | 'demo'> & {
  /** scrypt cost for new hashes (default N=2^15, r=8, p=1); stored hashes keep their own. */
  readonly scryptCost?: ScryptCost;
};

/** A password check: which audit event a failure writes, and the action it authorises if any. */
interface Attempt {
  readonly failedEvent: AuditEvent;
  readonly action?: Action;
}

/**
 * The terminal's operators (product.md "Roles"): login, password changes, three-strikes lockout,
 * cashier administration and the audit log. Every state change is one atomic storage write holding
 * the operator document and its audit entries. Operations run one at a time, so concurrent wrong
 * passwords cannot both see the same count.
 */
export class OperatorDirectory {
  readonly #storage: TerminalStorage;
  readonly #clock: Clock;
  readonly #random: RandomSource;
  readonly #lockoutMinutes: number;
  readonly #demo: boolean;
  readonly #scryptCost: ScryptCost;
  readonly #audit: AuditTrail;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(
    storage: TerminalStorage,
    clock: Clock,
    random: RandomSource,
    options: OperatorDirectoryOptions,
  ) {
    if (!Number.isSafeInteger(options.lockoutMinutes) || options.lockoutMinutes <= 0) {
      throw terminalError('TERMINAL_INVALID_INPUT', 'lockoutMinutes must be a positive whole number', {
        option: 'lockoutMinutes',
      });
    }
    const scryptCost = options.scryptCost ?? DEFAULT_SCRYPT_COST;
    requireAcceptableScryptCost(scryptCost);
    this.#storage = storage;
    this.#clock = clock;
    this.#random = random;
    this.#lockoutMinutes = options.lockoutMinutes;
    this.#demo = options.demo;
    this.#scryptCost = scryptCost;
    this.#audit = new AuditTrail(storage);
  }

  /**
   * Seeds the published default operators (99, 00, 01) into an empty directory; they must change
   * their passwords at first use unless the terminal runs the demo. Returns whether it seeded.
   */
  initialise(): Promise<boolean> {
    return this.#exclusive(async () => {
      if ((await this.#storage.list('operators')).length > 0) return false;
      const now = this.#nowIso();
      const records: OperatorRecord[] = [];
      for (const { number, password } of DEFAULT_OPERATORS) {
        // The published defaults are no secret, so their hashes need no work factor: the forced
        // change at first login stores the real password at the full cost (first boot in a browser
        // would otherwise spend seconds on three public passwords).
        const hash = await hashPassword(password, this.#random, PUBLISHED_DEFAULT_SCRYPT_COST);
        records.push(this.#newRecord(number, hash, !this.#demo, now));
      }
      const drafts = records.map((record): AuditDraft => ({
        event: 'added',
        operator: record.number,
        actor: 'system',
      }));
      await this.#write(records.map(operatorChange), drafts);
      return true;
    });
  }

  /** The operator, when the password is right; a `mustChangePassword` operator must change it next. */
  login(number: string, password: string): Promise<Operator> {
    return this.#exclusive(async () => {
      const record = await this.#verify(number, password, { failedEvent: 'login-failed' });
      const loggedIn: OperatorRecord = { ...afterRightPassword(record), lastLoginAt: this.#nowIso() };
      await this.#write(
        [operatorChange(loggedIn)],
        [{ event: 'login-succeeded', operator: number, actor: number }],
      );
      return toOperator(loggedIn);
    });
  }

  /**
   * A supervisor's or administrator's password typed to allow one action (void, refund): the same
   * counting and lockout as login. Returns the authorising operator.
   */
  authorise(number: string, password: string, action: Action): Promise<Operator> {
    return this.#exclusive(async () => {
      const record = afterRightPassword(
        await this.#verify(number, password, { failedEvent: 'authorise-failed', action }),
      );
      if (record.mustChangePassword) {
        const draft: AuditDraft = {
          event: 'authorise-failed',
          operator: number,
          actor: number,
          action,
          reason: 'password-change-required',
        };
        await this.#write([operatorChange(record)], [draft]);
        throw terminalError(
          'TERMINAL_PASSWORD_CHANGE_REQUIRED',
          `Operator ${number} must change the password first`,
          {
            operator: number,
          },
        );
      }
      await this.#write(
        [operatorChange(record)],
        [{ event: 'authorise-succeeded', operator: number, actor: number, action }],
      );
      return toOperator(record);
    });
  }

  /** The operator's own change: role rules, not a published default, not the old one. Clears the forced change. */
  changePassword(number: string, oldPassword: string, newPassword: string): Promise<Operator> {
    return this.#exclusive(async () => {
      requireChosenPassword(number, requireRoleOfNumber(number), newPassword, oldPassword);
      const record = await this.#verify(number, oldPassword, { failedEvent: 'password-change-failed' });
      const changed: OperatorRecord = {
        ...afterRightPassword(record),
        passwordHash: await this.#hash(newPassword),
        mustChangePassword: false,
        passwordChangedAt: this.#nowIso(),
      };
      await this.#write(
        [operatorChange(changed)],
        [{ event: 'password-changed', operator: number, actor: number }],
      );
      return toOperator(changed);
    });
  }

  /** A new cashier (01–20) with a first password the cashier must change at first login. */
  addCashier(actor: Operator, number: string, password: string): Promise<OperatorStatus> {
    return this.#exclusive(async () => {
      await this.#requireActor(actor, 'manage-cashiers');
      requireCashierNumber(number);
      requirePasswordFormat(number, 'cashier', password);
      if ((await this.#get(number)) !== undefined) {
        throw terminalError('TERMINAL_OPERATOR_EXISTS', `Operator ${number} exists already`, {
          operator: number,
        });
      }
      const record = this.#newRecord(number, await this.#hash(password), true, this.#nowIso());
      await this.#write(
        [operatorChange(record)],
        [{ event: 'added', operator: number, actor: actor.number }],
      );
      return toStatus(record, this.#clock.nowMs());
    });
  }

  removeCashier(actor: Operator, number: string): Promise<void> {
    return this.#exclusive(async () => {
      await this.#requireActor(actor, 'manage-cashiers');
      requireCashierNumber(number);
      await this.#require(number);
      await this.#write(
        [{ collection: 'operators', key: number, value: null }],
        [{ event: 'removed', operator: number, actor: actor.number }],
      );
    });
  }

  /**
   * A new password set by the supervisor (for a cashier) or the administrator (for the supervisor or a
   * cashier); the operator must change it at next login. It also ends a lock: the wrong tries were
   * against the old password.
   */
  resetPassword(actor: Operator, number: string, newPassword: string): Promise<OperatorStatus> {
    return this.#exclusive(async () => {
      const role = requireRoleOfNumber(number);
      await this.#requireActor(actor, actionToReset(role));
      requirePasswordFormat(number, role, newPassword);
      const record = await this.#require(number);
      const nowMs = this.#clock.nowMs();
      const wasLocked = activeLockUntil(record, nowMs) !== null;
      const reset: OperatorRecord = {
        ...afterRightPassword(record),
        passwordHash: await this.#hash(newPassword),
        mustChangePassword: true,
        passwordChangedAt: this.#nowIso(),
      };
      const drafts: AuditDraft[] = [{ event: 'password-reset', operator: number, actor: actor.number }];
      if (wasLocked)
        drafts.push({ event: 'unlocked', operator: number, actor: actor.number, reason: 'password-reset' });
      await this.#write([operatorChange(reset)], drafts);
      return toStatus(reset, nowMs);
    });
  }

  /**
   * Ends a lock before its time: the supervisor unlocks cashiers, the administrator the supervisor and
   * cashiers. An operator who is not locked is left as is (no write, no audit entry).
   */
  unlock(actor: Operator, number: string): Promise<OperatorStatus> {
    return this.#exclusive(async () => {
      const role = requireRoleOfNumber(number);
      await this.#requireActor(actor, actionToUnlock(role));
      const record = await this.#require(number);
      const nowMs = this.#clock.nowMs();
      if (activeLockUntil(record, nowMs) === null) return toStatus(record, nowMs);
      const unlocked = afterRightPassword(record);
      await this.#write(
        [operatorChange(unlocked)],
        [{ event: 'unlocked', operator: number, actor: actor.number }],
      );
      return toStatus(unlocked, nowMs);
    });
  }

  /** Every operator by number, without password hashes. */
  async list(): Promise<OperatorStatus[]> {
    const nowMs = this.#clock.nowMs();
    return (await this.#storage.list<OperatorRecord>('operators')).map((record) => toStatus(record, nowMs));
  }

  async status(number: string): Promise<OperatorStatus> {
    requireRoleOfNumber(number);
    return toStatus(await this.#require(number), this.#clock.nowMs());
  }

  /** The audit log, newest first. */
  auditLog(options: { readonly limit?: number } = {}): Promise<AuditEntry[]> {
    return this.#audit.entries(options.limit);
  }

  /** Lock and unlock entries the host has not been told about yet, oldest first. */
  pendingReports(): Promise<AuditEntry[]> {
    return this.#audit.pendingReports();
  }

  /** Marks audit entries as reported to the host; returns how many changed. */
  markReported(keys: readonly string[]): Promise<number> {
    return this.#exclusive(() => this.#audit.markReported(keys));
  }

  /**
   * Checks a password with lockout: a locked operator is refused without checking, a wrong password
   * counts (the third locks). Returns the stored record when the password is right; the caller writes
   * the success.
   */
  async #verify(number: string, password: string, attempt: Attempt): Promise<OperatorRecord> {
    const role = requireRoleOfNumber(number);
    const failure = (reason: AuditReason): AuditDraft => ({
      event: attempt.failedEvent,
      operator: number,
      actor: number,
      reason,
      ...(attempt.action === undefined ? {} : { action: attempt.action }),
    });
    const record = await this.#get(number);
    if (record === undefined) {
      await this.#write([], [failure('unknown-operator')]);
      throw unknownOperator(number);
    }
    if (attempt.action !== undefined && !can(role, attempt.action)) {
      await this.#write([], [failure('permission-denied')]);
      throw terminalError('TERMINAL_PERMISSION_DENIED', `The ${role} may not authorise ${attempt.action}`, {
        operator: number,
        role,
        action: attempt.action,
      });
    }
    const nowMs = this.#clock.nowMs();
    const lockedUntil = activeLockUntil(record, nowMs);
    if (lockedUntil !== null) {
      await this.#write([], [failure('operator-locked')]);
      throw operatorLocked(number, lockedUntil);
    }
    if (await verifyPassword(password, record.passwordHash)) return record;

    const counted = afterWrongPassword(record, nowMs, this.#lockoutMinutes);
    const drafts = [failure('wrong-password')];
    if (counted.lockedUntil !== null) {
      drafts.push({ event: 'locked', operator: number, actor: number, lockedUntil: counted.lockedUntil });
    }
    await this.#write([operatorChange(counted)], drafts);
    if (counted.lockedUntil !== null) throw operatorLocked(number, counted.lockedUntil);
    const triesLeft = MAX_PASSWORD_TRIES - counted.failedAttempts;
    throw terminalError('TERMINAL_PASSWORD_WRONG', `Wrong password for operator ${number}`, {
      operator: number,
      triesLeft,
    });
  }

  /** The actor as stored now (it may have been removed or have changed its password since login). */
  async #requireActor(actor: Operator, action: Action): Promise<void> {
    const record = await this.#get(actor.number);
    if (record === undefined) {
      throw terminalError(
        'TERMINAL_LOGIN_REQUIRED',
        `Operator ${actor.number} is no longer on the terminal`,
        {
          operator: actor.number,
        },
      );
    }
    requirePermission(toOperator(record), action);
  }

  async #write(operatorChanges: readonly StorageChange[], drafts: readonly AuditDraft[]): Promise<void> {
    const auditChanges = await this.#audit.append(drafts, this.#nowIso());
    await this.#storage.write([...operatorChanges, ...auditChanges]);
  }

  #get(number: string): Promise<OperatorRecord | undefined> {
    return this.#storage.get<OperatorRecord>('operators', number);
  }

  async #require(number: string): Promise<OperatorRecord> {
    const record = await this.#get(number);
    if (record === undefined) throw unknownOperator(number);
    return record;
  }

  #newRecord(number: string, passwordHash: string, mustChangePassword: boolean, now: string): OperatorRecord {
    return {
      number,
      passwordHash,
      mustChangePassword,
      failedAttempts: 0,
      lockedUntil: null,
      createdAt: now,
      passwordChangedAt: now,
      lastLoginAt: null,
    };
  }

  #hash(password: string): Promise<string> {
    return hashPassword(password, this.#random, this.#scryptCost);
  }

  #nowIso(): string {
    return this.#clock.now().toISOString();
  }

  #exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task);
    this.#queue = run.catch(() => undefined);
    return run;
  }
}

function operatorChange(record: OperatorRecord): StorageChange {
  return { collection: 'operators', key: record.number, value: record };
}

function unknownOperator(number: string): TerminalError {
  return terminalError('TERMINAL_OPERATOR_UNKNOWN', `No operator ${number}`, { operator: number });
}

function operatorLocked(number: string, lockedUntil: string): TerminalError {
  return terminalError('TERMINAL_OPERATOR_LOCKED', `Operator ${number} is locked until ${lockedUntil}`, {
    operator: number,
    lockedUntil,
  });
}
