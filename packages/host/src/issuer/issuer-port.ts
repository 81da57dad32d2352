/**
 * What the host's transaction pipeline calls: the simulator implements it now, a link to a real
 * switch can later. Every method answers with a decision value; a decline never throws.
 */
import type { PinBlockFormat } from '@payterm/crypto';

export type EntryMode = 'chip' | 'contactless' | 'magstripe' | 'fallback' | 'manual';

/** A PIN block already translated by the host to the issuer's zone PIN key (ZPK). */
export interface IssuerPinBlock {
  readonly block: Uint8Array;
  readonly format: PinBlockFormat;
}

export type AuthorizeType = 'sale' | 'balance-inquiry' | 'preauth';

export interface AuthorizeRequest {
  readonly type: AuthorizeType;
  /** The host transaction id: names the money movement (ignored for a balance inquiry). */
  readonly movementId: string;
  readonly pan: string;
  /** The host's keyed hash of `pan` when it has one already (saves the issuer computing it again). */
  readonly panHash?: string;
  /** `YYMM` from track 2, the chip or the keyed entry; compared with the account's. */
  readonly expiry?: string;
  /** Minor units; 0 for a balance inquiry. */
  readonly amountMinor: number;
  /** ISO 4217 alphabetic code. */
  readonly currency: string;
  readonly entryMode: EntryMode;
  readonly pinBlock?: IssuerPinBlock;
}

export interface CompleteRequest {
  readonly movementId: string;
  /** Movement id of the pre-authorisation. */
  readonly preauthId: string;
  readonly amountMinor: number;
  readonly currency: string;
}

export interface CancelHoldRequest {
  readonly movementId: string;
  readonly preauthId: string;
}

export interface VoidRequest {
  readonly movementId: string;
  /** Movement id of the sale or completion to void (full amount). */
  readonly originalId: string;
}

export interface RefundRequest {
  readonly movementId: string;
  /** Movement id of the sale or completion to refund (partly or fully). */
  readonly originalId: string;
  readonly amountMinor: number;
  readonly currency: string;
}

export interface ReverseRequest {
  /** Movement id of the earlier movement to undo. */
  readonly movementId: string;
}

export type DeclineReason =
  | 'invalid-card-number'
  | 'unknown-card'
  | 'lost-card'
  | 'stolen-card'
  | 'expired-card'
  | 'do-not-honour'
  | 'restricted-card'
  | 'currency-mismatch'
  | 'issuer-malfunction'
  | 'issuer-unavailable'
  | 'pin-required'
  | 'incorrect-pin'
  | 'pin-tries-exceeded'
  | 'pin-block-invalid'
  | 'insufficient-funds'
  | 'completion-over-limit'
  | 'unknown-original'
  | 'invalid-original-state'
  | 'refund-exceeds-original';

export interface Declined {
  readonly approved: false;
  /** Field 39 (reference §6). */
  readonly responseCode: string;
  readonly reason: DeclineReason;
}

export interface Approved {
  readonly approved: true;
  /** Field 38: 6 digits. */
  readonly authCode: string;
  /** What the card may spend now (balanceMinor − heldMinor), in the account currency. */
  readonly balanceMinor: number;
  readonly currency: string;
  /** Whether a PIN was verified (false: no-CVM small amount, or signature on a credit card). */
  readonly pinVerified: boolean;
  /** The hold a pre-authorisation placed. */
  readonly holdId?: string;
}

export type IssuerDecision = Approved | Declined;

export type ReverseDecision =
  | {
      readonly approved: true;
      /** False when the movement was already reversed (the repeat changes nothing). */
      readonly changed: boolean;
      readonly balanceMinor: number;
      readonly currency: string;
    }
  | Declined;

/** A read-only look at an account (portal, tests): no PIN, no state change. */
export interface AccountBalance {
  readonly currency: string;
  readonly balanceMinor: number;
  readonly heldMinor: number;
  readonly availableMinor: number;
}

export interface Issuer {
  authorize(request: AuthorizeRequest): Promise<IssuerDecision>;
  complete(request: CompleteRequest): Promise<IssuerDecision>;
  cancelHold(request: CancelHoldRequest): Promise<IssuerDecision>;
  voidSale(request: VoidRequest): Promise<IssuerDecision>;
  refund(request: RefundRequest): Promise<IssuerDecision>;
  reverse(request: ReverseRequest): Promise<ReverseDecision>;
  /** Undefined for an unknown PAN. */
  balance(pan: string): Promise<AccountBalance | undefined>;
}
