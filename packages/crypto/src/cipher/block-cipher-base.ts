import type { BlockCipher, CipherAlgorithm } from './block-cipher.js';
import { blockSizeOf, blocksOutput, checkIv } from './cipher-checks.js';

/** ECB and CBC written over encryptBlock / decryptBlock; implementations may override them with native modes. */
export abstract class BlockCipherBase implements BlockCipher {
  readonly algorithm: CipherAlgorithm;
  readonly blockSize: 8 | 16;
  readonly keyLength: number;

  protected constructor(algorithm: CipherAlgorithm, keyLength: number) {
    this.algorithm = algorithm;
    this.blockSize = blockSizeOf(algorithm);
    this.keyLength = keyLength;
  }

  abstract encryptBlock(input: Uint8Array, inOffset: number, output: Uint8Array, outOffset: number): void;
  abstract decryptBlock(input: Uint8Array, inOffset: number, output: Uint8Array, outOffset: number): void;

  encryptBlocksEcb(data: Uint8Array, output?: Uint8Array): Uint8Array {
    const out = blocksOutput(this.blockSize, data, output);
    for (let offset = 0; offset < data.length; offset += this.blockSize)
      this.encryptBlock(data, offset, out, offset);
    return out;
  }

  decryptBlocksEcb(data: Uint8Array, output?: Uint8Array): Uint8Array {
    const out = blocksOutput(this.blockSize, data, output);
    for (let offset = 0; offset < data.length; offset += this.blockSize)
      this.decryptBlock(data, offset, out, offset);
    return out;
  }

  encryptCbc(iv: Uint8Array, data: Uint8Array, output?: Uint8Array): Uint8Array {
    checkIv(this.blockSize, iv);
    const out = blocksOutput(this.blockSize, data, output);
    const size = this.blockSize;
    for (let offset = 0; offset < data.length; offset += size) {
      for (let index = 0; index < size; index += 1) {
        const chain = offset === 0 ? iv[index]! : out[offset - size + index]!;
        out[offset + index] = data[offset + index]! ^ chain;
      }
      this.encryptBlock(out, offset, out, offset);
    }
    return out;
  }

  decryptCbc(iv: Uint8Array, data: Uint8Array, output?: Uint8Array): Uint8Array {
    checkIv(this.blockSize, iv);
    const out = blocksOutput(this.blockSize, data, output);
    const size = this.blockSize;
    // Backwards, so that decrypting in place (output === data) still sees each previous ciphertext block.
    for (let offset = data.length - size; offset >= 0; offset -= size) {
      this.decryptBlock(data, offset, out, offset);
      for (let index = 0; index < size; index += 1) {
        const chain = offset === 0 ? iv[index]! : data[offset - size + index]!;
        out[offset + index] = out[offset + index]! ^ chain;
      }
    }
    return out;
  }
}
