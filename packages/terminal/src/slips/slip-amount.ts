import { currencyByNumeric, Money } from '@payterm/kernel';
import { terminalError } from '../errors.js';

/**
 * The currency as the slip prints it: `RMB` for the yuan, as UnionPay slips print it, else the ISO 4217
 * alphabetic code of the numeric one (`840` → `USD`).
 */
export function slipCurrencyCode(currencyNumeric: string): string {
  const alpha = slipMoney(0, currencyNumeric).currency.alpha;
  return alpha === 'CNY' ? 'RMB' : alpha;
}

/** Kernel Money of a journal or report amount; an unknown currency or unsafe amount is bad input. */
export function slipMoney(amountMinor: number, currencyNumeric: string): Money {
  const currency = currencyByNumeric(currencyNumeric);
  if (currency === undefined) {
    throw terminalError('TERMINAL_INVALID_INPUT', 'The slip amount has an unknown currency', {
      currency: currencyNumeric.slice(0, 8),
    });
  }
  if (!Number.isSafeInteger(amountMinor)) {
    throw terminalError('TERMINAL_INVALID_INPUT', 'The slip amount must be whole minor units', {
      amountMinor: String(amountMinor).slice(0, 32),
    });
  }
  return Money.ofMinor(amountMinor, currency);
}

/** `12.34`, or `-12.34` when `negative` (a void or refund); with `currency`: `RMB -12.34`. */
export function formatSlipAmount(
  amountMinor: number,
  currencyNumeric: string,
  options: { readonly negative?: boolean; readonly currency?: boolean } = {},
): string {
  const money = slipMoney(amountMinor, currencyNumeric);
  const shown = options.negative === true ? money.negate().format() : money.format();
  return options.currency === true ? `${slipCurrencyCode(currencyNumeric)} ${shown}` : shown;
}
