import type { PosAmount } from '@payterm/protocol';

export interface SignatureRequest {
  readonly maskedPan: string;
  readonly amount: PosAmount;
}

/** Where the cardholder signs the merchant copy when no PIN was entered (drawn on screen). */
export interface SignaturePad {
  /** The signature as an SVG path or data URL; undefined when the cardholder did not sign. */
  capture(request: SignatureRequest): Promise<string | undefined>;
}
