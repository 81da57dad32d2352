import { describe, expect, it } from 'vitest';
import { code128Bars, code128Check, code128Values, code128Widths } from '../src/wallet/code128.js';

const sum = (widths: readonly number[]) => widths.reduce((total, width) => total + width, 0);

describe('the pay code barcode (Code 128)', () => {
  it('encodes an even run of digits in code set C, two digits a symbol', () => {
    // Start C (105), "12" = 12, check (105 + 12 × 1) mod 103 = 14, stop.
    expect(code128Values('12')).toEqual([105, 12]);
    expect(code128Check([105, 12])).toBe(14);
    expect(code128Widths('12').join('')).toBe('211232' + '112232' + '122231' + '2331112');
  });

  it('ends an odd digit count with the last digit in code set B', () => {
    const code = '6212345678901234567';
    const values = code128Values(code);
    expect(values[0]).toBe(105);
    expect(values.slice(1, 10)).toEqual([62, 12, 34, 56, 78, 90, 12, 34, 56]);
    // CODE B (100), then "7" in set B: 0x37 − 32 = 23.
    expect(values.slice(10)).toEqual([100, 23]);
  });

  it('uses code set B for other text, with the check weighted by position', () => {
    expect(code128Values('A1')).toEqual([104, 33, 17]);
    expect(code128Check([104, 33, 17])).toBe((104 + 33 * 1 + 17 * 2) % 103);
    expect(() => code128Values('')).toThrow(/at least one/);
    expect(() => code128Values('支付')).toThrow(/cannot encode/);
  });

  it('draws symbols of 11 modules with an even bar total, and a 13-module stop', () => {
    for (const text of ['6212345678901234567', '62000000000000000000', 'PAYTERM-1']) {
      const widths = code128Widths(text);
      const symbols = code128Values(text).length + 1;
      expect(widths.length).toBe(symbols * 6 + 7);
      for (let index = 0; index < symbols; index++) {
        const symbol = widths.slice(index * 6, index * 6 + 6);
        expect(sum(symbol)).toBe(11);
        expect(((symbol[0] ?? 0) + (symbol[2] ?? 0) + (symbol[4] ?? 0)) % 2).toBe(0);
      }
      expect(sum(widths.slice(symbols * 6))).toBe(13);
      const { bars, modules } = code128Bars(text);
      expect(modules).toBe(symbols * 11 + 13);
      expect(bars.length).toBe(symbols * 3 + 4);
      expect(bars[0]).toEqual({ x: 0, width: 2 });
    }
  });
});
