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
  };
}
