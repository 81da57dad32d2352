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

function writeAsciiHex(bytes: Uint8Array, count: number, out: Uint8Array): void {
  for (let index = 0; index < count; index += 1) {
    out[2 * index] = ASCII_HEX[bytes[index]! >> 4]!;
    out[2 * index + 1] = ASCII_HEX[bytes[index]! & 0x0f]!;
  }
}

class CupEcbMac extends MacBase {
  readonly #cipher: BlockCipher;
  readonly #xor = new Uint8Array(8);
  readonly #hex = new Uint8Array(16);
  readonly #block = new Uint8Array(8);
  readonly #mac = new Uint8Array(8);

  constructor(cipher: BlockCipher) {
    super(8, 8);
    this.#cipher = cipher;
  }

  protected computeFull(data: Uint8Array): Uint8Array {
    const xor = this.#xor;
    // XOR of all 8-byte blocks, with zero padding, is a byte-wise XOR by position mod 8: whole blocks
    // go through two 32-bit words (a read-modify-write of a scratch byte per data byte cost more).
    const whole = data.length & ~7;
    let high = 0;
    let low = 0;
    for (let index = 0; index < whole; index += 8) {
      high ^= (data[index]! << 24) | (data[index + 1]! << 16) | (data[index + 2]! << 8) | data[index + 3]!;
      low ^= (data[index + 4]! << 24) | (data[index + 5]! << 16) | (data[index + 6]! << 8) | data[index + 7]!;
    }
    for (let index = 0; index < 4; index += 1) {
      xor[index] = high >>> (24 - 8 * index);
      xor[4 + index] = low >>> (24 - 8 * index);
    }
    for (let index = whole; index < data.length; index += 1) xor[index & 7] = xor[index & 7]! ^ data[index]!;
    writeAsciiHex(xor, 8, this.#hex);
    const block = this.#block;
    this.#cipher.encryptBlock(this.#hex, 0, block, 0);
    for (let index = 0; index < 8; index += 1) block[index] = block[index]! ^ this.#hex[8 + index]!;
    this.#cipher.encryptBlock(block, 0, block, 0);
    writeAsciiHex(block, 4, this.#mac);
    return this.#mac;
  }
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
  if (mak.length === 8) return new CupEcbMac(factory('des', mak));
  if (mak.length === 16) {
    const mode = options.doubleLengthMak ?? 'tdes';
    if (mode !== 'tdes' && mode !== 'des-left') {
      throw cryptoError('CRYPTO_INVALID_ARGUMENT', 'doubleLengthMak must be tdes or des-left', {
        mode: String(mode),
      });
    }
    return new CupEcbMac(mode === 'tdes' ? factory('tdes', mak) : factory('des', mak.subarray(0, 8)));
  }
  throw cryptoError('CRYPTO_INVALID_KEY_LENGTH', 'A CUP MAK must be 8 or 16 bytes', { length: mak.length });
}
