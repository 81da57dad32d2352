/**
 * The BlockCipher port: one keyed cipher with its key schedule computed once at creation. Two
 * implementations: the pure TypeScript one in this package (browser-safe) and the node:crypto one in
 * `@payterm/crypto/node`. MACs, KCVs and PIN blocks are written against this interface only.
 */
export type CipherAlgorithm = 'des' | 'tdes' | 'aes';

export interface BlockCipher {
  readonly algorithm: CipherAlgorithm;
  /** 8 for DES and TDES, 16 for AES. */
  readonly blockSize: 8 | 16;
  /** Key length in bytes: 8 (des), 16 or 24 (tdes), 16, 24 or 32 (aes). */
  readonly keyLength: number;
  /** Encrypts the block at input[inOffset] into output[outOffset]; input and output may be the same bytes. */
  encryptBlock(input: Uint8Array, inOffset: number, output: Uint8Array, outOffset: number): void;
  decryptBlock(input: Uint8Array, inOffset: number, output: Uint8Array, outOffset: number): void;
  /** ECB over whole blocks, written into `output` (default: a new array) which is returned. */
  encryptBlocksEcb(data: Uint8Array, output?: Uint8Array): Uint8Array;
  decryptBlocksEcb(data: Uint8Array, output?: Uint8Array): Uint8Array;
  /** CBC over whole blocks with a one-block IV (no padding: callers pad explicitly). */
  encryptCbc(iv: Uint8Array, data: Uint8Array, output?: Uint8Array): Uint8Array;
  decryptCbc(iv: Uint8Array, data: Uint8Array, output?: Uint8Array): Uint8Array;
}

/** Creates a keyed cipher; both implementations export one. Key bytes are copied, never kept by reference. */
export type CipherFactory = (algorithm: CipherAlgorithm, key: Uint8Array) => BlockCipher;
