import type { BlockCipher, CipherFactory } from '../cipher/block-cipher.js';
import { cryptoError } from '../errors.js';
import { MacBase, type Mac } from './mac.js';
import { cbcMacChain, checkPadding, type MacPadding } from './padding.js';

export interface RetailMacOptions {
  /** ISO 9797-1 padding method. Default 1. */
  readonly padding?: MacPadding;
  /** Bytes kept (leftmost). Default 8; 4 is common on the wire. */
  readonly macLength?: number;
}

class RetailMac extends MacBase {
  readonly #left: BlockCipher;
  readonly #right: BlockCipher;
  readonly #padding: MacPadding;
  readonly #state = new Uint8Array(8);

  constructor(left: BlockCipher, right: BlockCipher, options: RetailMacOptions) {
    super(options.macLength ?? 8, 8);
    this.#padding = options.padding ?? 1;
    checkPadding(this.#padding);
    this.#left = left;
    this.#right = right;
  }

  protected computeFull(data: Uint8Array): Uint8Array {
    cbcMacChain(this.#left, data, this.#padding, this.#state);
    this.#right.decryptBlock(this.#state, 0, this.#state, 0);
    this.#left.encryptBlock(this.#state, 0, this.#state, 0);
    return this.#state;
  }
}

/**
 * ISO/IEC 9797-1 MAC algorithm 3, the ANSI X9.19 retail MAC: single-DES CBC under K, then the last
 * block through D_K' and E_K. `key` is K‖K' (16 bytes).
 */
export function createRetailMac(
  factory: CipherFactory,
  key: Uint8Array,
  options: RetailMacOptions = {},
): Mac {
  if (key.length !== 16) {
    throw cryptoError('CRYPTO_INVALID_KEY_LENGTH', 'A retail MAC key must be 16 bytes (K and K\u2032)', {
      length: key.length,
    });
  }
  return new RetailMac(factory('des', key.subarray(0, 8)), factory('des', key.subarray(8, 16)), options);
}
