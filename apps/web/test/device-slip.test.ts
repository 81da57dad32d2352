import { readFileSync } from 'node:fs';
import type { Slip } from '@payterm/terminal';
import { describe, expect, it } from 'vitest';
import {
  slipColumns,
  slipFileName,
  slipGlyphs,
  slipRuns,
  slipTitle,
  SLIP_COLUMNS,
} from '../src/terminal/slip-text.js';

/** A golden slip of the terminal package: what the printer slot shows for an approved sale. */
function goldenSlip(name: string): string[] {
  const text = readFileSync(
    new URL(`../../../packages/terminal/test/fixtures/slips/${name}`, import.meta.url),
    'utf8',
  );
  return text.replace(/\n$/, '').split('\n');
}

describe('slipRuns: a slip line cut so each CJK character takes exactly two columns', () => {
  it('keeps narrow text together and gives each wide character its own run', () => {
    expect(slipRuns('卡号(CARD NO.): 6200')).toEqual([
      { text: '卡', wide: true },
      { text: '号', wide: true },
      { text: '(CARD NO.): 6200', wide: false },
    ]);
    expect(slipRuns('  PayTerm Demo Store')).toEqual([{ text: '  PayTerm Demo Store', wide: false }]);
    expect(slipRuns('')).toEqual([]);
  });

  it('loses no character of a real slip', () => {
    for (const line of goldenSlip('sale-pin.zh.txt')) {
      expect(
        slipRuns(line)
          .map((run) => run.text)
          .join(''),
      ).toBe(line);
    }
  });
});

describe('slipGlyphs: the characters of a slip on its 32-column grid (the PNG)', () => {
  it('places wide characters on two columns and leaves spaces out', () => {
    expect(slipGlyphs(['银联 A', ' B'])).toEqual([
      { character: '银', row: 0, column: 0, width: 2 },
      { character: '联', row: 0, column: 2, width: 2 },
      { character: 'A', row: 0, column: 5, width: 1 },
      { character: 'B', row: 1, column: 1, width: 1 },
    ]);
  });

  it('keeps every glyph of the golden slips inside 32 columns, right-aligned values ending on the last', () => {
    for (const name of ['sale-pin.zh.txt', 'sale-signature.en.txt', 'settlement-unbalanced.zh.txt']) {
      const lines = goldenSlip(name);
      const glyphs = slipGlyphs(lines);
      expect(glyphs.length).toBeGreaterThan(100);
      expect(Math.max(...glyphs.map((glyph) => glyph.column + glyph.width))).toBe(SLIP_COLUMNS);
      expect(slipColumns(lines)).toBe(SLIP_COLUMNS);
    }
  });

  it('widens the image for a line longer than the paper rather than cutting it', () => {
    expect(slipColumns(['x'.repeat(40)])).toBe(40);
    expect(slipColumns([])).toBe(SLIP_COLUMNS);
  });
});

describe('slip names', () => {
  const slip: Slip = { kind: 'transaction', copy: 'merchant', reprint: false, lines: [] };

  it('names a slip for its article and the print dialog', () => {
    expect(slipTitle(slip)).toBe('交易凭条 Transaction slip · 商户联 Merchant copy');
    expect(slipTitle({ kind: 'settlement', reprint: true, lines: [] })).toBe(
      '结算单 Settlement slip · 重打印 Reprint',
    );
  });

  it('gives each saved PNG a file name of its number, kind, copy and reprint', () => {
    expect(slipFileName(slip, 7)).toBe('payterm-slip-7-transaction-merchant.png');
    expect(slipFileName({ kind: 'totals', reprint: true, lines: [] }, 12)).toBe(
      'payterm-slip-12-totals-reprint.png',
    );
  });
});
