/**
 * DES (FIPS 46-3) on 32-bit halves. IP and FP are the standard bit-swap sequence (five masked swaps);
 * each S-box is merged with P into one table. The rounds keep L and R rotated left by one bit, so that
 * each half of E(R) is R (or R rotated by four) XOR one key word: two key words and eight lookups per
 * round (the packing of Outerbridge's D3DES).
 */
import { EXPANSION, PERMUTATION_P, S_BOXES } from './des-tables.js';
import { assertInvariant } from '@payterm/kernel';

function permute32(value: number, table: readonly number[]): number {
  let out = 0;
  table.forEach((inputBit, outputBit) => {
    if ((value >>> (32 - inputBit)) & 1) out |= 1 << (31 - outputBit);
  });
  return out >>> 0;
}

/** S-box i merged with P, rotated left by one: [i * 64 + six input bits] -> the contribution to L. */
function spTable(): Int32Array {
  const sp = new Int32Array(8 * 64);
  S_BOXES.forEach((box, i) => {
    for (let six = 0; six < 64; six += 1) {
      const row = ((six >> 4) & 2) | (six & 1);
      const column = (six >> 1) & 15;
      const p = permute32(box[row * 16 + column]! << (28 - 4 * i), PERMUTATION_P);
      sp[i * 64 + six] = (p << 1) | (p >>> 31);
    }
  });
  return sp;
}

const SP = spTable();
// With R rotated left by one, E's groups 1, 3, 5, 7 are bits 2–7 of each byte of R and groups 0, 2, 4, 6
// those of R rotated right by four: group i starts at bit EXPANSION[6i]. Checked here once at load.
assertInvariant(
  EXPANSION.every((bit, index) => (bit - 1 - (Math.floor(index / 6) * 4 - 1) + 32) % 32 === index % 6),
  'DES expansion table does not match the unrolled rounds',
);

/**
 * Words per DES key schedule: two per round, each with four six-bit groups of the round key one a
 * byte (bits 0–5): groups 1, 3, 5, 7, then 0, 2, 4, 6 (des-fast-key.ts writes them).
 */
export const DES_SCHEDULE_WORDS = 32;

/**
 * DES of the block at input[inOffset] into output[outOffset] (they may overlap) through `passes`
 * schedules of 32 words each, one after the other in `words`: 1 for DES, 3 for TDES. Between passes
 * FP and IP cancel, so TDES is one IP, 48 rounds and one FP. Allocates nothing.
 */
export function desCryptBlock(
  words: Int32Array,
  passes: number,
  input: Uint8Array,
  inOffset: number,
  output: Uint8Array,
  outOffset: number,
): void {
  let l =
    (input[inOffset]! << 24) |
    (input[inOffset + 1]! << 16) |
    (input[inOffset + 2]! << 8) |
    input[inOffset + 3]!;
  let r =
    (input[inOffset + 4]! << 24) |
    (input[inOffset + 5]! << 16) |
    (input[inOffset + 6]! << 8) |
    input[inOffset + 7]!;
  let t = ((l >>> 4) ^ r) & 0x0f0f0f0f;
  r ^= t;
  l ^= t << 4;
  t = ((l >>> 16) ^ r) & 0x0000ffff;
  r ^= t;
  l ^= t << 16;
  t = ((r >>> 2) ^ l) & 0x33333333;
  l ^= t;
  r ^= t << 2;
  t = ((r >>> 8) ^ l) & 0x00ff00ff;
  l ^= t;
  r ^= t << 8;
  t = ((l >>> 1) ^ r) & 0x55555555;
  r ^= t;
  l ^= t << 1;
  l = (l << 1) | (l >>> 31);
  r = (r << 1) | (r >>> 31);
  const end = passes * DES_SCHEDULE_WORDS;
  let a: number;
  let b: number;
  for (let k = 0; k < end; k += DES_SCHEDULE_WORDS) {
    // The 16 rounds written out (a loop over them measured ~15 % slower), alternating halves so that L
    // and R trade places without a copy; the swap after round 16 is the pre-output (R16, L16), which
    // is also the next pass's (L0, R0).
    a = r ^ words[k]!;
    b = ((r >>> 4) | (r << 28)) ^ words[k + 1]!;
    l ^=
      SP[64 + ((a >>> 24) & 0x3f)]! |
      SP[192 + ((a >>> 16) & 0x3f)]! |
      SP[320 + ((a >>> 8) & 0x3f)]! |
      SP[448 + (a & 0x3f)]! |
      SP[(b >>> 24) & 0x3f]! |
      SP[128 + ((b >>> 16) & 0x3f)]! |
      SP[256 + ((b >>> 8) & 0x3f)]! |
      SP[384 + (b & 0x3f)]!;
    a = l ^ words[k + 2]!;
    b = ((l >>> 4) | (l << 28)) ^ words[k + 3]!;
    r ^=
      SP[64 + ((a >>> 24) & 0x3f)]! |
      SP[192 + ((a >>> 16) & 0x3f)]! |
      SP[320 + ((a >>> 8) & 0x3f)]! |
      SP[448 + (a & 0x3f)]! |
      SP[(b >>> 24) & 0x3f]! |
      SP[128 + ((b >>> 16) & 0x3f)]! |
      SP[256 + ((b >>> 8) & 0x3f)]! |
      SP[384 + (b & 0x3f)]!;
    a = r ^ words[k + 4]!;
    b = ((r >>> 4) | (r << 28)) ^ words[k + 5]!;
    l ^=
      SP[64 + ((a >>> 24) & 0x3f)]! |
      SP[192 + ((a >>> 16) & 0x3f)]! |
      SP[320 + ((a >>> 8) & 0x3f)]! |
      SP[448 + (a & 0x3f)]! |
      SP[(b >>> 24) & 0x3f]! |
      SP[128 + ((b >>> 16) & 0x3f)]! |
      SP[256 + ((b >>> 8) & 0x3f)]! |
      SP[384 + (b & 0x3f)]!;
    a = l ^ words[k + 6]!;
    b = ((l >>> 4) | (l << 28)) ^ words[k + 7]!;
    r ^=
      SP[64 + ((a >>> 24) & 0x3f)]! |
      SP[192 + ((a >>> 16) & 0x3f)]! |
      SP[320 + ((a >>> 8) & 0x3f)]! |
      SP[448 + (a & 0x3f)]! |
      SP[(b >>> 24) & 0x3f]! |
      SP[128 + ((b >>> 16) & 0x3f)]! |
      SP[256 + ((b >>> 8) & 0x3f)]! |
      SP[384 + (b & 0x3f)]!;
    a = r ^ words[k + 8]!;
    b = ((r >>> 4) | (r << 28)) ^ words[k + 9]!;
    l ^=
      SP[64 + ((a >>> 24) & 0x3f)]! |
      SP[192 + ((a >>> 16) & 0x3f)]! |
      SP[320 + ((a >>> 8) & 0x3f)]! |
      SP[448 + (a & 0x3f)]! |
      SP[(b >>> 24) & 0x3f]! |
      SP[128 + ((b >>> 16) & 0x3f)]! |
      SP[256 + ((b >>> 8) & 0x3f)]! |
      SP[384 + (b & 0x3f)]!;
    a = l ^ words[k + 10]!;
    b = ((l >>> 4) | (l << 28)) ^ words[k + 11]!;
    r ^=
      SP[64 + ((a >>> 24) & 0x3f)]! |
      SP[192 + ((a >>> 16) & 0x3f)]! |
      SP[320 + ((a >>> 8) & 0x3f)]! |
      SP[448 + (a & 0x3f)]! |
      SP[(b >>> 24) & 0x3f]! |
      SP[128 + ((b >>> 16) & 0x3f)]! |
      SP[256 + ((b >>> 8) & 0x3f)]! |
      SP[384 + (b & 0x3f)]!;
    a = r ^ words[k + 12]!;
    b = ((r >>> 4) | (r << 28)) ^ words[k + 13]!;
    l ^=
      SP[64 + ((a >>> 24) & 0x3f)]! |
      SP[192 + ((a >>> 16) & 0x3f)]! |
      SP[320 + ((a >>> 8) & 0x3f)]! |
      SP[448 + (a & 0x3f)]! |
      SP[(b >>> 24) & 0x3f]! |
      SP[128 + ((b >>> 16) & 0x3f)]! |
      SP[256 + ((b >>> 8) & 0x3f)]! |
      SP[384 + (b & 0x3f)]!;
    a = l ^ words[k + 14]!;
    b = ((l >>> 4) | (l << 28)) ^ words[k + 15]!;
    r ^=
      SP[64 + ((a >>> 24) & 0x3f)]! |
      SP[192 + ((a >>> 16) & 0x3f)]! |
      SP[320 + ((a >>> 8) & 0x3f)]! |
      SP[448 + (a & 0x3f)]! |
      SP[(b >>> 24) & 0x3f]! |
      SP[128 + ((b >>> 16) & 0x3f)]! |
      SP[256 + ((b >>> 8) & 0x3f)]! |
      SP[384 + (b & 0x3f)]!;
    a = r ^ words[k + 16]!;
    b = ((r >>> 4) | (r << 28)) ^ words[k + 17]!;
    l ^=
      SP[64 + ((a >>> 24) & 0x3f)]! |
      SP[192 + ((a >>> 16) & 0x3f)]! |
      SP[320 + ((a >>> 8) & 0x3f)]! |
      SP[448 + (a & 0x3f)]! |
      SP[(b >>> 24) & 0x3f]! |
      SP[128 + ((b >>> 16) & 0x3f)]! |
      SP[256 + ((b >>> 8) & 0x3f)]! |
      SP[384 + (b & 0x3f)]!;
    a = l ^ words[k + 18]!;
    b = ((l >>> 4) | (l << 28)) ^ words[k + 19]!;
    r ^=
      SP[64 + ((a >>> 24) & 0x3f)]! |
      SP[192 + ((a >>> 16) & 0x3f)]! |
      SP[320 + ((a >>> 8) & 0x3f)]! |
      SP[448 + (a & 0x3f)]! |
      SP[(b >>> 24) & 0x3f]! |
      SP[128 + ((b >>> 16) & 0x3f)]! |
      SP[256 + ((b >>> 8) & 0x3f)]! |
      SP[384 + (b & 0x3f)]!;
    a = r ^ words[k + 20]!;
    b = ((r >>> 4) | (r << 28)) ^ words[k + 21]!;
    l ^=
      SP[64 + ((a >>> 24) & 0x3f)]! |
      SP[192 + ((a >>> 16) & 0x3f)]! |
      SP[320 + ((a >>> 8) & 0x3f)]! |
      SP[448 + (a & 0x3f)]! |
      SP[(b >>> 24) & 0x3f]! |
      SP[128 + ((b >>> 16) & 0x3f)]! |
      SP[256 + ((b >>> 8) & 0x3f)]! |
      SP[384 + (b & 0x3f)]!;
    a = l ^ words[k + 22]!;
    b = ((l >>> 4) | (l << 28)) ^ words[k + 23]!;
    r ^=
      SP[64 + ((a >>> 24) & 0x3f)]! |
      SP[192 + ((a >>> 16) & 0x3f)]! |
      SP[320 + ((a >>> 8) & 0x3f)]! |
      SP[448 + (a & 0x3f)]! |
      SP[(b >>> 24) & 0x3f]! |
      SP[128 + ((b >>> 16) & 0x3f)]! |
      SP[256 + ((b >>> 8) & 0x3f)]! |
      SP[384 + (b & 0x3f)]!;
    a = r ^ words[k + 24]!;
    b = ((r >>> 4) | (r << 28)) ^ words[k + 25]!;
    l ^=
      SP[64 + ((a >>> 24) & 0x3f)]! |
      SP[192 + ((a >>> 16) & 0x3f)]! |
      SP[320 + ((a >>> 8) & 0x3f)]! |
      SP[448 + (a & 0x3f)]! |
      SP[(b >>> 24) & 0x3f]! |
      SP[128 + ((b >>> 16) & 0x3f)]! |
      SP[256 + ((b >>> 8) & 0x3f)]! |
      SP[384 + (b & 0x3f)]!;
    a = l ^ words[k + 26]!;
    b = ((l >>> 4) | (l << 28)) ^ words[k + 27]!;
    r ^=
      SP[64 + ((a >>> 24) & 0x3f)]! |
      SP[192 + ((a >>> 16) & 0x3f)]! |
      SP[320 + ((a >>> 8) & 0x3f)]! |
      SP[448 + (a & 0x3f)]! |
      SP[(b >>> 24) & 0x3f]! |
      SP[128 + ((b >>> 16) & 0x3f)]! |
      SP[256 + ((b >>> 8) & 0x3f)]! |
      SP[384 + (b & 0x3f)]!;
    a = r ^ words[k + 28]!;
    b = ((r >>> 4) | (r << 28)) ^ words[k + 29]!;
    l ^=
      SP[64 + ((a >>> 24) & 0x3f)]! |
      SP[192 + ((a >>> 16) & 0x3f)]! |
      SP[320 + ((a >>> 8) & 0x3f)]! |
      SP[448 + (a & 0x3f)]! |
      SP[(b >>> 24) & 0x3f]! |
      SP[128 + ((b >>> 16) & 0x3f)]! |
      SP[256 + ((b >>> 8) & 0x3f)]! |
      SP[384 + (b & 0x3f)]!;
    a = l ^ words[k + 30]!;
    b = ((l >>> 4) | (l << 28)) ^ words[k + 31]!;
    r ^=
      SP[64 + ((a >>> 24) & 0x3f)]! |
      SP[192 + ((a >>> 16) & 0x3f)]! |
      SP[320 + ((a >>> 8) & 0x3f)]! |
      SP[448 + (a & 0x3f)]! |
      SP[(b >>> 24) & 0x3f]! |
      SP[128 + ((b >>> 16) & 0x3f)]! |
      SP[256 + ((b >>> 8) & 0x3f)]! |
      SP[384 + (b & 0x3f)]!;
    t = l;
    l = r;
    r = t;
  }
  // FP: the IP swaps in reverse order on the pre-output.
  l = (l >>> 1) | (l << 31);
  r = (r >>> 1) | (r << 31);
  t = ((l >>> 1) ^ r) & 0x55555555;
  r ^= t;
  l ^= t << 1;
  t = ((r >>> 8) ^ l) & 0x00ff00ff;
  l ^= t;
  r ^= t << 8;
  t = ((r >>> 2) ^ l) & 0x33333333;
  l ^= t;
  r ^= t << 2;
  t = ((l >>> 16) ^ r) & 0x0000ffff;
  r ^= t;
  l ^= t << 16;
  t = ((l >>> 4) ^ r) & 0x0f0f0f0f;
  r ^= t;
  l ^= t << 4;
  output[outOffset] = l >>> 24;
  output[outOffset + 1] = l >>> 16;
  output[outOffset + 2] = l >>> 8;
  output[outOffset + 3] = l;
  output[outOffset + 4] = r >>> 24;
  output[outOffset + 5] = r >>> 16;
  output[outOffset + 6] = r >>> 8;
  output[outOffset + 7] = r;
}
