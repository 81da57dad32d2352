import { maskPan } from '@payterm/kernel';
import type { CardData, PosEnvelope, PosRequest } from '@payterm/protocol';
import { terminalError } from '../errors.js';
import type { JournalRecord, OriginalReference, TransactionType } from '../journal/journal-record.js';
import type { Action } from '../operators/permissions.js';
import type { CardPurpose, CardRead } from '../ports/card-reader.js';
import type { PinEntry } from '../ports/pin-pad.js';
import type { TransactionOutcome } from './outcome.js';
import { runPersistedTransaction } from './persisted-transaction.js';
import { prepareOnline } from './readiness.js';
import { cardDataOf, iccHexOf } from './request-builder.js';
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
 * Every card transaction: checks → card → PIN → the persisted-before-send run of
 * `runPersistedTransaction` (record written as `sending` with its STAN → online → result).
 */
export async function runCardTransaction(
  core: TerminalCore,
  plan: CardTransactionPlan,
): Promise<TransactionOutcome> {
  const operator = core.requireOperator(plan.permission);
  const signedInAgain = await prepareOnline(core, plan.type);
  const card = await readCard(core, plan);
  const pin = await readPin(core, plan, card);
  const cardData = cardDataOf(card, pin, { track2: plan.track2 });
  const iccHex = iccHexOf(cardData);
  return runPersistedTransaction(core, {
    type: plan.type,
    operator: operator.number,
    amountMinor: plan.amountMinor,
    instrument: {
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
      scope: domestic(card.pan),
    },
    ...(plan.original === undefined ? {} : { original: plan.original }),
    build: (envelope) => plan.build(cardData, envelope),
    ...(plan.onApproved === undefined ? {} : { onApproved: plan.onApproved }),
    signature: true,
    signedInAgain,
  });
}
