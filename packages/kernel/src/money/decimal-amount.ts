import { err, ok, type Result } from '../result/result.js';
import type { Currency } from './currency.js';
import { MoneyError } from './money-error.js';

const DECIMAL_AMOUNT = /^(-?)(\d+)(?:\.(\d+))?$/;
const MAX_SAFE_MINOR = BigInt(Number.MAX_SAFE_INTEGER);
const MAX_SAFE_MINOR_DIGITS = String(Number.MAX_SAFE_INTEGER).length;
/** Enough of the offending text to debug it without echoing megabytes back into logs. */
const ECHOED_INPUT_LENGTH = 40;

/**
 * Reads a decimal amount ('12.34', '-0.5', '1234') into integer minor units of `currency` without ever
 * going through a float. Strict: optional '-', digits, then optionally '.' and 1..exponent digits.
 */
export function parseDecimalToMinor(text: string, currency: Currency): Result<number, MoneyError> {
  const details = { input: text.slice(0, ECHOED_INPUT_LENGTH), currency: currency.alpha };
  const match = DECIMAL_AMOUNT.exec(text);
  if (match === null) {
    return err(
      new MoneyError(
        'MONEY_INVALID_FORMAT',
        'Amount must look like 12.34: digits, optional "-" and "."',
        details,
      ),
    );
  }
  const [, sign = '', integerDigits = '', fractionDigits = ''] = match;
  if (fractionDigits.length > currency.exponent) {
    const message = `${currency.alpha} allows at most ${currency.exponent} decimals, got ${fractionDigits.length}`;
    return err(
      new MoneyError('MONEY_TOO_MANY_DECIMALS', message, { ...details, exponent: currency.exponent }),
    );
  }
  const paddedDigits = integerDigits + fractionDigits.padEnd(currency.exponent, '0');
  const minorDigits = paddedDigits.replace(/^0+(?=\d)/, '');
  if (minorDigits.length > MAX_SAFE_MINOR_DIGITS || BigInt(minorDigits) > MAX_SAFE_MINOR) {
    const message = `Amount exceeds ${Number.MAX_SAFE_INTEGER} minor units`;
    return err(new MoneyError('MONEY_OUT_OF_RANGE', message, details));
  }
  const amountMinor = Number(minorDigits);
  return ok(sign === '-' && amountMinor !== 0 ? -amountMinor : amountMinor);
}

/** Writes integer minor units as a plain decimal: 1234 → '12.34' (exponent 2), '1234' (0), '1.234' (3). */
export function formatMinorAsDecimal(amountMinor: number, exponent: number): string {
  const sign = amountMinor < 0 ? '-' : '';
  const digits = String(Math.abs(amountMinor)).padStart(exponent + 1, '0');
  if (exponent === 0) return sign + digits;
  const pointAt = digits.length - exponent;
  return `${sign}${digits.slice(0, pointAt)}.${digits.slice(pointAt)}`;
}
