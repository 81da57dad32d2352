import { nodeInspectSymbol } from '../masking/node-inspect-symbol.js';
import { err, ok, unwrap, type Result } from '../result/result.js';
import { isLuhnValid } from './luhn.js';
import { maskPan } from './mask-pan.js';
import { PanError } from './pan-error.js';

const PAN_DIGITS = /^\d{12,19}$/;

/**
 * A Primary Account Number that has passed format and Luhn checks. It prints masked everywhere
 * (String, template literals, JSON, util.inspect); the clear digits come only from `revealDigits()`,
 * so every place that needs them is explicit and easy to audit.
 */
export class Pan {
  readonly #digits: string;

  private constructor(digits: string) {
    this.#digits = digits;
    Object.freeze(this);
  }

  /** 12–19 ASCII digits with a valid Luhn check digit. Throws PanError (PAN_INVALID_FORMAT / _LUHN). */
  static parse(digits: string): Pan {
    return unwrap(Pan.tryParse(digits));
  }

  static tryParse(digits: string): Result<Pan, PanError> {
    if (!PAN_DIGITS.test(digits)) {
      return err(
        new PanError('PAN_INVALID_FORMAT', 'PAN must be 12 to 19 digits', { length: digits.length }),
      );
    }
    if (!isLuhnValid(digits)) {
      return err(
        new PanError('PAN_INVALID_LUHN', 'PAN check digit is wrong', {
          length: digits.length,
          masked: maskPan(digits),
        }),
      );
    }
    return ok(new Pan(digits));
  }

  get length(): number {
    return this.#digits.length;
  }

  /** The last 4 digits, as printed on slips. */
  get lastFour(): string {
    return this.#digits.slice(-4);
  }

  /** First 6 + '*'… + last 4. */
  get masked(): string {
    return maskPan(this.#digits);
  }

  /** The clear digits: only for the code that must send or encrypt them. */
  revealDigits(): string {
    return this.#digits;
  }

  equals(other: Pan): boolean {
    return this.#digits === other.#digits;
  }

  toString(): string {
    return this.masked;
  }

  toJSON(): string {
    return this.masked;
  }

  [Symbol.toPrimitive](): string {
    return this.masked;
  }

  [nodeInspectSymbol](): string {
    return this.masked;
  }
}
