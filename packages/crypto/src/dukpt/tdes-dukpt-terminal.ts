/** TDES DUKPT, terminal side (X9.24-1:2009 A.2): 21 future key registers over the IPEK. */
import { cryptoError } from '../errors.js';
import { checkKey } from './dukpt-counter.js';
import { FutureKeyRegister } from './future-key-register.js';
import {
  TDES_DUKPT_COUNTER_BITS,
  TDES_DUKPT_KSN_LENGTH,
  TDES_DUKPT_MAX_COUNTER_ONES,
  createTdesChildDerivation,
  tdesDukptCounter,
  tdesDukptWorkingKey,
  type TdesDukptKeyUsage,
} from './tdes-dukpt.js';

/** The key of one transaction: the KSN to send with it and the transaction key (before variants). */
export interface DukptTransaction {
  readonly ksn: Uint8Array;
  readonly counter: number;
  readonly transactionKey: Uint8Array;
}

/**
 * A PIN pad's DUKPT state after "load initial key": the IPEK itself is not kept. `nextTransaction`
 * hands out each usable counter once, in order, and fails with CRYPTO_DUKPT_EXHAUSTED after the last.
 */
export class TdesDukptTerminal {
  readonly #initialKsn: Uint8Array;
  readonly #register: FutureKeyRegister;

  /** `initialKsn`: the 10-byte KSN with a zero counter. IPEK and KSN are copied. */
  constructor(ipek: Uint8Array, initialKsn: Uint8Array) {
    checkKey(ipek, [16], 'TDES DUKPT IPEK');
    if (tdesDukptCounter(initialKsn) !== 0) {
      throw cryptoError('CRYPTO_INVALID_KSN', 'An initial KSN must have a zero transaction counter', {
        counter: tdesDukptCounter(initialKsn),
      });
    }
    this.#initialKsn = initialKsn.slice();
    this.#register = new FutureKeyRegister(
      TDES_DUKPT_COUNTER_BITS,
      TDES_DUKPT_MAX_COUNTER_ONES,
      ipek,
      createTdesChildDerivation(this.#initialKsn),
    );
  }

  /** The counter the next transaction will use (2^21 once exhausted). */
  get counter(): number {
    return this.#register.counter;
  }

  get exhausted(): boolean {
    return this.#register.exhausted;
  }

  /** The KSN and transaction key of the next counter; the register then moves past it. */
  nextTransaction(): DukptTransaction {
    const transactionKey = new Uint8Array(16);
    const counter = this.#register.take(transactionKey);
    return { ksn: tdesKsnWithCounter(this.#initialKsn, counter), counter, transactionKey };
  }

  /** The working key for `usage` of a transaction key this terminal handed out. */
  workingKey(transaction: DukptTransaction, usage: TdesDukptKeyUsage): Uint8Array {
    return tdesDukptWorkingKey(transaction.transactionKey, usage);
  }
}

/** A copy of `ksn` with its 21-bit counter replaced. */
export function tdesKsnWithCounter(ksn: Uint8Array, counter: number): Uint8Array {
  const out = ksn.slice(0, TDES_DUKPT_KSN_LENGTH);
  out[7] = (out[7]! & 0xe0) | ((counter >>> 16) & 0x1f);
  out[8] = (counter >>> 8) & 0xff;
  out[9] = counter & 0xff;
  return out;
}
