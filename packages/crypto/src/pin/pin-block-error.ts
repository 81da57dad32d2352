import { cryptoError, type CryptoError } from '../errors.js';

/** The one error every PIN block decode failure gives: no details, so it is no oracle. */
export function pinBlockInvalid(): CryptoError {
  return cryptoError('CRYPTO_PIN_BLOCK_INVALID', 'PIN block is invalid');
}
