import { BlockCipherBase } from './block-cipher-base.js';
import { desRounds, finalPermutation, initialPermutation } from './des-core.js';
import { desKeySchedule } from './des-fast-key.js';

/**
 * Pure TypeScript DES and TDES (EDE). A 16-byte key is 2-key TDES (K3 = K1); single DES is one key
 * schedule. The scratch state makes block operations allocation-free.
 */
export class SoftDesCipher extends BlockCipherBase {
  readonly #k1: Uint8Array;
  readonly #k2: Uint8Array | undefined;
  readonly #k3: Uint8Array | undefined;
  readonly #state = new Uint32Array(2);

  constructor(algorithm: 'des' | 'tdes', key: Uint8Array) {
    super(algorithm, key.length);
    this.#k1 = desKeySchedule(key, 0);
    if (algorithm === 'tdes') {
      this.#k2 = desKeySchedule(key, 8);
      this.#k3 = key.length === 24 ? desKeySchedule(key, 16) : this.#k1;
    }
  }

  encryptBlock(input: Uint8Array, inOffset: number, output: Uint8Array, outOffset: number): void {
    const state = this.#state;
    initialPermutation(input, inOffset, state);
    desRounds(state, this.#k1, false);
    if (this.#k2 !== undefined && this.#k3 !== undefined) {
      desRounds(state, this.#k2, true);
      desRounds(state, this.#k3, false);
    }
    finalPermutation(state, output, outOffset);
  }

  decryptBlock(input: Uint8Array, inOffset: number, output: Uint8Array, outOffset: number): void {
    const state = this.#state;
    initialPermutation(input, inOffset, state);
    if (this.#k2 !== undefined && this.#k3 !== undefined) {
      desRounds(state, this.#k3, true);
      desRounds(state, this.#k2, false);
    }
    desRounds(state, this.#k1, true);
    finalPermutation(state, output, outOffset);
  }
}
