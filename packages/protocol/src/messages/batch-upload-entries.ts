import { protocolError } from '../errors.js';

/** One 40-digit magstripe detail record of a 0320 / 60.3 `201` batch upload (reference §7.3). */
export interface MagstripeUploadEntry {
  /** Card-organisation flag: `00` domestic (CNY), `01` foreign. */
  readonly foreign: boolean;
  /** STAN of the original transaction. */
  readonly stan: string;
  /** PAN of the original (the record carries it; mask before logging). */
  readonly pan: string;
  readonly amountMinor: number;
}

export const MAX_MAGSTRIPE_UPLOAD_ENTRIES = 8;
const ENTRY_DIGITS = 40;

/** Field 48 of a magstripe upload: count n2 then the entries. Throws ProtocolError. */
export function parseMagstripeUpload(digits: string): MagstripeUploadEntry[] {
  const count = Number(digits.slice(0, 2));
  if (!/^\d+$/.test(digits) || digits.length !== 2 + count * ENTRY_DIGITS) {
    throw protocolError(
      'PROTOCOL_INVALID_FIELD',
      'batch upload field 48 must be a 2-digit count and that many 40-digit records',
      '48',
      { have: digits.length },
    );
  }
  const entries: MagstripeUploadEntry[] = [];
  for (let index = 0; index < count; index += 1) {
    const entry = digits.slice(2 + index * ENTRY_DIGITS, 2 + (index + 1) * ENTRY_DIGITS);
    const flag = entry.slice(0, 2);
    if (flag !== '00' && flag !== '01') {
      throw protocolError(
        'PROTOCOL_INVALID_FIELD',
        `record ${index + 1} has card flag other than 00/01`,
        '48',
      );
    }
    entries.push({
      foreign: flag === '01',
      stan: entry.slice(2, 8),
      pan: entry.slice(8, 28).replace(/^0+(?=\d)/, ''),
      amountMinor: Number(entry.slice(28, 40)),
    });
  }
  return entries;
}

export function formatMagstripeUpload(entries: readonly MagstripeUploadEntry[]): string {
  if (entries.length > MAX_MAGSTRIPE_UPLOAD_ENTRIES) {
    throw protocolError('PROTOCOL_INVALID_VALUE', 'a magstripe upload holds at most 8 records', '48');
  }
  let digits = String(entries.length).padStart(2, '0');
  for (const entry of entries) {
    if (!/^\d{6}$/.test(entry.stan) || !/^\d{1,20}$/.test(entry.pan)) {
      throw protocolError('PROTOCOL_INVALID_VALUE', 'an upload record needs a 6-digit STAN and a PAN', '48');
    }
    if (
      !Number.isSafeInteger(entry.amountMinor) ||
      entry.amountMinor < 0 ||
      entry.amountMinor > 999_999_999_999
    ) {
      throw protocolError('PROTOCOL_INVALID_VALUE', 'an upload record amount must fit n12', '48');
    }
    digits +=
      (entry.foreign ? '01' : '00') +
      entry.stan +
      entry.pan.padStart(20, '0') +
      String(entry.amountMinor).padStart(12, '0');
  }
  return digits;
}

/** Field 48 of a batch-upload end: the uploaded count, n4. */
export function parseUploadCount(digits: string): number {
  if (!/^\d{4}$/.test(digits)) {
    throw protocolError('PROTOCOL_INVALID_FIELD', 'batch upload end field 48 must be 4 digits', '48');
  }
  return Number(digits);
}

export function formatUploadCount(count: number): string {
  if (!Number.isSafeInteger(count) || count < 0 || count > 9999) {
    throw protocolError('PROTOCOL_INVALID_VALUE', 'the uploaded count must be 0 to 9999', '48');
  }
  return String(count).padStart(4, '0');
}
