import type { ProcessingRequirement } from './header.js';
import type { PosRequestKind } from './pos-request.js';
import type { SettlementTotals } from './settlement-totals.js';
import type { ParameterPage } from './tms-parameters.js';

/** Field 54 balance: account type an2 + amount type an2 + currency an3 + sign C/D + amount n12. */
export interface PosBalance {
  readonly accountType: string;
  readonly amountType: string;
  readonly currency: string;
  /** Negative when the sign is `D`. */
  readonly amountMinor: number;
}

/** What every response may carry. Echoed request fields are not repeated here. */
export interface PosResponseCommon {
  /** Field 39. */
  readonly responseCode: string;
  /** Header digit 6 (host → terminal); `0` when absent. */
  readonly processingRequirement?: ProcessingRequirement;
  /** Field 37. */
  readonly rrn?: string;
  /** Field 38. */
  readonly authCode?: string;
  /** Field 12 hhmmss, host time. */
  readonly localTime?: string;
  /** Field 13 MMDD, host date. */
  readonly localDate?: string;
  /** Field 15 MMDD. */
  readonly settlementDate?: string;
  /** Field 32. */
  readonly acquirerId?: string;
  /** 60.2 of the response (the authoritative batch after sign-in); the request's when absent. */
  readonly batch?: string;
  /** Field 55: issuer data (91, 71, 72). */
  readonly icc?: Uint8Array;
}

export type SignInResponse = PosResponseCommon & {
  readonly kind: 'sign-in';
  /** Field 62: the working keys under the TMK with their check values (24, 40 or 60 bytes). */
  readonly workingKeys?: Uint8Array;
};

export type BalanceResponse = PosResponseCommon & { readonly kind: 'balance'; readonly balance?: PosBalance };

export type SettlementResponse = PosResponseCommon & {
  readonly kind: 'settlement';
  /** Field 48 with the host's result digits. */
  readonly totals?: SettlementTotals;
};

export type QrOrderResponse = PosResponseCommon & {
  readonly kind: 'qr-order';
  /** Field 62: the EMVCo merchant-presented QR payload the terminal shows. */
  readonly mpmPayload?: string;
};

export type QrPaymentResponse = PosResponseCommon & {
  readonly kind: 'qr-customer-sale' | 'qr-void' | 'qr-refund' | 'qr-order-status';
  /** 59 `A4`: the payment voucher number for a later void or refund (for a paid order too). */
  readonly voucher?: string;
};

export type ParameterDownloadResponse = PosResponseCommon & {
  readonly kind: 'parameter-download';
  /** Field 62: the status byte and this page's TLV objects (absent in a refusal). */
  readonly page?: ParameterPage;
};

export type SoftwareChunkResponse = PosResponseCommon & {
  readonly kind: 'software-chunk';
  /** Field 62: package bytes from the requested offset (at most 480). */
  readonly chunk?: Uint8Array;
};

type SpecialKind =
  | 'sign-in'
  | 'balance'
  | 'settlement'
  | 'qr-order'
  | 'qr-customer-sale'
  | 'qr-order-status'
  | 'qr-void'
  | 'qr-refund'
  | 'parameter-download'
  | 'software-chunk';

export type PlainResponse = PosResponseCommon & { readonly kind: Exclude<PosRequestKind, SpecialKind> };

export type PosResponse =
  | SignInResponse
  | BalanceResponse
  | SettlementResponse
  | QrOrderResponse
  | QrPaymentResponse
  | ParameterDownloadResponse
  | SoftwareChunkResponse
  | PlainResponse;
