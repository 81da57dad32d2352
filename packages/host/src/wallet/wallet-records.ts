import type {
  QrOrdersTable,
  WalletCodesTable,
  WalletMovementsTable,
  WalletPaymentsTable,
  WalletSessionsTable,
  WalletUsersTable,
} from '../storage/schema/host-schema.js';

export type WalletUser = WalletUsersTable;
export type WalletMovement = WalletMovementsTable;
export type WalletPayment = WalletPaymentsTable;
export type WalletCode = WalletCodesTable;
export type WalletSession = WalletSessionsTable;
export type QrOrder = QrOrdersTable;

/** What an order looks like now: `expired` is a waiting order past its expiry. */
export type QrOrderState = 'waiting' | 'paid' | 'closed' | 'expired';

/** The merchant side of a wallet payment. */
export interface Payee {
  readonly tid: string;
  readonly mid: string;
  readonly batchNo: string;
  readonly merchantName: string;
  /** The RRN the host answered the payment with (the order RRN for a merchant-presented order). */
  readonly rrn: string;
}

/** One line of a user's history, newest first. */
export interface WalletHistoryItem {
  readonly at: number;
  readonly kind: 'payment' | 'refund' | 'void';
  readonly amountMinor: number;
  readonly merchantName: string;
  readonly voucher: string | null;
  /** On a charge that left the balance below zero (only a reversed QR void can): what the user owes. */
  readonly overdraftMinor?: number;
}

/** Wallet PIN outcome: the third wrong PIN of a host day locks the user until the next day. */
export type PinCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly code: 'WALLET_USER_UNKNOWN' | 'WALLET_LOCKED' }
  | { readonly ok: false; readonly code: 'WALLET_PIN_WRONG'; readonly triesLeft: number };

/** A wallet operation for a terminal: the payment, or the ISO response code of the refusal. */
export type TerminalOutcome =
  | { readonly ok: true; readonly payment: WalletPayment }
  | { readonly ok: false; readonly responseCode: string; readonly reason: string };

export type OrderPaymentOutcome =
  | { readonly ok: true; readonly payment: WalletPayment; readonly balanceMinor: number }
  | {
      readonly ok: false;
      readonly code:
        'WALLET_ORDER_PAID' | 'WALLET_ORDER_CLOSED' | 'WALLET_ORDER_EXPIRED' | 'WALLET_INSUFFICIENT_FUNDS';
    };

/**
 * What a reversal did to the wallet (the issuer's shape: refused, or approved and maybe changed).
 * `overdraftMinor`: what the user owes after it, when it took the balance below zero.
 */
export type WalletReversal =
  | { readonly approved: true; readonly changed: boolean; readonly overdraftMinor?: number }
  | { readonly approved: false; readonly responseCode: string };
