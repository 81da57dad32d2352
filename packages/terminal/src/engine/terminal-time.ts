/** The terminal's local time: the device clock corrected by the host offset, in its time zone. */
export interface LocalTime {
  /** ISO 8601 UTC instant. */
  readonly iso: string;
  /** MMDD in the terminal's time zone. */
  readonly mmdd: string;
  /** hhmmss in the terminal's time zone. */
  readonly hhmmss: string;
  /** YYYY-MM-DD in the terminal's time zone. */
  readonly date: string;
  /** YYMMDD (EMV 9A). */
  readonly yymmdd: string;
}

export function localTime(epochMs: number, utcOffsetMinutes: number): LocalTime {
  const shifted = new Date(epochMs + utcOffsetMinutes * 60_000).toISOString();
  const date = shifted.slice(0, 10);
  return {
    iso: new Date(epochMs).toISOString(),
    date,
    mmdd: date.slice(5, 7) + date.slice(8, 10),
    hhmmss: shifted.slice(11, 13) + shifted.slice(14, 16) + shifted.slice(17, 19),
    yymmdd: date.slice(2, 4) + date.slice(5, 7) + date.slice(8, 10),
  };
}

/**
 * Host time from a response's MMDD (13) and hhmmss (12), read in the terminal's time zone, minus the
 * terminal's time: the clock offset. The year is the terminal's, moved by one when that puts the
 * host more than half a year away (a sign-in across New Year).
 */
export function hostClockOffsetMs(
  nowMs: number,
  utcOffsetMinutes: number,
  mmdd: string,
  hhmmss: string,
): number | undefined {
  if (!/^\d{4}$/.test(mmdd) || !/^\d{6}$/.test(hhmmss)) return undefined;
  const year = Number(localTime(nowMs, utcOffsetMinutes).date.slice(0, 4));
  const halfYearMs = 183 * 86_400_000;
  let best: number | undefined;
  for (const candidate of [year - 1, year, year + 1]) {
    const utc = Date.UTC(
      candidate,
      Number(mmdd.slice(0, 2)) - 1,
      Number(mmdd.slice(2, 4)),
      Number(hhmmss.slice(0, 2)),
      Number(hhmmss.slice(2, 4)),
      Number(hhmmss.slice(4, 6)),
    );
    if (Number.isNaN(utc)) return undefined;
    const offset = utc - utcOffsetMinutes * 60_000 - nowMs;
    if (Math.abs(offset) < halfYearMs) best = offset;
  }
  return best;
}
