/** JSON-safe extra facts about an error: never secrets (callers mask PANs, keys and PIN blocks first). */
export type ErrorDetails = Readonly<Record<string, string | number | boolean | null>>;

/**
 * Base of every error PayTerm raises on purpose. `code` is stable (documented in docs/ERRORS.md and
 * safe to match on); `message` is for humans and may change; `details` holds the structured facts.
 */
/** Marks our errors across copies of this package (see `Symbol.hasInstance` below). */
const PAYTERM_ERROR_BRAND = Symbol.for('payterm.error');

export class PaytermError<
  Code extends string = string,
  Details extends ErrorDetails = ErrorDetails,
> extends Error {
  readonly code: Code;
  readonly details: Details;

  constructor(code: Code, message: string, details: Details, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.details = details;
    Object.defineProperty(this, PAYTERM_ERROR_BRAND, { value: true });
  }

  /**
   * A terminal application installed from a software package bundles its own copy of this package, so
   * an error raised by one copy must still be ours to the other: `instanceof PaytermError` accepts the
   * brand. Subclasses keep the ordinary check (they may brand themselves the same way).
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    return this === PaytermError && isBranded(value, PAYTERM_ERROR_BRAND);
  }

  toJSON(): { name: string; code: Code; message: string } & Details {
    return { ...this.details, name: this.name, code: this.code, message: this.message };
  }
}

export function isPaytermError(value: unknown): value is PaytermError {
  return value instanceof PaytermError;
}

/** Whether `value` is an object carrying `brand` (a `Symbol.for` key, the same in every copy). */
export function isBranded(value: unknown, brand: symbol): boolean {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[brand] === true;
}
