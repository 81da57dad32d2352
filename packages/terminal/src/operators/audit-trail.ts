import type { StorageChange, TerminalStorage } from '../ports/storage.js';
import type { Action } from './permissions.js';

export type AuditEvent =
  | 'login-succeeded'
  | 'login-failed'
  | 'authorise-succeeded'
  | 'authorise-failed'
  | 'password-changed'
  | 'password-change-failed'
  | 'password-reset'
  | 'locked'
  | 'unlocked'
  | 'added'
  | 'removed';

/** Why a check failed, or what ended a lock. */
export type AuditReason =
  | 'unknown-operator'
  | 'wrong-password'
  | 'operator-locked'
  | 'permission-denied'
  | 'password-change-required'
  | 'password-reset';

/** The events the terminal reports to the host (product.md: every lock and unlock). */
export const HOST_REPORTED_AUDIT_EVENTS: ReadonlySet<AuditEvent> = new Set(['locked', 'unlocked']);

/** The operator number acting, or `system` for what the terminal does by itself (seeding). */
export type AuditActor = string;

/** One line of the terminal's audit log. Never holds a password or a hash. */
export interface AuditEntry {
  /** Zero-padded and increasing: the storage's key order is the order of events. */
  readonly key: string;
  /** ISO 8601 from the terminal's clock. */
  readonly time: string;
  readonly event: AuditEvent;
  /** The operator the event is about. */
  readonly operator: string;
  readonly actor: AuditActor;
  readonly action?: Action;
  readonly reason?: AuditReason;
  /** For `locked`: when the lock ends by itself. */
  readonly lockedUntil?: string;
  /** Whether the entry has reached the host (meaningful for HOST_REPORTED_AUDIT_EVENTS). */
  readonly reported: boolean;
}

export type AuditDraft = Omit<AuditEntry, 'key' | 'time' | 'reported'>;

export const AUDIT_KEY_DIGITS = 10;

/**
 * Builds the storage changes that append audit entries, and reads the log back. Appending returns
 * changes instead of writing them so that the caller writes each entry in the same atomic batch as the
 * operator document it explains. Callers serialise appends (keys are reserved in memory).
 */
export class AuditTrail {
  readonly #storage: TerminalStorage;
  #nextSequence: number | undefined;

  constructor(storage: TerminalStorage) {
    this.#storage = storage;
  }

  /** The changes appending `drafts` at `time`, in order. A failed write leaves a gap, never a reuse. */
  async append(drafts: readonly AuditDraft[], time: string): Promise<StorageChange[]> {
    let sequence = this.#nextSequence ?? (await this.#sequenceAfterStored());
    const changes = drafts.map((draft): StorageChange => {
      const key = String(sequence).padStart(AUDIT_KEY_DIGITS, '0');
      sequence += 1;
      const entry: AuditEntry = { key, time, ...draft, reported: false };
      return { collection: 'audit', key, value: entry };
    });
    this.#nextSequence = sequence;
    return changes;
  }

  /** Newest first; `limit` keeps that many. */
  async entries(limit?: number): Promise<AuditEntry[]> {
    const newestFirst = (await this.#storage.list<AuditEntry>('audit')).reverse();
    return limit === undefined ? newestFirst : newestFirst.slice(0, Math.max(0, limit));
  }

  /** Host-reported events not yet marked reported, oldest first. */
  async pendingReports(): Promise<AuditEntry[]> {
    const all = await this.#storage.list<AuditEntry>('audit');
    return all.filter((entry) => !entry.reported && HOST_REPORTED_AUDIT_EVENTS.has(entry.event));
  }

  /** Marks the entries with these keys reported in one write; unknown keys are skipped. Returns how many changed. */
  async markReported(keys: readonly string[]): Promise<number> {
    const changes: StorageChange[] = [];
    for (const key of new Set(keys)) {
      const entry = await this.#storage.get<AuditEntry>('audit', key);
      if (entry !== undefined && !entry.reported) {
        changes.push({ collection: 'audit', key, value: { ...entry, reported: true } });
      }
    }
    if (changes.length > 0) await this.#storage.write(changes);
    return changes.length;
  }

  async #sequenceAfterStored(): Promise<number> {
    // Keys sort as text, so the last all-digit key is the highest sequence written so far.
    const entries = await this.#storage.list<AuditEntry>('audit');
    const last = entries.findLast((entry) => /^\d+$/.test(entry.key));
    return last === undefined ? 1 : Number(last.key) + 1;
  }
}
