import type { TransactionType } from '../journal/journal-record.js';
import type { CardEntry } from '../ports/card-reader.js';
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
};

export const CARD_ENTRY_NAMES: Readonly<Record<CardEntry, Bilingual>> = {
  swipe: { zh: '刷卡', en: 'SWIPE' },
  insert: { zh: '插卡', en: 'INSERT' },
  tap: { zh: '挥卡', en: 'TAP' },
  keyed: { zh: '手输', en: 'KEYED' },
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
]);

export function showsNegativeAmount(type: TransactionType): boolean {
  return AMOUNT_NEGATIVE_TYPES.has(type);
}
