/**
 * AES (FIPS 197) lookup tables computed at load: the S-box from its definition (multiplicative
 * inverse in GF(2^8) followed by the affine map), then the combined SubBytes/MixColumns "T-tables"
 * for encryption and InvSubBytes/InvMixColumns for the equivalent inverse cipher (FIPS 197 §5.3.5).
 */
function multiply(a: number, b: number): number {
  let product = 0;
  for (let x = a, y = b; y > 0; y >>= 1) {
    if (y & 1) product ^= x;
    x = (x << 1) ^ (x & 0x80 ? 0x11b : 0);
  }
  return product;
}

function inverse(a: number): number {
  if (a === 0) return 0;
  for (let b = 1; b < 256; b += 1) if (multiply(a, b) === 1) return b;
  return 0;
}

function affine(b: number): number {
  const rotate = (value: number, by: number): number => ((value << by) | (value >> (8 - by))) & 0xff;
  return b ^ rotate(b, 1) ^ rotate(b, 2) ^ rotate(b, 3) ^ rotate(b, 4) ^ 0x63;
}

export const SBOX = new Uint8Array(256);
export const INV_SBOX = new Uint8Array(256);
for (let value = 0; value < 256; value += 1) {
  const substituted = affine(inverse(value));
  SBOX[value] = substituted;
  INV_SBOX[substituted] = value;
}

function rotateRight(word: number, by: number): number {
  return ((word >>> by) | (word << (32 - by))) >>> 0;
}

function tables(
  column: (value: number) => number,
): readonly [Uint32Array, Uint32Array, Uint32Array, Uint32Array] {
  const t0 = new Uint32Array(256);
  for (let value = 0; value < 256; value += 1) t0[value] = column(value);
  const rotated = (by: number): Uint32Array => t0.map((word) => rotateRight(word, by));
  return [t0, rotated(8), rotated(16), rotated(24)];
}

/** Column (2s, s, s, 3s) for s = S(x): SubBytes and MixColumns on one byte. */
export const TE = tables((value) => {
  const s = SBOX[value]!;
  return ((multiply(s, 2) << 24) | (s << 16) | (s << 8) | multiply(s, 3)) >>> 0;
});

/** Column (14s, 9s, 13s, 11s) for s = S⁻¹(x). */
export const TD = tables((value) => {
  const s = INV_SBOX[value]!;
  return ((multiply(s, 14) << 24) | (multiply(s, 9) << 16) | (multiply(s, 13) << 8) | multiply(s, 11)) >>> 0;
});
