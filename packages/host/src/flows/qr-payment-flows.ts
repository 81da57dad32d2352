import type {
  QrCustomerSaleRequest,
  QrPaymentResponse,
  QrRefundRequest,
  QrVoidRequest,
} from '@payterm/protocol';
import type { TerminalOutcome } from '../wallet/wallet-records.js';
import type { FlowResult, JournalledFlowContext } from './flow-context.js';
import { hostTimeFields } from './host-time.js';
import { markTransaction, unmarkedOnFailure } from './qr-transaction-marks.js';
import { recordTransaction } from './transaction-record.js';

type PaymentKind = QrPaymentResponse['kind'];

/** The answer to a wallet outcome: approved with 59 A4 voucher, 38 and 37, or the refusal's code. */
function answer(
  context: JournalledFlowContext,
  kind: PaymentKind,
  rrn: string,
  outcome: TerminalOutcome,
): FlowResult {
  const time = hostTimeFields(context.receivedAt);
  const response: QrPaymentResponse = outcome.ok
    ? {
        kind,
        responseCode: '00',
        rrn,
        authCode: outcome.payment.authCode,
        voucher: outcome.payment.voucher,
        ...time,
      }
    : { kind, responseCode: outcome.responseCode, rrn, ...time };
  if (!outcome.ok) {
    context.services.logger.info(
      { kind, tid: context.terminal.tid, stan: context.request.stan, responseCode: outcome.responseCode },
      outcome.reason,
    );
  }
  recordTransaction(context, response);
  return { response };
}

/**
 * Customer-presented QR sale (0200, 22 = 032, 59 A3): charges the wallet user who owns the one-time code.
 * Unknown or used code `14`, expired `54`, over the code's limit `61`, short balance `51`. Reversible by
 * a 0400 like a card sale.
 */
export function qrCustomerSaleFlow(
  context: JournalledFlowContext<QrCustomerSaleRequest>,
): Promise<FlowResult> {
  const { request, services, terminal, merchant } = context;
  const rrn = services.ids.rrn();
  const outcome: TerminalOutcome =
    request.amount.amountMinor <= 0
      ? { ok: false, responseCode: '13', reason: 'no amount' }
      : services.wallet.chargeCode(
          {
            code: request.qrCode,
            amountMinor: request.amount.amountMinor,
            currency: request.amount.currency,
            payee: {
              tid: terminal.tid,
              mid: terminal.mid,
              batchNo: request.batch,
              merchantName: merchant.name,
              rrn,
            },
            transactionId: context.entry.transactionId,
          },
          context.changes,
        );
  return Promise.resolve(answer(context, 'qr-customer-sale', rrn, outcome));
}

/**
 * QR void (0200 200000, 59 A4): the full amount of a payment of this terminal's open batch goes back to
 * the wallet; the original stays in debit as voided and the void counts in credit.
 */
export function qrVoidFlow(context: JournalledFlowContext<QrVoidRequest>): Promise<FlowResult> {
  const { request, services, terminal } = context;
  const outcome = services.wallet.voidPayment(
    {
      voucher: request.voucher,
      amountMinor: request.amount.amountMinor,
      tid: terminal.tid,
      batchNo: request.batch,
      transactionId: context.entry.transactionId,
    },
    context.changes,
  );
  let unmark: (() => void) | undefined;
  if (outcome.ok) {
    context.entry.originalId = outcome.payment.transactionId;
    unmark = markTransaction(context, outcome.payment.transactionId, { status: 'voided' });
  }
  return Promise.resolve(unmarkedOnFailure(answer(context, 'qr-void', services.ids.rrn(), outcome), unmark));
}

/**
 * QR refund (0220, 59 A4): part or all of a payment of this merchant within 30 days, repeatedly, while
 * the refunds stay within the payment (`64` beyond); unknown voucher `25`; voided or reversed `12`.
 */
export function qrRefundFlow(context: JournalledFlowContext<QrRefundRequest>): Promise<FlowResult> {
  const { request, services, terminal } = context;
  const outcome = services.wallet.refundPayment(
    {
      voucher: request.voucher,
      amountMinor: request.amount.amountMinor,
      mid: terminal.mid,
      transactionId: context.entry.transactionId,
    },
    context.changes,
  );
  let unmark: (() => void) | undefined;
  if (outcome.ok) {
    context.entry.originalId = outcome.payment.transactionId;
    unmark = markTransaction(context, outcome.payment.transactionId, {
      refundedMinor: outcome.payment.refundedMinor,
    });
  }
  return Promise.resolve(
    unmarkedOnFailure(answer(context, 'qr-refund', services.ids.rrn(), outcome), unmark),
  );
}
