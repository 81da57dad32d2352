import { Money } from '@payterm/kernel';
import type { PosAmount } from '@payterm/protocol';
import { currencyOf } from './input-editor.js';

/** `123.45 CNY`; `-40.00 CNY` when `negative`. */
export function amountText(amount: PosAmount, negative = false): string {
  const money = Money.ofMinor(amount.amountMinor, currencyOf(amount.currency));
  return `${(negative ? money.negate() : money).format()} ${money.currency.alpha}`;
}
