import type { Clock, RandomSource } from '@payterm/kernel';
import { businessDay } from '../issuer/business-day.js';

const MS_PER_DAY = 86_400_000;
const RRN_SEQUENCE_LIMIT = 1_000_000_000;
const HEX = '0123456789abcdef';

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
  #rrnDay: string;
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
    this.#random.fillBytes(this.#bytes);
    let suffix = '';
    for (const byte of this.#bytes) suffix += (HEX[byte >> 4] ?? '') + (HEX[byte & 15] ?? '');
    return `t${this.#clock.nowMs().toString(36).padStart(11, '0')}${suffix}`;
  }

  rrn(): string {
    const now = this.#clock.nowMs();
    const today = hostDateOf(now);
    if (today !== this.#rrnDay) {
      this.#rrnDay = today;
      this.#rrnSequence = 0;
    }
    this.#rrnSequence = (this.#rrnSequence % (RRN_SEQUENCE_LIMIT - 1)) + 1;
    return rrnDayPrefix(now) + String(this.#rrnSequence).padStart(9, '0');
  }
}
