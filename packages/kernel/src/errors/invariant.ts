import { PaytermError, type ErrorDetails } from './payterm-error.js';

/** Thrown when code breaks a precondition it controls (a bug, not an expected failure). */
export class InvariantError extends PaytermError<'INVARIANT_VIOLATED'> {
  constructor(message: string, details: ErrorDetails = {}) {
    super('INVARIANT_VIOLATED', message, details);
  }
}

/** An assertion that stays on in production: throws {@link InvariantError} when `condition` is falsy. */
export function assertInvariant(
  condition: unknown,
  message: string,
  details: ErrorDetails = {},
): asserts condition {
  if (!condition) throw new InvariantError(message, details);
}
