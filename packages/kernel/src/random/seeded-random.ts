import { assertInvariant } from '../errors/invariant.js';
import type { RandomSource } from './random-source.js';
import { uniformIntBelow } from './uniform-int.js';

export type XoshiroState = readonly [number, number, number, number];

/**
 * Deterministic pseudo-randomness for tests and simulation (not for keys or anything secret).
 * Generator: xoshiro128** 1.1 (Blackman & Vigna), 128 bits of state, period 2^128 − 1. A 32-bit seed
 * is spread into the four state words with splitmix32, as the xoshiro authors recommend, so that
 * nearby seeds give unrelated streams and the state is never all zero.
 */
export class SeededRandom implements RandomSource {
  // The four state words, kept as int32 (what JavaScript's bitwise operators produce).
  #s0 = 0;
  #s1 = 0;
  #s2 = 0;
  #s3 = 0;

  /** @param seed any integer in [0, 2^32): the same seed always yields the same stream */
  constructor(seed: number) {
    assertInvariant(isUint32(seed), 'Seed must be an integer in [0, 2^32)', { seed });
    this.#setState(seedState(seed));
  }

  /** Starts from raw xoshiro128** state (not all zero): for replaying a saved stream and for test vectors. */
  static fromState(state: XoshiroState): SeededRandom {
    assertInvariant(
      state.every(isUint32) && state.some((word) => word !== 0),
      'xoshiro128** state must be four uint32 words, not all zero',
    );
    const random = new SeededRandom(0);
    random.#setState(state);
    return random;
  }

  nextUint32(): number {
    const result = Math.imul(rotateLeft(Math.imul(this.#s1, 5), 7), 9) >>> 0;
    const shifted = this.#s1 << 9;
    this.#s2 ^= this.#s0;
    this.#s3 ^= this.#s1;
    this.#s1 ^= this.#s2;
    this.#s0 ^= this.#s3;
    this.#s2 ^= shifted;
    this.#s3 = rotateLeft(this.#s3, 11);
    return result;
  }

  /** Fills 4 bytes per draw, least significant byte first. */
  fillBytes(bytes: Uint8Array): void {
    for (let offset = 0; offset < bytes.length; offset += 4) {
      let word = this.nextUint32();
      for (let index = offset; index < Math.min(offset + 4, bytes.length); index += 1) {
        bytes[index] = word & 0xff;
        word >>>= 8;
      }
    }
  }

  nextInt(maxExclusive: number): number {
    return uniformIntBelow(() => this.nextUint32(), maxExclusive);
  }

  #setState([s0, s1, s2, s3]: XoshiroState): void {
    this.#s0 = s0 | 0;
    this.#s1 = s1 | 0;
    this.#s2 = s2 | 0;
    this.#s3 = s3 | 0;
  }
}

function isUint32(value: number): boolean {
  return Number.isInteger(value) && value >= 0 && value < 2 ** 32;
}

function rotateLeft(word: number, bits: number): number {
  return (word << bits) | (word >>> (32 - bits));
}

/**
 * splitmix32 (a 32-bit variant of Steele, Lea & Flood's SplitMix) drawn four times from the seed. Its
 * mix is a bijection applied to four distinct counters, so the words differ and are never all zero
 * (xoshiro's one fixed point).
 */
function seedState(seed: number): XoshiroState {
  const words: number[] = [];
  let counter = seed | 0;
  for (let index = 0; index < 4; index += 1) {
    counter = (counter + 0x9e3779b9) | 0;
    let mixed = counter ^ (counter >>> 16);
    mixed = Math.imul(mixed, 0x21f0aaad);
    mixed ^= mixed >>> 15;
    mixed = Math.imul(mixed, 0x735a2d97);
    words.push((mixed ^ (mixed >>> 15)) >>> 0);
  }
  const [s0 = 0, s1 = 0, s2 = 0, s3 = 0] = words;
  return [s0, s1, s2, s3];
}
