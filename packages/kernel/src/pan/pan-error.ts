import { PaytermError, type ErrorDetails } from '../errors/payterm-error.js';

export const PAN_ERROR_CODES = ['PAN_INVALID_FORMAT', 'PAN_INVALID_LUHN'] as const;

export type PanErrorCode = (typeof PAN_ERROR_CODES)[number];

/** Raised about a PAN; its message and details never contain the PAN's digits. */
export class PanError extends PaytermError<PanErrorCode> {
  constructor(code: PanErrorCode, message: string, details: ErrorDetails = {}) {
    super(code, message, details);
  }
}
