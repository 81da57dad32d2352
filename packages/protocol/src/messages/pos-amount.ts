import { Money, type MoneyError, type Result } from '@payterm/kernel';
import type { PosAmount } from './pos-request.js';

/** Kernel Money of a request amount; fails with MONEY_* for a currency code ISO 4217 does not know. */
export function posAmountToMoney(amount: PosAmount): Result<Money, MoneyError> {
  return Money.tryFromIsoAmount(String(amount.amountMinor).padStart(12, '0'), amount.currency);
}

/** The field 4 / 49 form of kernel Money. */
export function posAmountFromMoney(money: Money): PosAmount {
  return { amountMinor: money.amountMinor, currency: money.currency.numeric };
}
