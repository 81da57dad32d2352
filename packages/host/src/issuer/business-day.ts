/**
 * The issuer's business day: PIN-try counters and velocity counters reset when it changes. The day is
 * the calendar date at a fixed UTC offset (China Standard Time, UTC+8, by default; no daylight saving).
 */
export const CHINA_UTC_OFFSET_MINUTES = 480;

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** The last day formatted: every request asks for today's date several times, and formatting allocates. */
let lastDayNumber = Number.NaN;
let lastOffsetMinutes = Number.NaN;
let lastIsoDate = '';

/** `YYYY-MM-DD` of `epochMs` at `utcOffsetMinutes`. */
export function businessDay(epochMs: number, utcOffsetMinutes: number = CHINA_UTC_OFFSET_MINUTES): string {
  const dayNumber = Math.floor((epochMs + utcOffsetMinutes * MINUTE_MS) / DAY_MS);
  if (dayNumber !== lastDayNumber || utcOffsetMinutes !== lastOffsetMinutes) {
    lastIsoDate = new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
    lastDayNumber = dayNumber;
    lastOffsetMinutes = utcOffsetMinutes;
  }
  return lastIsoDate;
}

/** `YYMM` of `epochMs` at `utcOffsetMinutes`, to compare with a card expiry. */
export function businessMonthYymm(
  epochMs: number,
  utcOffsetMinutes: number = CHINA_UTC_OFFSET_MINUTES,
): string {
  const iso = businessDay(epochMs, utcOffsetMinutes);
  return iso.slice(2, 4) + iso.slice(5, 7);
}
