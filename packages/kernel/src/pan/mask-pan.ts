const MAX_VISIBLE_HEAD = 6;
const MAX_VISIBLE_TAIL = 4;
/** A 13-digit PAN under the 6 + 4 rule hides 3 digits; shorter input must not hide fewer. */
const MIN_MASKED = 3;

/**
 * Masks a PAN for display: the first 6 and last 4 digits stay, the rest become '*'
 * (6200001000000011 → 620000******0011). Inputs under 13 characters give up leading, then trailing
 * characters so that at least 3 are always hidden. Works on any string and never throws, so it is
 * safe on logging and error paths.
 */
export function maskPan(pan: string): string {
  const maxVisible = Math.max(0, pan.length - MIN_MASKED);
  const tail = Math.min(MAX_VISIBLE_TAIL, maxVisible);
  const head = Math.min(MAX_VISIBLE_HEAD, maxVisible - tail);
  return pan.slice(0, head) + '*'.repeat(pan.length - head - tail) + pan.slice(pan.length - tail);
}
