import type { ActionClass, ResponseAction } from '@payterm/protocol';
import type { OperatorText } from '../../engine/outcome.js';
import type { JournalRecord, RecordEntry, TransactionStatus } from '../../journal/journal-record.js';
import { amountText } from '../amount-text.js';
import { TEXTS, TRANSACTION_TITLES } from '../ui-texts.js';
import { bilingual, labelled, type UiText } from '../ui-text.js';

const STATUS_TEXTS: Readonly<Record<TransactionStatus, OperatorText>> = {
  sending: { zh: '结果未知', en: 'Outcome unknown' },
  approved: { zh: '成功', en: 'Approved' },
  declined: { zh: '失败', en: 'Declined' },
  'not-sent': { zh: '未发送', en: 'Not sent' },
  'reversal-pending': { zh: '待冲正', en: 'Reversal pending' },
  reversed: { zh: '已冲正', en: 'Reversed' },
  'reversal-failed': { zh: '冲正失败，请联系银行', en: 'Reversal failed: call the bank' },
  unknown: { zh: '结果未知，待重发确认', en: 'Outcome unknown: to be repeated' },
};

const ENTRY_TEXTS: Readonly<Record<RecordEntry, OperatorText>> = {
  swipe: { zh: '刷卡', en: 'swiped' },
  insert: { zh: '插卡', en: 'inserted' },
  tap: { zh: '挥卡', en: 'tapped' },
  keyed: { zh: '手输', en: 'keyed' },
  qr: { zh: '扫码', en: 'QR code' },
};

export const ACTION_CLASS_TEXTS: Readonly<Record<ActionClass, OperatorText>> = {
  A: { zh: '成功', en: 'success' },
  B: { zh: '失败，可重试', en: 'failed, may retry' },
  C: { zh: '失败，勿重试', en: 'failed, do not retry' },
  D: { zh: '失败，需操作员处理', en: 'failed, operator action' },
  E: { zh: '系统故障，勿重试', en: 'system fault, do not retry' },
};

export const ACTION_TEXTS: Readonly<Record<ResponseAction, OperatorText>> = {
  approved: { zh: '完成', en: 'done' },
  retry: { zh: '可重试', en: 'retry' },
  'do-not-retry': { zh: '勿重试', en: 'do not retry' },
  'call-issuer': { zh: '请联系发卡行', en: 'call the bank' },
  'retain-card': { zh: '请没收卡片', en: 'retain the card' },
  're-sign-in': { zh: '请重新签到', en: 'sign in again' },
  'system-fault': { zh: '系统故障', en: 'system fault' },
};

/** `Response code 00`, or that the host did not answer. */
export function responseCodeLine(responseCode: string | null): OperatorText {
  return responseCode === null
    ? bilingual('应答码 无（主机无应答）', 'Response code: none (no answer)')
    : labelled(bilingual('应答码', 'Response code'), responseCode);
}

/** What became of the original: voided, completed, partly refunded. */
function followUps(record: JournalRecord): OperatorText[] {
  const lines: OperatorText[] = [];
  if (record.voidedBy !== undefined) lines.push(bilingual('已撤销', 'Voided'));
  if (record.completedBy !== undefined) lines.push(bilingual('已完成', 'Completed'));
  if ((record.refundedMinor ?? 0) > 0) {
    const refunded = amountText({ amountMinor: record.refundedMinor ?? 0, currency: record.amount.currency });
    lines.push(labelled(bilingual('已退货', 'Refunded'), refunded));
  }
  return lines;
}

/** `0601 12:34:56` from the record's MMDD and hhmmss. */
function recordDateTime(record: JournalRecord): string {
  const time = record.time;
  return `${record.date} ${time.slice(0, 2)}:${time.slice(2, 4)}:${time.slice(4, 6)}`;
}

/** The card and money facts of a record, as the detail and confirmation screens show them. */
export function recordLines(record: JournalRecord): UiText[] {
  const entry = ENTRY_TEXTS[record.entry];
  const status = STATUS_TEXTS[record.status];
  return [
    TRANSACTION_TITLES[record.type],
    { zh: `状态 ${status.zh}`, en: `Status ${status.en}` },
    ...followUps(record),
    labelled(TEXTS.voucher, record.stan),
    labelled(bilingual('批次号', 'Batch'), record.batch),
    labelled(TEXTS.amount, amountText(record.amount)),
    {
      zh: `卡号 ${record.maskedPan} ${record.brand} ${entry.zh}`,
      en: `Card ${record.maskedPan} ${record.brand} ${entry.en}`,
    },
    labelled(bilingual('日期时间', 'Date/time'), recordDateTime(record)),
    ...(record.rrn === undefined ? [] : [labelled(TEXTS.rrn, record.rrn)]),
    ...(record.authCode === undefined ? [] : [labelled(TEXTS.authCode, record.authCode)]),
    ...(record.responseCode === undefined
      ? []
      : [labelled(bilingual('应答码', 'Response code'), record.responseCode)]),
    labelled(bilingual('操作员', 'Operator'), record.operator),
  ];
}

/** One line of the query list: voucher, type, amount, status. */
export function recordListLine(record: JournalRecord): OperatorText {
  const type = TRANSACTION_TITLES[record.type];
  const status = record.voidedBy === undefined ? STATUS_TEXTS[record.status] : bilingual('已撤销', 'Voided');
  const amount = record.type === 'balance' ? '' : ` ${amountText(record.amount)}`;
  return {
    zh: `${record.stan} ${type.zh}${amount} ${status.zh}`,
    en: `${record.stan} ${type.en}${amount} ${status.en}`,
  };
}
