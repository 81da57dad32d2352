import type {
  QrOrderCloseRequest,
  QrOrderRequest,
  QrOrderStatusRequest,
  PosResponse,
} from '@payterm/protocol';
import { buildOrderPayload } from '../wallet/order-payload.js';
import type { QrOrder } from '../wallet/wallet-records.js';
import type { FlowResult, JournalledFlowContext } from './flow-context.js';
import { hostTimeFields } from './host-time.js';
import { markTransaction, unmarkedOnFailure } from './qr-transaction-marks.js';
import { recordTransaction } from './transaction-record.js';

/** What an order's 710000 transaction is stored as while it waits (not counted until it is paid). */
export const ORDER_WAITING = 'waiting';

function answered(context: JournalledFlowContext, response: PosResponse, status?: string): FlowResult {
  recordTransaction(context, response, status === undefined ? {} : { status });
  return { response };
}

/**
 * Merchant-presented order (710000): the order gets this request's RRN, and the answer carries it in 37
 * and the dynamic EMVCo payload in 62. Its transaction waits uncounted; the wallet's payment makes it the
 * batch's QR sale (status `approved`). No amount `13`.
 */
export function qrOrderFlow(context: JournalledFlowContext<QrOrderRequest>): Promise<FlowResult> {
  const { request, services, terminal, merchant } = context;
  const time = hostTimeFields(context.receivedAt);
  const rrn = services.ids.rrn();
  if (request.amount.amountMinor <= 0 || request.amount.currency !== merchant.currency) {
    return Promise.resolve(answered(context, { kind: 'qr-order', responseCode: '13', rrn, ...time }));
  }
  const order = services.wallet.createOrder(
    {
      orderRrn: rrn,
      transactionId: context.entry.transactionId,
      tid: terminal.tid,
      mid: terminal.mid,
      batchNo: request.batch,
      stan: request.stan,
      amountMinor: request.amount.amountMinor,
      currency: request.amount.currency,
    },
    context.changes,
  );
  const mpmPayload = buildOrderPayload({
    mid: merchant.mid,
    tid: terminal.tid,
    mcc: merchant.mcc,
    merchantName: merchant.name,
    city: merchant.city,
    amountMinor: order.amountMinor,
    currency: order.currency,
    orderRrn: order.orderRrn,
  });
  return Promise.resolve(
    answered(context, { kind: 'qr-order', responseCode: '00', rrn, mpmPayload, ...time }, ORDER_WAITING),
  );
}

/** The terminal's own order, or undefined (another terminal's order is unknown to it). */
function ownOrder(context: JournalledFlowContext, orderRrn: string): QrOrder | undefined {
  const order = context.services.wallet.order(orderRrn);
  return order?.tid === context.terminal.tid ? order : undefined;
}

/**
 * Order status (730000): `00` paid (38 = the payment's auth code, 59 `A4` = its voucher for a later
 * QR void or refund), `09` waiting, `54` expired, `12`
 * closed, `25` unknown. 37 echoes the order RRN.
 */
export function qrOrderStatusFlow(context: JournalledFlowContext<QrOrderStatusRequest>): Promise<FlowResult> {
  const { request, services } = context;
  const order = ownOrder(context, request.orderRrn);
  const state = order === undefined ? 'unknown' : services.wallet.orderState(order);
  const payment =
    order?.voucher === null || order?.voucher === undefined
      ? undefined
      : services.wallet.payment(order.voucher);
  const responseCode = { paid: '00', waiting: '09', expired: '54', closed: '12', unknown: '25' }[state];
  return Promise.resolve(
    answered(context, {
      kind: 'qr-order-status',
      responseCode,
      rrn: request.orderRrn,
      ...(payment === undefined ? {} : { authCode: payment.authCode, voucher: payment.voucher }),
      ...hostTimeFields(context.receivedAt),
    }),
  );
}

/**
 * Order close (720000): an unpaid order (waiting or expired; already closed too) is closed `00` and can
 * no longer be paid; a paid one `12` (it must be refunded); unknown `25`.
 */
export function qrOrderCloseFlow(context: JournalledFlowContext<QrOrderCloseRequest>): Promise<FlowResult> {
  const { request, services } = context;
  const order = ownOrder(context, request.orderRrn);
  let responseCode = '25';
  let unmark: (() => void) | undefined;
  if (order !== undefined) {
    const closed = services.wallet.closeOrder(order.orderRrn, context.changes);
    responseCode = closed ? '00' : '12';
    if (closed && order.status !== 'closed')
      unmark = markTransaction(context, order.transactionId, { status: 'closed' });
  }
  const result = answered(context, {
    kind: 'qr-order-close',
    responseCode,
    rrn: request.orderRrn,
    ...hostTimeFields(context.receivedAt),
  });
  return Promise.resolve(unmarkedOnFailure(result, unmark));
}
