import type { Screen } from '@payterm/terminal';
import QRCode from 'qrcode';

/** Light modules around the code (two on each side: enough for phone scanners). */
const MARGIN = 2;

/**
 * The screen's QR code (the merchant-presented order) as lines of Unicode half blocks, two modules a
 * line, for the usual dark terminal: dark modules stay blank, light ones are blocks.
 */
export function qrFrame(screen: Screen): string[] {
  if (screen.qr === undefined) return [];
  const { modules } = QRCode.create(screen.qr.payload, { errorCorrectionLevel: 'M' });
  const size = modules.size + MARGIN * 2;
  const light = (row: number, column: number): boolean => {
    const r = row - MARGIN;
    const c = column - MARGIN;
    if (r < 0 || c < 0 || r >= modules.size || c >= modules.size) return true;
    return !modules.get(r, c);
  };
  const lines: string[] = [];
  for (let row = 0; row < size; row += 2) {
    let line = '';
    for (let column = 0; column < size; column += 1) {
      const top = light(row, column);
      const bottom = row + 1 < size ? light(row + 1, column) : true;
      line += top && bottom ? '█' : top ? '▀' : bottom ? '▄' : ' ';
    }
    lines.push(line);
  }
  return lines;
}
