import { PaytermError, type ErrorDetails } from '../errors/payterm-error.js';

export const MONEY_ERROR_CODES = [
  'MONEY_INVALID_FORMAT',
  'MONEY_TOO_MANY_DECIMALS',
  'MONEY_OUT_OF_RANGE',
  'MONEY_NEGATIVE_ISO_AMOUNT',
  'MONEY_UNKNOWN_CURRENCY',
  'MONEY_CURRENCY_MISMATCH',
  'MONEY_INVALID_RATIO',
] as const;

export type MoneyErrorCode = (typeof MONEY_ERROR_CODES)[number];

export class MoneyError extends PaytermError<MoneyErrorCode> {
  constructor(code: MoneyErrorCode, message: string, details: ErrorDetails = {}) {
    super(code, message, details);
  }
}
