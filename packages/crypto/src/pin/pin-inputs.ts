import { cryptoError } from '../errors.js';
import type { BlockCipher } from '../cipher/block-cipher.js';

/** ISO 9564-1 formats this package encrypts online (format 2 is offline, chip only). */
export type PinBlockFormat = 0 | 1 | 3 | 4;

const DIGITS = /^[0-9]+$/;

/** A PIN to encode: 4 to 12 decimal digits. The error gives the length only. */
export function checkPin(pin: string): void {
  if (typeof pin !== 'string' || pin.length < 4 || pin.length > 12 || !DIGITS.test(pin)) {
    throw cryptoError('CRYPTO_INVALID_PIN', 'A PIN must be 4 to 12 decimal digits', {
      length: typeof pin === 'string' ? pin.length : -1,
    });
  }
}

/** A PAN: 1 to 19 decimal digits (a PAN is masked data, so the error gives its length only). */
export function checkPan(pan: string | undefined): asserts pan is string {
  if (typeof pan !== 'string' || pan.length < 1 || pan.length > 19 || !DIGITS.test(pan)) {
    throw cryptoError('CRYPTO_INVALID_PAN', 'A PAN must be 1 to 19 decimal digits', {
      length: typeof pan === 'string' ? pan.length : -1,
    });
  }
}

export function checkFormat(format: PinBlockFormat): void {
  if (format !== 0 && format !== 1 && format !== 3 && format !== 4) {
    throw cryptoError('CRYPTO_INVALID_ARGUMENT', 'PIN block format must be 0, 1, 3 or 4', {
      format: String(format),
    });
  }
}

/** Format 4 is AES-only (16-byte blocks); formats 0, 1 and 3 need an 8-byte block cipher. */
export function checkPinCipher(cipher: BlockCipher, format: PinBlockFormat): void {
  const need = format === 4 ? 16 : 8;
  if (cipher.blockSize !== need) {
    throw cryptoError(
      'CRYPTO_INVALID_ALGORITHM',
      `PIN block format ${format} needs a ${need}-byte block cipher`,
      {
        format,
        algorithm: cipher.algorithm,
      },
    );
  }
}
