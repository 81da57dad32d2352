import { BlockCipherBase } from './block-cipher-base.js';
import { DES_SCHEDULE_WORDS, desCryptBlock } from './des-core.js';
import { desKeyWordsInto } from './des-fast-key.js';

/**
 * Pure TypeScript DES and TDES (EDE). A 16-byte key is 2-key TDES (K3 = K1); single DES is one key
 * schedule. Encryption and decryption each keep their passes' round keys back to back (TDES: E K1,
 * D K2, E K3 and D K3, E K2, D K1), so a block is one call that allocates nothing.
 */
export class SoftDesCipher extends BlockCipherBase {
  readonly #passes: number;
  readonly #encrypt: Int32Array;
  readonly #decrypt: Int32Array;

  constructor(algorithm: 'des' | 'tdes', key: Uint8Array) {
    super(algorithm, key.length);
    const passes = algorithm === 'des' ? 1 : 3;
    this.#passes = passes;
    const encrypt = new Int32Array(passes * DES_SCHEDULE_WORDS);
    const decrypt = new Int32Array(passes * DES_SCHEDULE_WORDS);
    // Pass p of decryption is pass (passes - 1 - p) of encryption with its rounds reversed.
    desKeyWordsInto(key, 0, encrypt, 0, false);
    if (passes === 3) {
      desKeyWordsInto(key, 8, encrypt, DES_SCHEDULE_WORDS, true);
      if (key.length === 24) desKeyWordsInto(key, 16, encrypt, 2 * DES_SCHEDULE_WORDS, false);
      else encrypt.copyWithin(2 * DES_SCHEDULE_WORDS, 0, DES_SCHEDULE_WORDS);
    }
    for (let pass = 0; pass < passes; pass += 1) {
      const from = (passes - 1 - pass) * DES_SCHEDULE_WORDS;
      const to = pass * DES_SCHEDULE_WORDS;
      for (let round = 0; round < 16; round += 1) {
        decrypt[to + 2 * round] = encrypt[from + 30 - 2 * round]!;
        decrypt[to + 2 * round + 1] = encrypt[from + 31 - 2 * round]!;
      }
    }
    this.#encrypt = encrypt;
    this.#decrypt = decrypt;
  }

  encryptBlock(input: Uint8Array, inOffset: number, output: Uint8Array, outOffset: number): void {
    desCryptBlock(this.#encrypt, this.#passes, input, inOffset, output, outOffset);
  }

  decryptBlock(input: Uint8Array, inOffset: number, output: Uint8Array, outOffset: number): void {
    desCryptBlock(this.#decrypt, this.#passes, input, inOffset, output, outOffset);
  }
}
