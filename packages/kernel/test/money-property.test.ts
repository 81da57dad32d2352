import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  divideRounded,
  ISO_4217_CURRENCIES,
  MAX_ISO_AMOUNT_MINOR,
  Money,
  ROUNDING_MODES,
} from '@payterm/kernel';

const currencyArbitrary = fc.constantFrom(...ISO_4217_CURRENCIES);
/** Largest integer part whose amount, with any decimals, still fits in safe minor units. */
const maxSafeIntegerPart = (exponent: number): bigint =>
  BigInt(Number.MAX_SAFE_INTEGER) / 10n ** BigInt(exponent) - 1n;
const safeMinor = fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER });

describe('Money properties', () => {
  it('every currency exponent in the table is covered', () => {
    expect(new Set(ISO_4217_CURRENCIES.map((currency) => currency.exponent))).toEqual(new Set([0, 2, 3, 4]));
  });

  it('parse ∘ format is the identity for every currency', () => {
    fc.assert(
      fc.property(currencyArbitrary, safeMinor, (currency, amountMinor) => {
        const amount = Money.ofMinor(amountMinor, currency);
        expect(Money.parse(amount.format(), currency).equals(amount)).toBe(true);
      }),
    );
  });

  it('format ∘ parse is the identity on canonical decimal text', () => {
    const canonicalText = currencyArbitrary.chain((currency) =>
      fc
        .tuple(
          fc.boolean(),
          fc.bigInt({ min: 0n, max: maxSafeIntegerPart(currency.exponent) }),
          fc.string({
            unit: fc.constantFrom(...'0123456789'),
            minLength: currency.exponent,
            maxLength: currency.exponent,
          }),
        )
        .map(([negative, integer, fraction]) => {
          const text = currency.exponent === 0 ? `${integer}` : `${integer}.${fraction}`;
          const isZero = /^[0.]*$/.test(text);
          return { currency, text: negative && !isZero ? `-${text}` : text };
        }),
    );
    fc.assert(
      fc.property(canonicalText, ({ currency, text }) => {
        expect(Money.parse(text, currency).format()).toBe(text);
      }),
    );
  });

  it('never accepts text that is not a plain decimal', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const result = Money.tryParse(text, 'CNY');
        if (result.ok) expect(text).toMatch(/^-?\d+(\.\d{1,2})?$/);
      }),
    );
  });

  it('toIsoAmount ∘ fromIsoAmount round trips all of n12', () => {
    fc.assert(
      fc.property(
        currencyArbitrary,
        fc.integer({ min: 0, max: MAX_ISO_AMOUNT_MINOR }),
        (currency, amountMinor) => {
          const iso = Money.ofMinor(amountMinor, currency).toIsoAmount();
          expect(iso).toMatch(/^\d{12}$/);
          expect(Money.fromIsoAmount(iso, currency.numeric).amountMinor).toBe(amountMinor);
        },
      ),
    );
  });

  it('add and subtract are inverse while in range', () => {
    const half = Math.floor(Number.MAX_SAFE_INTEGER / 2);
    const minor = fc.integer({ min: -half, max: half });
    fc.assert(
      fc.property(minor, minor, (a, b) => {
        const left = Money.ofMinor(a, 'EUR');
        const right = Money.ofMinor(b, 'EUR');
        expect(left.add(right).subtract(right).equals(left)).toBe(true);
        expect(left.add(right).equals(right.add(left))).toBe(true);
        expect(left.compare(right)).toBe(-right.compare(left) || 0);
      }),
    );
  });

  it('divideRounded lands within one of the true quotient and rounds by magnitude symmetrically', () => {
    const numerator = fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n });
    const denominator = fc.bigInt({ min: 1n, max: 10n ** 6n });
    fc.assert(
      fc.property(numerator, denominator, fc.constantFrom(...ROUNDING_MODES), (n, d, rounding) => {
        const rounded = divideRounded(n, d, rounding);
        const error = n - rounded * d; // remainder left over by the rounded quotient
        expect(error < 0n ? -error : error).toBeLessThan(d);
        expect(divideRounded(-n, d, rounding)).toBe(-rounded);
        if (rounding === 'down') expect(rounded).toBe(n / d);
        if (rounding === 'half-up' || rounding === 'half-even') {
          expect(2n * (error < 0n ? -error : error)).toBeLessThanOrEqual(d);
        }
      }),
    );
  });
});
