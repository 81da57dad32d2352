import { err, ok, unwrap, type Result } from '../result/result.js';
import { currencyByAlpha, currencyByNumeric, type Currency } from './currency.js';
import { formatMinorAsDecimal, parseDecimalToMinor } from './decimal-amount.js';
import { formatIsoAmountDigits, parseIsoAmountDigits } from './iso-amount.js';
import { MoneyError } from './money-error.js';
import { divideRounded, type RoundingMode } from './rounding.js';

/** A currency given by its alphabetic code ('CNY') or as a {@link Currency} from the ISO 4217 table. */
export type CurrencyInput = string | Currency;

export interface MoneyJson {
  readonly amountMinor: number;
  readonly currency: string;
}

/**
 * An amount of one currency, held as a safe integer of minor units (fen, cents): never a float.
 * Immutable; every operation returns a new value. Mixing currencies throws MONEY_CURRENCY_MISMATCH.
 */
export class Money {
  readonly amountMinor: number;
  readonly currency: Currency;

  private constructor(amountMinor: number, currency: Currency) {
    this.amountMinor = amountMinor === 0 ? 0 : amountMinor; // no -0: it would print as '0' yet compare oddly
    this.currency = currency;
    Object.freeze(this);
  }

  /** `Money.ofMinor(1234, 'CNY')` is CNY 12.34. Throws MoneyError for unsafe integers or unknown currencies. */
  static ofMinor(amountMinor: number, currency: CurrencyInput): Money {
    return new Money(checkedAmount(amountMinor, 'ofMinor'), resolveCurrency(currency));
  }

  static zero(currency: CurrencyInput): Money {
    return new Money(0, resolveCurrency(currency));
  }

  /** `Money.parse('12.34', 'CNY')`: strict decimal text, at most `exponent` decimals. Throws MoneyError. */
  static parse(text: string, currency: CurrencyInput): Money {
    return unwrap(Money.tryParse(text, currency));
  }

  /** {@link Money.parse} with the failure as a value, for input that is expected to be wrong sometimes. */
  static tryParse(text: string, currency: CurrencyInput): Result<Money, MoneyError> {
    const resolved = tryResolveCurrency(currency);
    if (!resolved.ok) return resolved;
    const amountMinor = parseDecimalToMinor(text, resolved.value);
    return amountMinor.ok ? ok(new Money(amountMinor.value, resolved.value)) : amountMinor;
  }

  /** `Money.fromIsoAmount('000000001234', '156')`: an ISO 8583 n12 amount and an ISO 4217 numeric code. */
  static fromIsoAmount(digits: string, currencyNumeric: string): Money {
    return unwrap(Money.tryFromIsoAmount(digits, currencyNumeric));
  }

  static tryFromIsoAmount(digits: string, currencyNumeric: string): Result<Money, MoneyError> {
    const currency = currencyByNumeric(currencyNumeric);
    if (currency === undefined) return err(unknownCurrency(currencyNumeric));
    const amountMinor = parseIsoAmountDigits(digits);
    return amountMinor.ok ? ok(new Money(amountMinor.value, currency)) : amountMinor;
  }

  /** '12.34' for CNY, '1234' for JPY, '1.234' for KWD, '-0.05' for a negative amount. */
  format(): string {
    return formatMinorAsDecimal(this.amountMinor, this.currency.exponent);
  }

  /** ISO 8583 n12: '000000001234'. Throws MONEY_NEGATIVE_ISO_AMOUNT or MONEY_OUT_OF_RANGE. */
  toIsoAmount(): string {
    return formatIsoAmountDigits(this.amountMinor, this.currency.alpha);
  }

  add(other: Money): Money {
    this.assertSameCurrency(other, 'add');
    return new Money(checkedAmount(this.amountMinor + other.amountMinor, 'add'), this.currency);
  }

  subtract(other: Money): Money {
    this.assertSameCurrency(other, 'subtract');
    return new Money(checkedAmount(this.amountMinor - other.amountMinor, 'subtract'), this.currency);
  }

  negate(): Money {
    return new Money(-this.amountMinor, this.currency);
  }

  /**
   * `this × numerator / denominator`, rounded by the named mode, in exact integer arithmetic.
   * A 0.38 % fee is `amount.multiplyRatio(38, 10_000, 'half-up')`.
   */
  multiplyRatio(numerator: number, denominator: number, rounding: RoundingMode): Money {
    if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || denominator === 0) {
      throw new MoneyError('MONEY_INVALID_RATIO', 'Ratio needs safe integers and a non-zero denominator', {
        numerator,
        denominator,
      });
    }
    const scaled = divideRounded(BigInt(this.amountMinor) * BigInt(numerator), BigInt(denominator), rounding);
    if (scaled > BigInt(Number.MAX_SAFE_INTEGER) || scaled < BigInt(-Number.MAX_SAFE_INTEGER)) {
      throw outOfRange('multiplyRatio', scaled.toString());
    }
    return new Money(Number(scaled), this.currency);
  }

  isZero(): boolean {
    return this.amountMinor === 0;
  }

  isNegative(): boolean {
    return this.amountMinor < 0;
  }

  isPositive(): boolean {
    return this.amountMinor > 0;
  }

  /** -1, 0 or 1. Amounts of different currencies have no order: throws MONEY_CURRENCY_MISMATCH. */
  compare(other: Money): -1 | 0 | 1 {
    this.assertSameCurrency(other, 'compare');
    if (this.amountMinor === other.amountMinor) return 0;
    return this.amountMinor < other.amountMinor ? -1 : 1;
  }

  /** Same currency and same amount; amounts of different currencies are simply not equal. */
  equals(other: Money): boolean {
    return this.currency.alpha === other.currency.alpha && this.amountMinor === other.amountMinor;
  }

  toJSON(): MoneyJson {
    return { amountMinor: this.amountMinor, currency: this.currency.alpha };
  }

  /** '12.34 CNY', for logs and messages. */
  toString(): string {
    return `${this.format()} ${this.currency.alpha}`;
  }

  private assertSameCurrency(other: Money, operation: string): void {
    if (this.currency.alpha === other.currency.alpha) return;
    throw new MoneyError(
      'MONEY_CURRENCY_MISMATCH',
      `Cannot ${operation} ${other.currency.alpha} and ${this.currency.alpha}`,
      { operation, left: this.currency.alpha, right: other.currency.alpha },
    );
  }
}

function checkedAmount(amountMinor: number, operation: string): number {
  if (Number.isSafeInteger(amountMinor)) return amountMinor;
  if (Number.isInteger(amountMinor) || !Number.isFinite(amountMinor)) {
    throw outOfRange(operation, String(amountMinor));
  }
  throw new MoneyError('MONEY_INVALID_FORMAT', 'amountMinor must be an integer number of minor units', {
    operation,
    amountMinor,
  });
}

function outOfRange(operation: string, amountMinor: string): MoneyError {
  return new MoneyError('MONEY_OUT_OF_RANGE', `Amount exceeds ±${Number.MAX_SAFE_INTEGER} minor units`, {
    operation,
    amountMinor,
  });
}

function resolveCurrency(currency: CurrencyInput): Currency {
  return unwrap(tryResolveCurrency(currency));
}

/** Always yields the table's own object, so a look-alike Currency literal cannot smuggle in an exponent. */
function tryResolveCurrency(currency: CurrencyInput): Result<Currency, MoneyError> {
  const alpha = typeof currency === 'string' ? currency : currency.alpha;
  const found = currencyByAlpha(alpha);
  if (found === undefined || (typeof currency !== 'string' && !sameCurrency(found, currency))) {
    return err(unknownCurrency(alpha));
  }
  return ok(found);
}

function sameCurrency(a: Currency, b: Currency): boolean {
  return a.alpha === b.alpha && a.numeric === b.numeric && a.exponent === b.exponent;
}

function unknownCurrency(code: string): MoneyError {
  return new MoneyError('MONEY_UNKNOWN_CURRENCY', 'Not an active ISO 4217 currency with minor units', {
    currency: code.slice(0, 16),
  });
}
