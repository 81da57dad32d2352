/** FIPS 197 AES with T-tables: key expansion and block rounds over a caller-owned key schedule. */
import { INV_SBOX, SBOX, TD, TE } from './aes-tables.js';

const [TE0, TE1, TE2, TE3] = TE;
const [TD0, TD1, TD2, TD3] = TD;

/** Schedule words for the largest key (AES-256: 15 round keys of 4 words). */
export const MAX_SCHEDULE_WORDS = 60;

function subWord(word: number): number {
  return (
    ((SBOX[word >>> 24]! << 24) |
      (SBOX[(word >>> 16) & 0xff]! << 16) |
      (SBOX[(word >>> 8) & 0xff]! << 8) |
      SBOX[word & 0xff]!) >>>
    0
  );
}

function readWord(bytes: Uint8Array, offset: number): number {
  return (bytes[offset]! << 24) | (bytes[offset + 1]! << 16) | (bytes[offset + 2]! << 8) | bytes[offset + 3]!;
}

function writeWord(word: number, bytes: Uint8Array, offset: number): void {
  bytes[offset] = word >>> 24;
  bytes[offset + 1] = word >>> 16;
  bytes[offset + 2] = word >>> 8;
  bytes[offset + 3] = word;
}

/**
 * FIPS 197 §5.2 KeyExpansion of a 16-, 24- or 32-byte key (the caller checks the length) into
 * `words` (at least 4 (Nr + 1) long); returns the number of rounds Nr.
 */
export function expandAesKey(key: Uint8Array, words: Uint32Array): number {
  const nk = key.length / 4;
  const rounds = nk + 6;
  const total = 4 * (rounds + 1);
  for (let i = 0; i < nk; i += 1) words[i] = readWord(key, 4 * i) >>> 0;
  let rcon = 1;
  for (let i = nk; i < total; i += 1) {
    let temp = words[i - 1]!;
    if (i % nk === 0) {
      temp = (subWord(((temp << 8) | (temp >>> 24)) >>> 0) ^ (rcon << 24)) >>> 0;
      rcon = (rcon << 1) ^ (rcon & 0x80 ? 0x11b : 0);
    } else if (nk > 6 && i % nk === 4) {
      temp = subWord(temp);
    }
    words[i] = words[i - nk]! ^ temp;
  }
  return rounds;
}

/** Round keys of the equivalent inverse cipher: reversed, with InvMixColumns on the inner ones. */
export function aesDecryptionKeys(encryption: Uint32Array, rounds: number): Uint32Array {
  const keys = new Uint32Array(4 * (rounds + 1));
  for (let round = 0; round <= rounds; round += 1) {
    for (let column = 0; column < 4; column += 1) {
      const word = encryption[4 * (rounds - round) + column]!;
      const inner = round > 0 && round < rounds;
      keys[4 * round + column] = inner
        ? TD0[SBOX[word >>> 24]!]! ^
          TD1[SBOX[(word >>> 16) & 0xff]!]! ^
          TD2[SBOX[(word >>> 8) & 0xff]!]! ^
          TD3[SBOX[word & 0xff]!]!
        : word;
    }
  }
  return keys;
}

/** The last round (no MixColumns): one S-box byte from each of four columns, then the round key. */
function finalRound(box: Uint8Array, a: number, b: number, c: number, d: number, key: number): number {
  return (
    ((box[a >>> 24]! << 24) |
      (box[(b >>> 16) & 0xff]! << 16) |
      (box[(c >>> 8) & 0xff]! << 8) |
      box[d & 0xff]!) ^
    key
  );
}

/** One AES block encryption with the schedule `k` of `rounds` rounds; allocates nothing. */
export function aesEncryptBlock(
  k: Uint32Array,
  rounds: number,
  input: Uint8Array,
  inOffset: number,
  output: Uint8Array,
  outOffset: number,
): void {
  let s0 = readWord(input, inOffset) ^ k[0]!;
  let s1 = readWord(input, inOffset + 4) ^ k[1]!;
  let s2 = readWord(input, inOffset + 8) ^ k[2]!;
  let s3 = readWord(input, inOffset + 12) ^ k[3]!;
  for (let round = 1; round < rounds; round += 1) {
    const b = 4 * round;
    const t0 = TE0[s0 >>> 24]! ^ TE1[(s1 >>> 16) & 0xff]! ^ TE2[(s2 >>> 8) & 0xff]! ^ TE3[s3 & 0xff]! ^ k[b]!;
    const t1 =
      TE0[s1 >>> 24]! ^ TE1[(s2 >>> 16) & 0xff]! ^ TE2[(s3 >>> 8) & 0xff]! ^ TE3[s0 & 0xff]! ^ k[b + 1]!;
    const t2 =
      TE0[s2 >>> 24]! ^ TE1[(s3 >>> 16) & 0xff]! ^ TE2[(s0 >>> 8) & 0xff]! ^ TE3[s1 & 0xff]! ^ k[b + 2]!;
    const t3 =
      TE0[s3 >>> 24]! ^ TE1[(s0 >>> 16) & 0xff]! ^ TE2[(s1 >>> 8) & 0xff]! ^ TE3[s2 & 0xff]! ^ k[b + 3]!;
    s0 = t0;
    s1 = t1;
    s2 = t2;
    s3 = t3;
  }
  const b = 4 * rounds;
  writeWord(finalRound(SBOX, s0, s1, s2, s3, k[b]!), output, outOffset);
  writeWord(finalRound(SBOX, s1, s2, s3, s0, k[b + 1]!), output, outOffset + 4);
  writeWord(finalRound(SBOX, s2, s3, s0, s1, k[b + 2]!), output, outOffset + 8);
  writeWord(finalRound(SBOX, s3, s0, s1, s2, k[b + 3]!), output, outOffset + 12);
}

/** One AES block decryption with the equivalent-inverse schedule `k` (aesDecryptionKeys). */
export function aesDecryptBlock(
  k: Uint32Array,
  rounds: number,
  input: Uint8Array,
  inOffset: number,
  output: Uint8Array,
  outOffset: number,
): void {
  let s0 = readWord(input, inOffset) ^ k[0]!;
  let s1 = readWord(input, inOffset + 4) ^ k[1]!;
  let s2 = readWord(input, inOffset + 8) ^ k[2]!;
  let s3 = readWord(input, inOffset + 12) ^ k[3]!;
  for (let round = 1; round < rounds; round += 1) {
    const b = 4 * round;
    const t0 = TD0[s0 >>> 24]! ^ TD1[(s3 >>> 16) & 0xff]! ^ TD2[(s2 >>> 8) & 0xff]! ^ TD3[s1 & 0xff]! ^ k[b]!;
    const t1 =
      TD0[s1 >>> 24]! ^ TD1[(s0 >>> 16) & 0xff]! ^ TD2[(s3 >>> 8) & 0xff]! ^ TD3[s2 & 0xff]! ^ k[b + 1]!;
    const t2 =
      TD0[s2 >>> 24]! ^ TD1[(s1 >>> 16) & 0xff]! ^ TD2[(s0 >>> 8) & 0xff]! ^ TD3[s3 & 0xff]! ^ k[b + 2]!;
    const t3 =
      TD0[s3 >>> 24]! ^ TD1[(s2 >>> 16) & 0xff]! ^ TD2[(s1 >>> 8) & 0xff]! ^ TD3[s0 & 0xff]! ^ k[b + 3]!;
    s0 = t0;
    s1 = t1;
    s2 = t2;
    s3 = t3;
  }
  const b = 4 * rounds;
  writeWord(finalRound(INV_SBOX, s0, s3, s2, s1, k[b]!), output, outOffset);
  writeWord(finalRound(INV_SBOX, s1, s0, s3, s2, k[b + 1]!), output, outOffset + 4);
  writeWord(finalRound(INV_SBOX, s2, s1, s0, s3, k[b + 2]!), output, outOffset + 8);
  writeWord(finalRound(INV_SBOX, s3, s2, s1, s0, k[b + 3]!), output, outOffset + 12);
}
