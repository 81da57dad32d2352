import { describe, expect, it } from 'vitest';
import { Money } from '@payterm/kernel';
import { posAmountFromMoney, posAmountToMoney } from '@payterm/protocol';

describe('PosAmount and kernel Money', () => {
  it('convert both ways through the numeric currency code', () => {
    const money = Money.ofMinor(12_345, 'CNY');
    expect(posAmountFromMoney(money)).toEqual({ amountMinor: 12_345, currency: '156' });
    const back = posAmountToMoney({ amountMinor: 12_345, currency: '156' });
    expect(back.ok && back.value.equals(money)).toBe(true);
    expect(posAmountToMoney({ amountMinor: 1, currency: '999' }).ok).toBe(false);
  });
});
