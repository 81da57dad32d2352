import type { PosEnvelope, PosRequest } from '@payterm/protocol';
import type { JournalRecord, OriginalReference, TransactionType } from '../journal/journal-record.js';
import { buildOutcome, type TransactionOutcome } from './outcome.js';
import { printTransaction } from './printing.js';
import { answered, withoutIcc } from './record-updates.js';
import { runRecoveries, unknownOutcome } from './recovery.js';
import { signIn } from './sign-in.js';
import type { TerminalCore } from './terminal-core.js';

/** The record's fields that name what paid: a card read, or a QR code. */
export type InstrumentFields = Pick<
  JournalRecord,
  | 'maskedPan'
  | 'sealedPan'
  | 'expiry'
  | 'brand'
  | 'entry'
  | 'entryMode'
  | 'cardSequence'
  | 'securityControl'
  | 'iccHex'
  | 'pinVerified'
  | 'scope'
>;

/** What one online transaction sends and records, once its card (or code) is known. */
export interface PersistedTransactionPlan {
  readonly type: TransactionType;
  readonly operator: string;
  readonly amountMinor: number;
  readonly instrument: InstrumentFields;
  readonly original?: OriginalReference;
  readonly build: (envelope: PosEnvelope) => PosRequest;
  /** Changes to other records once approved (an original voided, refunded, completed). */
  readonly onApproved?: (record: JournalRecord) => JournalRecord[];
  /** Whether an approval without a PIN asks the signature pad (cards; never QR). */
  readonly signature: boolean;
  /** Whether the automatic sign-in of `prepareOnline` already ran. */
  readonly signedInAgain: boolean;
}

/**
 * The record written as `sending` with its STAN → online → result; an unanswered reversible request
 * is reversed at once (and later, until it gets through), an unanswered refund repeated.
 */
export async function runPersistedTransaction(
  core: TerminalCore,
  plan: PersistedTransactionPlan,
): Promise<TransactionOutcome> {
  let signedInAgain = plan.signedInAgain;
  const now = core.now();
  const { stan, lastStan } = core.peekNextStan();
  const envelope: PosEnvelope = { ...core.envelope(), stan, batch: core.state.batch };
  const request = plan.build(envelope);
  let record: JournalRecord = {
    id: core.journal.nextId(),
    type: plan.type,
    status: 'sending',
    stan,
    batch: core.state.batch,
    operator: plan.operator,
    amount: { amountMinor: plan.amountMinor, currency: core.profile.currency },
    ...plan.instrument,
    createdAt: now.iso,
    date: now.mmdd,
    time: now.hhmmss,
    ...(plan.original === undefined ? {} : { original: plan.original }),
  };
  // Persisted before it leaves: a crash from here on is recovered at the next start.
  await core.saveState({ lastStan }, [record]);
  const result = await core.online(request);
  if (!result.answered) {
    record =
      result.failure === 'not-sent'
        ? { ...record, status: 'not-sent' }
        : unknownOutcome(record, result.failure === 'mac' ? 'A0' : '98');
    await core.journal.commit([withoutIcc(record)]);
    if (result.failure !== 'not-sent') {
      await runRecoveries(core);
      record = core.journal.require(record.id);
    }
    const kind =
      result.failure === 'mac' ? 'mac-error' : result.failure === 'timeout' ? 'timeout' : 'not-sent';
    return buildOutcome(kind, record, [], signedInAgain);
  }
  const response = result.response;
  const approved = response.responseCode === '00';
  record = { ...answered(record, response), status: approved ? 'approved' : 'declined' };
  if (response.kind === 'balance' && response.balance !== undefined) {
    record = { ...record, balanceMinor: response.balance.amountMinor };
  }
  if (!approved) {
    await core.journal.commit([withoutIcc(record)]);
    if (!core.state.signedIn && core.state.resignInReason !== undefined)
      signedInAgain = (await signIn(core)).approved;
    return buildOutcome('declined', record, [], signedInAgain);
  }
  const signature =
    !plan.signature ||
    record.pinVerified ||
    plan.type === 'balance' ||
    core.devices.signaturePad === undefined
      ? undefined
      : await core.devices.signaturePad.capture({ maskedPan: record.maskedPan, amount: record.amount });
  if (signature !== undefined) record = { ...record, signature };
  record = withoutIcc(record);
  await core.saveState(plan.type === 'balance' ? {} : { lastSlipRecordId: record.id }, [
    record,
    ...(plan.onApproved?.(record) ?? []),
  ]);
  const printed =
    plan.type === 'balance' ? { slips: [], paperOut: false } : await printTransaction(core, record, false);
  return buildOutcome('approved', record, printed.slips, signedInAgain, printed.paperOut);
}
