import type { Clock, RandomSource } from '@payterm/kernel';
import { hostDateOf } from '../engine/host-ids.js';
import type { WriteBatch } from '../storage/commit/write-batch.js';
import type { WalletRows } from '../storage/repositories/wallet-repository.js';
import type {
  OrderPaymentOutcome,
  Payee,
  PinCheck,
  QrOrder,
  QrOrderState,
  TerminalOutcome,
  WalletCode,
  WalletHistoryItem,
  WalletMovement,
  WalletPayment,
  WalletReversal,
  WalletSession,
  WalletUser,
} from './wallet-records.js';
import { randomDigits, randomHex, secretHash, verifyWalletPin } from './wallet-secrets.js';
import { WalletUndo } from './wallet-undo.js';

/** A pay code is valid this long (issue 7: 60 s). */
export const PAY_CODE_TTL_MS = 60_000;
/** No pay code may charge more than CNY 1,000.00, whatever the balance. */
export const PAY_CODE_MAX_MINOR = 1_000_00;
export const WALLET_SESSION_TTL_MS = 30 * 60_000;
/** Merchant-presented orders expire after 5 minutes unless the host is configured otherwise. */
export const DEFAULT_QR_ORDER_TTL_MS = 5 * 60_000;
export const WALLET_PIN_TRIES = 3;
/** QR refunds reach back as far as card refunds (pos-dialect: any day within 30 days). */
const REFUND_WINDOW_MS = 30 * 86_400_000;

export interface WalletOptions {
  readonly clock: Clock;
  readonly random: RandomSource;
  /** The stored state (WalletRepository.loadAll). */
  readonly rows: WalletRows;
  readonly orderTtlMs?: number;
}

type Refusal = { readonly ok: false; readonly responseCode: string; readonly reason: string };

function refuse(responseCode: string, reason: string): Refusal {
  return { ok: false, responseCode, reason };
}

/**
 * The QR wallet — the second "issuer" of the host, for QR payments: users with hashed PINs (three wrong a
 * day lock them), balances as a ledger of movements, one-time pay codes, HTTP sessions, payments found by
 * voucher, and the merchant-presented orders. Like the issuer simulator it serves from memory and reports
 * every change as whole rows into the caller's WriteBatch, so a payment lands in the same database
 * transaction as the host transaction it belongs to. Every check runs synchronously before any change, so
 * two requests cannot both spend the same code, order or balance. Memory changes with the decision; whoever
 * submits the WriteBatch then calls `committed` or `rollBack` (commitWithWallet does), so a commit that
 * fails takes its changes back out of memory and the wallet never shows money the database did not move.
 */
export class Wallet {
  readonly #clock: Clock;
  readonly #random: RandomSource;
  readonly orderTtlMs: number;
  readonly #users = new Map<string, WalletUser>();
  readonly #balances = new Map<string, number>();
  readonly #movements = new Map<string, WalletMovement>();
  readonly #movementsByUser = new Map<string, WalletMovement[]>();
  readonly #payments = new Map<string, WalletPayment>();
  readonly #paymentsByTransaction = new Map<string, WalletPayment>();
  readonly #codes = new Map<string, WalletCode>();
  /** The user's code that may still be used, by user id (a new code cancels it). */
  readonly #liveCodes = new Map<string, WalletCode>();
  readonly #sessions = new Map<string, WalletSession>();
  readonly #orders = new Map<string, QrOrder>();
  readonly #undo = new WalletUndo();

  constructor(options: WalletOptions) {
    this.#clock = options.clock;
    this.#random = options.random;
    this.orderTtlMs = options.orderTtlMs ?? DEFAULT_QR_ORDER_TTL_MS;
    const { rows } = options;
    for (const user of rows.users) {
      this.#users.set(user.userId, { ...user });
      this.#balances.set(user.userId, 0);
    }
    for (const movement of rows.movements) this.#remember(movement);
    for (const payment of rows.payments) this.#rememberPayment({ ...payment });
    for (const code of rows.codes) {
      const copy = { ...code };
      this.#codes.set(copy.codeHash, copy);
      if (copy.status === 'issued') {
        const live = this.#liveCodes.get(copy.userId);
        if (live === undefined || live.createdAt < copy.createdAt) this.#liveCodes.set(copy.userId, copy);
      }
    }
    for (const session of rows.sessions) this.#sessions.set(session.tokenHash, { ...session });
    for (const order of rows.orders) this.#orders.set(order.orderRrn, { ...order });
  }

  // ---- users -------------------------------------------------------------------------------------

  user(userId: string): (WalletUser & { readonly balanceMinor: number }) | undefined {
    const user = this.#users.get(userId);
    return user === undefined ? undefined : { ...user, balanceMinor: this.balanceOf(userId) };
  }

  balanceOf(userId: string): number {
    return this.#balances.get(userId) ?? 0;
  }

  /** Adds a user with an opening balance (demo seed), unless one with this id exists. */
  addUser(user: WalletUser, openingMinor: number, changes: WriteBatch): boolean {
    if (this.#users.has(user.userId)) return false;
    const record = { ...user };
    this.#users.set(user.userId, record);
    this.#balances.set(user.userId, 0);
    this.#undo.record(changes, record, () => {
      this.#users.delete(user.userId);
      this.#balances.delete(user.userId);
    });
    changes.putWalletRow({ table: 'walletUsers', row: { ...user } });
    this.#move(changes, {
      id: `open-${user.userId}`,
      userId: user.userId,
      kind: 'opening',
      amountMinor: openingMinor,
      balanceDeltaMinor: openingMinor,
      merchantName: '',
      voucher: null,
      createdAt: user.createdAt,
    });
    return true;
  }

  /**
   * Checks a wallet PIN. Wrong PINs count per host day; the third locks the user for the rest of that
   * day (and every later try that day is WALLET_LOCKED without looking at the PIN). A right PIN resets
   * the count.
   */
  async checkPin(userId: string, pin: string, changes: WriteBatch): Promise<PinCheck> {
    const user = this.#users.get(userId);
    if (user === undefined) return { ok: false, code: 'WALLET_USER_UNKNOWN' };
    if (this.#failuresToday(user) >= WALLET_PIN_TRIES) return { ok: false, code: 'WALLET_LOCKED' };
    const right = await verifyWalletPin(pin, user.pinHash);
    // Read again after the await: another request may have counted a failure meanwhile.
    const failures = this.#failuresToday(user);
    if (failures >= WALLET_PIN_TRIES) return { ok: false, code: 'WALLET_LOCKED' };
    if (right) {
      if (failures > 0) this.#putUser(changes, user, 0, null);
      return { ok: true };
    }
    const now = failures + 1;
    this.#putUser(changes, user, now, hostDateOf(this.#clock.nowMs()));
    if (now >= WALLET_PIN_TRIES) return { ok: false, code: 'WALLET_LOCKED' };
    return { ok: false, code: 'WALLET_PIN_WRONG', triesLeft: WALLET_PIN_TRIES - now };
  }

  /**
   * The user's payments, refunds and voids, newest first (the opening balance is not listed). A charge
   * that left the balance below zero carries the overdraft it left.
   */
  history(userId: string): WalletHistoryItem[] {
    const movements = this.#movementsByUser.get(userId) ?? [];
    const items: WalletHistoryItem[] = [];
    let balanceMinor = 0;
    for (const movement of movements) {
      balanceMinor += movement.balanceDeltaMinor;
      if (movement.kind === 'opening') continue;
      const kind =
        movement.kind === 'payment' || movement.kind === 'refund' || movement.kind === 'void'
          ? movement.kind
          : // A reversal gives money back like a void, or takes it again like a payment.
            movement.balanceDeltaMinor > 0
            ? 'void'
            : 'payment';
      items.push({
        at: movement.createdAt,
        kind,
        amountMinor: movement.amountMinor,
        merchantName: movement.merchantName,
        voucher: movement.voucher,
        ...(movement.balanceDeltaMinor < 0 && balanceMinor < 0 ? { overdraftMinor: -balanceMinor } : {}),
      });
    }
    return items.reverse();
  }

  // ---- sessions ----------------------------------------------------------------------------------

  /** A new `wt_…` bearer token for the user, valid 30 minutes; only its hash is kept. */
  openSession(userId: string, changes: WriteBatch): { readonly token: string; readonly expiresAt: number } {
    const token = `wt_${randomHex(this.#random, 40)}`;
    const now = this.#clock.nowMs();
    const session: WalletSession = {
      tokenHash: secretHash(token),
      userId,
      expiresAt: now + WALLET_SESSION_TTL_MS,
      createdAt: now,
    };
    this.#sessions.set(session.tokenHash, session);
    this.#undo.record(changes, session, () => {
      if (this.#sessions.get(session.tokenHash) === session) this.#sessions.delete(session.tokenHash);
    });
    changes.putWalletRow({ table: 'walletSessions', row: { ...session } });
    return { token, expiresAt: session.expiresAt };
  }

  /** The user a session token belongs to, while it is valid. */
  sessionUser(token: string): string | undefined {
    const session = this.#sessions.get(secretHash(token));
    if (session === undefined || session.expiresAt <= this.#clock.nowMs()) return undefined;
    return this.#users.has(session.userId) ? session.userId : undefined;
  }

  // ---- customer-presented pay codes --------------------------------------------------------------

  /**
   * A new one-time pay code: 19 digits starting `62`, valid 60 s, limited to min(balance, 1,000.00).
   * The user's previous unused code is cancelled.
   */
  issueCode(
    userId: string,
    changes: WriteBatch,
  ): { readonly code: string; readonly expiresAt: number; readonly limitMinor: number } {
    const previous = this.#liveCodes.get(userId);
    if (previous !== undefined) this.#putCode(changes, previous, 'cancelled');
    let code: string;
    do code = `62${randomDigits(this.#random, 17)}`;
    while (this.#codes.has(secretHash(code)));
    const now = this.#clock.nowMs();
    const record: WalletCode = {
      codeHash: secretHash(code),
      userId,
      limitMinor: Math.max(0, Math.min(this.balanceOf(userId), PAY_CODE_MAX_MINOR)),
      expiresAt: now + PAY_CODE_TTL_MS,
      status: 'issued',
      createdAt: now,
    };
    this.#codes.set(record.codeHash, record);
    this.#liveCodes.set(userId, record);
    this.#undo.record(changes, record, () => {
      if (this.#codes.get(record.codeHash) === record) this.#codes.delete(record.codeHash);
      if (this.#liveCodes.get(userId) === record) this.#liveCodes.delete(userId);
    });
    changes.putWalletRow({ table: 'walletCodes', row: { ...record } });
    return { code, expiresAt: record.expiresAt, limitMinor: record.limitMinor };
  }

  /**
   * Charges a customer-presented code: unknown, used or cancelled `14`; expired `54`; another currency
   * `13`; over the code's limit `61`; over the balance `51`. The code is spent only by an approval.
   */
  chargeCode(
    input: {
      readonly code: string;
      readonly amountMinor: number;
      readonly currency: string;
      readonly payee: Payee;
      readonly transactionId: string;
    },
    changes: WriteBatch,
  ): TerminalOutcome {
    const record = this.#codes.get(secretHash(input.code));
    if (record === undefined) return refuse('14', 'unknown pay code');
    if (record.status !== 'issued') return refuse('14', `pay code ${record.status}`);
    if (record.expiresAt <= this.#clock.nowMs()) return refuse('54', 'pay code expired');
    const user = this.#users.get(record.userId);
    if (user === undefined) return refuse('14', 'pay code of no user');
    if (input.currency !== user.currency) return refuse('13', 'another currency than the wallet');
    if (input.amountMinor > record.limitMinor) return refuse('61', 'over the pay code limit');
    if (input.amountMinor > this.balanceOf(user.userId)) return refuse('51', 'insufficient wallet balance');
    this.#putCode(changes, record, 'used');
    const payment = this.#pay(user, input.amountMinor, input.payee, input.transactionId, changes);
    return { ok: true, payment };
  }

  // ---- payments by voucher -----------------------------------------------------------------------

  payment(voucher: string): WalletPayment | undefined {
    const payment = this.#payments.get(voucher);
    return payment === undefined ? undefined : { ...payment };
  }

  /** The payment made by a host transaction (a QR sale or a paid order). */
  paymentOfTransaction(transactionId: string): WalletPayment | undefined {
    const payment = this.#paymentsByTransaction.get(transactionId);
    return payment === undefined ? undefined : { ...payment };
  }

  /**
   * Voids a payment of the terminal's open batch in full: unknown voucher (or another terminal's) `25`;
   * another batch, or not approved, or refunded in part `12`; another amount `64`.
   */
  voidPayment(
    input: {
      readonly voucher: string;
      readonly amountMinor: number;
      readonly tid: string;
      readonly batchNo: string;
      readonly transactionId: string;
    },
    changes: WriteBatch,
  ): TerminalOutcome {
    const payment = this.#payments.get(input.voucher);
    if (payment === undefined || payment.tid !== input.tid) return refuse('25', 'no such voucher');
    if (payment.batchNo !== input.batchNo) return refuse('12', 'the payment is in another batch');
    if (payment.status !== 'approved') return refuse('12', `the payment is ${payment.status}`);
    if (payment.refundedMinor > 0) return refuse('12', 'the payment was refunded in part');
    if (payment.amountMinor !== input.amountMinor) return refuse('64', 'not the payment amount');
    this.#credit(changes, payment, 'void', payment.amountMinor, input.transactionId);
    this.#putPayment(changes, payment, { status: 'voided' });
    return { ok: true, payment: { ...payment } };
  }

  /**
   * Refunds part or all of a payment of the merchant within 30 days, as often as the total stays within
   * the payment: unknown voucher, another merchant or too old `25`; voided or reversed `12`; too much `64`.
   */
  refundPayment(
    input: {
      readonly voucher: string;
      readonly amountMinor: number;
      readonly mid: string;
      readonly transactionId: string;
    },
    changes: WriteBatch,
  ): TerminalOutcome {
    const payment = this.#payments.get(input.voucher);
    if (payment === undefined || payment.mid !== input.mid) return refuse('25', 'no such voucher');
    if (payment.createdAt < this.#clock.nowMs() - REFUND_WINDOW_MS)
      return refuse('25', 'the payment is older than 30 days');
    if (payment.status !== 'approved') return refuse('12', `the payment is ${payment.status}`);
    if (input.amountMinor <= 0) return refuse('13', 'no amount');
    if (payment.refundedMinor + input.amountMinor > payment.amountMinor)
      return refuse('64', 'refunds would pass the payment');
    this.#credit(changes, payment, 'refund', input.amountMinor, input.transactionId);
    this.#putPayment(changes, payment, { refundedMinor: payment.refundedMinor + input.amountMinor });
    return { ok: true, payment: { ...payment } };
  }

  /**
   * Undoes the wallet movement of a host transaction exactly once: a QR sale's charge (refused `12` once
   * it was voided or refunded) or a QR void's credit. A transaction that moved nothing is approved
   * without a change.
   *
   * A reversal cannot be declined for funds (the terminal ends it on any 0410 and counts the sale again),
   * so a QR void's credit is taken back in full even when the user spent it meanwhile: the balance goes
   * below zero — the only way it can — and `overdraftMinor` says what the user owes. The wallet then
   * pays nothing (pay codes get limit 0) until refunds or credits bring it back above zero.
   */
  reverse(transactionId: string, changes: WriteBatch): WalletReversal {
    const movement = this.#movements.get(transactionId);
    if (movement === undefined || this.#movements.has(`${transactionId}:reversal`))
      return { approved: true, changed: false };
    const payment = movement.voucher === null ? undefined : this.#payments.get(movement.voucher);
    if (payment === undefined) return { approved: true, changed: false };
    if (movement.kind === 'payment') {
      if (payment.status !== 'approved' || payment.refundedMinor > 0)
        return { approved: false, responseCode: '12' };
      this.#credit(changes, payment, 'reversal', payment.amountMinor, `${transactionId}:reversal`);
      this.#putPayment(changes, payment, { status: 'reversed' });
      return { approved: true, changed: true };
    }
    if (movement.kind === 'void') {
      this.#move(changes, {
        id: `${transactionId}:reversal`,
        userId: payment.userId,
        kind: 'reversal',
        amountMinor: movement.amountMinor,
        balanceDeltaMinor: -movement.amountMinor,
        merchantName: payment.merchantName,
        voucher: payment.voucher,
        createdAt: this.#clock.nowMs(),
      });
      this.#putPayment(changes, payment, { status: 'approved' });
      const balanceMinor = this.balanceOf(payment.userId);
      return {
        approved: true,
        changed: true,
        ...(balanceMinor < 0 ? { overdraftMinor: -balanceMinor } : {}),
      };
    }
    return { approved: false, responseCode: '12' };
  }

  // ---- merchant-presented orders ----------------------------------------------------------------

  createOrder(
    input: Omit<QrOrder, 'status' | 'expiresAt' | 'voucher' | 'createdAt' | 'updatedAt'>,
    changes: WriteBatch,
  ): QrOrder {
    const now = this.#clock.nowMs();
    const order: QrOrder = {
      ...input,
      status: 'waiting',
      expiresAt: now + this.orderTtlMs,
      voucher: null,
      createdAt: now,
      updatedAt: now,
    };
    this.#orders.set(order.orderRrn, order);
    this.#undo.record(changes, order, () => {
      if (this.#orders.get(order.orderRrn) === order) this.#orders.delete(order.orderRrn);
    });
    changes.putWalletRow({ table: 'qrOrders', row: { ...order } });
    return { ...order };
  }

  order(orderRrn: string): QrOrder | undefined {
    const order = this.#orders.get(orderRrn);
    return order === undefined ? undefined : { ...order };
  }

  orderState(order: QrOrder): QrOrderState {
    if (order.status === 'paid' || order.status === 'closed') return order.status;
    return order.expiresAt <= this.#clock.nowMs() ? 'expired' : 'waiting';
  }

  /** Closes an unpaid order (waiting or expired; closing twice is fine). False when it was paid. */
  closeOrder(orderRrn: string, changes: WriteBatch): boolean {
    const order = this.#orders.get(orderRrn);
    if (order === undefined || order.status === 'paid') return false;
    if (order.status !== 'closed') this.#putOrder(changes, order, { status: 'closed' });
    return true;
  }

  /**
   * Pays a waiting order from the user's balance, once: paid, closed or expired orders and a short
   * balance are refused and move nothing. The caller has checked the PIN and that the batch is open.
   */
  payOrder(userId: string, orderRrn: string, payee: Payee, changes: WriteBatch): OrderPaymentOutcome {
    const order = this.#orders.get(orderRrn);
    const user = this.#users.get(userId);
    if (order === undefined || user === undefined) return { ok: false, code: 'WALLET_ORDER_CLOSED' };
    const state = this.orderState(order);
    if (state === 'paid') return { ok: false, code: 'WALLET_ORDER_PAID' };
    if (state === 'closed') return { ok: false, code: 'WALLET_ORDER_CLOSED' };
    if (state === 'expired') return { ok: false, code: 'WALLET_ORDER_EXPIRED' };
    if (order.amountMinor > this.balanceOf(userId)) return { ok: false, code: 'WALLET_INSUFFICIENT_FUNDS' };
    const payment = this.#pay(user, order.amountMinor, payee, order.transactionId, changes);
    this.#putOrder(changes, order, { status: 'paid', voucher: payment.voucher });
    return { ok: true, payment, balanceMinor: this.balanceOf(userId) };
  }

  // ---- commits -----------------------------------------------------------------------------------

  /** The commit that carried `changes` succeeded: the wallet's changes in it stand. */
  committed(changes: WriteBatch): void {
    this.#undo.committed(changes);
  }

  /**
   * The commit that carried `changes` failed, or they will never be submitted: the wallet's changes in
   * them go back out of memory (with any later change built on them, which cannot commit either).
   */
  rollBack(changes: WriteBatch): void {
    this.#undo.rollBack(changes);
  }

  /** How many records, movements and users hold changes not yet known to be committed. */
  get uncommittedChanges(): number {
    return this.#undo.pendingThings;
  }

  // ---- internals ---------------------------------------------------------------------------------

  #failuresToday(user: WalletUser): number {
    return user.pinFailureDay === hostDateOf(this.#clock.nowMs()) ? user.pinFailures : 0;
  }

  #putUser(changes: WriteBatch, user: WalletUser, failures: number, day: string | null): void {
    const before = { pinFailures: user.pinFailures, pinFailureDay: user.pinFailureDay };
    this.#undo.record(changes, user, () => Object.assign(user, before));
    user.pinFailures = failures;
    user.pinFailureDay = day;
    changes.putWalletRow({ table: 'walletUsers', row: { ...user } });
  }

  #putCode(changes: WriteBatch, code: WalletCode, status: string): void {
    const before = code.status;
    const wasLive = this.#liveCodes.get(code.userId) === code;
    this.#undo.record(changes, code, () => {
      code.status = before;
      if (wasLive) this.#liveCodes.set(code.userId, code);
    });
    code.status = status;
    if (wasLive) this.#liveCodes.delete(code.userId);
    changes.putWalletRow({ table: 'walletCodes', row: { ...code } });
  }

  #putPayment(
    changes: WriteBatch,
    payment: WalletPayment,
    patch: Partial<Pick<WalletPayment, 'status' | 'refundedMinor'>>,
  ): void {
    const before = {
      status: payment.status,
      refundedMinor: payment.refundedMinor,
      updatedAt: payment.updatedAt,
    };
    this.#undo.record(changes, payment, () => Object.assign(payment, before));
    Object.assign(payment, patch, { updatedAt: this.#clock.nowMs() });
    changes.putWalletRow({ table: 'walletPayments', row: { ...payment } });
  }

  #putOrder(changes: WriteBatch, order: QrOrder, patch: Partial<Pick<QrOrder, 'status' | 'voucher'>>): void {
    const before = { status: order.status, voucher: order.voucher, updatedAt: order.updatedAt };
    this.#undo.record(changes, order, () => Object.assign(order, before));
    Object.assign(order, patch, { updatedAt: this.#clock.nowMs() });
    changes.putWalletRow({ table: 'qrOrders', row: { ...order } });
  }

  #pay(
    user: WalletUser,
    amountMinor: number,
    payee: Payee,
    transactionId: string,
    changes: WriteBatch,
  ): WalletPayment {
    let voucher: string;
    do voucher = randomDigits(this.#random, 12);
    while (this.#payments.has(voucher));
    const now = this.#clock.nowMs();
    const payment: WalletPayment = {
      voucher,
      userId: user.userId,
      transactionId,
      tid: payee.tid,
      mid: payee.mid,
      batchNo: payee.batchNo,
      merchantName: payee.merchantName,
      amountMinor,
      currency: user.currency,
      refundedMinor: 0,
      status: 'approved',
      authCode: randomDigits(this.#random, 6),
      rrn: payee.rrn,
      createdAt: now,
      updatedAt: now,
    };
    this.#rememberPayment(payment);
    this.#undo.record(changes, payment, () => {
      if (this.#payments.get(voucher) === payment) this.#payments.delete(voucher);
      if (this.#paymentsByTransaction.get(transactionId) === payment)
        this.#paymentsByTransaction.delete(transactionId);
    });
    changes.putWalletRow({ table: 'walletPayments', row: { ...payment } });
    this.#move(changes, {
      id: transactionId,
      userId: user.userId,
      kind: 'payment',
      amountMinor,
      balanceDeltaMinor: -amountMinor,
      merchantName: payee.merchantName,
      voucher,
      createdAt: now,
    });
    return { ...payment };
  }

  #credit(changes: WriteBatch, payment: WalletPayment, kind: string, amountMinor: number, id: string): void {
    this.#move(changes, {
      id,
      userId: payment.userId,
      kind,
      amountMinor,
      balanceDeltaMinor: amountMinor,
      merchantName: payment.merchantName,
      voucher: payment.voucher,
      createdAt: this.#clock.nowMs(),
    });
  }

  #move(changes: WriteBatch, movement: WalletMovement): void {
    this.#remember(movement);
    this.#undo.record(changes, movement, () => this.#forget(movement));
    changes.putWalletRow({ table: 'walletMovements', row: { ...movement } });
  }

  #remember(movement: WalletMovement): void {
    this.#movements.set(movement.id, movement);
    this.#balances.set(movement.userId, this.balanceOf(movement.userId) + movement.balanceDeltaMinor);
    const list = this.#movementsByUser.get(movement.userId);
    if (list === undefined) this.#movementsByUser.set(movement.userId, [movement]);
    else list.push(movement);
  }

  #forget(movement: WalletMovement): void {
    if (this.#movements.get(movement.id) === movement) this.#movements.delete(movement.id);
    this.#balances.set(movement.userId, this.balanceOf(movement.userId) - movement.balanceDeltaMinor);
    const list = this.#movementsByUser.get(movement.userId) ?? [];
    const index = list.lastIndexOf(movement);
    if (index >= 0) list.splice(index, 1);
  }

  #rememberPayment(payment: WalletPayment): void {
    this.#payments.set(payment.voucher, payment);
    this.#paymentsByTransaction.set(payment.transactionId, payment);
  }
}
