import type { PosRequest } from '@payterm/protocol';
import type { FlowResult, JournalledFlowContext } from './flow-context.js';
import { hostTimeFields } from './host-time.js';
import { recordTransaction } from './transaction-record.js';

type QrKind =
  'qr-customer-sale' | 'qr-order' | 'qr-order-status' | 'qr-order-close' | 'qr-void' | 'qr-refund';

/**
 * QR payments before the wallet exists (issue 7 brings it): a customer-presented code cannot be
 * charged, so it declines `14` (invalid card number — no wallet knows the code); merchant-presented
 * orders decline `40` (function not supported); QR voids and refunds find no voucher (`25`). Each is
 * recorded as declined, so retransmissions and reversals behave as for cards.
 */
export function qrFlow(
  context: JournalledFlowContext<Extract<PosRequest, { kind: QrKind }>>,
): Promise<FlowResult> {
  const kind = context.request.kind;
  const responseCode =
    kind === 'qr-customer-sale' ? '14' : kind === 'qr-void' || kind === 'qr-refund' ? '25' : '40';
  const response = {
    kind,
    responseCode,
    rrn: context.services.ids.rrn(),
    ...hostTimeFields(context.receivedAt),
  } as const;
  recordTransaction(context, response);
  return Promise.resolve({ response });
}
