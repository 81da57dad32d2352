import { displayWidth, type Slip } from '@payterm/terminal';

/** Slips are 58 mm thermal paper: 32 columns, a CJK character takes two. */
export const SLIP_COLUMNS = 32;

/** A piece of a slip line: narrow text (one column a character) or one wide character (two columns). */
export interface SlipRun {
  readonly text: string;
  readonly wide: boolean;
}

/**
 * A line cut into runs so the page can give a wide character exactly two columns: browsers' monospace
 * fonts seldom draw CJK at twice the Latin width, and the slip's columns must line up as on paper.
 */
export function slipRuns(line: string): SlipRun[] {
  const runs: SlipRun[] = [];
  let narrow = '';
  for (const character of line) {
    if (displayWidth(character) === 2) {
      if (narrow !== '') runs.push({ text: narrow, wide: false });
      narrow = '';
      runs.push({ text: character, wide: true });
    } else {
      narrow += character;
    }
  }
  if (narrow !== '') runs.push({ text: narrow, wide: false });
  return runs;
}

/** One character of a slip placed on its grid, for drawing the slip as an image. */
export interface SlipGlyph {
  readonly character: string;
  readonly row: number;
  readonly column: number;
  /** Columns it takes: 1, or 2 for a CJK character. */
  readonly width: number;
}

/** Every visible character of the slip at its row and column (spaces are left out). */
export function slipGlyphs(lines: readonly string[]): SlipGlyph[] {
  const glyphs: SlipGlyph[] = [];
  lines.forEach((line, row) => {
    let column = 0;
    for (const character of line) {
      const width = Math.max(1, displayWidth(character));
      if (character.trim() !== '') glyphs.push({ character, row, column, width });
      column += width;
    }
  });
  return glyphs;
}

/** Columns of the widest line (at least the paper's 32), so an image never cuts a line short. */
export function slipColumns(lines: readonly string[]): number {
  return lines.reduce((widest, line) => Math.max(widest, displayWidth(line)), SLIP_COLUMNS);
}

const COPY_NAMES = {
  merchant: '商户联 Merchant copy',
  customer: '持卡人联 Customer copy',
  bank: '银行联 Bank copy',
};
const KIND_NAMES: Readonly<Record<Slip['kind'], string>> = {
  transaction: '交易凭条 Transaction slip',
  settlement: '结算单 Settlement slip',
  'detail-list': '明细 Detail list',
  totals: '汇总 Totals',
  operators: '操作员 Operators',
  diagnostics: '诊断 Diagnostics',
};

/** What a slip is, for its accessible name and the print dialog: `交易凭条 Transaction slip · 商户联 …`. */
export function slipTitle(slip: Slip): string {
  const parts = [KIND_NAMES[slip.kind]];
  if (slip.copy !== undefined) parts.push(COPY_NAMES[slip.copy]);
  if (slip.reprint) parts.push('重打印 Reprint');
  return parts.join(' · ');
}

/** The PNG's file name: `payterm-slip-7-transaction-merchant.png`. */
export function slipFileName(slip: Slip, sequence: number): string {
  const parts = ['payterm-slip', String(sequence), slip.kind];
  if (slip.copy !== undefined) parts.push(slip.copy);
  if (slip.reprint) parts.push('reprint');
  return `${parts.join('-')}.png`;
}
