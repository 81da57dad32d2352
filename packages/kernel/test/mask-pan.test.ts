import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskPan } from '@payterm/kernel';

describe('maskPan', () => {
  it.each([
    ['6200001000000011', '620000******0011'],
    ['4000001000000018', '400000******0018'],
    ['6212345678901234567', '621234*********4567'],
    ['4000000000006', '400000***0006'],
    ['123456789012', '12345***9012'],
    ['1234567', '***4567'],
    ['12345', '***45'],
    ['123', '***'],
    ['1', '*'],
    ['', ''],
  ])('%s → %s', (pan, masked) => {
    expect(maskPan(pan)).toBe(masked);
  });

  it('keeps the length, shows at most the first 6 and last 4, and always hides at least 3', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789'), maxLength: 40 }), (pan) => {
        const masked = maskPan(pan);
        expect(masked).toHaveLength(pan.length);
        const visible = [...masked].filter((char) => char !== '*').length;
        expect(visible).toBeLessThanOrEqual(10);
        expect(pan.length - visible).toBeGreaterThanOrEqual(Math.min(3, pan.length));
        const head = /^\d*/.exec(masked)?.[0] ?? '';
        const tail = /\d*$/.exec(masked)?.[0] ?? '';
        expect(head.length).toBeLessThanOrEqual(6);
        expect(tail.length).toBeLessThanOrEqual(4);
        expect(pan.startsWith(head) && pan.endsWith(tail)).toBe(true);
        expect(masked.slice(head.length, masked.length - tail.length)).toMatch(/^\**$/);
        if (pan.length >= 13) expect(head.length + tail.length).toBe(10);
      }),
    );
  });
});
