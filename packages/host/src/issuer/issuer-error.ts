import { PaytermError, type ErrorDetails } from '@payterm/kernel';

/**
 * Stable codes of the issuer simulator. A decline is never an error (it is a decision value); these
 * are thrown only for a caller's broken contract: malformed input or a reused movement id.
 */
export const ISSUER_ERROR_CODES = {
  ISSUER_INVALID_REQUEST:
    'a request field is malformed (amount not a safe positive integer, bad PAN or expiry text)',
  ISSUER_DUPLICATE_MOVEMENT: 'a movement id is used a second time for a new money movement',
  ISSUER_INVALID_RECORD: 'an account, hold or movement record given to the constructor is inconsistent',
} as const;

export type IssuerErrorCode = keyof typeof ISSUER_ERROR_CODES;

/** Details never hold a clear PAN or PIN block: at most a masked PAN, a field name, an id. */
export class IssuerError extends PaytermError<IssuerErrorCode> {}

export function issuerError(code: IssuerErrorCode, message: string, details: ErrorDetails = {}): IssuerError {
  return new IssuerError(code, message, details);
}
