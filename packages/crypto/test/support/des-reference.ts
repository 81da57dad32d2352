/** FIPS 46-3 DES computed bit by bit from the printed tables: the oracle for the word-based core. */
import {
  EXPANSION,
  FINAL_PERMUTATION,
  INITIAL_PERMUTATION,
  KEY_SHIFTS,
  PERMUTATION_P,
  PERMUTED_CHOICE_1,
  PERMUTED_CHOICE_2,
  S_BOXES,
} from '../../src/cipher/des-tables.js';

type Bits = number[];

function bitsOf(bytes: Uint8Array, offset: number, length: number): Bits {
  return Array.from(
    { length: length * 8 },
    (_, index) => (bytes[offset + (index >> 3)]! >> (7 - (index & 7))) & 1,
  );
}

function bytesOf(bits: Bits): Uint8Array {
  const out = new Uint8Array(bits.length / 8);
  bits.forEach((bit, index) => (out[index >> 3] = out[index >> 3]! | (bit << (7 - (index & 7)))));
  return out;
}

const select = (bits: Bits, table: readonly number[]): Bits => table.map((bit) => bits[bit - 1]!);

function roundKeys(key: Uint8Array, offset: number): Bits[] {
  const cd = select(bitsOf(key, offset, 8), PERMUTED_CHOICE_1);
  const c = cd.slice(0, 28);
  const d = cd.slice(28);
  return KEY_SHIFTS.map((shift) => {
    c.push(...c.splice(0, shift));
    d.push(...d.splice(0, shift));
    return select([...c, ...d], PERMUTED_CHOICE_2);
  });
}

function feistel(right: Bits, key: Bits): Bits {
  const mixed = select(right, EXPANSION).map((bit, index) => bit ^ key[index]!);
  const out: Bits = [];
  S_BOXES.forEach((box, i) => {
    const six = mixed.slice(6 * i, 6 * i + 6);
    const value = box[(six[0]! * 2 + six[5]!) * 16 + six[1]! * 8 + six[2]! * 4 + six[3]! * 2 + six[4]!]!;
    out.push((value >> 3) & 1, (value >> 2) & 1, (value >> 1) & 1, value & 1);
  });
  return select(out, PERMUTATION_P);
}

/** Single DES of an 8-byte block under the 8-byte key at key[offset]. */
export function referenceDes(
  key: Uint8Array,
  offset: number,
  block: Uint8Array,
  decrypt: boolean,
): Uint8Array {
  const keys = roundKeys(key, offset);
  const permuted = select(bitsOf(block, 0, 8), INITIAL_PERMUTATION);
  let left = permuted.slice(0, 32);
  let right = permuted.slice(32);
  for (let round = 0; round < 16; round += 1) {
    const f = feistel(right, keys[decrypt ? 15 - round : round]!);
    [left, right] = [right, left.map((bit, index) => bit ^ f[index]!)];
  }
  return bytesOf(select([...right, ...left], FINAL_PERMUTATION));
}

/** DES (8-byte key) or TDES EDE (16 or 24 bytes; K3 = K1 for 16). */
export function referenceBlock(key: Uint8Array, block: Uint8Array, decrypt: boolean): Uint8Array {
  if (key.length === 8) return referenceDes(key, 0, block, decrypt);
  const k3 = key.length === 24 ? 16 : 0;
  if (!decrypt) {
    return referenceDes(key, k3, referenceDes(key, 8, referenceDes(key, 0, block, false), true), false);
  }
  return referenceDes(key, 0, referenceDes(key, 8, referenceDes(key, k3, block, true), false), true);
}
