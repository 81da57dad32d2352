import type { Screen } from '@payterm/terminal';
import { qrFrame } from './qr-frame.js';
import { deviceFrame, plainLine, slipFrame } from './screen-frame.js';

/** Between two plain frames. */
export const FRAME_SEPARATOR = '='.repeat(42);

/**
 * A screen as plain text (output that is not a terminal: a pipe, a file, a test): the screen id, the
 * display box with `>` on the line under the cursor, its QR code, the slip below it. No escape sequences.
 */
export function plainFrame(screen: Screen): string {
  const lines = [
    `# ${screen.id}`,
    ...deviceFrame(screen).map((line) => plainLine(line, '>')),
    ...qrFrame(screen),
    ...slipFrame(screen),
    FRAME_SEPARATOR,
  ];
  return `${lines.join('\n')}\n`;
}
