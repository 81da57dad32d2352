import { err, ok, type Result } from '../result/result.js';
import { MoneyError } from './money-error.js';

/** ISO 8583 amounts (fields 4, 5, 6, …) are n12: exactly 12 digits of minor units, no sign. */
export const ISO_AMOUNT_DIGITS = 12;
export const MAX_ISO_AMOUNT_MINOR = 999_999_999_999;

const ISO_AMOUNT = /^\d{12}$/;

/** '000000001234' → 1234. Anything but exactly 12 ASCII digits is rejected. */
export function parseIsoAmountDigits(digits: string): Result<number, MoneyError> {
  if (!ISO_AMOUNT.test(digits)) {
    const message = `ISO 8583 amount must be exactly ${ISO_AMOUNT_DIGITS} digits`;
    return err(
      new MoneyError('MONEY_INVALID_FORMAT', message, {
        input: digits.slice(0, ISO_AMOUNT_DIGITS + 8),
        length: digits.length,
      }),
    );
  }
  return ok(Number(digits));
}

/** 1234 → '000000001234'. Throws for negatives and for amounts that need more than 12 digits. */
export function formatIsoAmountDigits(amountMinor: number, currencyAlpha: string): string {
  const details = { amountMinor, currency: currencyAlpha };
  if (amountMinor < 0) {
    throw new MoneyError(
      'MONEY_NEGATIVE_ISO_AMOUNT',
      'ISO 8583 amounts are unsigned: send the direction in the processing code, not the amount',
      details,
    );
  }
  if (amountMinor > MAX_ISO_AMOUNT_MINOR) {
    const message = `Amount needs more than ${ISO_AMOUNT_DIGITS} digits (max ${MAX_ISO_AMOUNT_MINOR})`;
    throw new MoneyError('MONEY_OUT_OF_RANGE', message, { ...details, maxAmountMinor: MAX_ISO_AMOUNT_MINOR });
  }
  return String(amountMinor).padStart(ISO_AMOUNT_DIGITS, '0');
}
