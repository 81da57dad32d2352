import type { PosAmount } from '@payterm/protocol';

export interface PinRequest {
  /** The PAN the format 0 block is bound to (never shown; the pad shows the masked PAN). */
  readonly pan: string;
  readonly maskedPan: string;
  readonly amount?: PosAmount;
  /** Whether the customer may press Enter with no PIN (signature instead). */
  readonly bypassAllowed: boolean;
}

export type PinEntry =
  /** ISO 9564 format 0 block under the current PIK: the clear PIN never leaves the pad. */
  | { readonly kind: 'pin'; readonly pinBlock: Uint8Array }
  | { readonly kind: 'bypass' }
  | { readonly kind: 'cancelled' };

/** The customer's PIN pad. It encrypts inside the security module; the terminal only sees the block. */
export interface PinPad {
  enterPin(request: PinRequest): Promise<PinEntry>;
}
