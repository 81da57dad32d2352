import { PanError } from './pan-error.js';

const DIGITS = /^\d+$/;

/** Luhn (mod 10) sum, doubling every second digit counting leftwards from the last one when asked. */
function luhnSum(digits: string, doubleLast: boolean): number {
  let sum = 0;
  let double = doubleLast;
  for (let index = digits.length - 1; index >= 0; index -= 1) {
    let digit = digits.charCodeAt(index) - 48;
    if (double) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
    double = !double;
  }
  return sum;
}

/** True when `digits` (at least 2 ASCII digits) ends in a correct Luhn check digit. */
export function isLuhnValid(digits: string): boolean {
  return digits.length >= 2 && DIGITS.test(digits) && luhnSum(digits, false) % 10 === 0;
}

/** The Luhn check digit ('0'–'9') that makes `partial + digit` valid. Throws PAN_INVALID_FORMAT. */
export function luhnCheckDigit(partial: string): string {
  if (!DIGITS.test(partial)) {
    throw new PanError('PAN_INVALID_FORMAT', 'Luhn input must be one or more ASCII digits', {
      length: partial.length,
    });
  }
  return String((10 - (luhnSum(partial, true) % 10)) % 10);
}
