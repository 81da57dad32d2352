import type { PosResponse } from '@payterm/protocol';
import type { JournalRecord } from '../journal/journal-record.js';

/** The record with what the host's answer carries: code, RRN, auth code, host date and time. */
export function answered(record: JournalRecord, response: PosResponse): JournalRecord {
  return {
    ...record,
    responseCode: response.responseCode,
    ...(response.rrn === undefined ? {} : { rrn: response.rrn }),
    ...(response.authCode === undefined ? {} : { authCode: response.authCode }),
    ...(response.localDate === undefined ? {} : { date: response.localDate }),
    ...(response.localTime === undefined ? {} : { time: response.localTime }),
    ...('voucher' in response && response.voucher !== undefined ? { voucher: response.voucher } : {}),
  };
}

/** Chip data is kept only while a reversal may need it. */
export function withoutIcc(record: JournalRecord): JournalRecord {
  if (record.iccHex === undefined || record.status === 'reversal-pending') return record;
  const copy: Record<string, unknown> = { ...record };
  delete copy['iccHex'];
  return copy as unknown as JournalRecord;
}
