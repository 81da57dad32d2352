import type { RecordEntry, TransactionType } from '../journal/journal-record.js';
import type { SlipCopy } from '../ports/printer.js';
import type { Bilingual } from './slip-labels.js';

export const TRANSACTION_TYPE_NAMES: Readonly<Record<TransactionType, Bilingual>> = {
  sale: { zh: '消费', en: 'SALE' },
  void: { zh: '消费撤销', en: 'VOID' },
  refund: { zh: '退货', en: 'REFUND' },
  preauth: { zh: '预授权', en: 'PRE-AUTH' },
  'preauth-cancel': { zh: '预授权撤销', en: 'PRE-AUTH CANCEL' },
  'preauth-completion': { zh: '预授权完成', en: 'AUTH COMPLETE' },
  'preauth-completion-void': { zh: '预授权完成撤销', en: 'COMPLETE VOID' },
  balance: { zh: '余额查询', en: 'BALANCE' },
  'qr-sale': { zh: '扫码消费', en: 'QR SALE' },
  'qr-void': { zh: '扫码撤销', en: 'QR VOID' },
  'qr-refund': { zh: '扫码退货', en: 'QR REFUND' },
};

export const CARD_ENTRY_NAMES: Readonly<Record<RecordEntry, Bilingual>> = {
  swipe: { zh: '刷卡', en: 'SWIPE' },
  insert: { zh: '插卡', en: 'INSERT' },
  tap: { zh: '挥卡', en: 'TAP' },
  keyed: { zh: '手输', en: 'KEYED' },
  qr: { zh: '扫码', en: 'QR' },
};

export const SLIP_COPY_NAMES: Readonly<Record<SlipCopy, Bilingual>> = {
  merchant: { zh: '商户存根', en: 'MERCHANT COPY' },
  customer: { zh: '持卡人存根', en: 'CARDHOLDER COPY' },
  bank: { zh: '银行存根', en: 'BANK COPY' },
};

/** Types that give money back or undo an earlier one: their slips show the amount negative. */
const AMOUNT_NEGATIVE_TYPES: ReadonlySet<TransactionType> = new Set<TransactionType>([
  'void',
  'refund',
  'preauth-cancel',
  'preauth-completion-void',
  'qr-void',
  'qr-refund',
]);

export function showsNegativeAmount(type: TransactionType): boolean {
  return AMOUNT_NEGATIVE_TYPES.has(type);
}
