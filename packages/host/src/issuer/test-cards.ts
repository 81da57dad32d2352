/**
 * The simulator's card catalogue, as data (shared/spec/test-cards.md). Clear PINs appear only here and
 * only to compute each card's PIN verification value at seeding time.
 */
import type { AccountBehaviour, AccountKind, AccountStatus } from './issuer-records.js';

export interface TestCard {
  readonly pan: string;
  readonly brand: 'UnionPay' | 'Visa' | 'Mastercard';
  readonly kind: AccountKind;
  readonly behaviour: AccountBehaviour;
  readonly status: AccountStatus;
  /** Debit: the balance; credit: the limit. CNY minor units. */
  readonly amountMinor: number;
  readonly expiry: string;
  /** The published test PIN. */
  readonly pin: string;
}

const STANDARD_BALANCE_MINOR = 10_000_000;

function unionPayDebit(
  last: string,
  behaviour: AccountBehaviour,
  fields: Partial<Pick<TestCard, 'status' | 'amountMinor' | 'expiry'>> = {},
): TestCard {
  return {
    pan: `620000100000${last}`,
    brand: 'UnionPay',
    kind: 'debit',
    behaviour,
    status: 'active',
    amountMinor: STANDARD_BALANCE_MINOR,
    expiry: '3012',
    pin: '123456',
    ...fields,
  };
}

export const LOAD_TEST_CARD_PAN = '6200001000000110';

export const TEST_CARDS: readonly TestCard[] = [
  unionPayDebit('0011', 'approve'),
  { ...unionPayDebit('0029', 'approve'), kind: 'credit', amountMinor: 5_000_000 },
  unionPayDebit('0037', 'low-balance', { amountMinor: 1_000 }),
  unionPayDebit('0045', 'lost', { status: 'lost' }),
  unionPayDebit('0052', 'stolen', { status: 'stolen' }),
  unionPayDebit('0060', 'expired', { expiry: '2001' }),
  unionPayDebit('0078', 'do-not-honour', { status: 'do-not-honour' }),
  unionPayDebit('0086', 'restricted', { status: 'restricted' }),
  unionPayDebit('0094', 'no-pin-small-amounts'),
  unionPayDebit('0102', 'pin-tries'),
  unionPayDebit('0110', 'load-test', { amountMinor: 1_000_000_000_000 }),
  {
    pan: '4000001000000018',
    brand: 'Visa',
    kind: 'credit',
    behaviour: 'foreign',
    status: 'active',
    amountMinor: 5_000_000,
    expiry: '3012',
    pin: '1234',
  },
  {
    pan: '5100001000000014',
    brand: 'Mastercard',
    kind: 'credit',
    behaviour: 'foreign',
    status: 'active',
    amountMinor: 5_000_000,
    expiry: '3012',
    pin: '1234',
  },
];
