import { cryptoError } from '../errors.js';

/** A keyed MAC with its key schedule and scratch buffers made once: compute and verify allocate nothing. */
export interface Mac {
  /** Bytes that `compute` writes. */
  readonly macLength: number;
  /** Writes the MAC into output[0, macLength) (default: a new array) and returns `output`. */
  compute(data: Uint8Array, output?: Uint8Array): Uint8Array;
  /** Whether `mac` equals the leftmost mac.length bytes of the MAC of `data` (constant time). */
  verify(data: Uint8Array, mac: Uint8Array): boolean;
}

/** Shortest MAC a verify accepts: 4 bytes is the usual wire truncation (X9.19, CUP). */
export const MIN_MAC_LENGTH = 4;

export function checkMacLength(length: number, maximum: number): void {
  if (!Number.isInteger(length) || length < MIN_MAC_LENGTH || length > maximum) {
    throw cryptoError(
      'CRYPTO_INVALID_MAC_LENGTH',
      `MAC length must be ${MIN_MAC_LENGTH} to ${maximum} bytes`,
      {
        length,
        maximum,
      },
    );
  }
}

/** Compute and verify on top of `computeFull`, which leaves the untruncated MAC in a reused buffer. */
export abstract class MacBase implements Mac {
  readonly macLength: number;
  readonly #fullLength: number;

  protected constructor(macLength: number, fullLength: number) {
    checkMacLength(macLength, fullLength);
    this.macLength = macLength;
    this.#fullLength = fullLength;
  }

  protected abstract computeFull(data: Uint8Array): Uint8Array;

  compute(data: Uint8Array, output?: Uint8Array): Uint8Array {
    const out = output ?? new Uint8Array(this.macLength);
    if (out.length < this.macLength) {
      throw cryptoError('CRYPTO_INVALID_DATA_LENGTH', 'Output buffer is too small', {
        need: this.macLength,
        have: out.length,
      });
    }
    const full = this.computeFull(data);
    for (let index = 0; index < this.macLength; index += 1) out[index] = full[index]!;
    return out;
  }

  verify(data: Uint8Array, mac: Uint8Array): boolean {
    checkMacLength(mac.length, this.#fullLength);
    const full = this.computeFull(data);
    let difference = 0;
    for (let index = 0; index < mac.length; index += 1) difference |= full[index]! ^ mac[index]!;
    return difference === 0;
  }
}
