const MINUTE_MS = 60_000;

interface LocalDateTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

/** A date-time with a zone designator (`Z`, `+08:00`); a date alone counts as one (UTC midnight). */
const ZONED = /(?:[zZ]|[+-]\d{2}(?::?\d{2})?)$|^\d{4}-\d{2}-\d{2}$/;

/**
 * The calendar date and time of an ISO 8601 instant in the terminal's time zone; undefined when
 * unreadable. A date-time without a zone is taken as the terminal's wall clock already (Date.parse
 * would read it in the zone of whatever machine renders the slip).
 */
function localDateTime(iso: string, utcOffsetMinutes: number): LocalDateTime | undefined {
  const zoned = ZONED.test(iso);
  const epochMs = Date.parse(zoned ? iso : `${iso}Z`);
  if (Number.isNaN(epochMs)) return undefined;
  const local = new Date(epochMs + (zoned ? utcOffsetMinutes * MINUTE_MS : 0));
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
  };
}

const two = (value: number): string => String(value).padStart(2, '0');

/** `2025/11/26 23:00:05` in the terminal's time zone; an unreadable instant is printed as it is. */
export function formatSlipInstant(iso: string, utcOffsetMinutes: number): string {
  const local = localDateTime(iso, utcOffsetMinutes);
  if (local === undefined) return iso;
  const { year, month, day, hour, minute, second } = local;
  return `${year}/${two(month)}/${two(day)} ${two(hour)}:${two(minute)}:${two(second)}`;
}

/**
 * `2025/11/26 10:20:30` from a record's MMDD and hhmmss (the host's fields 13 and 12) and the year of
 * its start. The host's date may already be in the next or previous year of the terminal's start
 * around New Year (start 12-31 23:59:59, host date 0101), so the year follows the month.
 */
export function formatRecordDateTime(
  record: { readonly date: string; readonly time: string; readonly createdAt: string },
  utcOffsetMinutes: number,
): string {
  if (!/^\d{4}$/.test(record.date) || !/^\d{6}$/.test(record.time)) return `${record.date} ${record.time}`;
  const month = Number(record.date.slice(0, 2));
  const monthDay = `${record.date.slice(0, 2)}/${record.date.slice(2)}`;
  const time = `${record.time.slice(0, 2)}:${record.time.slice(2, 4)}:${record.time.slice(4)}`;
  const started = localDateTime(record.createdAt, utcOffsetMinutes);
  if (started === undefined) return `${monthDay} ${time}`;
  let year = started.year;
  if (month === 1 && started.month === 12) year += 1;
  if (month === 12 && started.month === 1) year -= 1;
  return `${year}/${monthDay} ${time}`;
}

/** `11/26` from MMDD (an original transaction's date), or the text as it is. */
export function formatMonthDay(mmdd: string): string {
  return /^\d{4}$/.test(mmdd) ? `${mmdd.slice(0, 2)}/${mmdd.slice(2)}` : mmdd;
}
