import { PaytermError, type ErrorDetails } from '@payterm/kernel';

/**
 * Stable codes of the HTTP API, with the HTTP status each one answers. Listed in src/http/README.md
 * (a test keeps the two in step). The body of every error is `{ error: { code, message } }`.
 */
export const API_ERROR_CODES = {
  API_INVALID_REQUEST: { status: 400, meaning: 'the path, query or body does not match the schema' },
  API_UNAUTHORIZED: {
    status: 401,
    meaning: 'no API token, a malformed one, an unknown one or a revoked one',
  },
  API_NOT_FOUND: {
    status: 404,
    meaning:
      'no such route, or the merchant, terminal, batch, transaction, settlement or key named does not exist',
  },
  API_ALREADY_EXISTS: { status: 409, meaning: 'a merchant or terminal with this id exists already' },
  API_STATE_CONFLICT: {
    status: 409,
    meaning: 'the change does not fit the current state (a terminal under a disabled merchant)',
  },
  API_KCV_MISMATCH: {
    status: 400,
    meaning: 'a key component or the combined key does not have the presented check value',
  },
  API_KEY_REJECTED: {
    status: 400,
    meaning: 'the HSM refused the key material (parity, length, TR-31 block MAC, format or usage)',
  },
  API_INTERNAL: { status: 500, meaning: 'an unexpected failure; the server log has the cause' },
  TMS_PACKAGE_REJECTED: {
    status: 400,
    meaning:
      'an uploaded package does not verify (signature, trusted key, hash, size) or is no terminal application',
  },
  TMS_VERSION_PUBLISHED: {
    status: 409,
    meaning: 'a package of this version or payload is published already',
  },
  WALLET_SESSION_INVALID: {
    status: 401,
    meaning: 'a wallet route without a wallet session token, or with an unknown or expired one',
  },
  WALLET_PIN_WRONG: {
    status: 401,
    meaning: 'a wrong wallet PIN (details: triesLeft today), or a wallet user that does not exist',
  },
  WALLET_LOCKED: { status: 423, meaning: 'three wrong wallet PINs today: the user is locked until tomorrow' },
  WALLET_QR_INVALID: {
    status: 400,
    meaning:
      "a scanned payload with a wrong CRC or structure, not PayTerm's, or not saying what its order is",
  },
  WALLET_ORDER_UNKNOWN: { status: 404, meaning: 'the payload names an order the host does not have' },
  WALLET_ORDER_PAID: { status: 409, meaning: 'the order is paid already (nothing moves again)' },
  WALLET_ORDER_CLOSED: {
    status: 409,
    meaning: "the merchant closed the order, or settled the order's batch",
  },
  WALLET_ORDER_EXPIRED: { status: 409, meaning: 'the order was not paid within its time (5 minutes)' },
  WALLET_INSUFFICIENT_FUNDS: { status: 402, meaning: 'the wallet balance is below the order amount' },
} as const;

export type ApiErrorCode = keyof typeof API_ERROR_CODES;

/** An expected failure of an API call; message and details never hold a clear PAN or key. */
export class ApiError extends PaytermError<ApiErrorCode> {
  get statusCode(): number {
    return API_ERROR_CODES[this.code].status;
  }
}

export function apiError(
  code: ApiErrorCode,
  message: string,
  details: ErrorDetails = {},
  options?: { cause?: unknown },
): ApiError {
  return new ApiError(code, message, details, options);
}

export function notFound(what: string): ApiError {
  return apiError('API_NOT_FOUND', `No ${what}`);
}
