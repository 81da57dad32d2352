/**
 * Risk rules evaluated before the issuer: blocked BIN prefixes, the merchant's single-transaction limit
 * and per-card velocity (count and amount per business day). Counters live in memory for the current
 * business day only; `rebuild` restores them from the day's approved transactions after a restart.
 */
import type { Clock } from '@payterm/kernel';
import { businessDay } from '../issuer/business-day.js';
import { parseRiskConfig, type RiskConfig, type RiskConfigInput } from './risk-config.js';
import { PrefixSet } from './prefix-set.js';

export type RiskRule = 'blocked-bin' | 'merchant-limit' | 'velocity-count' | 'velocity-amount';

/**
 * Response codes (reference §6): 62 restricted card for a blocked range (the card, not this
 * transaction, is refused), 61 exceeds amount limit for both amount rules, 65 exceeds frequency limit.
 */
export const RISK_RESPONSE_CODES: Readonly<Record<RiskRule, string>> = {
  'blocked-bin': '62',
  'merchant-limit': '61',
  'velocity-count': '65',
  'velocity-amount': '61',
};

export interface RiskInput {
  /** Read for its prefix only; never kept. */
  readonly pan: string;
  readonly panHash: string;
  /** Field 42. */
  readonly merchantId: string;
  readonly amountMinor: number;
  /** ISO 4217 alphabetic code. */
  readonly currency: string;
}

export type RiskDecision =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly rule: RiskRule; readonly responseCode: string };

/** An approved transaction as the velocity counters see it. */
export interface RiskTransaction {
  /** The host transaction id: recording or reversing it twice counts once. */
  readonly id: string;
  readonly panHash: string;
  readonly amountMinor: number;
  readonly currency: string;
  /** When it was approved (epoch ms): only today's transactions count. */
  readonly atMs: number;
}

export interface CardUsage {
  readonly count: number;
  /** Approved amount by currency. */
  readonly amountMinor: Readonly<Record<string, number>>;
}

function refuse(rule: RiskRule): RiskDecision {
  return { allowed: false, rule, responseCode: RISK_RESPONSE_CODES[rule] };
}

const ALLOWED: RiskDecision = { allowed: true };

export class RiskEngine {
  readonly config: RiskConfig;
  readonly #clock: Clock;
  readonly #blocked: PrefixSet;
  readonly #exemptPrefixes: PrefixSet;
  readonly #exemptHashes: ReadonlySet<string>;
  #day: string;
  /** Today's counters by PAN hash: count, and amount by currency. */
  #cards = new Map<string, { count: number; amounts: Map<string, number> }>();
  #recorded = new Map<string, RiskTransaction>();

  constructor(clock: Clock, config: RiskConfigInput = {}) {
    this.config = parseRiskConfig(config);
    this.#clock = clock;
    this.#blocked = new PrefixSet(this.config.blockedBinPrefixes);
    this.#exemptPrefixes = new PrefixSet(this.config.velocityExemptions.binPrefixes);
    this.#exemptHashes = new Set(this.config.velocityExemptions.panHashes);
    this.#day = this.#today();
  }

  #today(): string {
    return businessDay(this.#clock.nowMs(), this.config.utcOffsetMinutes);
  }

  /** Drops yesterday's counters when the business day has changed. */
  #roll(): string {
    const today = this.#today();
    if (today !== this.#day) {
      this.#day = today;
      this.#cards = new Map();
      this.#recorded = new Map();
    }
    return today;
  }

  /** The first rule the transaction breaks, in the order blocked BIN, merchant limit, count, amount. */
  evaluate(input: RiskInput): RiskDecision {
    this.#roll();
    if (this.#blocked.matches(input.pan)) return refuse('blocked-bin');
    const merchantLimit =
      this.config.merchantLimit.byMerchant[input.merchantId]?.[input.currency] ??
      this.config.merchantLimit.defaultMaxAmountMinor[input.currency];
    if (merchantLimit !== undefined && input.amountMinor > merchantLimit) return refuse('merchant-limit');
    if (this.#exemptHashes.has(input.panHash) || this.#exemptPrefixes.matches(input.pan)) return ALLOWED;
    const card = this.#cards.get(input.panHash);
    if ((card?.count ?? 0) + 1 > this.config.velocity.maxCountPerDay) return refuse('velocity-count');
    const amountLimit = this.config.velocity.maxAmountMinorPerDay[input.currency];
    const used = card?.amounts.get(input.currency) ?? 0;
    if (amountLimit !== undefined && used + input.amountMinor > amountLimit) return refuse('velocity-amount');
    return ALLOWED;
  }

  /**
   * Counts an approved transaction. False when it changes nothing: approved on another business day,
   * or already recorded.
   */
  record(transaction: RiskTransaction): boolean {
    const today = this.#roll();
    if (businessDay(transaction.atMs, this.config.utcOffsetMinutes) !== today) return false;
    if (this.#recorded.has(transaction.id)) return false;
    this.#recorded.set(transaction.id, transaction);
    this.#add(transaction, 1);
    return true;
  }

  /** Uncounts a recorded transaction (reversed or voided). False when it was not counted today. */
  reverseRecord(id: string): boolean {
    this.#roll();
    const transaction = this.#recorded.get(id);
    if (transaction === undefined) return false;
    this.#recorded.delete(id);
    this.#add(transaction, -1);
    return true;
  }

  /** Replaces the counters with those of `transactions` (today's approved, not reversed ones). */
  rebuild(transactions: Iterable<RiskTransaction>): void {
    this.#day = this.#today();
    this.#cards = new Map();
    this.#recorded = new Map();
    for (const transaction of transactions) this.record(transaction);
  }

  /** Today's counters of one card. */
  usage(panHash: string): CardUsage {
    this.#roll();
    const card = this.#cards.get(panHash);
    return { count: card?.count ?? 0, amountMinor: Object.fromEntries(card?.amounts ?? []) };
  }

  /** Every card's counters, sorted: for comparing two engines (a rebuild against the original). */
  snapshot(): { day: string; cards: [string, CardUsage][]; ids: string[] } {
    this.#roll();
    const hashes = [...this.#cards.keys()].sort();
    return {
      day: this.#day,
      cards: hashes.map((hash) => [hash, this.usage(hash)]),
      ids: [...this.#recorded.keys()].sort(),
    };
  }

  #add(transaction: RiskTransaction, sign: 1 | -1): void {
    const card = this.#cards.get(transaction.panHash) ?? { count: 0, amounts: new Map<string, number>() };
    card.count += sign;
    const amount = (card.amounts.get(transaction.currency) ?? 0) + sign * transaction.amountMinor;
    if (amount === 0) card.amounts.delete(transaction.currency);
    else card.amounts.set(transaction.currency, amount);
    if (card.count === 0) this.#cards.delete(transaction.panHash);
    else this.#cards.set(transaction.panHash, card);
  }
}
