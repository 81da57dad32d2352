import { createCipheriv, createDecipheriv, type Cipher, type Decipher } from 'node:crypto';
import { BlockCipherBase } from '../cipher/block-cipher-base.js';
import type { BlockCipher, CipherAlgorithm } from '../cipher/block-cipher.js';
import { blocksOutput, checkCipherKey, checkIv } from '../cipher/cipher-checks.js';

/**
 * OpenSSL names and key bytes for each algorithm. OpenSSL 3 disables single DES (legacy provider),
 * so DES runs as des-ede3 with K‖K‖K, which is single DES; 2-key TDES runs as des-ede3 with K1‖K2‖K1.
 */
function opensslKey(algorithm: CipherAlgorithm, key: Uint8Array): { name: string; key: Buffer } {
  if (algorithm === 'aes') return { name: `aes-${key.length * 8}`, key: Buffer.from(key) };
  const k1 = key.subarray(0, 8);
  if (algorithm === 'des') return { name: 'des-ede3', key: Buffer.concat([k1, k1, k1]) };
  return { name: 'des-ede3', key: key.length === 16 ? Buffer.concat([key, k1]) : Buffer.from(key) };
}

/**
 * The node:crypto BlockCipher. One ECB encryptor and one decryptor are created per key and kept: ECB
 * without padding holds no state between update() calls, so block operations reuse OpenSSL's key
 * schedule. CBC gets a fresh native context per call, since its chaining state starts at the IV.
 */
class NodeBlockCipher extends BlockCipherBase {
  readonly #name: string;
  readonly #key: Buffer;
  readonly #encryptor: Cipher;
  readonly #decryptor: Decipher;

  constructor(algorithm: CipherAlgorithm, key: Uint8Array) {
    super(algorithm, key.length);
    const openssl = opensslKey(algorithm, key);
    this.#name = openssl.name;
    this.#key = openssl.key;
    this.#encryptor = createCipheriv(`${this.#name}-ecb`, this.#key, null).setAutoPadding(false);
    this.#decryptor = createDecipheriv(`${this.#name}-ecb`, this.#key, null).setAutoPadding(false);
  }

  encryptBlock(input: Uint8Array, inOffset: number, output: Uint8Array, outOffset: number): void {
    output.set(this.#encryptor.update(input.subarray(inOffset, inOffset + this.blockSize)), outOffset);
  }

  decryptBlock(input: Uint8Array, inOffset: number, output: Uint8Array, outOffset: number): void {
    output.set(this.#decryptor.update(input.subarray(inOffset, inOffset + this.blockSize)), outOffset);
  }

  override encryptBlocksEcb(data: Uint8Array, output?: Uint8Array): Uint8Array {
    const out = blocksOutput(this.blockSize, data, output);
    if (data.length > 0) out.set(this.#encryptor.update(data));
    return out;
  }

  override decryptBlocksEcb(data: Uint8Array, output?: Uint8Array): Uint8Array {
    const out = blocksOutput(this.blockSize, data, output);
    if (data.length > 0) out.set(this.#decryptor.update(data));
    return out;
  }

  override encryptCbc(iv: Uint8Array, data: Uint8Array, output?: Uint8Array): Uint8Array {
    checkIv(this.blockSize, iv);
    const out = blocksOutput(this.blockSize, data, output);
    const cipher = createCipheriv(`${this.#name}-cbc`, this.#key, iv).setAutoPadding(false);
    out.set(cipher.update(data));
    cipher.final();
    return out;
  }

  override decryptCbc(iv: Uint8Array, data: Uint8Array, output?: Uint8Array): Uint8Array {
    checkIv(this.blockSize, iv);
    const out = blocksOutput(this.blockSize, data, output);
    const decipher = createDecipheriv(`${this.#name}-cbc`, this.#key, iv).setAutoPadding(false);
    out.set(decipher.update(data));
    decipher.final();
    return out;
  }
}

/** The node:crypto BlockCipher factory (same contract as `createCipher` of `@payterm/crypto`). */
export function createNodeCipher(algorithm: CipherAlgorithm, key: Uint8Array): BlockCipher {
  checkCipherKey(algorithm, key);
  return new NodeBlockCipher(algorithm, key);
}
