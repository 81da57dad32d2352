import { inspect } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { luhnCheckDigit, Pan, PanError, type PanErrorCode } from '@payterm/kernel';

function expectPanError(digits: string, code: PanErrorCode): PanError {
  const result = Pan.tryParse(digits);
  if (result.ok) return expect.unreachable(`expected ${code}`);
  expect(result.error).toBeInstanceOf(PanError);
  expect(result.error.code).toBe(code);
  expect(() => Pan.parse(digits)).toThrow(PanError);
  return result.error;
}

describe('Pan.parse', () => {
  it.each(['6200001000000011', '4000001000000018', '5100001000000014'])('accepts test PAN %s', (digits) => {
    const pan = Pan.parse(digits);
    expect(pan.revealDigits()).toBe(digits);
    expect(pan.length).toBe(16);
    expect(pan.lastFour).toBe(digits.slice(-4));
  });

  it('accepts 12 to 19 digits', () => {
    for (const length of [12, 19]) {
      const partial = '6'.repeat(length - 1);
      expect(Pan.parse(partial + luhnCheckDigit(partial)).length).toBe(length);
    }
  });

  it.each([
    '',
    '62000010000',
    '62000010000000110000',
    '6200 0010 0000 0011',
    '620000100000001a',
    '-6200001000000011',
  ])('rejects %j with PAN_INVALID_FORMAT', (digits) => {
    expectPanError(digits, 'PAN_INVALID_FORMAT');
  });

  it('rejects a wrong check digit with PAN_INVALID_LUHN, and its error does not leak the PAN', () => {
    const error = expectPanError('6200001000000012', 'PAN_INVALID_LUHN');
    const rendered = JSON.stringify(error) + error.message + String(error.stack);
    expect(rendered).not.toContain('6200001000000012');
    expect(error.details).toEqual({ length: 16, masked: '620000******0012' });
  });
});

describe('Pan masking', () => {
  const pan = Pan.parse('6200001000000011');

  it('prints masked everywhere', () => {
    expect(pan.masked).toBe('620000******0011');
    expect(String(pan)).toBe('620000******0011');
    expect(`${pan}`).toBe('620000******0011');
    expect(JSON.stringify({ pan })).toBe('{"pan":"620000******0011"}');
    expect(inspect(pan)).toBe('620000******0011');
    expect(inspect({ nested: { pan } }, { depth: 5 })).not.toContain('6200001000000011');
  });

  it('exposes no enumerable state', () => {
    expect(Object.keys(pan)).toEqual([]);
    expect(JSON.stringify({ ...pan })).toBe('{}');
    expect(Object.isFrozen(pan)).toBe(true);
  });

  it('compares by digits', () => {
    expect(pan.equals(Pan.parse('6200001000000011'))).toBe(true);
    expect(pan.equals(Pan.parse('4000001000000018'))).toBe(false);
  });

  it('never renders more than the first 6 and last 4 digits of any valid PAN', () => {
    const validPan = fc
      .string({ unit: fc.constantFrom(...'0123456789'), minLength: 11, maxLength: 18 })
      .map((partial) => partial + luhnCheckDigit(partial));
    fc.assert(
      fc.property(validPan, (digits) => {
        const parsed = Pan.parse(digits);
        const middle = digits.slice(6, -4);
        for (const rendered of [String(parsed), JSON.stringify(parsed), inspect(parsed)]) {
          expect(rendered.replace(/[^0-9]/g, '').length).toBeLessThanOrEqual(10);
          expect(rendered).toContain('*'.repeat(middle.length));
        }
      }),
    );
  });
});
