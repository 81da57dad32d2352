import { currencyByNumeric, Money, type Currency } from '@payterm/kernel';
import { terminalError } from '../errors.js';
import type { InputKind } from './screen.js';
import { isDigitKey, type UiKey } from './ui-event.js';

/** Digits of the largest amount field 4 carries. */
export const AMOUNT_MAX_DIGITS = 12;

/** The currency of a numeric code; the profile was checked, so an unknown one is a damaged profile. */
export function currencyOf(numeric: string): Currency {
  const currency = currencyByNumeric(numeric);
  if (currency === undefined) {
    throw terminalError('TERMINAL_INVALID_INPUT', 'the terminal currency is not an ISO 4217 code', {
      currency: numeric.slice(0, 8),
    });
  }
  return currency;
}

/** Minor units of the amount digits typed so far (`''` → 0, `'123'` → 123). */
export function amountMinorOf(digits: string): number {
  return digits === '' ? 0 : Number(digits);
}

/**
 * The amount as a POS shows it while it is typed: the digits fill the minor units from the right,
 * `''` → `0.00`, `1` → `0.01`, `12` → `0.12`, `123` → `1.23`.
 */
export function formatAmountEntry(digits: string, currency: Currency): string {
  return Money.ofMinor(amountMinorOf(digits), currency).format();
}

/**
 * The value after one key: digits append up to `maxLength`, Backspace drops the last one, Clear empties
 * the field. An amount ignores leading zeros (they would not move the display). Other keys change
 * nothing here.
 */
export function editInput(value: string, key: UiKey, kind: InputKind, maxLength: number): string {
  if (key === 'clear') return '';
  if (key === 'backspace') return value.slice(0, -1);
  if (!isDigitKey(key)) return value;
  if (kind === 'amount' && value === '' && key === '0') return value;
  return value.length >= maxLength ? value : value + key;
}

/** What the screen shows of the value: formatted for amounts, `*` for secrets, as typed otherwise. */
export function displayInput(value: string, kind: InputKind, currency: Currency): string {
  switch (kind) {
    case 'amount':
      return formatAmountEntry(value, currency);
    case 'password':
    case 'pin':
      return '*'.repeat(value.length);
    default:
      return value;
  }
}
