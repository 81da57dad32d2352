import { displayWidth, type Screen, type StatusTone } from '@payterm/terminal';
import { qrFrame } from './qr-frame.js';
import { BOX_COLUMNS, deviceFrame, slipFrame, type FrameLine } from './screen-frame.js';

const ESC = '\x1b[';
export const ANSI = {
  enterAlternateScreen: `${ESC}?1049h`,
  leaveAlternateScreen: `${ESC}?1049l`,
  hideCursor: `${ESC}?25l`,
  showCursor: `${ESC}?25h`,
  home: `${ESC}H`,
  clear: `${ESC}2J`,
  reset: `${ESC}0m`,
  reverse: `${ESC}7m`,
} as const;

const TONE_COLOURS: Readonly<Record<StatusTone, string>> = {
  ok: `${ESC}32m`,
  info: `${ESC}36m`,
  warning: `${ESC}33m`,
  alert: `${ESC}31m`,
};

/** Gap between the display box and the slip beside it. */
const GAP = '   ';
const SLIP_COLUMNS = 32;

function styled(line: FrameLine): string {
  const style = `${line.tone === undefined ? '' : TONE_COLOURS[line.tone]}${line.selected === true ? ANSI.reverse : ''}`;
  const text = style === '' ? line.text : `${style}${line.text}${ANSI.reset}`;
  return line.boxed === true ? `│ ${text} │` : text;
}

/** The line drawn and padded to the box width (escapes take no columns), so the slip lines up beside it. */
function padded(line: FrameLine | undefined): string {
  if (line === undefined) return ' '.repeat(BOX_COLUMNS);
  const width = line.boxed === true ? BOX_COLUMNS : displayWidth(line.text);
  return styled(line) + ' '.repeat(Math.max(0, BOX_COLUMNS - width));
}

/**
 * A screen for a terminal: cleared and drawn from the top left, the device box in colour (a QR code
 * under it when the screen has one), the slip beside it when `columns` allows, else below.
 */
export function ansiFrame(screen: Screen, columns: number): string {
  const device = [...deviceFrame(screen), ...qrFrame(screen).map((text) => ({ text }))];
  const slip = slipFrame(screen);
  let lines: string[];
  if (slip.length > 0 && columns >= BOX_COLUMNS + GAP.length + SLIP_COLUMNS) {
    const rows = Math.max(device.length, slip.length);
    lines = Array.from({ length: rows }, (_, row) =>
      `${padded(device[row])}${GAP}${slip[row] ?? ''}`.trimEnd(),
    );
  } else {
    lines = [...device.map(styled), ...slip];
  }
  return `${ANSI.home}${ANSI.clear}${lines.join('\n')}\n`;
}
