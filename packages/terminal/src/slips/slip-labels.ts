import type { Language } from '../profile.js';

/** A label or phrase in both slip languages. */
export interface Bilingual {
  readonly zh: string;
  readonly en: string;
}

/** A field label as UnionPay slips print it: `商户名称(MERCHANT NAME)` in Chinese, `MERCHANT NAME` in English. */
export function fieldLabel(text: Bilingual, language: Language): string {
  return language === 'zh' ? `${text.zh}(${text.en})` : text.en;
}

/** A value or heading: `消费 SALE` in Chinese, `SALE` in English. */
export function phrase(text: Bilingual, language: Language): string {
  return language === 'zh' ? `${text.zh} ${text.en}` : text.en;
}

/** Longest first: `消费 SALE`, then `消费` alone, for a column that may not hold both (English: one). */
export function phraseCandidates(text: Bilingual, language: Language): string[] {
  return language === 'zh' ? [`${text.zh} ${text.en}`, text.zh] : [text.en];
}

export const FIELD_LABELS = {
  merchantName: { zh: '商户名称', en: 'MERCHANT NAME' },
  merchantNo: { zh: '商户编号', en: 'MERCHANT NO.' },
  terminalNo: { zh: '终端编号', en: 'TERMINAL NO.' },
  operatorNo: { zh: '操作员号', en: 'OPERATOR NO.' },
  cardNo: { zh: '卡号', en: 'CARD NO.' },
  cardBrand: { zh: '卡组织', en: 'CARD BRAND' },
  entryMode: { zh: '输入方式', en: 'ENTRY MODE' },
  transType: { zh: '交易类型', en: 'TRANS TYPE' },
  batchNo: { zh: '批次号', en: 'BATCH NO.' },
  voucherNo: { zh: '凭证号', en: 'VOUCHER NO.' },
  authNo: { zh: '授权码', en: 'AUTH NO.' },
  referNo: { zh: '参考号', en: 'REFER NO.' },
  dateTime: { zh: '日期/时间', en: 'DATE/TIME' },
  amount: { zh: '金额', en: 'AMOUNT' },
  balance: { zh: '余额', en: 'BALANCE' },
  originalVoucherNo: { zh: '原凭证号', en: 'ORIG VOUCHER NO.' },
  originalReferNo: { zh: '原参考号', en: 'ORIG REFER NO.' },
  originalAuthNo: { zh: '原授权码', en: 'ORIG AUTH NO.' },
  originalDate: { zh: '原交易日期', en: 'ORIG DATE' },
  currency: { zh: '币种', en: 'CURRENCY' },
  nextBatch: { zh: '下一批次', en: 'NEXT BATCH' },
  payMethod: { zh: '支付方式', en: 'METHOD' },
  qrVoucher: { zh: '付款凭证号', en: 'PAY VOUCHER' },
  originalQrVoucher: { zh: '原付款凭证号', en: 'ORIG PAY VOUCHER' },
} as const satisfies Record<string, Bilingual>;

/** The reprint marker every reprinted slip carries near its top. */
export const REPRINT_MARKER: Bilingual = { zh: '重打印', en: 'REPRINT' };
