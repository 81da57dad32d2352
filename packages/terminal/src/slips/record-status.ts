import { responseCodeInfo } from '@payterm/protocol';
import type { JournalRecord, TransactionStatus } from '../journal/journal-record.js';
import type { Bilingual } from './slip-labels.js';

/** What a slip of a transaction that did not go through says instead of being a receipt. */
export interface StatusNotice {
  /** `交易失败 DECLINED 51`, `已冲正 REVERSED` … */
  readonly headline: Bilingual;
  /** The response code's operator text, or what the status means for the cardholder. */
  readonly detail?: Bilingual;
}

export const NOT_A_RECEIPT: Bilingual = { zh: '本单无效', en: 'NOT A VALID RECEIPT' };

type RecordOutcome = Pick<JournalRecord, 'status' | 'responseCode'>;

const NOTICES: Readonly<Record<Exclude<TransactionStatus, 'approved' | 'declined'>, StatusNotice>> = {
  reversed: {
    headline: { zh: '已冲正', en: 'REVERSED' },
    detail: { zh: '交易未生效', en: 'NO FUNDS MOVED' },
  },
  'reversal-pending': {
    headline: { zh: '待冲正', en: 'REVERSAL PENDING' },
    detail: { zh: '交易未完成', en: 'NOT COMPLETED' },
  },
  'reversal-failed': {
    headline: { zh: '冲正失败', en: 'REVERSAL FAILED' },
    detail: { zh: '请联系银行', en: 'CALL THE BANK' },
  },
  sending: {
    headline: { zh: '结果未知', en: 'OUTCOME UNKNOWN' },
    detail: { zh: '交易未完成', en: 'NOT COMPLETED' },
  },
  unknown: {
    headline: { zh: '结果未知', en: 'OUTCOME UNKNOWN' },
    detail: { zh: '交易未完成', en: 'NOT COMPLETED' },
  },
  'not-sent': {
    headline: { zh: '未发送', en: 'NOT SENT' },
    detail: { zh: '交易未生效', en: 'NO FUNDS MOVED' },
  },
};

/** Undefined for an approved record (its slip is a receipt); otherwise the notice the slip prints. */
export function statusNotice(record: RecordOutcome): StatusNotice | undefined {
  if (record.status === 'approved') return undefined;
  if (record.status !== 'declined') return NOTICES[record.status];
  if (record.responseCode === undefined) return { headline: { zh: '交易失败', en: 'DECLINED' } };
  const info = responseCodeInfo(record.responseCode);
  return {
    headline: { zh: '交易失败', en: `DECLINED ${record.responseCode}` },
    detail: { zh: info.zh, en: info.en.toUpperCase() },
  };
}

const STATUS_WORDS: Readonly<Record<Exclude<TransactionStatus, 'approved'>, Bilingual>> = {
  declined: { zh: '失败', en: 'DECLINED' },
  reversed: { zh: '已冲正', en: 'REVERSED' },
  'reversal-pending': { zh: '待冲正', en: 'REVERSAL PENDING' },
  'reversal-failed': { zh: '冲正失败', en: 'REVERSAL FAILED' },
  sending: { zh: '结果未知', en: 'UNKNOWN' },
  unknown: { zh: '结果未知', en: 'UNKNOWN' },
  'not-sent': { zh: '未发送', en: 'NOT SENT' },
};

/**
 * One short status for a line of the detail list: what became of an approved original too
 * (`已撤销 VOIDED`); a decline's response code goes after it (`失败 DECLINED 51`).
 */
export function statusWord(
  record: Pick<JournalRecord, 'status' | 'voidedBy' | 'completedBy' | 'refundedMinor'>,
): Bilingual {
  if (record.status !== 'approved') return STATUS_WORDS[record.status];
  if (record.voidedBy !== undefined) return { zh: '已撤销', en: 'VOIDED' };
  if (record.completedBy !== undefined) return { zh: '已完成', en: 'COMPLETED' };
  if ((record.refundedMinor ?? 0) > 0) return { zh: '已退货', en: 'REFUNDED' };
  return { zh: '成功', en: 'APPROVED' };
}
