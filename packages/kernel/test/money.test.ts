import { describe, expect, it } from 'vitest';
import { Money, MoneyError, type MoneyErrorCode } from '@payterm/kernel';

function expectMoneyError(action: () => unknown, code: MoneyErrorCode): MoneyError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(MoneyError);
    expect((error as MoneyError).code).toBe(code);
    return error as MoneyError;
  }
  return expect.unreachable(`expected ${code}`);
}

describe('Money construction', () => {
  it('holds integer minor units and the canonical currency', () => {
    const amount = Money.ofMinor(1234, 'CNY');
    expect(amount.amountMinor).toBe(1234);
    expect(amount.currency).toEqual({ alpha: 'CNY', numeric: '156', exponent: 2 });
    expect(Object.isFrozen(amount)).toBe(true);
  });

  it('accepts a Currency object from the table', () => {
    const yen = Money.zero('JPY').currency;
    expect(Money.ofMinor(5, yen).equals(Money.ofMinor(5, 'JPY'))).toBe(true);
  });

  it('rejects unsafe or fractional minor units', () => {
    expectMoneyError(() => Money.ofMinor(Number.MAX_SAFE_INTEGER + 1, 'CNY'), 'MONEY_OUT_OF_RANGE');
    expectMoneyError(() => Money.ofMinor(Number.POSITIVE_INFINITY, 'CNY'), 'MONEY_OUT_OF_RANGE');
    expectMoneyError(() => Money.ofMinor(Number.NaN, 'CNY'), 'MONEY_OUT_OF_RANGE');
    expectMoneyError(() => Money.ofMinor(12.5, 'CNY'), 'MONEY_INVALID_FORMAT');
  });

  it('rejects unknown currencies and look-alike Currency objects', () => {
    expectMoneyError(() => Money.ofMinor(1, 'XYZ'), 'MONEY_UNKNOWN_CURRENCY');
    expectMoneyError(() => Money.ofMinor(1, 'cny'), 'MONEY_UNKNOWN_CURRENCY');
    expectMoneyError(
      () => Money.ofMinor(1, { alpha: 'CNY', numeric: '156', exponent: 3 }),
      'MONEY_UNKNOWN_CURRENCY',
    );
  });

  it('never holds negative zero', () => {
    expect(Object.is(Money.ofMinor(-0, 'CNY').amountMinor, 0)).toBe(true);
    expect(Object.is(Money.zero('CNY').negate().amountMinor, 0)).toBe(true);
    expect(Object.is(Money.parse('-0.00', 'CNY').amountMinor, 0)).toBe(true);
  });
});

describe('Money.parse', () => {
  it.each([
    ['12.34', 'CNY', 1234],
    ['12.3', 'CNY', 1230],
    ['12', 'CNY', 1200],
    ['0.05', 'CNY', 5],
    ['-12.34', 'CNY', -1234],
    ['007.50', 'USD', 750],
    ['1234', 'JPY', 1234],
    ['1.234', 'KWD', 1234],
    ['0.0001', 'CLF', 1],
    ['90071992547409.91', 'USD', Number.MAX_SAFE_INTEGER],
  ])('%s %s is %i minor units', (text, currency, amountMinor) => {
    expect(Money.parse(text, currency).amountMinor).toBe(amountMinor);
  });

  it.each(['', '-', '.5', '12.', '+1', '1e3', ' 1', '1 ', '1,00', '1.2.3', '--1', '0x10', 'NaN', '١٢'])(
    'rejects %j as MONEY_INVALID_FORMAT',
    (text) => {
      expectMoneyError(() => Money.parse(text, 'CNY'), 'MONEY_INVALID_FORMAT');
    },
  );

  it('rejects more decimals than the currency has', () => {
    const error = expectMoneyError(() => Money.parse('12.345', 'CNY'), 'MONEY_TOO_MANY_DECIMALS');
    expect(error.details).toMatchObject({ currency: 'CNY', exponent: 2 });
    expectMoneyError(() => Money.parse('1234.0', 'JPY'), 'MONEY_TOO_MANY_DECIMALS');
    expectMoneyError(() => Money.parse('1.2345', 'KWD'), 'MONEY_TOO_MANY_DECIMALS');
  });

  it('rejects amounts beyond safe integers', () => {
    expectMoneyError(() => Money.parse('90071992547409.92', 'USD'), 'MONEY_OUT_OF_RANGE');
    expectMoneyError(() => Money.parse('9'.repeat(400), 'USD'), 'MONEY_OUT_OF_RANGE');
  });

  it('rejects unknown currencies', () => {
    expectMoneyError(() => Money.parse('1.00', 'ABC'), 'MONEY_UNKNOWN_CURRENCY');
  });

  it('tryParse returns failures as values', () => {
    const failure = Money.tryParse('12.345', 'CNY');
    expect(failure.ok).toBe(false);
    if (!failure.ok) expect(failure.error.code).toBe('MONEY_TOO_MANY_DECIMALS');
    const success = Money.tryParse('12.34', 'CNY');
    expect(success.ok && success.value.amountMinor).toBe(1234);
  });
});

describe('Money formatting and JSON', () => {
  it.each([
    [1234, 'CNY', '12.34'],
    [5, 'CNY', '0.05'],
    [0, 'CNY', '0.00'],
    [-1234, 'CNY', '-12.34'],
    [-5, 'CNY', '-0.05'],
    [1234, 'JPY', '1234'],
    [-7, 'KRW', '-7'],
    [1234, 'KWD', '1.234'],
    [1, 'CLF', '0.0001'],
  ])('%i %s formats as %s', (amountMinor, currency, text) => {
    expect(Money.ofMinor(amountMinor, currency).format()).toBe(text);
  });

  it('serialises to amountMinor and alpha code', () => {
    expect(JSON.stringify({ total: Money.ofMinor(1234, 'CNY') })).toBe(
      '{"total":{"amountMinor":1234,"currency":"CNY"}}',
    );
    expect(String(Money.ofMinor(-1234, 'KWD'))).toBe('-1.234 KWD');
  });
});

describe('Money arithmetic and comparison', () => {
  const cny = (amountMinor: number): Money => Money.ofMinor(amountMinor, 'CNY');

  it('adds, subtracts and negates', () => {
    expect(cny(1000).add(cny(234)).amountMinor).toBe(1234);
    expect(cny(1000).subtract(cny(1234)).amountMinor).toBe(-234);
    expect(cny(1234).negate().amountMinor).toBe(-1234);
  });

  it('refuses to mix currencies', () => {
    const usd = Money.ofMinor(1, 'USD');
    const error = expectMoneyError(() => cny(1).add(usd), 'MONEY_CURRENCY_MISMATCH');
    expect(error.details).toEqual({ operation: 'add', left: 'CNY', right: 'USD' });
    expectMoneyError(() => cny(1).subtract(usd), 'MONEY_CURRENCY_MISMATCH');
    expectMoneyError(() => cny(1).compare(usd), 'MONEY_CURRENCY_MISMATCH');
    expect(cny(1).equals(usd)).toBe(false);
  });

  it('overflow past safe integers is an error, not a rounded float', () => {
    const max = cny(Number.MAX_SAFE_INTEGER);
    expectMoneyError(() => max.add(cny(1)), 'MONEY_OUT_OF_RANGE');
    expectMoneyError(() => max.negate().subtract(cny(1)), 'MONEY_OUT_OF_RANGE');
  });

  it('compares and tests sign', () => {
    expect(cny(1).compare(cny(2))).toBe(-1);
    expect(cny(2).compare(cny(2))).toBe(0);
    expect(cny(3).compare(cny(2))).toBe(1);
    expect(cny(0).isZero()).toBe(true);
    expect(cny(-1).isNegative()).toBe(true);
    expect(cny(1).isPositive()).toBe(true);
    expect(cny(1).equals(cny(1))).toBe(true);
  });
});

describe('Money.multiplyRatio', () => {
  const cny = (amountMinor: number): Money => Money.ofMinor(amountMinor, 'CNY');

  it('computes a 0.38 % fee with the named rounding', () => {
    // 123.45 × 0.38 % = 0.46911 yuan = 46.911 fen
    expect(cny(12_345).multiplyRatio(38, 10_000, 'half-up').amountMinor).toBe(47);
    expect(cny(12_345).multiplyRatio(38, 10_000, 'down').amountMinor).toBe(46);
  });

  it.each([
    ['half-even', 2, 2, 3, -2, -2],
    ['half-up', 3, 2, 3, -3, -2],
    ['down', 2, 2, 2, -2, -2],
    ['up', 3, 3, 3, -3, -3],
  ] as const)('%s: 2.5→%i, 2.25→%i, 2.75→%i, -2.5→%i, -2.25→%i', (rounding, ...expected) => {
    const results = [
      cny(25).multiplyRatio(1, 10, rounding),
      cny(225).multiplyRatio(1, 100, rounding),
      cny(275).multiplyRatio(1, 100, rounding),
      cny(-25).multiplyRatio(1, 10, rounding),
      cny(-225).multiplyRatio(1, 100, rounding),
    ].map((money) => money.amountMinor);
    expect(results).toEqual(expected);
  });

  it('rounds 3.5 half-even to 4 and 4.5 to 4', () => {
    expect(cny(35).multiplyRatio(1, 10, 'half-even').amountMinor).toBe(4);
    expect(cny(45).multiplyRatio(1, 10, 'half-even').amountMinor).toBe(4);
  });

  it('is exact where floating point is not', () => {
    // 9007199254740991 × 3 / 3 overflows doubles in the middle but not in BigInt.
    expect(cny(Number.MAX_SAFE_INTEGER).multiplyRatio(3, 3, 'down').amountMinor).toBe(
      Number.MAX_SAFE_INTEGER,
    );
  });

  it('rejects bad ratios and results out of range', () => {
    expectMoneyError(() => cny(1).multiplyRatio(1, 0, 'up'), 'MONEY_INVALID_RATIO');
    expectMoneyError(() => cny(1).multiplyRatio(0.5, 1, 'up'), 'MONEY_INVALID_RATIO');
    expectMoneyError(() => cny(Number.MAX_SAFE_INTEGER).multiplyRatio(2, 1, 'up'), 'MONEY_OUT_OF_RANGE');
  });
});

describe('ISO 8583 n12 amounts', () => {
  it('writes 12 zero-padded digits', () => {
    expect(Money.ofMinor(1234, 'CNY').toIsoAmount()).toBe('000000001234');
    expect(Money.zero('JPY').toIsoAmount()).toBe('000000000000');
    expect(Money.ofMinor(999_999_999_999, 'USD').toIsoAmount()).toBe('999999999999');
  });

  it('rejects negatives and amounts wider than 12 digits', () => {
    expectMoneyError(() => Money.ofMinor(-1, 'CNY').toIsoAmount(), 'MONEY_NEGATIVE_ISO_AMOUNT');
    expectMoneyError(() => Money.ofMinor(1_000_000_000_000, 'CNY').toIsoAmount(), 'MONEY_OUT_OF_RANGE');
  });

  it('reads 12 digits with a numeric currency code', () => {
    const amount = Money.fromIsoAmount('000000001234', '156');
    expect(amount.equals(Money.ofMinor(1234, 'CNY'))).toBe(true);
    expect(Money.fromIsoAmount('000000001234', '048').format()).toBe('1.234');
  });

  it.each(['00000001234', '0000000001234', '-00000001234', '00000000123a', ' 00000001234', ''])(
    'rejects %j as MONEY_INVALID_FORMAT',
    (digits) => {
      expectMoneyError(() => Money.fromIsoAmount(digits, '156'), 'MONEY_INVALID_FORMAT');
    },
  );

  it('rejects unknown numeric currency codes', () => {
    expectMoneyError(() => Money.fromIsoAmount('000000001234', '999'), 'MONEY_UNKNOWN_CURRENCY');
    expectMoneyError(() => Money.fromIsoAmount('000000001234', 'CNY'), 'MONEY_UNKNOWN_CURRENCY');
    const failure = Money.tryFromIsoAmount('000000001234', '48');
    expect(failure.ok || failure.error.code).toBe('MONEY_UNKNOWN_CURRENCY');
  });
});
