import { describe, expect, it } from 'vitest';
import { currencyByAlpha, currencyByNumeric, ISO_4217_CURRENCIES } from '@payterm/kernel';

describe('ISO 4217 table', () => {
  it.each([
    ['CNY', '156', 2],
    ['USD', '840', 2],
    ['EUR', '978', 2],
    ['JPY', '392', 0],
    ['KRW', '410', 0],
    ['HKD', '344', 2],
    ['GBP', '826', 2],
    ['KWD', '414', 3],
    ['BHD', '048', 3],
    ['JOD', '400', 3],
    ['OMR', '512', 3],
    ['TND', '788', 3],
    ['CLF', '990', 4],
    ['UYW', '927', 4],
    ['ALL', '008', 2],
    ['VND', '704', 0],
    ['XCG', '532', 2],
    ['ZWG', '924', 2],
  ])('%s is %s with exponent %i, found by alpha and by numeric', (alpha, numeric, exponent) => {
    const currency = currencyByAlpha(alpha);
    expect(currency).toEqual({ alpha, numeric, exponent });
    expect(currencyByNumeric(numeric)).toBe(currency);
  });

  it('has unique, well-formed codes', () => {
    const alphas = new Set(ISO_4217_CURRENCIES.map((currency) => currency.alpha));
    const numerics = new Set(ISO_4217_CURRENCIES.map((currency) => currency.numeric));
    expect(alphas.size).toBe(ISO_4217_CURRENCIES.length);
    expect(numerics.size).toBe(ISO_4217_CURRENCIES.length);
    for (const currency of ISO_4217_CURRENCIES) {
      expect(currency.alpha).toMatch(/^[A-Z]{3}$/);
      expect(currency.numeric).toMatch(/^\d{3}$/);
      expect([0, 2, 3, 4]).toContain(currency.exponent);
    }
  });

  it('leaves out codes without minor units and withdrawn codes', () => {
    for (const code of ['XAU', 'XDR', 'XTS', 'XXX', 'HRK', 'ANG', 'ZWL', 'cny', 'CNY ']) {
      expect(currencyByAlpha(code)).toBeUndefined();
    }
    expect(currencyByNumeric('48')).toBeUndefined();
    expect(currencyByNumeric('999')).toBeUndefined();
  });

  it('is frozen', () => {
    expect(Object.isFrozen(ISO_4217_CURRENCIES)).toBe(true);
    expect(Object.isFrozen(currencyByAlpha('CNY'))).toBe(true);
  });
});
