import type { OperatorText } from '../engine/outcome.js';
import type { TransactionType } from '../journal/journal-record.js';
import type { ScreenKind } from './screen.js';

/** Texts the device shows in more than one place. */
export const TEXTS = {
  starting: { zh: '启动中', en: 'Starting' },
  closed: { zh: '已关闭', en: 'Closed' },
  processing: { zh: '处理中，请稍候', en: 'Processing, please wait' },
  online: { zh: '联机处理中，请稍候', en: 'Connecting to the host, please wait' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
  error: { zh: '错误', en: 'Error' },
  qr: { zh: '扫码', en: 'QR' },
  supervisorPassword: { zh: '主管密码', en: 'Supervisor password' },
  voucher: { zh: '凭证号', en: 'Voucher' },
  amount: { zh: '金额', en: 'Amount' },
  rrn: { zh: '参考号', en: 'Reference no. (RRN)' },
  originalDate: { zh: '原交易日期(MMDD)', en: 'Original date (MMDD)' },
  authCode: { zh: '授权码', en: 'Auth code' },
  lineNumber: { zh: '编号', en: 'No.' },
  enterToConfirm: { zh: '按确认键继续，取消键返回', en: 'Enter to go on, Cancel to go back' },
} as const satisfies Record<string, OperatorText>;

/** The menu's names of the transaction types. */
export const TRANSACTION_TITLES: Readonly<Record<TransactionType, OperatorText>> = {
  sale: { zh: '消费', en: 'Sale' },
  void: { zh: '撤销', en: 'Void' },
  refund: { zh: '退货', en: 'Refund' },
  preauth: { zh: '预授权', en: 'Pre-authorisation' },
  'preauth-cancel': { zh: '预授权撤销', en: 'Pre-auth cancel' },
  'preauth-completion': { zh: '预授权完成', en: 'Pre-auth completion' },
  'preauth-completion-void': { zh: '预授权完成撤销', en: 'Completion void' },
  balance: { zh: '余额查询', en: 'Balance inquiry' },
  'qr-sale': { zh: '扫码消费', en: 'QR sale' },
  'qr-void': { zh: '扫码撤销', en: 'QR void' },
  'qr-refund': { zh: '扫码退货', en: 'QR refund' },
};

export const DEFAULT_HINTS: Readonly<Record<ScreenKind, OperatorText>> = {
  starting: { zh: '请稍候', en: 'Please wait' },
  busy: { zh: '处理中，请稍候', en: 'Processing, please wait' },
  input: {
    zh: '确认 Enter · 取消 Cancel · 清除 Clear · 退格 Backspace',
    en: 'Enter: OK · Cancel: back · Clear · Backspace',
  },
  menu: {
    zh: '数字键选择 · ↑↓ 移动 · 确认 Enter · 取消 返回',
    en: 'Digit: choose · ↑↓: move · Enter: OK · Cancel: back',
  },
  list: { zh: '↑↓ 选择 · 编号+确认 · 取消 返回', en: '↑↓: choose · number + Enter · Cancel: back' },
  message: { zh: '确认或取消 返回', en: 'Enter or Cancel: continue' },
  confirm: { zh: '确认 继续 · 取消 返回', en: 'Enter: go on · Cancel: back' },
  keys: { zh: '按数字键选择 · 取消 返回', en: 'Press a digit · Cancel: back' },
  closed: { zh: '', en: '' },
};
