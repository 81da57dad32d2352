/**
 * AES encryption on a caller-owned key schedule, for derivations that change the key every block (AES
 * DUKPT): `setKey` expands into a reused buffer and skips the decryption schedule, so nothing is
 * allocated per key. Same tables and rounds as SoftAesCipher.
 */
import { SBOX, TE } from './aes-tables.js';

const [TE0, TE1, TE2, TE3] = TE;

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

function finalRound(a: number, b: number, c: number, d: number, key: number): number {
  return (
    ((SBOX[a >>> 24]! << 24) |
      (SBOX[(b >>> 16) & 0xff]! << 16) |
      (SBOX[(c >>> 8) & 0xff]! << 8) |
      SBOX[d & 0xff]!) ^
    key
  );
}

export class AesEncryptor {
  readonly #words = new Uint32Array(60);
  #rounds = 10;

  /** Loads a 16-, 24- or 32-byte key (the caller checks the length). FIPS 197 §5.2 KeyExpansion. */
  setKey(key: Uint8Array): void {
    const words = this.#words;
    const nk = key.length / 4;
    this.#rounds = nk + 6;
    const total = 4 * (this.#rounds + 1);
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
  }

  /** Erases the key schedule. */
  clear(): void {
    this.#words.fill(0);
  }

  encryptBlock(input: Uint8Array, inOffset: number, output: Uint8Array, outOffset: number): void {
    const k = this.#words;
    let s0 = readWord(input, inOffset) ^ k[0]!;
    let s1 = readWord(input, inOffset + 4) ^ k[1]!;
    let s2 = readWord(input, inOffset + 8) ^ k[2]!;
    let s3 = readWord(input, inOffset + 12) ^ k[3]!;
    for (let round = 1; round < this.#rounds; round += 1) {
      const b = 4 * round;
      const t0 =
        TE0[s0 >>> 24]! ^ TE1[(s1 >>> 16) & 0xff]! ^ TE2[(s2 >>> 8) & 0xff]! ^ TE3[s3 & 0xff]! ^ k[b]!;
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
    const b = 4 * this.#rounds;
    writeWord(finalRound(s0, s1, s2, s3, k[b]!), output, outOffset);
    writeWord(finalRound(s1, s2, s3, s0, k[b + 1]!), output, outOffset + 4);
    writeWord(finalRound(s2, s3, s0, s1, k[b + 2]!), output, outOffset + 8);
    writeWord(finalRound(s3, s0, s1, s2, k[b + 3]!), output, outOffset + 12);
  }
}
