/** The highest field number any bitmap chain can announce (three bitmaps). */
export const MAX_FIELD_NUMBER = 192;

/**
 * The field number a record key names, or undefined unless the key is the canonical decimal
 * spelling of 1–192 (`"2"`, not `"02"`, `"2.0"` or `" 2"`), so two keys can never name one field.
 */
export function fieldNumberOfKey(key: string): number | undefined {
  const number = Number(key);
  return Number.isInteger(number) && number >= 1 && number <= MAX_FIELD_NUMBER && String(number) === key
    ? number
    : undefined;
}
