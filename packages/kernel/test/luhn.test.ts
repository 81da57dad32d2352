import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isLuhnValid, luhnCheckDigit, PanError } from '@payterm/kernel';

const digitString = (minLength: number, maxLength: number): fc.Arbitrary<string> =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength, maxLength });

describe('Luhn', () => {
  it.each(['79927398713', '6200001000000011', '4000001000000018', '5100001000000014', '4111111111111111'])(
    'published vector %s is valid',
    (digits) => {
      expect(isLuhnValid(digits)).toBe(true);
      expect(luhnCheckDigit(digits.slice(0, -1))).toBe(digits.slice(-1));
    },
  );

  it.each(['79927398710', '79927398714', '6200001000000012', '4000001000000010'])(
    '%s is invalid',
    (digits) => {
      expect(isLuhnValid(digits)).toBe(false);
    },
  );

  it('rejects non-digits and too-short input instead of guessing', () => {
    for (const input of ['', '0', '7992 7398 713', '79927398713\n', 'abc', '٧٩']) {
      expect(isLuhnValid(input)).toBe(false);
    }
    expect(() => luhnCheckDigit('')).toThrow(PanError);
    expect(() => luhnCheckDigit('12a')).toThrow(PanError);
  });

  it('the check digit makes any partial valid', () => {
    fc.assert(
      fc.property(digitString(1, 40), (partial) => {
        const checkDigit = luhnCheckDigit(partial);
        expect(checkDigit).toMatch(/^\d$/);
        expect(isLuhnValid(partial + checkDigit)).toBe(true);
      }),
    );
  });

  it('any other final digit is invalid (single-digit errors are always caught)', () => {
    fc.assert(
      fc.property(digitString(1, 40), fc.integer({ min: 1, max: 9 }), (partial, shift) => {
        const wrong = (Number(luhnCheckDigit(partial)) + shift) % 10;
        expect(isLuhnValid(partial + String(wrong))).toBe(false);
      }),
    );
  });
});
