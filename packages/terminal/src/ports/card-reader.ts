import type { PosAmount } from '@payterm/protocol';

/** How the card was presented: magstripe, chip contact, contactless, or keyed by the operator. */
export type CardEntry = 'swipe' | 'insert' | 'tap' | 'keyed';

export type CardPurpose =
  | 'sale'
  | 'void'
  | 'refund'
  | 'balance'
  | 'preauth'
  | 'preauth-cancel'
  | 'preauth-completion'
  | 'preauth-completion-void';

export interface CardRequest {
  readonly purpose: CardPurpose;
  readonly amount?: PosAmount;
  /** Entries the terminal accepts now (keyed only with a supervisor's permission). */
  readonly allowed: readonly CardEntry[];
  /** Field 9C transaction type and terminal data for chip cards. */
  readonly transactionDate: string;
  readonly unpredictableNumber: Uint8Array;
}

/** What the reader got from the card. Track and chip data are used for one request and never stored. */
export interface CardRead {
  readonly entry: CardEntry;
  readonly pan: string;
  /** YYMM. */
  readonly expiry: string;
  /** Track 2 with `=` separator (swipe, and the chip's track 2 equivalent data). */
  readonly track2?: string;
  /** Field 23, 3 digits (chip and contactless). */
  readonly cardSequence?: string;
  /** Field 55 BER-TLV (chip and contactless). */
  readonly icc?: Uint8Array;
  /** Card brand for the slip (`UnionPay`, `Visa`, `Mastercard` …). */
  readonly brand: string;
  /** The card asks for online PIN (false: signature, or no CVM for small contactless amounts). */
  readonly pinRequired: boolean;
}

export type CardReadResult = CardRead | { readonly cancelled: true };

export interface CardReader {
  readCard(request: CardRequest): Promise<CardReadResult>;
}
