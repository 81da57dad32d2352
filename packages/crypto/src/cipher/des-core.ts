/**
 * DES (FIPS 46-3) on 32-bit halves. The tables of the standard are turned into lookup tables once at
 * load: IP and FP as eight 256-entry tables per output half (one per input byte), and each S-box
 * merged with P, so a round is eight lookups.
 */
import { EXPANSION, FINAL_PERMUTATION, INITIAL_PERMUTATION, PERMUTATION_P, S_BOXES } from './des-tables.js';
import { assertInvariant } from '@payterm/kernel';

/** Byte-indexed tables of a 64-bit permutation: [byte position * 256 + value] -> high / low output word. */
function byteTables(table: readonly number[]): { high: Uint32Array; low: Uint32Array } {
  const high = new Uint32Array(8 * 256);
  const low = new Uint32Array(8 * 256);
  table.forEach((inputBit, outputBit) => {
    const source = inputBit - 1;
    const mask = 0x80 >> (source & 7);
    for (let value = 0; value < 256; value += 1) {
      if ((value & mask) === 0) continue;
      const slot = (source >> 3) * 256 + value;
      if (outputBit < 32) high[slot] = (high[slot]! | (1 << (31 - outputBit))) >>> 0;
      else low[slot] = (low[slot]! | (1 << (63 - outputBit))) >>> 0;
    }
  });
  return { high, low };
}

function permute32(value: number, table: readonly number[]): number {
  let out = 0;
  table.forEach((inputBit, outputBit) => {
    if ((value >>> (32 - inputBit)) & 1) out |= 1 << (31 - outputBit);
  });
  return out >>> 0;
}

/** S-box i merged with P: [i * 64 + six input bits] -> the P-permuted 32-bit contribution. */
function spTable(): Uint32Array {
  const sp = new Uint32Array(8 * 64);
  S_BOXES.forEach((box, i) => {
    for (let six = 0; six < 64; six += 1) {
      const row = ((six >> 4) & 2) | (six & 1);
      const column = (six >> 1) & 15;
      sp[i * 64 + six] = permute32(box[row * 16 + column]! << (28 - 4 * i), PERMUTATION_P);
    }
  });
  return sp;
}

const IP = byteTables(INITIAL_PERMUTATION);
const FP = byteTables(FINAL_PERMUTATION);
const SP = spTable();
// desRounds unrolls E: group i starts at bit EXPANSION[6i], so rotating R left by that bit number − 1
// brings the group to the top six bits. Checked here against the table once at load.
assertInvariant(
  EXPANSION.every((bit, index) => (bit - 1 - (Math.floor(index / 6) * 4 - 1) + 32) % 32 === index % 6),
  'DES expansion table does not match the unrolled rounds',
);

/** IP of the block at input[offset] into state[0] (L) and state[1] (R). */
export function initialPermutation(input: Uint8Array, offset: number, state: Uint32Array): void {
  let high = 0;
  let low = 0;
  for (let index = 0; index < 8; index += 1) {
    const slot = index * 256 + input[offset + index]!;
    high |= IP.high[slot]!;
    low |= IP.low[slot]!;
  }
  state[0] = high;
  state[1] = low;
}

/** FP of the pre-output state (R16, L16) into output[offset]. */
export function finalPermutation(state: Uint32Array, output: Uint8Array, offset: number): void {
  let high = 0;
  let low = 0;
  for (let index = 0; index < 8; index += 1) {
    const word = index < 4 ? state[0]! : state[1]!;
    const slot = index * 256 + ((word >>> (24 - 8 * (index & 3))) & 0xff);
    high |= FP.high[slot]!;
    low |= FP.low[slot]!;
  }
  for (let index = 0; index < 4; index += 1) {
    output[offset + index] = high >>> (24 - 8 * index);
    output[offset + 4 + index] = low >>> (24 - 8 * index);
  }
}

/**
 * The 16 rounds on state (L, R), leaving the pre-output (R16, L16) in state. That is also the IP of
 * the next DES in a chain (FP then IP cancel), so TDES runs three of these between one IP and one FP.
 */
export function desRounds(state: Uint32Array, schedule: Uint8Array, decrypt: boolean): void {
  let left = state[0]!;
  let right = state[1]!;
  for (let round = 0; round < 16; round += 1) {
    const k = (decrypt ? 15 - round : round) * 8;
    // Group i of E(R) is R rotated left by 4i − 1 (31, 3, 7, …, 27), top six bits.
    const r = right;
    const f =
      SP[(((r << 31) | (r >>> 1)) >>> 26) ^ schedule[k]!]! |
      SP[64 + ((((r << 3) | (r >>> 29)) >>> 26) ^ schedule[k + 1]!)]! |
      SP[128 + ((((r << 7) | (r >>> 25)) >>> 26) ^ schedule[k + 2]!)]! |
      SP[192 + ((((r << 11) | (r >>> 21)) >>> 26) ^ schedule[k + 3]!)]! |
      SP[256 + ((((r << 15) | (r >>> 17)) >>> 26) ^ schedule[k + 4]!)]! |
      SP[320 + ((((r << 19) | (r >>> 13)) >>> 26) ^ schedule[k + 5]!)]! |
      SP[384 + ((((r << 23) | (r >>> 9)) >>> 26) ^ schedule[k + 6]!)]! |
      SP[448 + ((((r << 27) | (r >>> 5)) >>> 26) ^ schedule[k + 7]!)]!;
    right = left ^ f;
    left = r;
  }
  state[0] = right;
  state[1] = left;
}
