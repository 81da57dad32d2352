import { ISO_4217_CURRENCIES } from './iso-4217-currencies.js';

/** An ISO 4217 currency: alphabetic code, 3-digit numeric code (as on the wire) and minor-unit exponent. */
export interface Currency {
  /** e.g. 'CNY' */
  readonly alpha: string;
  /** e.g. '156'; always 3 digits, leading zeros kept ('048' for BHD) */
  readonly numeric: string;
  /** digits after the decimal point: 2 for CNY, 0 for JPY, 3 for KWD, 4 for CLF */
  readonly exponent: number;
}

const currenciesByAlpha = new Map(ISO_4217_CURRENCIES.map((currency) => [currency.alpha, currency]));
const currenciesByNumeric = new Map(ISO_4217_CURRENCIES.map((currency) => [currency.numeric, currency]));

/** The currency with this exact upper-case alphabetic code ('CNY'), or undefined. */
export function currencyByAlpha(alpha: string): Currency | undefined {
  return currenciesByAlpha.get(alpha);
}

/** The currency with this exact 3-digit numeric code ('156', '048'), or undefined. */
export function currencyByNumeric(numeric: string): Currency | undefined {
  return currenciesByNumeric.get(numeric);
}
