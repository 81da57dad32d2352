/**
 * The issuer's business day: PIN-try counters and velocity counters reset when it changes. The day is
 * the calendar date at a fixed UTC offset (China Standard Time, UTC+8, by default; no daylight saving).
 */
export const CHINA_UTC_OFFSET_MINUTES = 480;

const MINUTE_MS = 60_000;

/** `YYYY-MM-DD` of `epochMs` at `utcOffsetMinutes`. */
export function businessDay(epochMs: number, utcOffsetMinutes: number = CHINA_UTC_OFFSET_MINUTES): string {
  return new Date(epochMs + utcOffsetMinutes * MINUTE_MS).toISOString().slice(0, 10);
}

/** `YYMM` of `epochMs` at `utcOffsetMinutes`, to compare with a card expiry. */
export function businessMonthYymm(
  epochMs: number,
  utcOffsetMinutes: number = CHINA_UTC_OFFSET_MINUTES,
): string {
  const iso = new Date(epochMs + utcOffsetMinutes * MINUTE_MS).toISOString();
  return iso.slice(2, 4) + iso.slice(5, 7);
}
