import { IdSourceError } from './id-source-error.js';
import { SixDigitSequence } from './six-digit-sequence.js';

/**
 * System Trace Audit Number (ISO 8583 field 11): 000001 … 999999, then back to 000001 (never 000000).
 * A terminal persists `current` before sending and resumes with `new StanSequence(saved)` after a
 * restart, so a retransmission or reversal never reuses a STAN by accident.
 */
export class StanSequence {
  readonly #sequence: SixDigitSequence;

  /**
   * @param lastIssued the last STAN issued (number 0–999999 or 6-digit string); omit it, or pass 0,
   *   for a fresh sequence whose first STAN is 000001. Throws STAN_INVALID_START otherwise.
   */
  constructor(lastIssued?: number | string) {
    const sequence = SixDigitSequence.resume(lastIssued);
    if (sequence === undefined) {
      throw new IdSourceError('STAN_INVALID_START', 'Last STAN must be 0–999999 or a 6-digit string', {
        lastIssued: String(lastIssued).slice(0, 16),
      });
    }
    this.#sequence = sequence;
  }

  /** The next STAN as 6 digits. */
  next(): string {
    return this.#sequence.next();
  }

  /** The last STAN issued, or undefined if none has been issued since a fresh start. */
  get current(): string | undefined {
    return this.#sequence.current;
  }
}
