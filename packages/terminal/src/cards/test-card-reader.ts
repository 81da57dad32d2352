import { createCipher, hexToBytes, type CipherFactory } from '@payterm/crypto';
import type { RandomSource } from '@payterm/kernel';
import { terminalError } from '../errors.js';
import type { CardEntry, CardRead, CardReader, CardReadResult, CardRequest } from '../ports/card-reader.js';
import { buildIccData } from './icc-data.js';
import { TEST_ISSUER_MASTER_KEY_HEX } from './test-card-cryptogram.js';
import { TEST_CARDS, cardProfile, hasChip, track2Of, type CardProfile, type TestCard } from './test-cards.js';

/** The card the customer (or the script) presents, and how. */
export type CardPick = { readonly pan: string; readonly entry: CardEntry } | 'cancel';

/** Chooses the card: the CLI's `--card PAN --entry insert`, the browser's card panel, a test script. */
export type CardPicker = (request: CardRequest) => Promise<CardPick>;

export interface TestCardReaderOptions {
  /** Where the first application transaction counter starts (so a restarted reader does not repeat ATCs). */
  readonly random: RandomSource;
  /** Default: the pure TypeScript ciphers of @payterm/crypto. */
  readonly cipherFactory?: CipherFactory;
  /** The catalogue (default TEST_CARDS). */
  readonly cards?: readonly TestCard[];
  /** IMK-AC the ARQCs are made under (default TEST_ISSUER_MASTER_KEY_HEX). */
  readonly issuerMasterKey?: Uint8Array;
  /** 5F2A when the request has no amount (default `156`). */
  readonly currency?: string;
  /** 9F1A, ISO 3166 numeric (default `156`, China). */
  readonly country?: string;
  /** 9F1E, 8 characters (default `PAYTERM1`). */
  readonly readerSerial?: string;
}

/** Card sequence number (field 23) of every simulated chip card; its last two digits are the PSN. */
const CARD_SEQUENCE = '001';
const MAX_ATC = 0xffff;
const MAX_SEQUENCE_COUNTER = 99_999_999;

/**
 * A card reader over the simulator's test cards: swipe gives track 2, insert and tap give the chip's
 * track 2 equivalent, card sequence `001` and field 55 with a real ARQC; keyed gives PAN and expiry.
 */
export class TestCardReader implements CardReader {
  readonly #pick: CardPicker;
  readonly #factory: CipherFactory;
  readonly #cards: readonly TestCard[];
  readonly #issuerMasterKey: Uint8Array;
  readonly #currency: string;
  readonly #country: string;
  readonly #readerSerial: string;
  #atc: number;
  #sequenceCounter = 0;

  constructor(pick: CardPicker, options: TestCardReaderOptions) {
    this.#pick = pick;
    this.#factory = options.cipherFactory ?? createCipher;
    this.#cards = options.cards ?? TEST_CARDS;
    this.#issuerMasterKey = (options.issuerMasterKey ?? hexToBytes(TEST_ISSUER_MASTER_KEY_HEX)).slice();
    this.#currency = options.currency ?? '156';
    this.#country = options.country ?? '156';
    this.#readerSerial = options.readerSerial ?? 'PAYTERM1';
    if (this.#issuerMasterKey.length !== 16) {
      throw terminalError('TERMINAL_INVALID_INPUT', 'the issuer master key must be 16 bytes', {
        field: 'issuerMasterKey',
      });
    }
    if (!/^[\x20-\x7e]{8}$/.test(this.#readerSerial)) {
      throw terminalError('TERMINAL_INVALID_INPUT', 'the reader serial must be 8 printable characters', {
        field: 'readerSerial',
      });
    }
    this.#atc = options.random.nextInt(0x8000);
  }

  async readCard(request: CardRequest): Promise<CardReadResult> {
    const pick = await this.#pick(request);
    if (pick === 'cancel') return { cancelled: true };
    if (!request.allowed.includes(pick.entry)) {
      throw terminalError('TERMINAL_INVALID_INPUT', `the terminal does not accept ${pick.entry} entry now`, {
        field: 'entry',
        entry: pick.entry,
      });
    }
    const card = cardProfile(pick.pan, this.#cards);
    const common = { pan: card.pan, expiry: card.expiry, brand: card.brand };
    switch (pick.entry) {
      case 'keyed':
        return { entry: 'keyed', ...common, pinRequired: false };
      case 'swipe':
        return { entry: 'swipe', ...common, track2: track2Of(card), pinRequired: true };
      case 'insert':
      case 'tap':
        return this.#readChip(card, pick.entry, request);
      default:
        throw terminalError('TERMINAL_INVALID_INPUT', 'unknown card entry', { field: 'entry' });
    }
  }

  #readChip(card: CardProfile, entry: 'insert' | 'tap', request: CardRequest): CardRead {
    if (!hasChip(card)) {
      throw terminalError('TERMINAL_INVALID_INPUT', 'this card has no chip: swipe it', {
        field: 'entry',
        entry,
      });
    }
    const pinRequired = entry === 'insert' || !withinNoCvmLimit(card, request);
    this.#atc = this.#atc >= MAX_ATC ? 1 : this.#atc + 1;
    this.#sequenceCounter = this.#sequenceCounter >= MAX_SEQUENCE_COUNTER ? 1 : this.#sequenceCounter + 1;
    const icc = buildIccData({
      card,
      request,
      panSequence: CARD_SEQUENCE.slice(-2),
      pinRequired,
      atc: this.#atc,
      sequenceCounter: this.#sequenceCounter,
      currency: this.#currency,
      country: this.#country,
      readerSerial: this.#readerSerial,
      issuerMasterKey: this.#issuerMasterKey,
      cipherFactory: this.#factory,
    });
    return {
      entry,
      pan: card.pan,
      expiry: card.expiry,
      track2: track2Of(card),
      cardSequence: CARD_SEQUENCE,
      icc,
      brand: card.brand,
      pinRequired,
    };
  }
}

/** Contactless without cardholder verification: the card has a limit and the amount is within it. */
function withinNoCvmLimit(card: CardProfile, request: CardRequest): boolean {
  const limit = card.contactlessNoCvmLimit;
  const amount = request.amount;
  if (limit === undefined || amount === undefined) return false;
  return amount.currency === limit.currency && amount.amountMinor <= limit.amountMinor;
}
