import type { PosEnvelope, QrRefundRequest, ReversalRequest } from '@payterm/protocol';
import type { JournalRecord } from '../journal/journal-record.js';
import { originalData } from './request-builder.js';

/** The original QR payment's voucher a QR void or refund names (59 `A4`). */
function originalVoucher(record: JournalRecord): string {
  const voucher = record.original?.voucher;
  if (voucher === undefined) throw new Error(`a ${record.type} names its original by voucher`);
  return voucher;
}

/**
 * The 0400 of a QR record: no card; a QR sale sends its payment code (59 `A3`, `code` unsealed from
 * the record), a QR void the original's voucher (59 `A4`) and 61.
 */
export function qrReversalOf(
  record: JournalRecord,
  envelope: Omit<PosEnvelope, 'stan' | 'batch'>,
  code: string,
): ReversalRequest {
  const common = {
    ...envelope,
    kind: 'reversal' as const,
    stan: record.stan,
    batch: record.batch,
    reason: record.recovery?.reason ?? '98',
    amount: record.amount,
    ...(record.authCode === undefined ? {} : { authCode: record.authCode }),
  };
  if (record.type === 'qr-sale') return { ...common, reversedKind: 'qr-customer-sale', qrCode: code };
  if (record.type !== 'qr-void') throw new Error(`a ${record.type} is never reversed`);
  return {
    ...common,
    reversedKind: 'qr-void',
    voucher: originalVoucher(record),
    ...(record.original === undefined ? {} : { original: originalData(record.original) }),
  };
}

/** The QR refund request (0220, 59 `A4`); built the same way first and on every repeat. */
export function qrRefundRequest(
  envelope: PosEnvelope,
  record: Pick<JournalRecord, 'amount' | 'original' | 'type'>,
): QrRefundRequest {
  return {
    ...envelope,
    kind: 'qr-refund',
    amount: record.amount,
    voucher: originalVoucher(record as JournalRecord),
    ...(record.original === undefined ? {} : { original: originalData(record.original) }),
  };
}

export function qrRefundRequestOf(
  record: JournalRecord,
  envelope: Omit<PosEnvelope, 'stan' | 'batch'>,
): QrRefundRequest {
  return qrRefundRequest({ ...envelope, stan: record.stan, batch: record.batch }, record);
}
