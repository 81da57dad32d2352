export { CryptoError, CRYPTO_ERROR_CODES, type CryptoErrorCode } from './errors.js';
export { hexToBytes, bytesToHex } from './hex.js';
export { constantTimeEqual } from './constant-time.js';

export type { BlockCipher, CipherAlgorithm, CipherFactory } from './cipher/block-cipher.js';
export { createCipher } from './cipher/create-cipher.js';

export { type Mac, MIN_MAC_LENGTH } from './mac/mac.js';
export { type MacPadding, padIso9797 } from './mac/padding.js';
export { createCbcMac, type CbcMacOptions } from './mac/cbc-mac.js';
export { createRetailMac, type RetailMacOptions } from './mac/retail-mac.js';
export { createCmac, type CmacOptions } from './mac/cmac.js';
export { createCupEcbMac, type CupEcbMacOptions } from './mac/cup-ecb-mac.js';
export { keyCheckValue, verifyKeyCheckValue, type KcvMethod, type KcvOptions } from './kcv.js';
