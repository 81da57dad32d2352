import type { Clock, RandomSource } from '@payterm/kernel';
import { businessDay } from '../issuer/business-day.js';

const MS_PER_DAY = 86_400_000;
const RRN_SEQUENCE_LIMIT = 1_000_000_000;
/** Two lower-case hex digits per byte value. */
const HEX_PAIRS = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));
/** The last two base-36 digits of a time stamp: its higher digits change only every 1.296 s. */
const BASE36_LOW = 36 * 36;
const BASE36_PAIRS = Array.from({ length: BASE36_LOW }, (_, value) => value.toString(36).padStart(2, '0'));

/** Host business dates are China Standard Time (UTC+8), as the terminals' field 13. */
export const HOST_UTC_OFFSET_MS = 8 * 3_600_000;

/** `YYYYMMDD` of `epochMs` in the host's business time zone. */
export function hostDateOf(epochMs: number): string {
  const iso = businessDay(epochMs, HOST_UTC_OFFSET_MS / 60_000);
  return iso.slice(0, 4) + iso.slice(5, 7) + iso.slice(8, 10);
}

/** The leading digits of the RRNs issued on the business day of `epochMs` (its day of the year). */
export function rrnDayPrefix(epochMs: number): string {
  return String(dayOfYear(epochMs)).padStart(3, '0');
}

function dayOfYear(epochMs: number): number {
  const local = epochMs + HOST_UTC_OFFSET_MS;
  const year = new Date(local).getUTCFullYear();
  return Math.floor((local - Date.UTC(year, 0, 1)) / MS_PER_DAY) + 1;
}

/**
 * Ids the host hands out: transaction ids (time-ordered, unique without coordination) and retrieval
 * reference numbers. An RRN is 12 digits: day of the year (3) and a 9-digit sequence that restarts
 * each business day, so up to 999,999,999 per day (the 6-digit hourly form of kernel's RrnGenerator
 * runs out in 100 s at 10,000 sales/s). Refunds find their original by RRN and date.
 */
export class HostIds {
  readonly #clock: Clock;
  readonly #random: RandomSource;
  readonly #bytes = new Uint8Array(8);
  #stampHigh = Number.NaN;
  #stampHighDigits = '';
  #rrnDay: string;
  /** Epoch ms range [start, end) of the business day #rrnDay, and its RRN prefix. */
  #rrnDayStartMs = Number.NaN;
  #rrnDayEndMs = Number.NaN;
  #rrnPrefix = '';
  #rrnSequence: number;

  /** `lastRrn`: the highest RRN issued today (from the database at start), to resume after it. */
  constructor(clock: Clock, random: RandomSource, lastRrn?: string) {
    this.#clock = clock;
    this.#random = random;
    const today = hostDateOf(clock.nowMs());
    this.#rrnDay = today;
    this.#rrnSequence = lastRrn === undefined ? 0 : Number(lastRrn.slice(3)) % RRN_SEQUENCE_LIMIT;
  }

  /** `t` + 11 base-36 digits of epoch ms + 16 random hex digits: sortable by creation time. */
  transactionId(): string {
    const bytes = this.#bytes;
    this.#random.fillBytes(bytes);
    let suffix = '';
    for (let index = 0; index < bytes.length; index += 1) suffix += HEX_PAIRS[bytes[index]!]!;
    return `t${this.#stamp(this.#clock.nowMs())}${suffix}`;
  }

  rrn(): string {
    const now = this.#clock.nowMs();
    // Only a change of business day needs the date: the range of the current one is kept.
    if (!(now >= this.#rrnDayStartMs && now < this.#rrnDayEndMs)) {
      const today = hostDateOf(now);
      if (today !== this.#rrnDay) {
        this.#rrnDay = today;
        this.#rrnSequence = 0;
      }
      const dayStart = Math.floor((now + HOST_UTC_OFFSET_MS) / MS_PER_DAY) * MS_PER_DAY - HOST_UTC_OFFSET_MS;
      this.#rrnDayStartMs = dayStart;
      this.#rrnDayEndMs = dayStart + MS_PER_DAY;
      this.#rrnPrefix = rrnDayPrefix(now);
    }
    this.#rrnSequence = (this.#rrnSequence % (RRN_SEQUENCE_LIMIT - 1)) + 1;
    return this.#rrnPrefix + String(this.#rrnSequence).padStart(9, '0');
  }

  /** `epochMs.toString(36).padStart(11, '0')`, formatting the higher digits once per 1.296 s. */
  #stamp(epochMs: number): string {
    if (!Number.isSafeInteger(epochMs) || epochMs < 0) return epochMs.toString(36).padStart(11, '0');
    const high = Math.floor(epochMs / BASE36_LOW);
    if (high !== this.#stampHigh) {
      this.#stampHigh = high;
      this.#stampHighDigits = high.toString(36).padStart(9, '0');
    }
    return this.#stampHighDigits + BASE36_PAIRS[epochMs - high * BASE36_LOW]!;
  }
}
