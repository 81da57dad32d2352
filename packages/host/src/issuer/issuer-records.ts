/**
 * The issuer simulator's state as plain records. Account and hold field names are exactly the columns of
 * the host's issuer_accounts and issuer_holds tables; the host persists every record the sink reports in
 * the same database commit as the transaction, and passes them back to the constructor after a restart.
 */

export type AccountKind = 'debit' | 'credit';

/** `active` approves; the others decline with 41, 43, 05 and 62. Expiry is checked separately (54). */
export type AccountStatus = 'active' | 'lost' | 'stolen' | 'do-not-honour' | 'restricted';

/**
 * The catalogue behaviour of a test card (test-cards.md). Only `no-pin-small-amounts` changes what the
 * issuer does beyond status, balance and expiry; `load-test` is exempted from velocity by the risk
 * engine's configuration; `foreign` cards settle in the foreign half.
 */
export type AccountBehaviour =
  | 'approve'
  | 'low-balance'
  | 'lost'
  | 'stolen'
  | 'expired'
  | 'do-not-honour'
  | 'restricted'
  | 'no-pin-small-amounts'
  | 'pin-tries'
  | 'load-test'
  | 'foreign';

export interface IssuerAccountRecord {
  /** Keyed hash of the PAN (HMAC-SHA-256 under a host key): the account's key. */
  readonly panHash: string;
  /** First 6 and last 4 digits (kernel maskPan). */
  readonly panMasked: string;
  readonly kind: AccountKind;
  /** ISO 4217 alphabetic code. */
  readonly currency: string;
  /**
   * Debit: the funds. Credit: the available credit (starts at the limit, goes down with spending).
   * Either way, what the card may spend is balanceMinor − heldMinor.
   */
  readonly balanceMinor: number;
  /** Credit accounts: the limit; debit accounts: 0. */
  readonly creditLimitMinor: number;
  /** Sum of the active pre-authorisation holds. */
  readonly heldMinor: number;
  readonly status: AccountStatus;
  /** Business day (`YYYY-MM-DD`) of the last wrong PIN, or null. */
  readonly pinTryDate: string | null;
  /** Wrong PINs on pinTryDate (a correct PIN resets it). */
  readonly pinTries: number;
  /** PIN verification data, see pin-verification-value.ts: `PVV:<pvki>:<pvv>` or `IBM:<offset>`. */
  readonly pvv: string;
  /** `YYMM`. */
  readonly expiry: string;
  readonly behaviour: AccountBehaviour;
}

/** `held` counts in heldMinor; `completed` was taken by a completion; `released` by a cancel or a reversal. */
export type HoldStatus = 'held' | 'completed' | 'released';

export interface IssuerHoldRecord {
  /** The issuer's hold id (`H` + 11 digits, in order of creation). */
  readonly id: string;
  readonly panHash: string;
  /** The movement id (host transaction id) of the pre-authorisation that placed the hold. */
  readonly transactionId: string;
  readonly amountMinor: number;
  readonly status: HoldStatus;
}

export type MovementKind = 'sale' | 'preauth' | 'completion' | 'cancel' | 'void' | 'refund';

/** `voided`: a sale or completion that a void undid (the void movement carries the money). */
export type MovementStatus = 'applied' | 'reversed' | 'voided';

/**
 * One change the issuer made to an account, keyed by the caller's id (the host transaction id), so
 * that exactly that change can be undone once. The ledger is the issuer's own: the host persists these
 * records and passes them back after a restart (they hold no card data beyond the PAN hash).
 */
export interface IssuerMovementRecord {
  readonly id: string;
  readonly panHash: string;
  readonly kind: MovementKind;
  readonly amountMinor: number;
  readonly currency: string;
  /** Added to balanceMinor when applied (negative for a debit). */
  readonly balanceDeltaMinor: number;
  /** Added to heldMinor when applied. */
  readonly heldDeltaMinor: number;
  /** The hold a preauth placed, a cancel released or a completion took. */
  readonly holdId: string | null;
  /** The movement a void, refund, cancel or completion refers to. */
  readonly originalId: string | null;
  /** Sales and completions: the sum of their applied refunds. */
  readonly refundedMinor: number;
  readonly status: MovementStatus;
}

/** Receives every state change, synchronously, in the order made (the host batches them into its commit). */
export interface IssuerStateSink {
  onAccountChange(record: IssuerAccountRecord): void;
  onHoldChange(hold: IssuerHoldRecord): void;
  onMovement(movement: IssuerMovementRecord): void;
}

export const NO_STATE_SINK: IssuerStateSink = {
  onAccountChange: () => undefined,
  onHoldChange: () => undefined,
  onMovement: () => undefined,
};
