import type { PosRequest } from '@payterm/protocol';
import type { FlowResult, JournalledFlowContext } from './flow-context.js';
import { qrOrderCloseFlow, qrOrderFlow, qrOrderStatusFlow } from './qr-order-flows.js';
import { qrCustomerSaleFlow, qrRefundFlow, qrVoidFlow } from './qr-payment-flows.js';

type QrKind =
  'qr-customer-sale' | 'qr-order' | 'qr-order-status' | 'qr-order-close' | 'qr-void' | 'qr-refund';

/** QR payments (issue 7): the wallet is their issuer. Each kind's flow says what it answers. */
export function qrFlow(
  context: JournalledFlowContext<Extract<PosRequest, { kind: QrKind }>>,
): Promise<FlowResult> {
  const request = context.request;
  switch (request.kind) {
    case 'qr-customer-sale':
      return qrCustomerSaleFlow(context as JournalledFlowContext<typeof request>);
    case 'qr-order':
      return qrOrderFlow(context as JournalledFlowContext<typeof request>);
    case 'qr-order-status':
      return qrOrderStatusFlow(context as JournalledFlowContext<typeof request>);
    case 'qr-order-close':
      return qrOrderCloseFlow(context as JournalledFlowContext<typeof request>);
    case 'qr-void':
      return qrVoidFlow(context as JournalledFlowContext<typeof request>);
    case 'qr-refund':
      return qrRefundFlow(context as JournalledFlowContext<typeof request>);
  }
}
