import type { PosAmount } from '@payterm/protocol';
import { terminalError } from '../errors.js';

export type CardBrand = 'UnionPay' | 'Visa' | 'Mastercard';
export type CardAccountType = 'debit' | 'credit';

/** What the test card reader needs to present a card. */
export interface CardProfile {
  readonly pan: string;
  readonly brand: CardBrand;
  readonly type: CardAccountType;
  /** YYMM. */
  readonly expiry: string;
  /** Track 2 service code: `201` chip card, `101` magnetic stripe only. */
  readonly serviceCode: string;
  /** Contactless payments up to this amount (inclusive) need no cardholder verification. */
  readonly contactlessNoCvmLimit?: PosAmount;
}

/** A card of the simulator's catalogue (shared/spec/test-cards.md), with its PIN and what the issuer does. */
export interface TestCard extends CardProfile {
  readonly pin: string;
  readonly behaviour: string;
}

const CNY = '156';
const DEFAULT_EXPIRY = '3012';
const CHIP = '201';

function unionPay(pan: string, behaviour: string, extra: Partial<TestCard> = {}): TestCard {
  return {
    pan,
    brand: 'UnionPay',
    type: 'debit',
    expiry: DEFAULT_EXPIRY,
    serviceCode: CHIP,
    pin: '123456',
    behaviour,
    ...extra,
  };
}

/** The 13 test cards of shared/spec/test-cards.md, in its order. */
export const TEST_CARDS: readonly TestCard[] = Object.freeze([
  unionPay('6200001000000011', 'approve; balance 100,000.00 CNY'),
  unionPay('6200001000000029', 'approve; credit limit 50,000.00 CNY', { type: 'credit' }),
  unionPay('6200001000000037', 'balance 10.00 CNY: above it → 51'),
  unionPay('6200001000000045', 'lost card → 41'),
  unionPay('6200001000000052', 'stolen card → 43'),
  // "expiry 2001" is YYMM: January 2020.
  unionPay('6200001000000060', 'expired (expiry 2001) → 54', { expiry: '2001' }),
  unionPay('6200001000000078', 'do not honour → 05'),
  unionPay('6200001000000086', 'restricted card → 62'),
  unionPay('6200001000000094', 'no PIN for contactless up to 1,000.00 CNY', {
    contactlessNoCvmLimit: { amountMinor: 100_000, currency: CNY },
  }),
  unionPay('6200001000000102', 'third wrong PIN in a day → 75; then 75 until the next day'),
  unionPay('6200001000000110', 'load-test card: balance 10^12 minor units, no velocity limits'),
  {
    pan: '4000001000000018',
    brand: 'Visa',
    type: 'credit',
    expiry: DEFAULT_EXPIRY,
    serviceCode: CHIP,
    pin: '1234',
    behaviour: 'approve; foreign (the foreign half of settlement)',
  },
  {
    pan: '5100001000000014',
    brand: 'Mastercard',
    type: 'credit',
    expiry: DEFAULT_EXPIRY,
    serviceCode: CHIP,
    pin: '1234',
    behaviour: 'approve; foreign (the foreign half of settlement)',
  },
]);

/** The catalogue card with this PAN, if any. */
export function findTestCard(pan: string, cards: readonly TestCard[] = TEST_CARDS): TestCard | undefined {
  return cards.find((card) => card.pan === pan);
}

function brandOf(pan: string): CardBrand | undefined {
  if (pan.startsWith('62')) return 'UnionPay';
  if (pan.startsWith('4')) return 'Visa';
  const prefix2 = Number(pan.slice(0, 2));
  const prefix4 = Number(pan.slice(0, 4));
  if ((prefix2 >= 51 && prefix2 <= 55) || (prefix4 >= 2221 && prefix4 <= 2720)) return 'Mastercard';
  return undefined;
}

/**
 * The card the reader presents for `pan`: the catalogue's, or for a PAN not in it (to show that the
 * issuer answers 14) a chip card of its BIN's brand expiring 12/30. Throws TERMINAL_INVALID_INPUT for
 * a PAN that is not 12–19 digits or whose BIN is none of UnionPay (62), Visa (4) or Mastercard.
 */
export function cardProfile(pan: string, cards: readonly TestCard[] = TEST_CARDS): CardProfile {
  if (typeof pan !== 'string' || !/^\d{12,19}$/.test(pan)) {
    throw terminalError('TERMINAL_INVALID_INPUT', 'a card number must be 12 to 19 digits', { field: 'pan' });
  }
  const listed = findTestCard(pan, cards);
  if (listed !== undefined) return listed;
  const brand = brandOf(pan);
  if (brand === undefined) {
    throw terminalError('TERMINAL_INVALID_INPUT', 'the test card reader knows no card brand for this BIN', {
      field: 'pan',
    });
  }
  return {
    pan,
    brand,
    type: brand === 'UnionPay' ? 'debit' : 'credit',
    expiry: DEFAULT_EXPIRY,
    serviceCode: CHIP,
  };
}

/** Whether the card has a chip (service code digit 1 is 2 or 6). */
export function hasChip(card: CardProfile): boolean {
  return card.serviceCode.startsWith('2') || card.serviceCode.startsWith('6');
}

/** Track 2 (or the chip's track 2 equivalent): PAN `=` YYMM service code and ten zeros of discretionary data. */
export function track2Of(card: CardProfile): string {
  return `${card.pan}=${card.expiry}${card.serviceCode}${'0'.repeat(10)}`;
}
