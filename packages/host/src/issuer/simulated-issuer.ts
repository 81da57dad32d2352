/**
 * The host's built-in issuer: accounts in memory, PINs verified by the HSM, every change reported to
 * the sink. Card-facing checks run in the order a real issuer answers: amount triggers (the issuer is
 * down or failing before it looks at the card), card number, card status, expiry, currency, PIN, funds.
 */
import { isLuhnValid, type Clock, type RandomSource } from '@payterm/kernel';
import type { Hsm } from '@payterm/crypto';
import { businessDay, businessMonthYymm, CHINA_UTC_OFFSET_MINUTES } from './business-day.js';
import { approval, availableMinor, decline } from './decisions.js';
import type {
  AccountBalance,
  AuthorizeRequest,
  CancelHoldRequest,
  CompleteRequest,
  Declined,
  Issuer,
  IssuerDecision,
  RefundRequest,
  ReverseDecision,
  ReverseRequest,
  VoidRequest,
} from './issuer-port.js';
import {
  NO_STATE_SINK,
  type AccountStatus,
  type IssuerAccountRecord,
  type IssuerStateSink,
} from './issuer-records.js';
import { IssuerState, type IssuerStateSnapshot } from './issuer-state.js';
import type { MovementCacheOptions } from './movement-cache.js';
import {
  applyMovement,
  cancelPreauth,
  completePreauth,
  issuerTriggerDecline,
  newMovement,
  refundMovement,
  reverseMovement,
  voidMovement,
  type MovementContext,
} from './money-movements.js';
import { checkPin, type PinCheck, type PinVerificationKeys } from './pin-verification-value.js';
import { checkAmount, checkCurrency, checkExpiry, checkId, checkPanText } from './request-checks.js';

export interface SimulatedIssuerOptions extends IssuerStateSnapshot {
  /** The host's keyed PAN hash (HMAC-SHA-256 under a host key): accounts are found by it. */
  readonly panHash: (pan: string) => string | Promise<string>;
  readonly hsm: Hsm;
  readonly pinKeys: PinVerificationKeys;
  readonly clock: Clock;
  /** Authorisation codes. */
  readonly random: RandomSource;
  readonly sink?: IssuerStateSink;
  /** Business-day offset from UTC for PIN tries and expiry; default 480 (China, UTC+8). */
  readonly utcOffsetMinutes?: number;
  /** Wrong PINs per business day; the last one answers 75. Default 3. */
  readonly maxPinTries?: number;
  /** `no-pin-small-amounts` cards: contactless at or below this (account currency) needs no PIN. Default 100000. */
  readonly noPinLimitMinor?: number;
  /** Default 115. */
  readonly completionLimitPercent?: number;
  /**
   * Bounds the movements kept in memory; with `load` (the ledger table), older movements are dropped
   * and read back when a void, refund, completion, cancel or reversal names them. Default: unbounded.
   */
  readonly movementCache?: MovementCacheOptions;
}

const STATUS_DECLINES: Readonly<Record<Exclude<AccountStatus, 'active'>, Declined>> = {
  lost: decline('41', 'lost-card'),
  stolen: decline('43', 'stolen-card'),
  'do-not-honour': decline('05', 'do-not-honour'),
  restricted: decline('62', 'restricted-card'),
};

export class SimulatedIssuer implements Issuer {
  readonly #state: IssuerState;
  readonly #panHash: (pan: string) => string | Promise<string>;
  readonly #hsm: Hsm;
  readonly #pinKeys: PinVerificationKeys;
  readonly #clock: Clock;
  readonly #random: RandomSource;
  readonly #utcOffsetMinutes: number;
  readonly #maxPinTries: number;
  readonly #noPinLimitMinor: number;
  readonly #movements: MovementContext;

  constructor(options: SimulatedIssuerOptions) {
    const clock = options.clock;
    this.#state = new IssuerState(
      options,
      options.sink ?? NO_STATE_SINK,
      () => clock.nowMs(),
      options.movementCache,
    );
    this.#panHash = options.panHash;
    this.#hsm = options.hsm;
    this.#pinKeys = options.pinKeys;
    this.#clock = options.clock;
    this.#random = options.random;
    this.#utcOffsetMinutes = options.utcOffsetMinutes ?? CHINA_UTC_OFFSET_MINUTES;
    this.#maxPinTries = options.maxPinTries ?? 3;
    this.#noPinLimitMinor = options.noPinLimitMinor ?? 100_000;
    this.#movements = {
      state: this.#state,
      random: this.#random,
      completionLimitPercent: options.completionLimitPercent ?? 115,
    };
  }

  async authorize(request: AuthorizeRequest): Promise<IssuerDecision> {
    const inquiry = request.type === 'balance-inquiry';
    checkAuthorizeRequest(request);
    if (!inquiry) {
      const triggered = issuerTriggerDecline(request.amountMinor);
      if (triggered !== undefined) return triggered;
    }
    if (!isLuhnValid(request.pan)) return decline('14', 'invalid-card-number');
    const panHash = request.panHash ?? (await this.#panHash(request.pan));
    const before = this.#cardDecision(panHash, request);
    if ('approved' in before) return before;
    let pin: PinCheck | 'absent' = 'absent';
    if (request.pinBlock !== undefined) {
      pin = await checkPin(this.#hsm, this.#pinKeys, request.pan, before.pvv, request.pinBlock);
    }
    // From here on no await: the checks below and the writes they lead to are one atomic step (a reused
    // movement id is refused here, once, rather than also before the PIN check: the ledger map is large).
    if (!inquiry) this.#state.checkNewMovementId(request.movementId);
    const account = this.#cardDecision(panHash, request);
    if ('approved' in account) return account;
    const pinDecline = this.#applyPinResult(account, request, pin);
    if (pinDecline !== undefined) return pinDecline;
    const current = this.#state.account(panHash)!;
    if (inquiry) return approval(current, this.#random, pin === 'correct');
    if (availableMinor(current) < request.amountMinor) return decline('51', 'insufficient-funds');
    const preauth = request.type === 'preauth';
    const holdId = preauth ? this.#state.newHoldId() : null;
    if (holdId !== null) {
      this.#state.putHold({
        id: holdId,
        panHash,
        transactionId: request.movementId,
        amountMinor: request.amountMinor,
        status: 'held',
      });
    }
    const movement = newMovement({
      id: request.movementId,
      panHash,
      kind: preauth ? 'preauth' : 'sale',
      amountMinor: request.amountMinor,
      currency: request.currency,
      balanceDeltaMinor: preauth ? 0 : -request.amountMinor,
      heldDeltaMinor: preauth ? request.amountMinor : 0,
      holdId,
    });
    return applyMovement(this.#movements, movement, pin === 'correct');
  }

  /** The account when the card may transact, else the decline (unknown, status, expiry, currency, locked PIN). */
  #cardDecision(panHash: string, request: AuthorizeRequest): IssuerAccountRecord | Declined {
    const account = this.#state.account(panHash);
    if (account === undefined) return decline('14', 'unknown-card');
    if (account.status !== 'active') return STATUS_DECLINES[account.status];
    const expired = account.expiry < businessMonthYymm(this.#clock.nowMs(), this.#utcOffsetMinutes);
    if (expired || (request.expiry !== undefined && request.expiry !== account.expiry)) {
      return decline('54', 'expired-card');
    }
    if (request.currency !== account.currency) return decline('13', 'currency-mismatch');
    if (this.#pinTriesToday(account) >= this.#maxPinTries) return decline('75', 'pin-tries-exceeded');
    return account;
  }

  #pinTriesToday(account: IssuerAccountRecord): number {
    return account.pinTryDate === businessDay(this.#clock.nowMs(), this.#utcOffsetMinutes)
      ? account.pinTries
      : 0;
  }

  /** Counts a wrong PIN, resets the count after a right one, and decides whether a missing PIN is allowed. */
  #applyPinResult(
    account: IssuerAccountRecord,
    request: AuthorizeRequest,
    pin: PinCheck | 'absent',
  ): Declined | undefined {
    switch (pin) {
      case 'invalid-block':
        return decline('99', 'pin-block-invalid');
      case 'incorrect': {
        const tries = this.#pinTriesToday(account) + 1;
        const today = businessDay(this.#clock.nowMs(), this.#utcOffsetMinutes);
        this.#state.putAccount({ ...account, pinTryDate: today, pinTries: tries });
        return tries >= this.#maxPinTries
          ? decline('75', 'pin-tries-exceeded')
          : decline('55', 'incorrect-pin');
      }
      case 'correct':
        if (account.pinTries !== 0 || account.pinTryDate !== null) {
          this.#state.putAccount({ ...account, pinTryDate: null, pinTries: 0 });
        }
        return undefined;
      case 'absent':
        return this.#pinOptional(account, request) ? undefined : decline('55', 'pin-required');
    }
  }

  /**
   * Without a PIN block: a balance inquiry always needs one; `no-pin-small-amounts` cards pass
   * contactless up to the no-PIN limit; credit cards pass with a signature (UnionPay credit cards may be
   * signature cards, and the foreign cards are credit cards); debit cards need a PIN.
   */
  #pinOptional(account: IssuerAccountRecord, request: AuthorizeRequest): boolean {
    if (request.type === 'balance-inquiry') return false;
    if (account.behaviour === 'no-pin-small-amounts' && request.entryMode === 'contactless') {
      return request.amountMinor <= this.#noPinLimitMinor;
    }
    return account.kind === 'credit';
  }

  // Each decision below reads back the movements it names, then runs without an await: one atomic step.
  async complete(request: CompleteRequest): Promise<IssuerDecision> {
    await this.#state.ensureMovements([request.preauthId]);
    return completePreauth(this.#movements, request);
  }

  async cancelHold(request: CancelHoldRequest): Promise<IssuerDecision> {
    await this.#state.ensureMovements([request.preauthId]);
    return cancelPreauth(this.#movements, request);
  }

  async voidSale(request: VoidRequest): Promise<IssuerDecision> {
    await this.#state.ensureMovements([request.originalId]);
    return voidMovement(this.#movements, request);
  }

  async refund(request: RefundRequest): Promise<IssuerDecision> {
    await this.#state.ensureMovements([request.originalId]);
    return refundMovement(this.#movements, request);
  }

  async reverse(request: ReverseRequest): Promise<ReverseDecision> {
    await this.#state.ensureMovements([request.movementId]);
    return reverseMovement(this.#movements, request);
  }

  /** Movements held in memory (bounded by `movementCache` when it can read dropped ones back). */
  get cachedMovements(): number {
    return this.#state.cachedMovements;
  }

  async balance(pan: string): Promise<AccountBalance | undefined> {
    checkPanText(pan);
    const account = this.#state.account(await this.#panHash(pan));
    if (account === undefined) return undefined;
    return {
      currency: account.currency,
      balanceMinor: account.balanceMinor,
      heldMinor: account.heldMinor,
      availableMinor: availableMinor(account),
    };
  }
}

function checkAuthorizeRequest(request: AuthorizeRequest): void {
  checkPanText(request.pan);
  checkExpiry(request.expiry);
  checkCurrency(request.currency);
  if (request.type === 'balance-inquiry') {
    checkAmount(request.amountMinor, 'amountMinor', true);
  } else {
    checkId(request.movementId, 'movementId');
    checkAmount(request.amountMinor, 'amountMinor');
  }
}
