import { SoftAesCipher } from './aes-cipher.js';
import type { BlockCipher, CipherAlgorithm } from './block-cipher.js';
import { checkCipherKey } from './cipher-checks.js';
import { SoftDesCipher } from './des-cipher.js';

/**
 * The browser-safe BlockCipher: pure TypeScript DES/TDES (FIPS 46-3) and AES (FIPS 197). The key
 * schedule is computed here once; the cipher keeps no reference to `key`.
 */
export function createCipher(algorithm: CipherAlgorithm, key: Uint8Array): BlockCipher {
  checkCipherKey(algorithm, key);
  return algorithm === 'aes' ? new SoftAesCipher(key) : new SoftDesCipher(algorithm, key);
}
