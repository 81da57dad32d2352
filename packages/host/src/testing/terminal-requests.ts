import {
  REVERSIBLE_KINDS,
  type CardData,
  type OriginalData,
  type PosEnvelope,
  type PosRequest,
  type PosRequestKind,
  type PosResponse,
  type ReversalRequest,
  type ReversibleKind,
} from '@payterm/protocol';
import { terminalError } from './terminal-error.js';
import type { JournalEntry } from './terminal-journal.js';

type EnvelopeKey = 'tpdu' | 'header' | 'tid' | 'mid' | 'stan' | 'batch';

/** A request as given to `send`: the envelope (TPDU, header, 41, 42, 11, 60.2) is filled in unless set. */
export type RequestDraft<K extends PosRequestKind = PosRequestKind> = K extends PosRequestKind
  ? Omit<Extract<PosRequest, { kind: K }>, EnvelopeKey> & Partial<Pick<PosEnvelope, EnvelopeKey>>
  : never;

/** One request and its answer, with the bytes as they travelled (a union over kinds by default). */
export type TerminalExchange<K extends PosRequestKind = PosRequestKind> = K extends PosRequestKind
  ? {
      readonly request: Extract<PosRequest, { kind: K }>;
      readonly response: PosResponse & { readonly kind: K };
      readonly requestBytes: Uint8Array;
      readonly responseBytes: Uint8Array;
    }
  : never;

/** How the card is presented; defaults follow shared/spec/test-cards.md. */
export interface CardOptions {
  readonly pan: string;
  /** Clear PIN: encrypted here as an ISO format 0 block under the PIK (52), with 26 `06` and 53. */
  readonly pin?: string;
  /** Field 22; default `051` (chip, PIN) with a PIN, `052` (chip, no PIN) without. */
  readonly entryMode?: string;
  /** Field 14 YYMM (default `3012`). */
  readonly expiry?: string;
  /** Field 35; default `PAN=YYMM` + service code `201` + ten zeros. */
  readonly track2?: string;
  /** Field 23. */
  readonly cardSequence?: string;
  /** Field 55. */
  readonly icc?: Uint8Array;
  /** Field 49 (default: the terminal's currency). */
  readonly currency?: string;
}

export interface AmountCardOptions extends CardOptions {
  readonly amountMinor: number;
}

export interface RefundOptions {
  /** Field 37 of the original. */
  readonly rrn: string;
  /** 61.3, MMDD of the original. */
  readonly date: string;
  readonly amountMinor: number;
  readonly pan: string;
  readonly expiry?: string;
  /** 61.1 / 61.2 when the terminal knows them (default zeros: a refund of another day). */
  readonly originalBatch?: string;
  readonly originalStan?: string;
  readonly currency?: string;
}

/** A PIN block for a PAN, under the terminal's current PIK. */
export type PinBlockMaker = (pin: string, pan: string) => Uint8Array;

/** Field 53 for a format-0 PIN block under a double-length PIK, clear track data. */
export const SECURITY_CONTROL_PIN = '2600000000000000';
/** Field 22 for a card keyed from the journal (void, completion, refund). */
export const ENTRY_MODE_KEYED = '012';

export function cardData(options: CardOptions, pinBlock: PinBlockMaker): CardData {
  const expiry = options.expiry ?? '3012';
  const pin = options.pin;
  return {
    pan: options.pan,
    expiry,
    entryMode: options.entryMode ?? (pin === undefined ? '052' : '051'),
    track2: options.track2 ?? `${options.pan}=${expiry}201${'0'.repeat(10)}`,
    ...(options.cardSequence === undefined ? {} : { cardSequence: options.cardSequence }),
    ...(options.icc === undefined ? {} : { icc: options.icc }),
    ...(pin === undefined
      ? {}
      : {
          pinCaptureCode: '06',
          pinBlock: pinBlock(pin, options.pan),
          securityControl: SECURITY_CONTROL_PIN,
        }),
  };
}

/** What a void, cancel or completion needs to know about its original. */
export interface OriginalFacts {
  readonly kind: PosRequestKind;
  readonly pan: string | undefined;
  readonly expiry: string | undefined;
  readonly amountMinor: number;
  readonly currency: string;
  readonly rrn: string | undefined;
  readonly authCode: string | undefined;
  /** 61 of the new request: the original's batch, STAN and date. */
  readonly original: OriginalData;
}

export type OriginalRef = TerminalExchange | JournalEntry;

/** The facts of an original, from an exchange (date: its response's field 13, else `today`) or a journal entry. */
export function originalFacts(ref: OriginalRef, today: string): OriginalFacts {
  if (!('request' in ref)) {
    return {
      kind: ref.kind,
      pan: ref.pan,
      expiry: ref.expiry,
      amountMinor: ref.amountMinor,
      currency: ref.currency,
      rrn: ref.rrn,
      authCode: ref.authCode,
      original: { batch: ref.batch, stan: ref.stan, date: ref.date },
    };
  }
  const { request, response } = ref;
  if (!('amount' in request) || !('card' in request) || request.card === undefined) {
    throw terminalError('TERMINAL_INVALID_OPTION', `a ${request.kind} cannot be an original here`, {
      kind: request.kind,
    });
  }
  const card = request.card;
  return {
    kind: request.kind,
    pan: card.pan ?? card.track2?.split(/[=D]/)[0],
    expiry: card.expiry,
    amountMinor: request.amount.amountMinor,
    currency: request.amount.currency,
    rrn: response.rrn,
    authCode: response.authCode,
    original: { batch: request.batch, stan: request.stan, date: response.localDate ?? today },
  };
}

/** Demands a fact the request cannot go without (an RRN, an auth code, the PAN). */
export function required(value: string | undefined, what: string, facts: OriginalFacts): string {
  if (value === undefined) {
    throw terminalError('TERMINAL_INVALID_OPTION', `the original ${facts.kind} has no ${what}`, {
      kind: facts.kind,
      missing: what,
    });
  }
  return value;
}

/** The card of a request that refers to an original: PAN and expiry from the journal, keyed entry. */
export function keyedCard(facts: OriginalFacts): CardData {
  return {
    pan: required(facts.pan, 'PAN', facts),
    ...(facts.expiry === undefined ? {} : { expiry: facts.expiry }),
    entryMode: ENTRY_MODE_KEYED,
  };
}

function isReversible(kind: PosRequestKind): kind is ReversibleKind {
  return (REVERSIBLE_KINDS as readonly string[]).includes(kind);
}

/** The original's card without PIN or track data; field 2 always present. */
function reversalCard(card: CardData): CardData {
  const pan = card.pan ?? card.track2?.split(/[=D]/)[0];
  const kept: Record<string, unknown> = {
    entryMode: card.entryMode,
    ...(pan === undefined ? {} : { pan }),
    expiry: card.expiry,
    cardSequence: card.cardSequence,
    securityControl: card.securityControl,
    icc: card.icc,
  };
  for (const [key, value] of Object.entries(kept)) if (value === undefined) delete kept[key];
  return kept as unknown as CardData;
}

/**
 * The reversal of `original` (reference §7.1): MTI 0400 with the original's STAN, batch, 3, 4, 22, 25,
 * 53, 55 and 60; 39 = reason; 38 when the original was answered with one; 61 for the reversal of a
 * void, cancel or completion; never 52 or 26.
 */
export function reversalOf(original: PosRequest | TerminalExchange, reason: string): ReversalRequest {
  const request = 'request' in original ? original.request : original;
  const authCode = 'request' in original ? original.response.authCode : undefined;
  if (!isReversible(request.kind)) {
    throw terminalError('TERMINAL_INVALID_OPTION', `a ${request.kind} is not reversed`, {
      kind: request.kind,
    });
  }
  const source = request as Extract<PosRequest, { kind: ReversibleKind }>;
  const reversal: Record<string, unknown> = {
    kind: 'reversal',
    tpdu: source.tpdu,
    header: source.header,
    tid: source.tid,
    mid: source.mid,
    stan: source.stan,
    batch: source.batch,
    field60Extension: source.field60Extension,
    reversedKind: source.kind,
    reason,
    amount: source.amount,
    authCode,
    card: 'card' in source ? reversalCard(source.card) : undefined,
    original: 'original' in source ? source.original : undefined,
    qrCode: 'qrCode' in source ? source.qrCode : undefined,
    voucher: 'voucher' in source ? source.voucher : undefined,
  };
  for (const [key, value] of Object.entries(reversal)) if (value === undefined) delete reversal[key];
  return reversal as unknown as ReversalRequest;
}
