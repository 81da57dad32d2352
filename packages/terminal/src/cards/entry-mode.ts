import type { CardEntry } from '../ports/card-reader.js';

/** Digits 1–2 of field 22: how the PAN was read (cup-pos-8583-reference §2). */
const PAN_ENTRY: Readonly<Record<CardEntry, string>> = {
  keyed: '01',
  swipe: '02',
  insert: '05',
  tap: '07',
};

/**
 * Field 22 (POS entry mode, n3): the PAN entry digits and `1` when a PIN was entered, `2` when not —
 * `021`/`022` swipe, `051`/`052` chip, `071`/`072` contactless, `011`/`012` keyed.
 */
export function describeEntryMode(entry: CardEntry, pinEntered: boolean): string {
  return PAN_ENTRY[entry] + (pinEntered ? '1' : '2');
}
