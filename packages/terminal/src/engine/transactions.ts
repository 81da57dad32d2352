import { MAX_ISO_AMOUNT_MINOR } from '@payterm/kernel';
import { terminalError } from '../errors.js';
import type { JournalRecord, OriginalReference } from '../journal/journal-record.js';
import { runCardTransaction } from './card-transaction.js';
import type { TransactionOutcome } from './outcome.js';
import { originalData, refundRequest } from './request-builder.js';
import type { TerminalCore } from './terminal-core.js';

export function checkAmount(amountMinor: number): number {
  if (!Number.isSafeInteger(amountMinor) || amountMinor <= 0 || amountMinor > MAX_ISO_AMOUNT_MINOR) {
    throw terminalError('TERMINAL_INVALID_INPUT', 'the amount must be more than zero and fit 12 digits', {
      option: 'amount',
    });
  }
  return amountMinor;
}

/**
 * The TMS limits (parameter tags 50/51): a sale or pre-authorisation above the single-transaction
 * limit, a refund above the refund limit, is refused before anything is sent.
 */
export function checkLimit(core: TerminalCore, amountMinor: number, kind: 'sale' | 'refund'): number {
  const limit = kind === 'sale' ? core.profile.saleLimitMinor : core.profile.refundLimitMinor;
  if (limit !== undefined && amountMinor > limit) {
    throw terminalError(
      'TERMINAL_INVALID_INPUT',
      `the amount is above the ${kind === 'sale' ? 'single-transaction' : 'refund'} limit of this terminal`,
      { option: 'amount', limitMinor: limit },
    );
  }
  return amountMinor;
}

function checkDigits(value: string, length: number, option: string): string {
  if (!new RegExp(`^\\d{${length}}$`).test(value)) {
    throw terminalError('TERMINAL_INVALID_INPUT', `${option} must be ${length} digits`, { option });
  }
  return value;
}

function checkMmdd(value: string): string {
  checkDigits(value, 4, 'date');
  const month = Number(value.slice(0, 2));
  const day = Number(value.slice(2));
  if (month < 1 || month > 12 || day < 1 || day > 31) {
    throw terminalError('TERMINAL_INVALID_INPUT', 'date must be MMDD', { option: 'date' });
  }
  return value;
}

export function notAllowed(message: string, reason: string): never {
  throw terminalError('TERMINAL_TRANSACTION_NOT_ALLOWED', message, { reason });
}

export function referenceTo(record: JournalRecord): OriginalReference {
  return {
    recordId: record.id,
    batch: record.batch,
    stan: record.stan,
    date: record.date,
    ...(record.rrn === undefined ? {} : { rrn: record.rrn }),
    ...(record.authCode === undefined ? {} : { authCode: record.authCode }),
  };
}

/** The approved, unvoided record of this batch a voucher names, of the type expected. */
function sameBatchOriginal(core: TerminalCore, voucher: string, type: JournalRecord['type']): JournalRecord {
  const original = core.journal.byVoucher(core.state.batch, checkDigits(voucher, 6, 'voucher'));
  if (original === undefined) {
    throw terminalError(
      'TERMINAL_TRANSACTION_UNKNOWN',
      `no transaction with voucher ${voucher} in batch ${core.state.batch}`,
      {
        voucher,
        batch: core.state.batch,
      },
    );
  }
  if (original.type !== type) notAllowed(`voucher ${voucher} is a ${original.type}, not a ${type}`, 'type');
  if (original.status !== 'approved') notAllowed(`voucher ${voucher} is ${original.status}`, original.status);
  if (original.voidedBy !== undefined) notAllowed(`voucher ${voucher} is already voided`, 'voided');
  return original;
}

export async function authoriseSupervisor(core: TerminalCore, password: string): Promise<void> {
  await core.operators.authorise('00', password, 'authorise-void-refund');
}

/**
 * Sale (menu 1). With `keyEntrySupervisorPassword` the supervisor allows the card number to be keyed
 * in (product.md: "or key in with supervisor permission").
 */
export async function sale(
  core: TerminalCore,
  amountMinor: number,
  keyEntrySupervisorPassword?: string,
): Promise<TransactionOutcome> {
  const amount = {
    amountMinor: checkLimit(core, checkAmount(amountMinor), 'sale'),
    currency: core.profile.currency,
  };
  if (keyEntrySupervisorPassword !== undefined) {
    core.requireOperator('sale');
    await authoriseSupervisor(core, keyEntrySupervisorPassword);
  }
  return runCardTransaction(core, {
    keyedAllowed: keyEntrySupervisorPassword !== undefined,
    type: 'sale',
    purpose: 'sale',
    permission: 'sale',
    amountMinor: amount.amountMinor,
    pin: true,
    track2: true,
    build: (card, envelope) => ({ ...envelope, kind: 'sale', card, amount }),
  });
}

export function balance(core: TerminalCore): Promise<TransactionOutcome> {
  return runCardTransaction(core, {
    type: 'balance',
    purpose: 'balance',
    permission: 'balance',
    amountMinor: 0,
    pin: true,
    track2: true,
    build: (card, envelope) => ({ ...envelope, kind: 'balance', card, currency: core.profile.currency }),
  });
}

export function preauth(core: TerminalCore, amountMinor: number): Promise<TransactionOutcome> {
  const amount = {
    amountMinor: checkLimit(core, checkAmount(amountMinor), 'sale'),
    currency: core.profile.currency,
  };
  return runCardTransaction(core, {
    type: 'preauth',
    purpose: 'preauth',
    permission: 'preauth',
    amountMinor: amount.amountMinor,
    pin: true,
    track2: true,
    build: (card, envelope) => ({ ...envelope, kind: 'preauth', card, amount }),
  });
}

/** Void (menu 2): supervisor password, a same-batch approved sale by voucher, the same card, full amount. */
export async function voidSale(
  core: TerminalCore,
  voucher: string,
  supervisorPassword: string,
): Promise<TransactionOutcome> {
  core.requireOperator('sale');
  await authoriseSupervisor(core, supervisorPassword);
  const original = sameBatchOriginal(core, voucher, 'sale');
  return voidOf(core, original, 'void');
}

/** Completion void: like a void, of a same-batch pre-authorisation completion. */
export async function completionVoid(
  core: TerminalCore,
  voucher: string,
  supervisorPassword: string,
): Promise<TransactionOutcome> {
  core.requireOperator('preauth');
  await authoriseSupervisor(core, supervisorPassword);
  const original = sameBatchOriginal(core, voucher, 'preauth-completion');
  return voidOf(core, original, 'preauth-completion-void');
}

function voidOf(
  core: TerminalCore,
  original: JournalRecord,
  type: 'void' | 'preauth-completion-void',
): Promise<TransactionOutcome> {
  const reference = referenceTo(original);
  const rrn = original.rrn ?? notAllowed('the original has no reference number', 'no-rrn');
  return runCardTransaction(core, {
    type,
    purpose: type,
    permission: type === 'void' ? 'sale' : 'preauth',
    amountMinor: original.amount.amountMinor,
    pin: true,
    track2: true,
    original: reference,
    originalSealedPan: original.sealedPan,
    build: (card, envelope) => ({
      ...envelope,
      kind: type,
      card,
      amount: original.amount,
      originalRrn: rrn,
      ...(original.authCode === undefined ? {} : { originalAuthCode: original.authCode }),
      original: originalData(reference),
    }),
    onApproved: (record) => [{ ...original, voidedBy: record.id }],
  });
}

export interface RefundInput {
  /** Field 37 of the original sale (12 characters). */
  readonly rrn: string;
  /** MMDD of the original. */
  readonly date: string;
  readonly amountMinor: number;
  readonly supervisorPassword: string;
}

/**
 * Refund (menu 3): supervisor password, the original's RRN and date, an amount up to what is left of
 * it. When the original is in this terminal's journal the remaining amount and the card are checked
 * here too; otherwise the host checks (another terminal or a cleared batch).
 */
export async function refund(core: TerminalCore, input: RefundInput): Promise<TransactionOutcome> {
  core.requireOperator('sale');
  await authoriseSupervisor(core, input.supervisorPassword);
  if (!/^[0-9A-Za-z]{12}$/.test(input.rrn)) {
    throw terminalError('TERMINAL_INVALID_INPUT', 'the reference number (RRN) has 12 characters', {
      option: 'rrn',
    });
  }
  const date = checkMmdd(input.date);
  const amountMinor = checkLimit(core, checkAmount(input.amountMinor), 'refund');
  const known = core.journal.byRrn(input.rrn);
  if (known !== undefined) {
    if ((known.type !== 'sale' && known.type !== 'preauth-completion') || known.status !== 'approved') {
      notAllowed(`reference ${input.rrn} is not an approved sale`, 'type');
    }
    if (known.voidedBy !== undefined) notAllowed(`reference ${input.rrn} was voided`, 'voided');
    const left = known.amount.amountMinor - (known.refundedMinor ?? 0);
    if (amountMinor > left)
      notAllowed(`only ${left} minor units of reference ${input.rrn} are left to refund`, 'amount');
  }
  const reference: OriginalReference =
    known === undefined
      ? { batch: '000000', stan: '000000', date, rrn: input.rrn }
      : { ...referenceTo(known), date };
  const amount = { amountMinor, currency: core.profile.currency };
  return runCardTransaction(core, {
    type: 'refund',
    purpose: 'refund',
    permission: 'sale',
    amountMinor,
    pin: false,
    track2: false,
    original: reference,
    ...(known === undefined ? {} : { originalSealedPan: known.sealedPan }),
    build: (card, envelope) =>
      refundRequest(
        envelope,
        { pan: card.pan ?? '', expiry: card.expiry ?? '', entryMode: card.entryMode },
        amount,
        reference,
      ),
    onApproved: () =>
      known === undefined ? [] : [{ ...known, refundedMinor: (known.refundedMinor ?? 0) + amountMinor }],
  });
}

export interface PreauthReferenceInput {
  /** Field 38 of the pre-authorisation (6 characters). */
  readonly authCode: string;
  /** MMDD of the pre-authorisation. */
  readonly date: string;
  readonly amountMinor: number;
}

function preauthReference(
  core: TerminalCore,
  input: PreauthReferenceInput,
): { reference: OriginalReference; known?: JournalRecord } {
  if (!/^[0-9A-Za-z ]{6}$/.test(input.authCode)) {
    throw terminalError('TERMINAL_INVALID_INPUT', 'the authorisation code has 6 characters', {
      option: 'authCode',
    });
  }
  const date = checkMmdd(input.date);
  const known = core.journal
    .all()
    .findLast(
      (record) =>
        record.type === 'preauth' && record.status === 'approved' && record.authCode === input.authCode,
    );
  if (known === undefined)
    return { reference: { batch: '000000', stan: '000000', date, authCode: input.authCode } };
  if (known.voidedBy !== undefined) notAllowed('the pre-authorisation was cancelled', 'cancelled');
  if (known.completedBy !== undefined) notAllowed('the pre-authorisation was completed', 'completed');
  return { reference: { ...referenceTo(known), date }, known };
}

/** Pre-authorisation cancel: supervisor password, the pre-auth's auth code, date and amount. */
export async function preauthCancel(
  core: TerminalCore,
  input: PreauthReferenceInput & { readonly supervisorPassword: string },
): Promise<TransactionOutcome> {
  core.requireOperator('preauth');
  await authoriseSupervisor(core, input.supervisorPassword);
  return preauthFollowUp(core, 'preauth-cancel', input);
}

/** Pre-authorisation completion: the pre-auth's auth code and date, the final amount (host: ≤ 115 %). */
export function completion(core: TerminalCore, input: PreauthReferenceInput): Promise<TransactionOutcome> {
  return preauthFollowUp(core, 'preauth-completion', input);
}

/** A cancel or completion of a pre-authorisation: 38 and 61 name it; the journal's copy is marked. */
function preauthFollowUp(
  core: TerminalCore,
  type: 'preauth-cancel' | 'preauth-completion',
  input: PreauthReferenceInput,
): Promise<TransactionOutcome> {
  const amountMinor = checkAmount(input.amountMinor);
  const { reference, known } = preauthReference(core, input);
  const amount = { amountMinor, currency: core.profile.currency };
  const mark = type === 'preauth-cancel' ? 'voidedBy' : 'completedBy';
  return runCardTransaction(core, {
    type,
    purpose: type,
    permission: 'preauth',
    amountMinor,
    pin: true,
    track2: true,
    original: reference,
    ...(known === undefined ? {} : { originalSealedPan: known.sealedPan }),
    build: (card, envelope) => ({
      ...envelope,
      kind: type,
      card,
      amount,
      originalAuthCode: input.authCode,
      ...(reference.rrn === undefined ? {} : { originalRrn: reference.rrn }),
      original: originalData(reference),
    }),
    onApproved: (record) => (known === undefined ? [] : [{ ...known, [mark]: record.id }]),
  });
}
