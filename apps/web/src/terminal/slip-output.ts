import type { Slip } from '@payterm/terminal';
import { slipColumns, slipFileName, slipGlyphs } from './slip-text.js';

/** Pixels of one column and one line in the PNG (twice a screen's size, so it prints sharp). */
const CELL_WIDTH = 13;
const LINE_HEIGHT = 30;
const FONT = '22px "Noto Sans Mono CJK SC", "Sarasa Mono SC", "DejaVu Sans Mono", monospace';
const MARGIN = 24;

/** The slip drawn as thermal paper: black text on white, every character on its column. */
export function drawSlip(slip: Slip): HTMLCanvasElement {
  const columns = slipColumns(slip.lines);
  const canvas = document.createElement('canvas');
  canvas.width = MARGIN * 2 + columns * CELL_WIDTH;
  canvas.height = MARGIN * 2 + Math.max(1, slip.lines.length) * LINE_HEIGHT;
  const context = canvas.getContext('2d');
  if (context === null) return canvas;
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.fillStyle = '#111111';
  context.font = FONT;
  context.textBaseline = 'middle';
  context.textAlign = 'center';
  for (const glyph of slipGlyphs(slip.lines)) {
    const width = glyph.width * CELL_WIDTH;
    const x = MARGIN + glyph.column * CELL_WIDTH + width / 2;
    const y = MARGIN + glyph.row * LINE_HEIGHT + LINE_HEIGHT / 2;
    context.fillText(glyph.character, x, y, width);
  }
  return canvas;
}

/** Saves the slip as a PNG file (the browser's download). */
export function saveSlipPng(slip: Slip, sequence: number): void {
  drawSlip(slip).toBlob((blob) => {
    if (blob === null) return;
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = slipFileName(slip, sequence);
    document.body.append(link);
    link.click();
    link.remove();
    // The download has its own reference by now; a later revoke keeps a slow browser safe.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }, 'image/png');
}

/**
 * Prints one slip and nothing else of the page (the print style sheet hides all but `element`); the
 * print dialog's "Save as PDF" makes the PDF.
 */
export function printSlip(element: HTMLElement): void {
  const body = document.body;
  // A browser that never sent afterprint for the last slip would print that one too.
  for (const earlier of document.querySelectorAll('.print-target')) earlier.classList.remove('print-target');
  body.classList.add('printing-slip');
  element.classList.add('print-target');
  const done = () => {
    body.classList.remove('printing-slip');
    element.classList.remove('print-target');
  };
  window.addEventListener('afterprint', done, { once: true });
  window.print();
}
