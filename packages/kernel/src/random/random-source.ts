/** The only way PayTerm code draws randomness: injected, so a simulation replays from its seed. */
export interface RandomSource {
  /** A uniformly distributed integer in [0, 2^32). */
  nextUint32(): number;
  /** Overwrites every byte of `bytes` with random bytes. */
  fillBytes(bytes: Uint8Array): void;
  /** A uniformly distributed integer in [0, maxExclusive), 1 <= maxExclusive <= 2^32, without modulo bias. */
  nextInt(maxExclusive: number): number;
}
