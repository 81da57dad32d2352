/**
 * AES encryption on a caller-owned key schedule, for derivations that change the key every block (AES
 * DUKPT): `setKey` expands into a reused buffer and skips the decryption schedule, so nothing is
 * allocated per key. Same tables and rounds as SoftAesCipher.
 */
import { aesEncryptBlock, expandAesKey, MAX_SCHEDULE_WORDS } from './aes-core.js';

export class AesEncryptor {
  readonly #words = new Uint32Array(MAX_SCHEDULE_WORDS);
  #rounds = 10;

  /** Loads a 16-, 24- or 32-byte key (the caller checks the length). */
  setKey(key: Uint8Array): void {
    this.#rounds = expandAesKey(key, this.#words);
  }

  /** Erases the key schedule. */
  clear(): void {
    this.#words.fill(0);
  }

  encryptBlock(input: Uint8Array, inOffset: number, output: Uint8Array, outOffset: number): void {
    aesEncryptBlock(this.#words, this.#rounds, input, inOffset, output, outOffset);
  }
}
