import type { BlockCipher } from './cipher/block-cipher.js';
import { cryptoError } from './errors.js';
import { createCmac } from './mac/cmac.js';

/** `encrypt-zeros`: leftmost bytes of E_K(0^n) (TDES; legacy AES). `cmac`: of CMAC_K(0^n) (required for AES). */
export type KcvMethod = 'encrypt-zeros' | 'cmac';

export interface KcvOptions {
  /** Default: `cmac` for AES, `encrypt-zeros` for DES and TDES (X9.24-1:2017, PCI PIN 15-1). */
  readonly method?: KcvMethod;
  /** Bytes kept. Default 3; CUP sign-on uses 4. */
  readonly length?: number;
}

function fullCheckValue(cipher: BlockCipher, method: KcvMethod): Uint8Array {
  const zeros = new Uint8Array(cipher.blockSize);
  if (method === 'encrypt-zeros') return cipher.encryptBlocksEcb(zeros);
  if (method === 'cmac') return createCmac(cipher).compute(zeros);
  throw cryptoError('CRYPTO_INVALID_ARGUMENT', 'KCV method must be encrypt-zeros or cmac', {
    method: String(method),
  });
}

function checkKcvLength(length: number, blockSize: number): void {
  if (!Number.isInteger(length) || length < 2 || length > blockSize) {
    throw cryptoError('CRYPTO_INVALID_KCV_LENGTH', `A key check value must be 2 to ${blockSize} bytes`, {
      length,
    });
  }
}

function defaultMethod(cipher: BlockCipher): KcvMethod {
  return cipher.algorithm === 'aes' ? 'cmac' : 'encrypt-zeros';
}

/** The key check value of the cipher's key. */
export function keyCheckValue(cipher: BlockCipher, options: KcvOptions = {}): Uint8Array {
  const length = options.length ?? 3;
  checkKcvLength(length, cipher.blockSize);
  return fullCheckValue(cipher, options.method ?? defaultMethod(cipher)).slice(0, length);
}

/** Whether `kcv` (2 bytes up to one block) matches the key, compared in constant time. */
export function verifyKeyCheckValue(cipher: BlockCipher, kcv: Uint8Array, method?: KcvMethod): boolean {
  checkKcvLength(kcv.length, cipher.blockSize);
  const full = fullCheckValue(cipher, method ?? defaultMethod(cipher));
  let difference = 0;
  for (let index = 0; index < kcv.length; index += 1) difference |= full[index]! ^ kcv[index]!;
  return difference === 0;
}
