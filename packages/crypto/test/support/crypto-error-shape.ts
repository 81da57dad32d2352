import { expect } from 'vitest';
import { CRYPTO_ERROR_CODES, CryptoError, type CryptoErrorCode } from '@payterm/crypto';

/** Runs `action`, which must throw a catalogued CryptoError with `code` and none of `secrets` in it. */
export function expectCryptoError(
  action: () => unknown,
  code: CryptoErrorCode,
  secrets: readonly string[] = [],
): CryptoError {
  let thrown: unknown;
  try {
    action();
  } catch (error) {
    thrown = error;
  }
  return checkCryptoError(thrown, code, secrets);
}

/** Checks that `thrown` is a catalogued CryptoError with `code` whose message and details hold none of `secrets`. */
export function checkCryptoError(
  thrown: unknown,
  code: CryptoErrorCode,
  secrets: readonly string[],
): CryptoError {
  if (!(thrown instanceof CryptoError)) throw new Error(`expected a CryptoError ${code}`, { cause: thrown });
  expect(Object.keys(CRYPTO_ERROR_CODES)).toContain(thrown.code);
  expect(thrown.code).toBe(code);
  const text = `${thrown.message} ${JSON.stringify(thrown.details)}`.toUpperCase();
  for (const secret of secrets) expect(text).not.toContain(secret.toUpperCase());
  return thrown;
}
