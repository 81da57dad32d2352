export { CryptoError, CRYPTO_ERROR_CODES, type CryptoErrorCode } from './errors.js';
export { hexToBytes, bytesToHex } from './hex.js';
export { constantTimeEqual } from './constant-time.js';

export type { BlockCipher, CipherAlgorithm, CipherFactory } from './cipher/block-cipher.js';
export { createCipher } from './cipher/create-cipher.js';
