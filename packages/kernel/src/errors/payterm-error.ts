/** JSON-safe extra facts about an error: never secrets (callers mask PANs, keys and PIN blocks first). */
export type ErrorDetails = Readonly<Record<string, string | number | boolean | null>>;

/**
 * Base of every error PayTerm raises on purpose. `code` is stable (documented in docs/ERRORS.md and
 * safe to match on); `message` is for humans and may change; `details` holds the structured facts.
 */
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
  }

  toJSON(): { name: string; code: Code; message: string } & Details {
    return { ...this.details, name: this.name, code: this.code, message: this.message };
  }
}

export function isPaytermError(value: unknown): value is PaytermError {
  return value instanceof PaytermError;
}
