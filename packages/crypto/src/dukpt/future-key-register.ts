import { cryptoError } from '../errors.js';
import { bitCount, lowestBit } from './dukpt-counter.js';

/** Derives the key of `counter` from the key of its parent (the counter without its lowest one-bit). */
export type ChildKeyDerivation = (parent: Uint8Array, counter: number, output: Uint8Array) => void;

/**
 * The terminal side of DUKPT, common to X9.24-1 (21 counter bits, at most 10 one-bits) and X9.24-3
 * (32 bits, at most 16): one future key per counter bit. Register j holds the key of the next counter
 * whose lowest one-bit is j. Taking the key of counter c (lowest one-bit p) fills registers p−1 … 0
 * with the keys of c | 2^j and erases register p; when c already has the maximum of one-bits, its
 * children are invalid, so the counter jumps by 2^p instead of 1, skipping them all.
 */
export class FutureKeyRegister {
  readonly #bits: number;
  readonly #maxOnes: number;
  readonly #keyLength: number;
  readonly #derive: ChildKeyDerivation;
  readonly #keys: Uint8Array;
  readonly #current: Uint8Array;
  #counter = 1;

  constructor(bits: number, maxOnes: number, initialKey: Uint8Array, derive: ChildKeyDerivation) {
    this.#bits = bits;
    this.#maxOnes = maxOnes;
    this.#keyLength = initialKey.length;
    this.#derive = derive;
    this.#keys = new Uint8Array(bits * initialKey.length);
    this.#current = new Uint8Array(initialKey.length);
    for (let bit = bits - 1; bit >= 0; bit -= 1) this.#deriveInto(initialKey, 2 ** bit, bit);
  }

  /** The counter whose key `take` returns next; 2^bits once exhausted. */
  get counter(): number {
    return this.#counter;
  }

  get exhausted(): boolean {
    return this.#counter >= 2 ** this.#bits;
  }

  /** Writes the key of `counter` into `output`, then advances (future keys first, then the counter). */
  take(output: Uint8Array): number {
    if (this.exhausted) {
      throw cryptoError('CRYPTO_DUKPT_EXHAUSTED', 'The DUKPT register has no transaction counter left', {
        bits: this.#bits,
      });
    }
    const counter = this.#counter;
    const low = lowestBit(counter);
    const position = Math.log2(low);
    const size = this.#keyLength;
    const current = this.#current;
    current.set(this.#keys.subarray(position * size, (position + 1) * size));
    output.set(current);
    if (bitCount(counter) < this.#maxOnes) {
      for (let bit = position - 1; bit >= 0; bit -= 1) this.#deriveInto(current, counter + 2 ** bit, bit);
      this.#counter = counter + 1;
    } else {
      this.#counter = counter + low;
    }
    this.#keys.fill(0, position * size, (position + 1) * size);
    current.fill(0);
    return counter;
  }

  /** Erases every key held; the register is exhausted afterwards. */
  erase(): void {
    this.#keys.fill(0);
    this.#counter = 2 ** this.#bits;
  }

  #deriveInto(parent: Uint8Array, counter: number, bit: number): void {
    const size = this.#keyLength;
    this.#derive(parent, counter, this.#keys.subarray(bit * size, (bit + 1) * size));
  }
}
