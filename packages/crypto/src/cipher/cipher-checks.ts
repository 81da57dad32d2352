import { cryptoError } from '../errors.js';
import type { CipherAlgorithm } from './block-cipher.js';

const KEY_LENGTHS: Readonly<Record<CipherAlgorithm, readonly number[]>> = {
  des: [8],
  tdes: [16, 24],
  aes: [16, 24, 32],
};

export function blockSizeOf(algorithm: CipherAlgorithm): 8 | 16 {
  return algorithm === 'aes' ? 16 : 8;
}

/** Checks the algorithm name and key length; the error tells the length, never the key. */
export function checkCipherKey(algorithm: CipherAlgorithm, key: Uint8Array): void {
  const allowed = Object.hasOwn(KEY_LENGTHS, algorithm) ? KEY_LENGTHS[algorithm] : undefined;
  if (allowed === undefined) {
    throw cryptoError('CRYPTO_INVALID_ALGORITHM', 'Unknown block cipher algorithm', {
      algorithm: String(algorithm),
    });
  }
  if (!(key instanceof Uint8Array) || !allowed.includes(key.length)) {
    const length = key instanceof Uint8Array ? key.length : -1;
    throw cryptoError(
      'CRYPTO_INVALID_KEY_LENGTH',
      `A ${algorithm} key must be ${allowed.join(' or ')} bytes`,
      {
        algorithm,
        length,
      },
    );
  }
}

/** Checks that `data` is whole blocks and `output` (when given) can hold it; returns the output to use. */
export function blocksOutput(
  blockSize: number,
  data: Uint8Array,
  output: Uint8Array | undefined,
): Uint8Array {
  if (data.length % blockSize !== 0) {
    throw cryptoError('CRYPTO_INVALID_DATA_LENGTH', `Data must be a multiple of ${blockSize} bytes`, {
      need: blockSize,
      have: data.length,
    });
  }
  if (output === undefined) return new Uint8Array(data.length);
  if (output.length < data.length) {
    throw cryptoError('CRYPTO_INVALID_DATA_LENGTH', 'Output buffer is too small', {
      need: data.length,
      have: output.length,
    });
  }
  return output;
}

export function checkIv(blockSize: number, iv: Uint8Array): void {
  if (iv.length !== blockSize) {
    throw cryptoError('CRYPTO_INVALID_IV_LENGTH', `IV must be ${blockSize} bytes`, {
      need: blockSize,
      have: iv.length,
    });
  }
}
