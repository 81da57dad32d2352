import type { BlockCipher } from '../cipher/block-cipher.js';
import { MacBase, type Mac } from './mac.js';
import { cbcMacChain, checkPadding, type MacPadding } from './padding.js';

export interface CbcMacOptions {
  /** ISO 9797-1 padding method. Default 1. */
  readonly padding?: MacPadding;
  /** Bytes kept (leftmost). Default: one block. */
  readonly macLength?: number;
}

class CbcMac extends MacBase {
  readonly #cipher: BlockCipher;
  readonly #padding: MacPadding;
  readonly #state: Uint8Array;

  constructor(cipher: BlockCipher, options: CbcMacOptions) {
    super(options.macLength ?? cipher.blockSize, cipher.blockSize);
    this.#padding = options.padding ?? 1;
    checkPadding(this.#padding);
    this.#cipher = cipher;
    this.#state = new Uint8Array(cipher.blockSize);
  }

  protected computeFull(data: Uint8Array): Uint8Array {
    cbcMacChain(this.#cipher, data, this.#padding, this.#state);
    return this.#state;
  }
}

/** ISO/IEC 9797-1 MAC algorithm 1 (CBC-MAC; ANSI X9.9 with DES, "full TDES CBC-MAC" with TDES). */
export function createCbcMac(cipher: BlockCipher, options: CbcMacOptions = {}): Mac {
  return new CbcMac(cipher, options);
}
