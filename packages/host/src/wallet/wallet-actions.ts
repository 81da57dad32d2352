import type { EngineServices } from '../engine/engine-services.js';
import { markTransaction } from '../flows/qr-transaction-marks.js';
import { WriteBatch } from '../storage/commit/write-batch.js';
import { readOrderPayload, type ScannedOrder } from './order-payload.js';
import { commitWithWallet } from './wallet-commit.js';
import type { Payee, QrOrder, QrOrderState, WalletHistoryItem } from './wallet-records.js';

/** Why a wallet action was refused: the HTTP API's WALLET_* codes. */
export type WalletRefusal =
  | { readonly ok: false; readonly code: 'WALLET_PIN_WRONG'; readonly triesLeft: number }
  | {
      readonly ok: false;
      readonly code:
        | 'WALLET_USER_UNKNOWN'
        | 'WALLET_LOCKED'
        | 'WALLET_QR_INVALID'
        | 'WALLET_ORDER_UNKNOWN'
        | 'WALLET_ORDER_PAID'
        | 'WALLET_ORDER_CLOSED'
        | 'WALLET_ORDER_EXPIRED'
        | 'WALLET_INSUFFICIENT_FUNDS';
    };

export interface WalletProfile {
  readonly user: string;
  readonly name: string;
  /** Below zero only after a reversed QR void took back money the user had spent. */
  readonly balanceMinor: number;
  /** What the user owes: the balance below zero, else 0. */
  readonly overdraftMinor: number;
  /** ISO 4217 numeric. */
  readonly currency: string;
}

export interface InspectedOrder {
  readonly merchantName: string;
  readonly city: string;
  readonly mid: string;
  readonly tid: string;
  readonly amountMinor: number;
  readonly currency: string;
  readonly orderRrn: string;
  readonly status: QrOrderState;
}

export interface OrderPaid {
  readonly voucher: string;
  readonly amountMinor: number;
  readonly balanceMinor: number;
  readonly merchantName: string;
}

/**
 * What the wallet's HTTP API does, over the engine's services: sign in with the wallet PIN, the profile
 * and history, a new pay code, reading a scanned order and paying it. Every change is committed before
 * the answer (a failed PIN too, so the lock survives a restart). Paying an order makes its 710000
 * transaction the QR sale of the terminal's open batch, in the same commit as the wallet's movement.
 */
export class WalletActions {
  readonly #services: EngineServices;

  constructor(services: EngineServices) {
    this.#services = services;
  }

  async signIn(
    userId: string,
    pin: string,
  ): Promise<(WalletProfile & { readonly ok: true; readonly token: string }) | WalletRefusal> {
    const { wallet } = this.#services;
    const changes = new WriteBatch();
    const check = await wallet.checkPin(userId, pin, changes);
    if (!check.ok) {
      await commitWithWallet(this.#services, changes);
      return check;
    }
    const { token } = wallet.openSession(userId, changes);
    await commitWithWallet(this.#services, changes);
    const profile = this.profile(userId);
    if (profile === undefined) return { ok: false, code: 'WALLET_USER_UNKNOWN' };
    return { ok: true, token, ...profile };
  }

  /** The user of a valid session token. */
  sessionUser(token: string): string | undefined {
    return this.#services.wallet.sessionUser(token);
  }

  profile(userId: string): WalletProfile | undefined {
    const user = this.#services.wallet.user(userId);
    if (user === undefined) return undefined;
    return {
      user: user.userId,
      name: user.name,
      balanceMinor: user.balanceMinor,
      overdraftMinor: Math.max(0, -user.balanceMinor),
      currency: user.currency,
    };
  }

  history(userId: string): WalletHistoryItem[] {
    return this.#services.wallet.history(userId);
  }

  async issueCode(
    userId: string,
  ): Promise<{ readonly code: string; readonly expiresAt: number; readonly limitMinor: number }> {
    const changes = new WriteBatch();
    const issued = this.#services.wallet.issueCode(userId, changes);
    await commitWithWallet(this.#services, changes);
    return issued;
  }

  /**
   * The order a scanned payload names, as the wallet shows it before asking for the PIN. An unpaid order
   * whose batch the terminal has settled since is `closed`: paying it would be refused.
   */
  async inspect(payload: string): Promise<({ readonly ok: true } & InspectedOrder) | WalletRefusal> {
    const found = this.#order(payload);
    if (!found.ok) return found;
    const { scanned, order } = found;
    const state = this.#services.wallet.orderState(order);
    const batchOpen = state === 'paid' || state === 'closed' || (await this.#payee(order)) !== undefined;
    return {
      ok: true,
      merchantName: scanned.merchantName,
      city: scanned.city,
      mid: order.mid,
      tid: order.tid,
      amountMinor: order.amountMinor,
      currency: order.currency,
      orderRrn: order.orderRrn,
      status: batchOpen ? state : 'closed',
    };
  }

  /**
   * Pays a scanned order with the user's wallet PIN. Refused, moving no money: a bad or tampered payload,
   * an unknown order, an order paid, closed, expired or of a settled batch, a wrong PIN or a locked user, a
   * short balance.
   */
  async payOrder(
    userId: string,
    payload: string,
    pin: string,
  ): Promise<({ readonly ok: true } & OrderPaid) | WalletRefusal> {
    const { wallet, journal } = this.#services;
    const found = this.#order(payload);
    if (!found.ok) return found;
    const { order } = found;
    const before = this.#refusalOf(wallet.orderState(order));
    if (before !== undefined) return before;
    // Asked again in the batch's turn below; here it spares the PIN a try on a settled batch's order.
    if ((await this.#payee(order)) === undefined) return { ok: false, code: 'WALLET_ORDER_CLOSED' };
    const changes = new WriteBatch();
    const check = await wallet.checkPin(userId, pin, changes);
    if (!check.ok) {
      await commitWithWallet(this.#services, changes);
      return check;
    }
    // The batch check and the commit share the terminal's batch turn with its settlement: the payment
    // lands before the settlement's totals, or finds the batch settled and is refused.
    return journal.withBatchTurn(order.tid, () => this.#payInOpenBatch(userId, order, changes));
  }

  async #payInOpenBatch(
    userId: string,
    order: QrOrder,
    changes: WriteBatch,
  ): Promise<({ readonly ok: true } & OrderPaid) | WalletRefusal> {
    const { wallet, journal } = this.#services;
    const payee = await this.#payee(order);
    if (payee === undefined) {
      await commitWithWallet(this.#services, changes);
      return { ok: false, code: 'WALLET_ORDER_CLOSED' };
    }
    const batch = await journal.batch(order.tid, order.batchNo);
    // From here to the submit nothing awaits: the state checks and the changes are one step.
    const outcome = wallet.payOrder(userId, order.orderRrn, payee, changes);
    const unmark = outcome.ok
      ? markTransaction({ changes, batch }, order.transactionId, {
          status: 'approved',
          authCode: outcome.payment.authCode,
        })
      : undefined;
    try {
      await commitWithWallet(this.#services, changes);
    } catch (error) {
      unmark?.();
      throw error;
    }
    if (!outcome.ok) return outcome;
    return {
      ok: true,
      voucher: outcome.payment.voucher,
      amountMinor: outcome.payment.amountMinor,
      balanceMinor: outcome.balanceMinor,
      merchantName: payee.merchantName,
    };
  }

  /** Whom a payment of the order pays, while the order's batch is the terminal's open batch. */
  async #payee(order: QrOrder): Promise<Payee | undefined> {
    const { terminals } = this.#services;
    const [terminal, merchant] = await Promise.all([
      terminals.terminal(order.tid),
      terminals.merchant(order.mid),
    ]);
    if (terminal?.batchNo !== order.batchNo || merchant === undefined) return undefined;
    return {
      tid: order.tid,
      mid: order.mid,
      batchNo: order.batchNo,
      merchantName: merchant.name,
      rrn: order.orderRrn,
    };
  }

  #refusalOf(state: QrOrderState): WalletRefusal | undefined {
    if (state === 'paid') return { ok: false, code: 'WALLET_ORDER_PAID' };
    if (state === 'closed') return { ok: false, code: 'WALLET_ORDER_CLOSED' };
    if (state === 'expired') return { ok: false, code: 'WALLET_ORDER_EXPIRED' };
    return undefined;
  }

  /** The order of a payload, which must say exactly what the order is (amount, merchant, terminal). */
  #order(
    payload: string,
  ): { readonly ok: true; readonly scanned: ScannedOrder; readonly order: QrOrder } | WalletRefusal {
    const scanned = readOrderPayload(payload);
    if (scanned === undefined) return { ok: false, code: 'WALLET_QR_INVALID' };
    const order = this.#services.wallet.order(scanned.orderRrn);
    if (order === undefined) return { ok: false, code: 'WALLET_ORDER_UNKNOWN' };
    const tampered =
      scanned.amountMinor !== order.amountMinor ||
      scanned.currency !== order.currency ||
      scanned.mid !== order.mid ||
      scanned.tid !== order.tid;
    if (tampered) return { ok: false, code: 'WALLET_QR_INVALID' };
    return { ok: true, scanned, order };
  }
}
