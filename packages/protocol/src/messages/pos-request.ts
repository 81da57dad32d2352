import type { SettlementTotals } from './settlement-totals.js';
import type { MagstripeUploadEntry } from './batch-upload-entries.js';
import type { SoftwareStatusReport } from './software-status.js';

/** An amount as field 4 and 49 carry it: integer minor units and the ISO 4217 numeric currency (`156`). */
export interface PosAmount {
  readonly amountMinor: number;
  readonly currency: string;
}

/**
 * Fields every request carries. The MTI, 60.1 and processing code follow from `kind` (see
 * requestMti); tpdu and header are absent only for a message unpacked without them.
 */
export interface PosEnvelope {
  /** 10 hex digits: `60` + destination + source. */
  readonly tpdu?: string;
  /** 12 hex digits (6 bytes); digit 6 is the processing requirement. */
  readonly header?: string;
  /** Field 41. */
  readonly tid: string;
  /** Field 42. */
  readonly mid: string;
  /** Field 11, 6 digits. */
  readonly stan: string;
  /** 60.2, 6 digits. */
  readonly batch: string;
  /** Digits of field 60 after 60.3 as sent (60.4 read capability, 60.5 IC condition, 60.6, 60.7 …). */
  readonly field60Extension?: string;
  /** Field 12 hhmmss, when present. */
  readonly localTime?: string;
  /** Field 13 MMDD, when present. */
  readonly localDate?: string;
}

/** Card data of a card-present request. Track and PIN data are passed through, never stored by the host. */
export interface CardData {
  /** The PAN: field 2, or the digits before `=` in track 2 when `panFromTrack2`. */
  readonly pan?: string;
  /** True when field 2 was absent and `pan` was read from track 2 (the encoder then omits field 2). */
  readonly panFromTrack2?: boolean;
  /** Field 14 YYMM. */
  readonly expiry?: string;
  /** Field 22, 3 digits (`021` swipe + PIN, `051` chip + PIN, `071` contactless …). */
  readonly entryMode: string;
  /** Field 23, 3 digits. */
  readonly cardSequence?: string;
  /** Field 35 as given (`=` separator; may be TDK-encrypted when 53 digit 3 is `1`). */
  readonly track2?: string;
  /** Field 36 as given. */
  readonly track3?: string;
  /** Field 26, the maximum PIN length, sent with a PIN. */
  readonly pinCaptureCode?: string;
  /** Field 52, 8 bytes. */
  readonly pinBlock?: Uint8Array;
  /** Field 53, 16 digits. */
  readonly securityControl?: string;
  /** Field 55, BER-TLV bytes. */
  readonly icc?: Uint8Array;
}

/** Field 61: the original transaction of a void, refund or completion. */
export interface OriginalData {
  readonly batch: string;
  readonly stan: string;
  /** 61.3 MMDD. */
  readonly date?: string;
  /** 61.4 onwards as sent (authorization method, institution). */
  readonly extension?: string;
}

export type SignInKeyLayout = '001' | '003' | '004';

export interface SignInRequest extends PosEnvelope {
  readonly kind: 'sign-in';
  /** 60.3: `001` single-length, `003` double-length, `004` double-length + track key. */
  readonly keyLayout: SignInKeyLayout;
  /** Field 63, an3 (`001` for operator 01). */
  readonly operator: string;
  /** Field 62 (serial-number information), when sent. */
  readonly terminalInfo?: Uint8Array;
}

export interface SignOffRequest extends PosEnvelope {
  readonly kind: 'sign-off';
}

export interface EchoRequest extends Omit<PosEnvelope, 'stan'> {
  readonly kind: 'echo';
  readonly stan?: string;
}

/** 0800, 60.3 `360`: a page of parameters (and the software offer) from `startIndex` (62 tag 01). */
export interface ParameterDownloadRequest extends Omit<PosEnvelope, 'stan'> {
  readonly kind: 'parameter-download';
  readonly stan?: string;
  /** Objects received so far in this download, n3 (the first request sends 0). */
  readonly startIndex: number;
}

/** 0800, 60.3 `361`: the parameter set version the terminal applied (62 tag 02). */
export interface ParametersAppliedRequest extends Omit<PosEnvelope, 'stan'> {
  readonly kind: 'parameters-applied';
  readonly stan?: string;
  readonly parameterVersion: string;
}

/** 0820, 60.3 `362`: the terminal's software status (62 tags of docs/TMS.md §2.2). */
export interface StatusUploadRequest extends Omit<PosEnvelope, 'stan'> {
  readonly kind: 'status-upload';
  readonly stan?: string;
  readonly status: SoftwareStatusReport;
}

/** 0800, 60.3 `363`: package bytes from `offset` of the package whose payload hash is `sha256`. */
export interface SoftwareChunkRequest extends Omit<PosEnvelope, 'stan'> {
  readonly kind: 'software-chunk';
  readonly stan?: string;
  /** 62 tag 92, lowercase hex. */
  readonly sha256: string;
  /** 62 tag 94, n10: a byte offset in the whole package file. */
  readonly offset: number;
}

export interface BalanceRequest extends PosEnvelope {
  readonly kind: 'balance';
  readonly card: CardData;
  /** Field 49. */
  readonly currency: string;
}

export interface SaleRequest extends PosEnvelope {
  readonly kind: 'sale';
  readonly card: CardData;
  readonly amount: PosAmount;
}

export interface PreauthRequest extends PosEnvelope {
  readonly kind: 'preauth';
  readonly card: CardData;
  readonly amount: PosAmount;
}

export interface VoidRequest extends PosEnvelope {
  readonly kind: 'void';
  readonly card: CardData;
  readonly amount: PosAmount;
  /** Field 37 of the original. */
  readonly originalRrn: string;
  /** Field 38 of the original, when it had one. */
  readonly originalAuthCode?: string;
  readonly original: OriginalData;
}

export interface RefundRequest extends PosEnvelope {
  readonly kind: 'refund';
  readonly card: CardData;
  readonly amount: PosAmount;
  readonly originalRrn: string;
  readonly originalAuthCode?: string;
  readonly original: OriginalData;
  /** Field 63 (`CUP`), when sent. */
  readonly cardOrganisation?: string;
}

export interface PreauthCancelRequest extends PosEnvelope {
  readonly kind: 'preauth-cancel';
  readonly card: CardData;
  readonly amount: PosAmount;
  readonly originalAuthCode: string;
  readonly originalRrn?: string;
  readonly original?: OriginalData;
}

export interface PreauthCompletionRequest extends PosEnvelope {
  readonly kind: 'preauth-completion';
  readonly card: CardData;
  readonly amount: PosAmount;
  readonly originalAuthCode: string;
  readonly originalRrn?: string;
  readonly original: OriginalData;
}

export interface PreauthCompletionVoidRequest extends PosEnvelope {
  readonly kind: 'preauth-completion-void';
  readonly card: CardData;
  readonly amount: PosAmount;
  readonly originalRrn: string;
  readonly originalAuthCode?: string;
  readonly original: OriginalData;
}

export interface QrCustomerSaleRequest extends PosEnvelope {
  readonly kind: 'qr-customer-sale';
  readonly amount: PosAmount;
  /** 59 `A3`: the customer's payment code (a bearer secret: masked in logs). */
  readonly qrCode: string;
}

export interface QrOrderRequest extends PosEnvelope {
  readonly kind: 'qr-order';
  readonly amount: PosAmount;
}

export interface QrOrderStatusRequest extends PosEnvelope {
  readonly kind: 'qr-order-status';
  /** Field 37: the order's RRN. */
  readonly orderRrn: string;
}

export interface QrOrderCloseRequest extends PosEnvelope {
  readonly kind: 'qr-order-close';
  readonly orderRrn: string;
}

export interface QrVoidRequest extends PosEnvelope {
  readonly kind: 'qr-void';
  readonly amount: PosAmount;
  /** 59 `A4`: the payment voucher number of the original. */
  readonly voucher: string;
  readonly original?: OriginalData;
}

export interface QrRefundRequest extends PosEnvelope {
  readonly kind: 'qr-refund';
  readonly amount: PosAmount;
  readonly voucher: string;
  readonly original?: OriginalData;
}

/** Kinds whose unanswered request is reversed (reference §7.1). */
export type ReversibleKind =
  | 'sale'
  | 'void'
  | 'preauth'
  | 'preauth-cancel'
  | 'preauth-completion'
  | 'preauth-completion-void'
  | 'qr-customer-sale'
  | 'qr-void';

export const REVERSIBLE_KINDS: readonly ReversibleKind[] = [
  'sale',
  'void',
  'preauth',
  'preauth-cancel',
  'preauth-completion',
  'preauth-completion-void',
  'qr-customer-sale',
  'qr-void',
];

/** Reversal reasons the dialect names: timeout, MAC error, terminal fault after approval, other. */
export const REVERSAL_REASONS = ['98', 'A0', '96', '06'] as const;
export type ReversalReason = (typeof REVERSAL_REASONS)[number];

export interface ReversalRequest extends PosEnvelope {
  readonly kind: 'reversal';
  /** The transaction reversed: its 3, 25 and 60.1 are sent. */
  readonly reversedKind: ReversibleKind;
  /** Field 39. A terminal sends one of REVERSAL_REASONS; the host accepts any two characters. */
  readonly reason: string;
  /** Card fields of the original, without PIN data (26, 52 are never sent in a reversal). */
  readonly card?: CardData;
  readonly amount: PosAmount;
  /** Field 38, when the original was answered with one. */
  readonly authCode?: string;
  /** Field 61, for the reversal of a void or completion. */
  readonly original?: OriginalData;
  /** 59 `A3`, for a QR sale. */
  readonly qrCode?: string;
  /** 59 `A4`, for a QR void. */
  readonly voucher?: string;
}

export interface SettlementRequest extends PosEnvelope {
  readonly kind: 'settlement';
  /** Field 48: result digits are `request` on the way in. */
  readonly totals: SettlementTotals;
  readonly currency: string;
  /** Field 63. */
  readonly operator: string;
}

export interface MagstripeBatchUpload {
  readonly type: 'magstripe';
  /** Field 48: up to 8 entries. */
  readonly entries: readonly MagstripeUploadEntry[];
}

export interface IcBatchUpload {
  readonly type: 'ic';
  /** 60.3 `203` after a balanced settlement, `205` after an unbalanced one. */
  readonly balanced: boolean;
  readonly card: CardData;
  readonly amount: PosAmount;
  /** Field 62 (IC upload data), when sent. */
  readonly data?: Uint8Array;
}

export interface BatchUploadEnd {
  readonly type: 'end';
  /** 60.3 `207` balanced, `202` unbalanced. */
  readonly balanced: boolean;
  /** Field 48 n4: how many records were uploaded. */
  readonly count: number;
}

export interface BatchUploadRequest extends PosEnvelope {
  readonly kind: 'batch-upload';
  readonly upload: MagstripeBatchUpload | IcBatchUpload | BatchUploadEnd;
}

export type PosRequest =
  | SignInRequest
  | SignOffRequest
  | EchoRequest
  | ParameterDownloadRequest
  | ParametersAppliedRequest
  | StatusUploadRequest
  | SoftwareChunkRequest
  | BalanceRequest
  | SaleRequest
  | VoidRequest
  | RefundRequest
  | PreauthRequest
  | PreauthCancelRequest
  | PreauthCompletionRequest
  | PreauthCompletionVoidRequest
  | ReversalRequest
  | SettlementRequest
  | BatchUploadRequest
  | QrCustomerSaleRequest
  | QrOrderRequest
  | QrOrderStatusRequest
  | QrOrderCloseRequest
  | QrVoidRequest
  | QrRefundRequest;

export type PosRequestKind = PosRequest['kind'];

/** Network management, settlement and batch upload: no MAC, no money moved, not journalled by STAN. */
export type ManagementKind =
  | 'sign-in'
  | 'sign-off'
  | 'echo'
  | 'parameter-download'
  | 'parameters-applied'
  | 'status-upload'
  | 'software-chunk'
  | 'settlement'
  | 'batch-upload';
