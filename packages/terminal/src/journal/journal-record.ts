import type { OriginalData, PosAmount } from '@payterm/protocol';
import type { CardEntry } from '../ports/card-reader.js';

/** Transactions of the terminal: by card, and by QR code (`qr-…`, method QR, no card). */
export type TransactionType =
  | 'sale'
  | 'void'
  | 'refund'
  | 'preauth'
  | 'preauth-cancel'
  | 'preauth-completion'
  | 'preauth-completion-void'
  | 'balance'
  /** A QR payment: a merchant-presented order paid, or a customer's payment code charged. */
  | 'qr-sale'
  | 'qr-void'
  | 'qr-refund';

/** How the payment was presented: a card entry, or a QR code (`qr`). */
export type RecordEntry = CardEntry | 'qr';

/** Whether a type is paid by QR code (no card: method QR, the voucher of 59 `A4`). */
export function isQrType(type: TransactionType): type is 'qr-sale' | 'qr-void' | 'qr-refund' {
  return type.startsWith('qr-');
}

/**
 * Where a transaction stands. `sending` is written before the request leaves the terminal: finding it
 * at start means the terminal died between send and response, so its outcome is unknown and, for a
 * reversible type, a reversal is queued (pos-dialect "Reversal rules").
 */
export type TransactionStatus =
  | 'sending'
  | 'approved'
  | 'declined'
  /** Not sent at all (host unreachable): nothing to reverse. */
  | 'not-sent'
  /** Outcome unknown or rejected by the terminal after approval: a reversal is queued. */
  | 'reversal-pending'
  /** A 0410 answered the reversal: no money moved. */
  | 'reversed'
  /** Three reversal attempts failed: shown until the operator calls the bank. */
  | 'reversal-failed'
  /**
   * A refund (not reversible) went unanswered: the terminal repeats the identical request, which the
   * host answers with its original response; after three tries settlement reconciles it.
   */
  | 'unknown';

/** How the terminal resolves an unknown outcome: reverse it (0400) or repeat it (refund, same STAN). */
export interface RecoveryState {
  readonly action: 'reverse' | 'repeat';
  /** Field 39 of the 0400: `98` timeout, `A0` MAC, `96` terminal fault, `06` other. */
  readonly reason: string;
  readonly attempts: number;
  readonly lastAttemptAt?: string;
  /** What went wrong on the last attempt (a TerminalError code). */
  readonly lastError?: string;
  /** The answer's response code (0410, or the repeated request's), once answered. */
  readonly responseCode?: string;
}

/** The original a void, refund, cancel or completion refers to. */
export interface OriginalReference extends OriginalData {
  /** The journal id when the original is in this terminal's journal. */
  readonly recordId?: string;
  readonly rrn?: string;
  readonly authCode?: string;
  /** The original QR payment's voucher (59 `A4`), for a QR void or refund. */
  readonly voucher?: string;
}

/**
 * One transaction as the terminal remembers it. The PAN is only kept sealed by the security module
 * (a reversal and a later void need it) and masked for display; PIN blocks and track data never are.
 */
export interface JournalRecord {
  /** Zero-padded sequence: journal order. */
  readonly id: string;
  readonly type: TransactionType;
  readonly status: TransactionStatus;
  readonly stan: string;
  readonly batch: string;
  /** Operator number `01`…`20`, `00`. */
  readonly operator: string;
  readonly amount: PosAmount;
  /** The masked card number; for a customer-presented QR sale the masked payment code, else empty. */
  readonly maskedPan: string;
  /** The card number sealed; for a customer-presented QR sale its payment code (a reversal sends it). */
  readonly sealedPan: string;
  readonly expiry: string;
  readonly brand: string;
  readonly entry: RecordEntry;
  /** Field 22 as sent. */
  readonly entryMode: string;
  readonly cardSequence?: string;
  /** Field 53 as sent, when a PIN went with the request. */
  readonly securityControl?: string;
  /** Field 55 as sent (hex), kept only while a reversal of it may be needed. */
  readonly iccHex?: string;
  readonly pinVerified: boolean;
  /** The cardholder's signature (an SVG path or data URL from the signature pad), when signed. */
  readonly signature?: string;
  /** Terminal time the transaction started (ISO 8601, corrected by the host clock offset). */
  readonly createdAt: string;
  /** MMDD: the host's field 13, else the terminal's own date. */
  readonly date: string;
  /** hhmmss: the host's field 12, else the terminal's own time. */
  readonly time: string;
  readonly responseCode?: string;
  readonly rrn?: string;
  readonly authCode?: string;
  readonly original?: OriginalReference;
  /** Set on an approved original when a void, cancel or completion void of it is approved. */
  readonly voidedBy?: string;
  /** Sum of approved refunds of this sale made from this terminal, in minor units. */
  readonly refundedMinor?: number;
  /** Set on a pre-authorisation when a completion of it is approved. */
  readonly completedBy?: string;
  readonly recovery?: RecoveryState;
  /** `domestic` for UnionPay (BIN 62…), else `foreign` (settlement halves). */
  readonly scope: 'domestic' | 'foreign';
  /** Balance inquiry result (field 54), minor units. */
  readonly balanceMinor?: number;
  /** The QR payment voucher (59 `A4`) the host answered with: a QR void or refund names it. */
  readonly voucher?: string;
  /** The merchant-presented order's RRN (field 37 of the 710000 answer) a QR sale paid. */
  readonly orderRrn?: string;
}
