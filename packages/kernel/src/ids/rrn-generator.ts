import type { Clock } from '../clock/clock.js';
import { IdSourceError } from './id-source-error.js';
import { SixDigitSequence } from './six-digit-sequence.js';

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;
/** Real UTC offsets run from −12:00 to +14:00. */
const MIN_UTC_OFFSET_MINUTES = -12 * 60;
const MAX_UTC_OFFSET_MINUTES = 14 * 60;

export interface RrnGeneratorOptions {
  readonly clock: Clock;
  /** The last 6-digit sequence issued (as persisted from `sequence`); omit it for a fresh start. */
  readonly lastSequence?: number | string | undefined;
  /**
   * Local time of the acquirer that the RRN's date and hour are read in, as minutes east of UTC
   * (480 for China Standard Time). Defaults to 0: RRNs then do not depend on the host's time zone.
   */
  readonly utcOffsetMinutes?: number;
}

/**
 * Retrieval Reference Number (ISO 8583 field 37), 12 digits in the classic `YDDDHHnnnnnn` form:
 * last digit of the year, day of the year (001–366), hour (00–23), then a 6-digit sequence
 * (000001–999999, wrapping to 000001). The sequence does not restart each hour, so it doubles as a
 * counter the caller can persist; two RRNs from one generator can only collide after 999 999 RRNs
 * within the same hour or when the same hour comes round again ten years later.
 */
export class RrnGenerator {
  readonly #clock: Clock;
  readonly #sequence: SixDigitSequence;
  readonly #utcOffsetMs: number;

  constructor(options: RrnGeneratorOptions) {
    const utcOffsetMinutes = options.utcOffsetMinutes ?? 0;
    if (
      !Number.isInteger(utcOffsetMinutes) ||
      utcOffsetMinutes < MIN_UTC_OFFSET_MINUTES ||
      utcOffsetMinutes > MAX_UTC_OFFSET_MINUTES
    ) {
      throw new IdSourceError('RRN_INVALID_UTC_OFFSET', 'UTC offset must be whole minutes in −720…840', {
        utcOffsetMinutes,
      });
    }
    const sequence = SixDigitSequence.resume(options.lastSequence);
    if (sequence === undefined) {
      throw new IdSourceError('RRN_INVALID_START', 'Last RRN sequence must be 0–999999 or 6 digits', {
        lastSequence: String(options.lastSequence).slice(0, 16),
      });
    }
    this.#clock = options.clock;
    this.#sequence = sequence;
    this.#utcOffsetMs = utcOffsetMinutes * MS_PER_MINUTE;
  }

  /** The next RRN: 12 digits, dated by the injected clock. */
  next(): string {
    return rrnTimePrefix(this.#clock.nowMs() + this.#utcOffsetMs) + this.#sequence.next();
  }

  /** The last sequence issued (the RRN's final 6 digits), to persist; undefined before the first RRN. */
  get sequence(): string | undefined {
    return this.#sequence.current;
  }
}

/** `YDDDHH` of a time given as epoch ms already shifted into the wanted local time. */
function rrnTimePrefix(localEpochMs: number): string {
  const local = new Date(localEpochMs);
  const year = local.getUTCFullYear();
  const startOfDay = Date.UTC(year, local.getUTCMonth(), local.getUTCDate());
  const dayOfYear = (startOfDay - Date.UTC(year, 0, 1)) / MS_PER_DAY + 1;
  return (
    String(year % 10) + String(dayOfYear).padStart(3, '0') + String(local.getUTCHours()).padStart(2, '0')
  );
}
