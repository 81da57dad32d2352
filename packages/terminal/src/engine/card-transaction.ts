import { maskPan } from '@payterm/kernel';
import type { CardData, PosEnvelope, PosRequest } from '@payterm/protocol';
import { terminalError } from '../errors.js';
import type { JournalRecord, OriginalReference, TransactionType } from '../journal/journal-record.js';
import type { Action } from '../operators/permissions.js';
import type { CardPurpose, CardRead } from '../ports/card-reader.js';
import type { PinEntry } from '../ports/pin-pad.js';
import { buildOutcome, type TransactionOutcome } from './outcome.js';
import { printTransaction } from './printing.js';
import { prepareOnline } from './readiness.js';
import { answered, withoutIcc } from './record-updates.js';
import { runRecoveries, unknownOutcome } from './recovery.js';
import { cardDataOf, iccHexOf } from './request-builder.js';
import { signIn } from './sign-in.js';
import type { TerminalCore } from './terminal-core.js';

/** What differs between card transactions; the runner does the rest the same way for all. */
export interface CardTransactionPlan {
  readonly type: TransactionType;
  readonly purpose: CardPurpose;
  readonly permission: Action;
  readonly amountMinor: number;
  /** Ask for the PIN when the card wants one (refunds never: they are repeated, not reversed). */
  readonly pin: boolean;
  /** The operator may key the card number in (a supervisor authorised it). */
  readonly keyedAllowed?: boolean;
  /** Send track 2 (not for refunds, whose repeat must be rebuilt without stored track data). */
  readonly track2: boolean;
  readonly original?: OriginalReference;
  /** The original's sealed PAN: the card presented must be the same one. */
  readonly originalSealedPan?: string;
  readonly build: (card: CardData, envelope: PosEnvelope) => PosRequest;
  /** Changes to other records once approved (an original voided, refunded, completed). */
  readonly onApproved?: (record: JournalRecord) => JournalRecord[];
}

function domestic(pan: string): 'domestic' | 'foreign' {
  return pan.startsWith('62') ? 'domestic' : 'foreign';
}

function randomBytes(core: TerminalCore, length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  core.devices.random.fillBytes(bytes);
  return bytes;
}

async function readCard(core: TerminalCore, plan: CardTransactionPlan): Promise<CardRead> {
  const now = core.now();
  const read = await core.devices.cardReader.readCard({
    purpose: plan.purpose,
    ...(plan.type === 'balance'
      ? {}
      : { amount: { amountMinor: plan.amountMinor, currency: core.profile.currency } }),
    allowed: plan.keyedAllowed === true ? ['swipe', 'insert', 'tap', 'keyed'] : ['swipe', 'insert', 'tap'],
    transactionDate: now.yymmdd,
    unpredictableNumber: randomBytes(core, 4),
  });
  if ('cancelled' in read)
    throw terminalError('TERMINAL_CANCELLED', 'no card was presented', { step: 'card' });
  if (
    plan.originalSealedPan !== undefined &&
    core.devices.security.unsealPan(plan.originalSealedPan) !== read.pan
  ) {
    throw terminalError(
      'TERMINAL_TRANSACTION_NOT_ALLOWED',
      'this is not the card of the original transaction',
      {
        reason: 'card-mismatch',
      },
    );
  }
  return read;
}

async function readPin(
  core: TerminalCore,
  plan: CardTransactionPlan,
  card: CardRead,
): Promise<PinEntry | undefined> {
  if (!plan.pin || !card.pinRequired) return undefined;
  const entry = await core.devices.pinPad.enterPin({
    pan: card.pan,
    maskedPan: maskPan(card.pan),
    ...(plan.type === 'balance'
      ? {}
      : { amount: { amountMinor: plan.amountMinor, currency: core.profile.currency } }),
    bypassAllowed: card.brand !== 'UnionPay',
  });
  if (entry.kind === 'cancelled')
    throw terminalError('TERMINAL_CANCELLED', 'the PIN entry was cancelled', { step: 'pin' });
  return entry;
}

/**
 * Every card transaction: checks → card → PIN → record written as `sending` with its STAN → online →
 * result; an unanswered reversible request is reversed at once (and later, until it gets through).
 */
export async function runCardTransaction(
  core: TerminalCore,
  plan: CardTransactionPlan,
): Promise<TransactionOutcome> {
  const operator = core.requireOperator(plan.permission);
  let signedInAgain = await prepareOnline(core, plan.type);
  const card = await readCard(core, plan);
  const pin = await readPin(core, plan, card);
  const cardData = cardDataOf(card, pin, { track2: plan.track2 });
  const now = core.now();
  const { stan, lastStan } = core.peekNextStan();
  const envelope: PosEnvelope = { ...core.envelope(), stan, batch: core.state.batch };
  const request = plan.build(cardData, envelope);
  const iccHex = iccHexOf(cardData);
  let record: JournalRecord = {
    id: core.journal.nextId(),
    type: plan.type,
    status: 'sending',
    stan,
    batch: core.state.batch,
    operator: operator.number,
    amount: { amountMinor: plan.amountMinor, currency: core.profile.currency },
    maskedPan: maskPan(card.pan),
    sealedPan: core.devices.security.sealPan(card.pan),
    expiry: card.expiry,
    brand: card.brand,
    entry: card.entry,
    entryMode: cardData.entryMode,
    ...(card.cardSequence === undefined ? {} : { cardSequence: card.cardSequence }),
    ...(cardData.securityControl === undefined ? {} : { securityControl: cardData.securityControl }),
    ...(iccHex === undefined ? {} : { iccHex }),
    pinVerified: pin?.kind === 'pin',
    createdAt: now.iso,
    date: now.mmdd,
    time: now.hhmmss,
    scope: domestic(card.pan),
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
    record.pinVerified || plan.type === 'balance' || core.devices.signaturePad === undefined
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
