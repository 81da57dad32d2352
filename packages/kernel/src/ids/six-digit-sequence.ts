const FIRST = 1;
const LAST = 999_999;
const WIDTH = 6;

/** A value a terminal persisted: the last number issued, or 0 / '000000' / undefined for "none yet". */
export type LastIssued = number | string | undefined;

/** Counts 000001 … 999999 and wraps back to 000001; 000000 is never issued. Shared by STAN and RRN. */
export class SixDigitSequence {
  #last: number;

  private constructor(last: number) {
    this.#last = last;
  }

  /** The sequence that continues after `lastIssued`, or undefined when that is not a valid value. */
  static resume(lastIssued: LastIssued): SixDigitSequence | undefined {
    const last = parseLastIssued(lastIssued);
    return last === undefined ? undefined : new SixDigitSequence(last);
  }

  next(): string {
    this.#last = this.#last >= LAST ? FIRST : this.#last + 1;
    return format(this.#last);
  }

  /** The last value issued, zero-padded, or undefined before the first `next()` of a fresh sequence. */
  get current(): string | undefined {
    return this.#last === 0 ? undefined : format(this.#last);
  }
}

function parseLastIssued(lastIssued: LastIssued): number | undefined {
  if (lastIssued === undefined) return 0;
  if (typeof lastIssued === 'string') return /^\d{6}$/.test(lastIssued) ? Number(lastIssued) : undefined;
  return Number.isInteger(lastIssued) && lastIssued >= 0 && lastIssued <= LAST ? lastIssued : undefined;
}

function format(value: number): string {
  return String(value).padStart(WIDTH, '0');
}
