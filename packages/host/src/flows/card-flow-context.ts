import type { CardData, PosRequest } from '@payterm/protocol';
import type { Approved, IssuerPinBlock } from '../issuer/issuer-port.js';
import type { ProtectedPan } from '../security/pan-protector.js';
import type { JournalledFlowContext } from './flow-context.js';

/** A request that carries a card (and usually an amount). */
export type CardRequest = Extract<PosRequest, { readonly card: CardData }>;

/** The original a void, completion, cancel or refund refers to. */
export interface OriginalTransaction {
  readonly transactionId: string;
  readonly kind: string;
  readonly batchNo: string;
  readonly stan: string;
  readonly amountMinor: number;
  readonly panHash: string | null;
  readonly rrn: string | null;
  readonly authCode: string | null;
  readonly status: string;
  readonly refundedMinor: number;
}

/** State the card participants fill in, in order. */
export interface CardFlowContext<R extends CardRequest = CardRequest> extends JournalledFlowContext<R> {
  pan?: string;
  protectedPan?: ProtectedPan;
  pinBlock?: IssuerPinBlock;
  decision?: Approved;
  original?: OriginalTransaction;
  /** The risk rule or check that declined the request. */
  declineRule?: string;
}
