import { BlockCipherBase } from './block-cipher-base.js';
import { aesDecryptBlock, aesDecryptionKeys, aesEncryptBlock, expandAesKey } from './aes-core.js';

/** Pure TypeScript AES-128/192/256 with T-tables; block operations allocate nothing. */
export class SoftAesCipher extends BlockCipherBase {
  readonly #encryption: Uint32Array;
  readonly #decryption: Uint32Array;
  readonly #rounds: number;

  constructor(key: Uint8Array) {
    super('aes', key.length);
    this.#encryption = new Uint32Array(4 * (key.length / 4 + 7));
    this.#rounds = expandAesKey(key, this.#encryption);
    this.#decryption = aesDecryptionKeys(this.#encryption, this.#rounds);
  }

  encryptBlock(input: Uint8Array, inOffset: number, output: Uint8Array, outOffset: number): void {
    aesEncryptBlock(this.#encryption, this.#rounds, input, inOffset, output, outOffset);
  }

  decryptBlock(input: Uint8Array, inOffset: number, output: Uint8Array, outOffset: number): void {
    aesDecryptBlock(this.#decryption, this.#rounds, input, inOffset, output, outOffset);
  }
}
