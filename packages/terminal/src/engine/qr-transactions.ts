import { maskPan } from '@payterm/kernel';
import { terminalError } from '../errors.js';
import type { JournalRecord, OriginalReference } from '../journal/journal-record.js';
import { buildOutcome, type OperatorText, type TransactionOutcome } from './outcome.js';
import { runPersistedTransaction, type InstrumentFields } from './persisted-transaction.js';
import { printTransaction } from './printing.js';
import { qrRefundRequest } from './qr-requests.js';
import { prepareOnline } from './readiness.js';
import { answered } from './record-updates.js';
import { originalData } from './request-builder.js';
import type { OnlineResult, TerminalCore } from './terminal-core.js';
import type { OpenQrOrder } from './terminal-state.js';
import { authoriseSupervisor, checkAmount, checkLimit, notAllowed, referenceTo } from './transactions.js';

/** The host's order lifetime (contract: 5 minutes by default); the countdown the screen shows. */
export const QR_ORDER_TTL_MS = 300_000;

/** A QR record has no card: these are its instrument fields (a payment code, when one was presented). */
function qrInstrument(core: TerminalCore, code?: string): InstrumentFields {
  return {
    maskedPan: code === undefined ? '' : maskPan(code),
    sealedPan: code === undefined ? '' : core.devices.security.sealPan(code),
    expiry: '',
    brand: 'QR',
    entry: 'qr',
    entryMode: code === undefined ? '' : '032',
    pinVerified: false,
    scope: 'domestic',
  };
}

export interface QrOrder {
  readonly orderRrn: string;
  /** The EMVCo merchant-presented payload to show as a QR code. */
  readonly payload: string;
  readonly amountMinor: number;
  readonly expiresAt: string;
}

/** Merchant-presented: asks the host for an order (710000) and keeps it open until paid or closed. */
export async function qrOrder(core: TerminalCore, amountMinor: number): Promise<QrOrder> {
  const operator = core.requireOperator('qr');
  checkLimit(core, checkAmount(amountMinor), 'sale');
  await prepareOnline(core, 'qr-sale');
  const stan = await core.allocateStan();
  const amount = { amountMinor, currency: core.profile.currency };
  const result = await core.online({
    ...core.envelope(),
    stan,
    batch: core.state.batch,
    kind: 'qr-order',
    amount,
  });
  const response = requireAnswer(result, 'the QR order');
  if (response.responseCode !== '00' || response.kind !== 'qr-order' || response.rrn === undefined) {
    throw terminalError(
      'TERMINAL_TRANSACTION_NOT_ALLOWED',
      `the host refused the QR order (${response.responseCode})`,
      { reason: 'declined', responseCode: response.responseCode },
    );
  }
  const payload = response.mpmPayload ?? '';
  const nowMs = core.devices.clock.nowMs() + core.state.clockOffsetMs;
  const order: OpenQrOrder = {
    orderRrn: response.rrn,
    amountMinor,
    stan,
    batch: core.state.batch,
    operator: operator.number,
    payload,
    createdAt: core.now().iso,
    expiresAt: new Date(nowMs + QR_ORDER_TTL_MS).toISOString(),
  };
  await core.saveState({ qrOrders: { ...(core.state.qrOrders ?? {}), [order.orderRrn]: order } });
  return { orderRrn: order.orderRrn, payload, amountMinor, expiresAt: order.expiresAt };
}

function requireAnswer(
  result: OnlineResult,
  what: string,
): Extract<OnlineResult, { answered: true }>['response'] {
  if (!result.answered) {
    throw terminalError('TERMINAL_HOST_UNREACHABLE', `${what} got no answer from the host`, {
      failure: result.failure,
    });
  }
  return result.response;
}

export type QrOrderState = 'paid' | 'waiting' | 'closed' | 'expired' | 'unknown' | 'no-answer';

export interface QrOrderStatus {
  readonly orderRrn: string;
  readonly status: QrOrderState;
  /** Field 39 of the answer; null when the host did not answer. */
  readonly responseCode: string | null;
  readonly message: OperatorText;
  /** The approved QR sale, with its slips, once paid. */
  readonly outcome?: TransactionOutcome;
}

const STATUS_BY_CODE: Readonly<Record<string, QrOrderState>> = {
  '00': 'paid',
  '09': 'waiting',
  '12': 'closed',
  '54': 'expired',
  '25': 'unknown',
};

const STATUS_TEXTS: Readonly<Record<QrOrderState, OperatorText>> = {
  paid: { zh: '已付款', en: 'Paid' },
  waiting: { zh: '等待付款', en: 'Waiting for payment' },
  closed: { zh: '订单已关闭', en: 'Order closed' },
  expired: { zh: '订单已过期', en: 'Order expired' },
  unknown: { zh: '无此订单', en: 'Unknown order' },
  'no-answer': { zh: '主机无应答', en: 'No answer from the host' },
};

function statusOf(orderRrn: string, status: QrOrderState, code: string | null): QrOrderStatus {
  return { orderRrn, status, responseCode: code, message: STATUS_TEXTS[status] };
}

function checkOrderRrn(orderRrn: string): string {
  if (!/^[0-9A-Za-z]{12}$/.test(orderRrn)) {
    throw terminalError('TERMINAL_INVALID_INPUT', 'the order reference (RRN) has 12 characters', {
      option: 'order',
    });
  }
  return orderRrn;
}

function paidRecord(core: TerminalCore, orderRrn: string): JournalRecord | undefined {
  return core.journal.all().findLast((record) => record.type === 'qr-sale' && record.orderRrn === orderRrn);
}

async function forgetOrder(
  core: TerminalCore,
  orderRrn: string,
  records: JournalRecord[] = [],
): Promise<void> {
  const orders: Record<string, OpenQrOrder> = { ...(core.state.qrOrders ?? {}) };
  delete orders[orderRrn];
  await core.saveState({ qrOrders: orders }, records);
}

/** Asks the host about an order (730000); once paid, the QR sale is journaled and its slips printed. */
export async function qrOrderStatus(core: TerminalCore, orderRrn: string): Promise<QrOrderStatus> {
  core.requireOperator('qr');
  checkOrderRrn(orderRrn);
  const known = paidRecord(core, orderRrn);
  const order = core.state.qrOrders?.[orderRrn];
  if (known !== undefined && order === undefined) {
    return { ...statusOf(orderRrn, 'paid', '00'), outcome: buildOutcome('approved', known, [], false) };
  }
  const stan = await core.allocateStan();
  const result = await core.online({
    ...core.envelope(),
    stan,
    batch: core.state.batch,
    kind: 'qr-order-status',
    orderRrn,
  });
  if (!result.answered) return statusOf(orderRrn, 'no-answer', null);
  const code = result.response.responseCode;
  const status = STATUS_BY_CODE[code] ?? 'unknown';
  if (status === 'waiting') return statusOf(orderRrn, status, code);
  if (order === undefined) return statusOf(orderRrn, status, code);
  if (status !== 'paid') {
    await forgetOrder(core, orderRrn);
    return statusOf(orderRrn, status, code);
  }
  // 59 `A4` of a paid order's answer: the voucher a later QR void or refund names.
  const voucher = result.response.kind === 'qr-order-status' ? result.response.voucher : undefined;
  const record: JournalRecord = {
    ...answered(
      {
        id: core.journal.nextId(),
        type: 'qr-sale',
        status: 'approved',
        stan: order.stan,
        batch: order.batch,
        operator: order.operator,
        amount: { amountMinor: order.amountMinor, currency: core.profile.currency },
        ...qrInstrument(core),
        createdAt: order.createdAt,
        date: core.now().mmdd,
        time: core.now().hhmmss,
        rrn: orderRrn,
        orderRrn,
      },
      result.response,
    ),
    ...(voucher === undefined ? {} : { voucher }),
  };
  const orders: Record<string, OpenQrOrder> = { ...(core.state.qrOrders ?? {}) };
  delete orders[orderRrn];
  await core.saveState({ qrOrders: orders, lastSlipRecordId: record.id }, [record]);
  const printed = await printTransaction(core, record, false);
  return {
    ...statusOf(orderRrn, 'paid', code),
    outcome: buildOutcome('approved', record, printed.slips, false, printed.paperOut),
  };
}

/**
 * Closes an unpaid order (720000). The host answers `12` when it was paid meanwhile: the status is
 * asked then, so the payment is journaled (it must be refunded, not closed).
 */
export async function qrOrderClose(core: TerminalCore, orderRrn: string): Promise<QrOrderStatus> {
  core.requireOperator('qr');
  checkOrderRrn(orderRrn);
  const stan = await core.allocateStan();
  const result = await core.online({
    ...core.envelope(),
    stan,
    batch: core.state.batch,
    kind: 'qr-order-close',
    orderRrn,
  });
  if (!result.answered) return statusOf(orderRrn, 'no-answer', null);
  const code = result.response.responseCode;
  if (code === '00') {
    await forgetOrder(core, orderRrn);
    return statusOf(orderRrn, 'closed', code);
  }
  if (code === '12') return qrOrderStatus(core, orderRrn);
  if (core.state.qrOrders?.[orderRrn] !== undefined) await forgetOrder(core, orderRrn);
  return statusOf(orderRrn, STATUS_BY_CODE[code] ?? 'unknown', code);
}

/** A customer's one-time payment code: 19 digits starting `62`. */
function checkPaymentCode(code: string): string {
  if (!/^62\d{17}$/.test(code)) {
    throw terminalError('TERMINAL_INVALID_INPUT', 'the payment code is 19 digits starting 62', {
      option: 'code',
    });
  }
  return code;
}

/** Customer-presented (0200, 22 = 032, 59 `A3`): reversible like a card sale. */
export async function qrCustomerSale(
  core: TerminalCore,
  amountMinor: number,
  code: string,
): Promise<TransactionOutcome> {
  const operator = core.requireOperator('qr');
  const amount = {
    amountMinor: checkLimit(core, checkAmount(amountMinor), 'sale'),
    currency: core.profile.currency,
  };
  checkPaymentCode(code);
  const signedInAgain = await prepareOnline(core, 'qr-sale');
  return runPersistedTransaction(core, {
    type: 'qr-sale',
    operator: operator.number,
    amountMinor: amount.amountMinor,
    instrument: qrInstrument(core, code),
    build: (envelope) => ({ ...envelope, kind: 'qr-customer-sale', amount, qrCode: code }),
    signature: false,
    signedInAgain,
  });
}

function checkVoucher(voucher: string): string {
  if (!/^\d{12}$/.test(voucher)) {
    throw terminalError('TERMINAL_INVALID_INPUT', 'the payment voucher has 12 digits', { option: 'voucher' });
  }
  return voucher;
}

function qrSaleByVoucher(core: TerminalCore, voucher: string): JournalRecord | undefined {
  return core.journal
    .all()
    .findLast(
      (record) => record.type === 'qr-sale' && record.status === 'approved' && record.voucher === voucher,
    );
}

function qrReference(record: JournalRecord): OriginalReference {
  return { ...referenceTo(record), ...(record.voucher === undefined ? {} : { voucher: record.voucher }) };
}

/** QR void: supervisor password, a same-batch approved QR sale by its payment voucher, full amount. */
export async function qrVoid(
  core: TerminalCore,
  voucher: string,
  supervisorPassword: string,
): Promise<TransactionOutcome> {
  const operator = core.requireOperator('qr');
  await authoriseSupervisor(core, supervisorPassword);
  const original = qrSaleByVoucher(core, checkVoucher(voucher));
  if (original === undefined || original.batch !== core.state.batch) {
    throw terminalError('TERMINAL_TRANSACTION_UNKNOWN', `no QR sale with voucher ${voucher} in this batch`, {
      voucher,
      batch: core.state.batch,
    });
  }
  if (original.voidedBy !== undefined) notAllowed(`voucher ${voucher} is already voided`, 'voided');
  const signedInAgain = await prepareOnline(core, 'qr-void');
  const reference = qrReference(original);
  return runPersistedTransaction(core, {
    type: 'qr-void',
    operator: operator.number,
    amountMinor: original.amount.amountMinor,
    instrument: qrInstrument(core),
    original: reference,
    build: (envelope) => ({
      ...envelope,
      kind: 'qr-void',
      amount: original.amount,
      voucher,
      original: originalData(reference),
    }),
    onApproved: (record) => [{ ...original, voidedBy: record.id }],
    signature: false,
    signedInAgain,
  });
}

/**
 * QR refund (0220, 59 `A4`): supervisor password, the payment voucher, an amount up to what is left;
 * repeated, not reversed, when unanswered. The host checks originals this terminal does not know.
 */
export async function qrRefund(
  core: TerminalCore,
  voucher: string,
  amountMinor: number,
  supervisorPassword: string,
): Promise<TransactionOutcome> {
  const operator = core.requireOperator('qr');
  await authoriseSupervisor(core, supervisorPassword);
  checkVoucher(voucher);
  checkLimit(core, checkAmount(amountMinor), 'refund');
  const known = qrSaleByVoucher(core, voucher);
  if (known !== undefined) {
    if (known.voidedBy !== undefined) notAllowed(`voucher ${voucher} was voided`, 'voided');
    const left = known.amount.amountMinor - (known.refundedMinor ?? 0);
    if (amountMinor > left)
      notAllowed(`only ${left} minor units of voucher ${voucher} are left to refund`, 'amount');
  }
  const signedInAgain = await prepareOnline(core, 'qr-refund');
  const reference: OriginalReference =
    known === undefined ? { batch: '000000', stan: '000000', voucher } : qrReference(known);
  const amount = { amountMinor, currency: core.profile.currency };
  return runPersistedTransaction(core, {
    type: 'qr-refund',
    operator: operator.number,
    amountMinor,
    instrument: qrInstrument(core),
    original: reference,
    build: (envelope) => qrRefundRequest(envelope, { type: 'qr-refund', amount, original: reference }),
    onApproved: () =>
      known === undefined ? [] : [{ ...known, refundedMinor: (known.refundedMinor ?? 0) + amountMinor }],
    signature: false,
    signedInAgain,
  });
}
