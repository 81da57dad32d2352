import { PaytermError, type ErrorDetails } from '@payterm/kernel';

/** Stable codes: documented in packages/crypto/ERRORS.md (a test keeps the two in step). */
export const CRYPTO_ERROR_CODES = {
  CRYPTO_INVALID_HEX: 'a hex string has an odd length or a non-hex character',
  CRYPTO_INVALID_ALGORITHM: 'an algorithm is unknown or does not fit the operation',
  CRYPTO_INVALID_KEY_LENGTH: 'a key has a length its algorithm does not allow',
  CRYPTO_INVALID_DATA_LENGTH: 'data is not a whole number of blocks, or an output buffer is too small',
  CRYPTO_INVALID_IV_LENGTH: 'an IV is not exactly one block',
  CRYPTO_INVALID_MAC_LENGTH: 'a requested or presented MAC length is outside what the algorithm allows',
  CRYPTO_INVALID_KCV_LENGTH: 'a requested or presented key check value length is outside what is allowed',
  CRYPTO_INVALID_PIN: 'a PIN to encode is not 4 to 12 decimal digits',
  CRYPTO_INVALID_PAN: 'a PAN is not 1 to 19 decimal digits',
  CRYPTO_PIN_BLOCK_INVALID: 'a PIN block does not decode (one code for every reason, to give no oracle)',
  CRYPTO_PIN_TRANSLATION_FORBIDDEN: 'a PIN block translation would drop the PAN binding',
  CRYPTO_INVALID_ARGUMENT: 'a parameter of a PIN verification or MAC option is malformed',
  CRYPTO_INVALID_KSN: 'a DUKPT key serial number has the wrong length or an invalid counter',
  CRYPTO_DUKPT_EXHAUSTED: 'a DUKPT terminal register has used its last transaction counter',
  CRYPTO_KCV_MISMATCH: 'a key or key component does not match its presented check value',
  CRYPTO_KEY_BLOCK_MALFORMED: 'a TR-31 key block is truncated, has a bad length or a malformed header',
  CRYPTO_KEY_BLOCK_UNSUPPORTED: 'a TR-31 key block version, algorithm or key length is not supported',
  CRYPTO_KEY_BLOCK_MAC_MISMATCH: 'a TR-31 key block MAC does not verify (wrong KBPK or altered block)',
  HSM_LMK_INVALID: 'a local master key is missing, not hex or not 32 bytes',
  HSM_KEY_NOT_FOUND: 'a key handle names no key the HSM holds',
  HSM_KEY_BLOB_INVALID: 'a stored key blob does not verify under the LMK (another LMK, altered or moved)',
  HSM_KEY_USAGE_VIOLATION: 'a key is used for something its type, usage or mode of use does not allow',
  HSM_KEY_NOT_EXPORTABLE: 'a key marked non-exportable was asked to leave the HSM',
  HSM_KEY_PARITY_INVALID: 'an imported DES/TDES key or key component does not have odd parity',
  HSM_DUKPT_REPLAY: 'a DUKPT KSN counter is not above the highest one seen for its device and operation',
  HSM_DECIMALIZATION_TABLE_REJECTED: 'an IBM 3624 decimalisation table is not on the HSM allow-list',
} as const;

export type CryptoErrorCode = keyof typeof CRYPTO_ERROR_CODES;

/** Thrown for every expected crypto failure; message and details never hold key, PIN or block bytes. */
export class CryptoError extends PaytermError<CryptoErrorCode> {}

export function cryptoError(code: CryptoErrorCode, message: string, details: ErrorDetails = {}): CryptoError {
  return new CryptoError(code, message, details);
}
