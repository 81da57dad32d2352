import { displayWidth } from './display-width.js';
import { firstThatFits, padEndToWidth, padStartToWidth, SLIP_COLUMNS, wrapToWidth } from './slip-text.js';

/** The count column ends here; the amount column fills the rest of the line, right-aligned. */
const COUNT_END = 18;
const AMOUNT_COLUMNS = SLIP_COLUMNS - COUNT_END;

/**
 * One row of a totals table: label, count flush right at column 18, amount flush right at 32. The
 * label is the first candidate that fits beside the count (`消费 SALE`, else `消费`); when none does, or
 * the amount is too wide for its column, the counts and amount move to the line below.
 */
export function countAmountRows(labelCandidates: readonly string[], count: string, amount: string): string[] {
  const labelColumns = COUNT_END - displayWidth(count) - (count === '' ? 0 : 1);
  const label = firstThatFits(labelCandidates, labelColumns);
  const amountFits = displayWidth(amount) < AMOUNT_COLUMNS;
  const counts = padStartToWidth(count, COUNT_END);
  const amounts = amountFits ? padStartToWidth(amount, AMOUNT_COLUMNS) : '';
  if (label !== undefined && amountFits) {
    return [padEndToWidth(label, labelColumns) + (count === '' ? '' : ` ${count}`) + amounts];
  }
  const lines = wrapToWidth(labelCandidates[0] ?? '');
  if (amountFits) return [...lines, counts + amounts];
  return [...lines, counts, ...wrapToWidth(amount).map((line) => padStartToWidth(line, SLIP_COLUMNS))];
}
