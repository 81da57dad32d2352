/**
 * DES and 2-key TDES on caller-owned key schedules, for derivations that change the key every block
 * (DUKPT): the schedule is written into a reused buffer, so nothing is allocated per key.
 */
import { DES_SCHEDULE_WORDS, desCryptBlock } from './des-core.js';
import { KEY_SHIFTS, PERMUTED_CHOICE_1, PERMUTED_CHOICE_2 } from './des-tables.js';

/** PC-1 by key byte: [byte * 256 + value] -> the bits it sets in C (28 bits) and D (28 bits). */
const PC1_C = new Uint32Array(8 * 256);
const PC1_D = new Uint32Array(8 * 256);
/** PC-2 by 7-bit chunk of C or D: [chunk * 128 + value] -> its 24 output bits (four six-bit groups). */
const PC2_C = new Uint32Array(4 * 128);
const PC2_D = new Uint32Array(4 * 128);

PERMUTED_CHOICE_1.forEach((bit, position) => {
  const source = bit - 1;
  const mask = 0x80 >> (source & 7);
  for (let value = 0; value < 256; value += 1) {
    if ((value & mask) === 0) continue;
    const slot = (source >> 3) * 256 + value;
    if (position < 28) PC1_C[slot] = PC1_C[slot]! | (1 << (27 - position));
    else PC1_D[slot] = PC1_D[slot]! | (1 << (55 - position));
  }
});
PERMUTED_CHOICE_2.forEach((bit, output) => {
  const fromC = output < 24;
  const source = fromC ? bit - 1 : bit - 29;
  const table = fromC ? PC2_C : PC2_D;
  const chunk = Math.floor(source / 7);
  const mask = 0x40 >> (source % 7);
  for (let value = 0; value < 128; value += 1) {
    if ((value & mask) === 0) continue;
    const slot = chunk * 128 + value;
    table[slot] = table[slot]! | (1 << (23 - (output % 24)));
  }
});

function pc2(table: Uint32Array, half: number): number {
  return (
    table[(half >>> 21) & 0x7f]! |
    table[128 + ((half >>> 14) & 0x7f)]! |
    table[256 + ((half >>> 7) & 0x7f)]! |
    table[384 + (half & 0x7f)]!
  );
}

/**
 * Writes the 32 round-key words of the DES key at key[offset] (see DES_SCHEDULE_WORDS) into words[at]:
 * table-driven PC-1/PC-2 (the tests check it against a bit-by-bit FIPS 46-3 key schedule), packed as it
 * goes; decryption order when `decrypt`.
 */
export function desKeyWordsInto(
  key: Uint8Array,
  offset: number,
  words: Int32Array,
  at: number,
  decrypt: boolean,
): void {
  let c = 0;
  let d = 0;
  for (let index = 0; index < 8; index += 1) {
    const slot = index * 256 + key[offset + index]!;
    c |= PC1_C[slot]!;
    d |= PC1_D[slot]!;
  }
  for (let round = 0; round < 16; round += 1) {
    const shift = KEY_SHIFTS[round]!;
    c = ((c << shift) | (c >>> (28 - shift))) & 0x0fffffff;
    d = ((d << shift) | (d >>> (28 - shift))) & 0x0fffffff;
    // Groups 0–3 from C, 4–7 from D, six bits each from the top: words of groups 1, 3, 5, 7 and 0, 2, 4, 6.
    const left = pc2(PC2_C, c);
    const right = pc2(PC2_D, d);
    const base = at + 2 * (decrypt ? 15 - round : round);
    words[base] =
      (((left >>> 12) & 0x3f) << 24) |
      ((left & 0x3f) << 16) |
      (((right >>> 12) & 0x3f) << 8) |
      (right & 0x3f);
    words[base + 1] =
      (((left >>> 18) & 0x3f) << 24) |
      (((left >>> 6) & 0x3f) << 16) |
      (((right >>> 18) & 0x3f) << 8) |
      ((right >>> 6) & 0x3f);
  }
}

/** Scratch for one DES / 2-key TDES operation at a time: its round-key words. */
export class DesScratch {
  /** Single DES (desEncrypt): its own words, so that it leaves a loaded TDES key in place. */
  readonly #des = new Int32Array(DES_SCHEDULE_WORDS);
  /** E K1, D K2, E K1. */
  readonly #tdes = new Int32Array(3 * DES_SCHEDULE_WORDS);

  /** Single DES under key[keyOffset, +8) of block input[inOffset] into output[outOffset]. */
  desEncrypt(
    key: Uint8Array,
    keyOffset: number,
    input: Uint8Array,
    inOffset: number,
    output: Uint8Array,
    outOffset: number,
  ): void {
    desKeyWordsInto(key, keyOffset, this.#des, 0, false);
    desCryptBlock(this.#des, 1, input, inOffset, output, outOffset);
  }

  /** Loads the 2-key TDES key key[offset, +16) for tdesEncrypt. */
  loadTdes(key: Uint8Array, offset: number): void {
    desKeyWordsInto(key, offset, this.#tdes, 0, false);
    this.#tdes.copyWithin(2 * DES_SCHEDULE_WORDS, 0, DES_SCHEDULE_WORDS);
    desKeyWordsInto(key, offset + 8, this.#tdes, DES_SCHEDULE_WORDS, true);
  }

  /** 2-key TDES (EDE) under the key last given to loadTdes. */
  tdesEncrypt(input: Uint8Array, inOffset: number, output: Uint8Array, outOffset: number): void {
    desCryptBlock(this.#tdes, 3, input, inOffset, output, outOffset);
  }
}
