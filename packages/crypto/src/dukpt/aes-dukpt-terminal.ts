/** AES DUKPT, terminal side (X9.24-3:2017 §6.5): 32 intermediate derivation key registers. */
import type { CipherFactory } from '../cipher/block-cipher.js';
import { cryptoError } from '../errors.js';
import {
  AES_DUKPT_COUNTER_BITS,
  AES_DUKPT_INITIAL_KEY_ID_LENGTH,
  AES_DUKPT_KSN_LENGTH,
  AES_DUKPT_MAX_COUNTER_ONES,
  AesDukptEngine,
  aesDukptWorkingKey,
  type AesDukptKeyType,
  type AesDukptKeyUsage,
} from './aes-dukpt.js';
import { checkKey } from './dukpt-counter.js';
import { FutureKeyRegister } from './future-key-register.js';
import type { DukptTransaction } from './tdes-dukpt-terminal.js';

/**
 * A PIN pad's AES DUKPT state after loading the initial key: `nextTransaction` hands out each counter
 * with at most 16 one-bits once, in order (skipping the others), and fails with CRYPTO_DUKPT_EXHAUSTED
 * after the last.
 */
export class AesDukptTerminal {
  readonly #initialKeyId: Uint8Array;
  readonly #register: FutureKeyRegister;
  readonly #keyLength: number;

  constructor(
    initialKey: Uint8Array,
    initialKeyId: Uint8Array,
    options: { cipherFactory?: CipherFactory } = {},
  ) {
    checkKey(initialKey, [16, 24, 32], 'AES DUKPT initial key');
    if (!(initialKeyId instanceof Uint8Array) || initialKeyId.length !== AES_DUKPT_INITIAL_KEY_ID_LENGTH) {
      throw cryptoError('CRYPTO_INVALID_KSN', 'An AES DUKPT initial key ID must be 8 bytes', {
        need: AES_DUKPT_INITIAL_KEY_ID_LENGTH,
        have: initialKeyId instanceof Uint8Array ? initialKeyId.length : -1,
      });
    }
    this.#initialKeyId = initialKeyId.slice();
    this.#keyLength = initialKey.length;
    const engine = new AesDukptEngine(options.cipherFactory);
    const derivationId = this.#initialKeyId.subarray(4, 8);
    this.#register = new FutureKeyRegister(
      AES_DUKPT_COUNTER_BITS,
      AES_DUKPT_MAX_COUNTER_ONES,
      initialKey,
      (parent, counter, output) => engine.child(parent, derivationId, counter, output),
    );
  }

  /** The counter the next transaction will use (2^32 once exhausted). */
  get counter(): number {
    return this.#register.counter;
  }

  get exhausted(): boolean {
    return this.#register.exhausted;
  }

  nextTransaction(): DukptTransaction {
    const transactionKey = new Uint8Array(this.#keyLength);
    const counter = this.#register.take(transactionKey);
    const ksn = new Uint8Array(AES_DUKPT_KSN_LENGTH);
    ksn.set(this.#initialKeyId);
    ksn[8] = counter >>> 24;
    ksn[9] = (counter >>> 16) & 0xff;
    ksn[10] = (counter >>> 8) & 0xff;
    ksn[11] = counter & 0xff;
    return { ksn, counter, transactionKey };
  }

  workingKey(transaction: DukptTransaction, usage: AesDukptKeyUsage, type: AesDukptKeyType): Uint8Array {
    return aesDukptWorkingKey(transaction.transactionKey, transaction.ksn, usage, type);
  }
}
