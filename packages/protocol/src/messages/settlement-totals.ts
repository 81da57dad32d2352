import { protocolError } from '../errors.js';

/** The reconciliation result digit: `0` in a request, `1` balanced, `2` unbalanced, `3` error. */
export type SettlementResult = 'request' | 'balanced' | 'unbalanced' | 'error';

const RESULT_DIGITS: readonly SettlementResult[] = ['request', 'balanced', 'unbalanced', 'error'];

/** One half (domestic or foreign cards) of the field 48 totals. */
export interface SettlementHalf {
  readonly debitCount: number;
  readonly debitAmountMinor: number;
  readonly creditCount: number;
  readonly creditAmountMinor: number;
  readonly result: SettlementResult;
}

export interface SettlementTotals {
  readonly domestic: SettlementHalf;
  readonly foreign: SettlementHalf;
}

export const SETTLEMENT_TOTALS_DIGITS = 62;
const HALF_DIGITS = 31;
const MAX_COUNT = 999;
const MAX_AMOUNT_MINOR = 999_999_999_999;

function parseHalf(digits: string, field: string): SettlementHalf {
  const result = RESULT_DIGITS[Number(digits.slice(30, 31))];
  if (result === undefined) {
    throw protocolError('PROTOCOL_INVALID_FIELD', `${field} result digit must be 0 to 3`, field);
  }
  return {
    debitAmountMinor: Number(digits.slice(0, 12)),
    debitCount: Number(digits.slice(12, 15)),
    creditAmountMinor: Number(digits.slice(15, 27)),
    creditCount: Number(digits.slice(27, 30)),
    result,
  };
}

/** Field 48 of a settlement (reference §7.2): 62 digits, domestic then foreign. Throws ProtocolError. */
export function parseSettlementTotals(digits: string): SettlementTotals {
  if (digits.length !== SETTLEMENT_TOTALS_DIGITS || !/^\d+$/.test(digits)) {
    throw protocolError('PROTOCOL_INVALID_FIELD', 'settlement field 48 must be 62 digits', '48', {
      need: SETTLEMENT_TOTALS_DIGITS,
      have: digits.length,
    });
  }
  return {
    domestic: parseHalf(digits.slice(0, HALF_DIGITS), '48.5'),
    foreign: parseHalf(digits.slice(HALF_DIGITS), '48.10'),
  };
}

function digitsOf(value: number, width: number, max: number, field: string): string {
  if (!Number.isSafeInteger(value) || value < 0 || value > max) {
    throw protocolError('PROTOCOL_INVALID_VALUE', `${field} must be an integer from 0 to ${max}`, field);
  }
  return String(value).padStart(width, '0');
}

function formatHalf(half: SettlementHalf, name: string): string {
  const result = RESULT_DIGITS.indexOf(half.result);
  if (result < 0) throw protocolError('PROTOCOL_INVALID_VALUE', `${name}.result is not a result`, `48`);
  return (
    digitsOf(half.debitAmountMinor, 12, MAX_AMOUNT_MINOR, `${name}.debitAmountMinor`) +
    digitsOf(half.debitCount, 3, MAX_COUNT, `${name}.debitCount`) +
    digitsOf(half.creditAmountMinor, 12, MAX_AMOUNT_MINOR, `${name}.creditAmountMinor`) +
    digitsOf(half.creditCount, 3, MAX_COUNT, `${name}.creditCount`) +
    String(result)
  );
}

/** The 62 digits of field 48. Throws PROTOCOL_INVALID_VALUE for a count over 999 or an amount over n12. */
export function formatSettlementTotals(totals: SettlementTotals): string {
  return formatHalf(totals.domestic, 'domestic') + formatHalf(totals.foreign, 'foreign');
}
