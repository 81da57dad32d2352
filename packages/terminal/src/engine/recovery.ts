import type { PosResponse } from '@payterm/protocol';
import type { JournalRecord, RecoveryState } from '../journal/journal-record.js';
import { answered, withoutIcc } from './record-updates.js';
import { isRepeated, isReversible, refundRequestOf, reversalOf } from './request-builder.js';
import type { TerminalCore } from './terminal-core.js';

/** What became of one pending recovery in a pass. */
export interface RecoveryReport {
  readonly record: JournalRecord;
  /** Whether this pass ended the recovery (a 0410, or the repeated refund's answer). */
  readonly resolved: boolean;
}

/** Marks a record whose outcome is unknown: reverse it, or repeat it when it cannot be reversed. */
export function unknownOutcome(record: JournalRecord, reason: string): JournalRecord {
  if (isReversible(record.type)) {
    return { ...record, status: 'reversal-pending', recovery: { action: 'reverse', reason, attempts: 0 } };
  }
  if (isRepeated(record.type)) {
    return { ...record, status: 'unknown', recovery: { action: 'repeat', reason, attempts: 0 } };
  }
  // A balance inquiry moves no money: nothing to recover.
  return { ...record, status: 'declined' };
}

/**
 * At start: a record still `sending` was on its way when the terminal stopped (crash, power loss,
 * page reload). Its answer, if any, is lost, so it is recovered like a timeout (reason `98`).
 */
export async function recoverInterrupted(core: TerminalCore): Promise<JournalRecord[]> {
  const interrupted = core.journal.interrupted().map((record) => withoutIcc(unknownOutcome(record, '98')));
  if (interrupted.length > 0) await core.journal.commit(interrupted);
  return interrupted;
}

/** Recoveries that still have attempts left. */
export function openRecoveries(core: TerminalCore): JournalRecord[] {
  return core.journal
    .pendingRecoveries()
    .filter((record) => (record.recovery?.attempts ?? 0) < core.profile.reversalAttempts);
}

/**
 * One pass over the pending recoveries, oldest first (pos-dialect "Reversal rules": sent on timeout,
 * before the next online transaction and before settlement, up to the profile's attempts). The
 * attempt is counted on disk before it is sent, so a crash mid-attempt still counts. Stops at the
 * first one the host does not answer: the others would not get through either.
 */
export async function runRecoveries(core: TerminalCore): Promise<RecoveryReport[]> {
  // Signed off or told to sign in again: nothing can be MAC'd (or the host would answer 77 without
  // reversing), so no attempt is spent; the next sign-in sends them.
  if (!core.state.signedIn || !core.devices.security.hasWorkingKeys()) return [];
  const reports: RecoveryReport[] = [];
  for (const pending of openRecoveries(core)) {
    const previous = pending.recovery as RecoveryState;
    const attempt: JournalRecord = {
      ...pending,
      recovery: { ...previous, attempts: previous.attempts + 1, lastAttemptAt: core.now().iso },
    };
    await core.journal.commit([attempt]);
    // A QR void or refund has no card (nor code) sealed.
    const pan = attempt.sealedPan === '' ? '' : core.devices.security.unsealPan(attempt.sealedPan);
    const request =
      previous.action === 'reverse'
        ? reversalOf(attempt, core.envelope(), pan)
        : refundRequestOf(attempt, core.envelope(), pan);
    const result = await core.online(request);
    // A 0410 saying 77 or A0 processed nothing (stale batch or keys): the reversal must go again
    // after the sign-in those codes call for, so it counts as an attempt that did not get through.
    const refused =
      result.answered && previous.action === 'reverse' && NOT_PROCESSED.has(result.response.responseCode)
        ? `host-${result.response.responseCode}`
        : undefined;
    if (!result.answered || refused !== undefined) {
      const exhausted =
        attempt.recovery !== undefined && attempt.recovery.attempts >= core.profile.reversalAttempts;
      const failed: JournalRecord = withoutIcc({
        ...attempt,
        status: exhausted && previous.action === 'reverse' ? 'reversal-failed' : attempt.status,
        recovery: {
          ...(attempt.recovery as RecoveryState),
          lastError: refused ?? (result.answered ? 'answered' : result.failure),
        },
      });
      await core.journal.commit([failed]);
      reports.push({ record: failed, resolved: false });
      break;
    }
    const code = result.response.responseCode;
    const records =
      previous.action === 'reverse'
        ? reversed(core, attempt, code)
        : repeated(core, attempt, result.response);
    await core.journal.commit(records);
    reports.push({ record: records[0] as JournalRecord, resolved: true });
  }
  return reports;
}

/** Answers to a request that mean the host did not look at it (batch mismatch, MAC error). */
const NOT_PROCESSED: ReadonlySet<string> = new Set(['77', 'A0']);

/** Any other 0410 ends a reversal; what the reversed transaction did to its original is undone. */
function reversed(core: TerminalCore, record: JournalRecord, code: string): JournalRecord[] {
  const done: JournalRecord = withoutIcc({
    ...record,
    status: 'reversed',
    recovery: { ...(record.recovery as RecoveryState), responseCode: code },
  });
  const originalId = record.original?.recordId;
  const original = originalId === undefined ? undefined : core.journal.get(originalId);
  if (original === undefined) return [done];
  const restored: JournalRecord =
    record.type === 'preauth-completion'
      ? withoutField(original, 'completedBy', record.id)
      : withoutField(original, 'voidedBy', record.id);
  return [done, restored];
}

function withoutField(record: JournalRecord, field: 'voidedBy' | 'completedBy', id: string): JournalRecord {
  if (record[field] !== id) return record;
  const copy: Record<string, unknown> = { ...record };
  delete copy[field];
  return copy as unknown as JournalRecord;
}

/**
 * Answers to a repeat that are not the host's answer to the refund: `94`, it holds that STAN with
 * other content (keys changed since); `77` and `A0`, it processed nothing (batch or MAC mismatch),
 * and the repeat after the sign-in they ask for would be a `94`.
 */
const NOT_THE_REFUNDS_ANSWER: ReadonlySet<string> = new Set(['94', '77', 'A0']);

/**
 * The repeated refund's answer is the host's answer to the original request (idempotent
 * retransmission). When it is not (NOT_THE_REFUNDS_ANSWER) the outcome stays unknown, and settlement
 * with batch upload reconciles it.
 */
function repeated(core: TerminalCore, record: JournalRecord, response: PosResponse): JournalRecord[] {
  const code = response.responseCode;
  const recovery: RecoveryState = { ...(record.recovery as RecoveryState), responseCode: code };
  if (NOT_THE_REFUNDS_ANSWER.has(code)) {
    return [{ ...record, recovery: { ...recovery, attempts: core.profile.reversalAttempts } }];
  }
  const settled: JournalRecord = {
    ...answered(record, response),
    status: code === '00' ? 'approved' : 'declined',
    recovery,
  };
  const originalId = record.original?.recordId;
  const original = originalId === undefined ? undefined : core.journal.get(originalId);
  if (code !== '00' || original === undefined) return [settled];
  return [settled, { ...original, refundedMinor: (original.refundedMinor ?? 0) + record.amount.amountMinor }];
}
