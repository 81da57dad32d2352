import { PaytermError, type ErrorDetails } from '../errors/payterm-error.js';

export const ID_SOURCE_ERROR_CODES = [
  'STAN_INVALID_START',
  'RRN_INVALID_START',
  'RRN_INVALID_UTC_OFFSET',
] as const;

export type IdSourceErrorCode = (typeof ID_SOURCE_ERROR_CODES)[number];

export class IdSourceError extends PaytermError<IdSourceErrorCode> {
  constructor(code: IdSourceErrorCode, message: string, details: ErrorDetails = {}) {
    super(code, message, details);
  }
}
