import type { ManagementKind, PosRequest } from '@payterm/protocol';
import type { CardFlowContext } from '../flows/card-flow-context.js';
import type { FlowResult, JournalledFlowContext } from '../flows/flow-context.js';
import { qrFlow } from '../flows/qr-flows.js';
import { refundFlow } from '../flows/refund-flow.js';
import { reversalFlow } from '../flows/reversal-flow.js';
import { balanceFlow, preauthFlow, saleFlow } from '../flows/sale-flows.js';
import { completionFlow, completionVoidFlow, preauthCancelFlow, voidFlow } from '../flows/void-flows.js';

/** Kinds the open batch's journal tracks by STAN: the MAC-protected financial messages and reversals. */
export type JournalledKind = Exclude<PosRequest['kind'], ManagementKind>;

export function isJournalled(request: PosRequest): request is Extract<PosRequest, { kind: JournalledKind }> {
  switch (request.kind) {
    case 'sign-in':
    case 'sign-off':
    case 'echo':
    case 'parameter-download':
    case 'parameters-applied':
    case 'status-upload':
    case 'software-chunk':
    case 'settlement':
    case 'batch-upload':
      return false;
    default:
      return true;
  }
}

/** The flow of a journalled request. Card flows find the request's amount in the context. */
export function runJournalledFlow(context: JournalledFlowContext): Promise<FlowResult> {
  const request = context.request;
  const card = context as CardFlowContext;
  switch (request.kind) {
    case 'sale':
      return saleFlow(card as CardFlowContext<typeof request>);
    case 'balance':
      return balanceFlow(card as CardFlowContext<typeof request>);
    case 'preauth':
      return preauthFlow(card as CardFlowContext<typeof request>);
    case 'void':
      return voidFlow(card as CardFlowContext<typeof request>);
    case 'refund':
      return refundFlow(card as CardFlowContext<typeof request>);
    case 'preauth-cancel':
      return preauthCancelFlow(card as CardFlowContext<typeof request>);
    case 'preauth-completion':
      return completionFlow(card as CardFlowContext<typeof request>);
    case 'preauth-completion-void':
      return completionVoidFlow(card as CardFlowContext<typeof request>);
    case 'reversal':
      return reversalFlow(context as JournalledFlowContext<typeof request>);
    case 'qr-customer-sale':
    case 'qr-order':
    case 'qr-order-status':
    case 'qr-order-close':
    case 'qr-void':
    case 'qr-refund':
      return qrFlow(context as JournalledFlowContext<typeof request>);
    default:
      throw new Error(`${request.kind} is not a journalled request`);
  }
}
