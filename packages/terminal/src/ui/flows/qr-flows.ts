import type { OperatorText } from '../../engine/outcome.js';
import type { JournalRecord } from '../../journal/journal-record.js';
import { terminalError } from '../../errors.js';
import {
  QR_ORDER_TTL_MS,
  type QrOrder,
  type QrOrderState,
  type QrOrderStatus,
} from '../../engine/qr-transactions.js';
import type { KeysPrompt } from '../prompt.js';
import { amountText } from '../amount-text.js';
import { bilingual, labelled, type UiText } from '../ui-text.js';
import { TEXTS, TRANSACTION_TITLES } from '../ui-texts.js';
import { askAmount, askInput, askSupervisorPassword, busy, confirm, showMessage } from './ask.js';
import type { FlowContext } from './flow-context.js';
import type { MenuDefinition } from './menu.js';
import { showOutcome } from './outcome-screen.js';
import { recordLines } from './record-lines.js';

const QR_SALE = TRANSACTION_TITLES['qr-sale'];
const QR_VOID = TRANSACTION_TITLES['qr-void'];
const QR_REFUND = TRANSACTION_TITLES['qr-refund'];
const SHOW_CODE: OperatorText = { zh: '出示收款码', en: 'Show merchant code' };
const SCAN_CODE: OperatorText = { zh: '扫描付款码', en: "Scan customer's code" };
const PAYMENT_CODE: OperatorText = { zh: '付款码', en: 'Payment code' };
const PAYMENT_VOUCHER: OperatorText = { zh: '付款凭证号', en: 'Payment voucher' };
const SCAN_OR_TYPE: OperatorText = { zh: '扫描或输入顾客付款码', en: "Scan or type the customer's code" };
const CANCEL_CLOSES: OperatorText = { zh: '取消键 关闭订单', en: 'Cancel: close the order' };

const ORDER_STATES: Readonly<Record<QrOrderState, OperatorText>> = {
  waiting: { zh: '等待顾客扫码付款', en: 'Waiting for the customer to pay' },
  paid: { zh: '已付款', en: 'Paid' },
  closed: { zh: '订单已关闭', en: 'Order closed' },
  expired: { zh: '订单已过期', en: 'Order expired' },
  unknown: { zh: '主机无此订单', en: 'The host does not know the order' },
  'no-answer': { zh: '主机无应答，重试中', en: 'No answer from the host, retrying' },
};

function digitsValidator(length: number, text: OperatorText): (value: string) => UiText | undefined {
  return (value) =>
    new RegExp(`^\\d{${length}}$`).test(value)
      ? undefined
      : bilingual(`${text.zh}为${length}位数字`, `The ${text.en.toLowerCase()} has ${length} digits`);
}

function orderScreen(order: QrOrder, currency: string, secondsLeft: number, state: QrOrderState): KeysPrompt {
  const minutes = Math.floor(Math.max(secondsLeft, 0) / 60);
  const seconds = String(Math.max(secondsLeft, 0) % 60).padStart(2, '0');
  return {
    kind: 'keys',
    keys: [],
    id: 'qr.order',
    title: QR_SALE,
    qr: { payload: order.payload, expiresAt: order.expiresAt },
    body: [
      labelled(TEXTS.amount, amountText({ amountMinor: order.amountMinor, currency })),
      bilingual(`剩余 ${minutes}:${seconds}`, `Expires in ${minutes}:${seconds}`),
      ORDER_STATES[state],
    ],
    hint: CANCEL_CLOSES,
  };
}

/**
 * Menu 5 → 1: an order for the amount, its code on screen with a countdown and the live status until
 * paid (the approved slip), closed or expired; Cancel closes the order.
 */
export async function merchantCodeFlow(context: FlowContext): Promise<void> {
  const amountMinor = await askAmount(context, 'qr.amount', QR_SALE);
  busy(context, 'qr.online', QR_SALE);
  const order = await context.terminal.qrOrder(amountMinor);
  const controller = new AbortController();
  const currency = context.terminal.profile.currency;
  let secondsLeft = QR_ORDER_TTL_MS / 1_000;
  let state: QrOrderState = 'waiting';
  const redraw = (): void => context.screens.update(orderScreen(order, currency, secondsLeft, state));
  // Any answer to the code screen is Cancel (it takes no other key): close the order.
  void context.screens.ask(orderScreen(order, currency, secondsLeft, state)).then(
    () => controller.abort(),
    () => controller.abort(),
  );
  const ticker = setInterval(() => {
    secondsLeft -= 1;
    redraw();
  }, 1_000);
  let result: QrOrderStatus;
  try {
    result = await context.terminal.qrWaitForPayment(order.orderRrn, {
      signal: controller.signal,
      onStatus: (status) => {
        state = status.status;
        redraw();
      },
    });
  } finally {
    clearInterval(ticker);
  }
  if (result.outcome !== undefined) {
    await showOutcome(context, result.outcome);
    return;
  }
  await showMessage(context, {
    id: 'qr.order.result',
    title: QR_SALE,
    body: [ORDER_STATES[result.status], bilingual(`订单 ${order.orderRrn}`, `Order ${order.orderRrn}`)],
    ...(result.status === 'closed' ? {} : { tone: 'warning' as const }),
  });
}

/** Menu 5 → 2: amount → the customer's 19-digit code (scanned or typed) → online → result and slips. */
export async function customerCodeFlow(context: FlowContext): Promise<void> {
  const amountMinor = await askAmount(context, 'qr.code.amount', QR_SALE);
  const code = await askInput(context, {
    id: 'qr.code',
    title: QR_SALE,
    label: PAYMENT_CODE,
    input: 'digits',
    maxLength: 19,
    validate: digitsValidator(19, PAYMENT_CODE),
    body: [SCAN_OR_TYPE],
    acceptsScan: true,
  });
  busy(context, 'qr.code.online', QR_SALE);
  await showOutcome(context, await context.terminal.qrCustomerSale(amountMinor, code));
}

function askPaymentVoucher(context: FlowContext, id: string, title: OperatorText): Promise<string> {
  return askInput(context, {
    id,
    title,
    label: PAYMENT_VOUCHER,
    input: 'digits',
    maxLength: 12,
    validate: digitsValidator(12, PAYMENT_VOUCHER),
  });
}

/** The approved QR sale of this batch with the payment voucher, for the operator to confirm. */
function qrSaleToVoid(context: FlowContext, voucher: string): JournalRecord {
  const batch = context.terminal.status().batch;
  const original = context.terminal
    .query({ batch, types: ['qr-sale'], statuses: ['approved'] })
    .findLast((record) => record.voucher === voucher);
  if (original === undefined) {
    throw terminalError('TERMINAL_TRANSACTION_UNKNOWN', `no QR sale with voucher ${voucher} in this batch`, {
      voucher,
      batch,
    });
  }
  return original;
}

/**
 * Menu 5 → 4, like the card void: supervisor password → payment voucher of a same-batch QR sale → its
 * details confirmed → online (full amount, back to the wallet) → result and slips.
 */
export async function qrVoidFlow(context: FlowContext): Promise<void> {
  const password = await askSupervisorPassword(context, 'qr.void.supervisor', QR_VOID);
  const voucher = await askPaymentVoucher(context, 'qr.void.voucher', QR_VOID);
  const original = qrSaleToVoid(context, voucher);
  await confirm(context, 'qr.void.confirm', QR_VOID, [
    ...recordLines(original),
    labelled(PAYMENT_VOUCHER, voucher),
  ]);
  busy(context, 'qr.void.online', QR_VOID);
  await showOutcome(context, await context.terminal.qrVoid(voucher, password));
}

/** Menu 5 → 3: supervisor password → payment voucher → amount (partial allowed) → online. */
export async function qrRefundFlow(context: FlowContext): Promise<void> {
  const password = await askSupervisorPassword(context, 'qr.refund.supervisor', QR_REFUND);
  const voucher = await askPaymentVoucher(context, 'qr.refund.voucher', QR_REFUND);
  const amountMinor = await askAmount(context, 'qr.refund.amount', QR_REFUND);
  busy(context, 'qr.refund.online', QR_REFUND);
  await showOutcome(context, await context.terminal.qrRefund(voucher, amountMinor, password));
}

/** Menu 5 (扫码 QR). */
export const QR_MENU: MenuDefinition = {
  id: 'menu.qr',
  title: TEXTS.qr,
  entries: [
    { label: SHOW_CODE, run: merchantCodeFlow },
    { label: SCAN_CODE, run: customerCodeFlow },
    { label: QR_REFUND, run: qrRefundFlow },
    { label: QR_VOID, run: qrVoidFlow },
  ],
};
