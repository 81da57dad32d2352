import type { BlockCipher, CipherFactory } from '../cipher/block-cipher.js';
import { cryptoError } from '../errors.js';
import { MacBase, type Mac } from './mac.js';

/** Upper-case ASCII hex digits: the algorithm encrypts the text form, and case changes the result. */
const ASCII_HEX = new TextEncoder().encode('0123456789ABCDEF');

export interface CupEcbMacOptions {
  /**
   * What a 16-byte MAK means: `tdes` (2-key TDES, the default, per the crypto reference) or
   * `des-left` (single DES with the left half, as PIN pads that keep an 8-byte MAK in a 16-byte slot).
   */
  readonly doubleLengthMak?: 'tdes' | 'des-left';
}

/** Writes the upper-case ASCII hex of the 32-bit `word` into out[offset, offset + 8). */
function writeWordHex(word: number, out: Uint8Array, offset: number): void {
  for (let index = 0; index < 8; index += 1)
    out[offset + index] = ASCII_HEX[(word >>> (28 - 4 * index)) & 0x0f]!;
}

class CupEcbMac extends MacBase {
  readonly #cipher: BlockCipher;
  /** One scratch buffer: the cipher block (then the MAC) at 0–7, the ASCII hex of the XOR at 8–23. */
  readonly #buffer = new Uint8Array(24);

  constructor(cipher: BlockCipher) {
    super(8, 8);
    this.#cipher = cipher;
  }

  protected computeFull(data: Uint8Array): Uint8Array {
    // XOR of all 8-byte blocks, with zero padding, is a byte-wise XOR by position mod 8, kept in two
    // 32-bit words (a read-modify-write of a scratch byte per data byte cost more).
    const whole = data.length & ~7;
    let high = 0;
    let low = 0;
    for (let index = 0; index < whole; index += 8) {
      high ^= (data[index]! << 24) | (data[index + 1]! << 16) | (data[index + 2]! << 8) | data[index + 3]!;
      low ^= (data[index + 4]! << 24) | (data[index + 5]! << 16) | (data[index + 6]! << 8) | data[index + 7]!;
    }
    for (let index = whole; index < data.length; index += 1) {
      const shift = 24 - 8 * (index & 3);
      if ((index & 7) < 4) high ^= data[index]! << shift;
      else low ^= data[index]! << shift;
    }
    const buffer = this.#buffer;
    writeWordHex(high, buffer, 8);
    writeWordHex(low, buffer, 16);
    this.#cipher.encryptBlock(buffer, 8, buffer, 0);
    for (let index = 0; index < 8; index += 1) buffer[index] = buffer[index]! ^ buffer[16 + index]!;
    this.#cipher.encryptBlock(buffer, 0, buffer, 0);
    // The ASCII hex of the first 4 bytes, in place from the right so that no byte is overwritten unread.
    for (let index = 3; index >= 0; index -= 1) {
      const byte = buffer[index]!;
      buffer[2 * index] = ASCII_HEX[byte >> 4]!;
      buffer[2 * index + 1] = ASCII_HEX[byte & 0x0f]!;
    }
    return buffer;
  }
}

/** The cipher of a CUP MAK of `length` bytes: DES for 8, 2-key TDES for 16 (CRYPTO_INVALID_KEY_LENGTH else). */
export function cupMakAlgorithm(length: number): 'des' | 'tdes' {
  if (length === 8) return 'des';
  if (length === 16) return 'tdes';
  throw cryptoError('CRYPTO_INVALID_KEY_LENGTH', 'A CUP MAK must be 8 or 16 bytes', { length });
}

/** The CUP ECB MAC under a cipher keyed with the whole MAK, as {@link cupMakAlgorithm} picks it. */
export function cupEcbMacOf(cipher: BlockCipher): Mac {
  return new CupEcbMac(cipher);
}

/**
 * China UnionPay POS "ECB" MAC (field 64): XOR the zero-padded MAB blocks, encrypt the two ASCII-hex
 * halves in a chain, keep the first 8 hex characters as 8 ASCII bytes. An 8-byte MAK is single DES.
 */
export function createCupEcbMac(
  factory: CipherFactory,
  mak: Uint8Array,
  options: CupEcbMacOptions = {},
): Mac {
  if (cupMakAlgorithm(mak.length) === 'des') return new CupEcbMac(factory('des', mak));
  const mode = options.doubleLengthMak ?? 'tdes';
  if (mode !== 'tdes' && mode !== 'des-left') {
    throw cryptoError('CRYPTO_INVALID_ARGUMENT', 'doubleLengthMak must be tdes or des-left', {
      mode: String(mode),
    });
  }
  return new CupEcbMac(mode === 'tdes' ? factory('tdes', mak) : factory('des', mak.subarray(0, 8)));
}
