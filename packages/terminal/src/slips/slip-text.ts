import { displayWidth } from './display-width.js';

/** Columns of a 58 mm thermal slip. */
export const SLIP_COLUMNS = 32;

/**
 * `text` with control characters (a newline or tab inside a merchant name would break the column
 * count and the printer's line feed) replaced by spaces.
 */
export function sanitizeSlipText(text: string): string {
  return text.replace(/[\p{Cc}\u2028\u2029]/gu, ' ');
}

/** `text` followed by spaces up to `width` columns (unchanged when it is as wide or wider). */
export function padEndToWidth(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

/** `text` preceded by spaces up to `width` columns: right-aligned (unchanged when as wide or wider). */
export function padStartToWidth(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - displayWidth(text))) + text;
}

/** `text` centred in `width` columns; an odd spare column goes to the right. Trailing spaces are not added. */
export function centerToWidth(text: string, width: number = SLIP_COLUMNS): string {
  return ' '.repeat(Math.max(0, Math.floor((width - displayWidth(text)) / 2))) + text;
}

/** The longest prefix of `text` (whole code points) that is at most `width` columns wide. */
export function truncateToWidth(text: string, width: number): string {
  let taken = '';
  let takenWidth = 0;
  for (const character of text) {
    const characterWidth = displayWidth(character);
    if (takenWidth + characterWidth > width) break;
    taken += character;
    takenWidth += characterWidth;
  }
  return taken;
}

/**
 * `left` and `right` on one line of `width` columns with `right` flush right and at least one space
 * between them, or undefined when they do not fit together.
 */
export function spreadToWidth(left: string, right: string, width: number = SLIP_COLUMNS): string | undefined {
  const gap = width - displayWidth(left) - displayWidth(right);
  if (gap < 1) return undefined;
  return left + ' '.repeat(gap) + right;
}

/** The first candidate at most `width` columns wide, or undefined when none is. */
export function firstThatFits(candidates: readonly string[], width: number): string | undefined {
  return candidates.find((candidate) => displayWidth(candidate) <= width);
}

// A line never starts with closing punctuation nor ends with opening punctuation (the usual CJK rule).
const CLOSING = new Set([...'，。、；：！？）」』】〕》〉”’,.;:!?)]}%']);
const OPENING = new Set([...'（「『【〔《〈“‘([{']);

/**
 * Breaking units of `text`: runs of spaces, Latin words, and single wide characters, each with the
 * punctuation that must stay on its line attached.
 */
function breakUnits(text: string): string[] {
  const units: string[] = [];
  let pendingOpening = '';
  let word = '';
  const flushWord = (): void => {
    if (word !== '') units.push(word);
    word = '';
  };
  for (const character of text) {
    if (character === ' ') {
      flushWord();
      const last = units.at(-1);
      if (last !== undefined && last.startsWith(' ')) units[units.length - 1] = last + character;
      else units.push(character);
    } else if (OPENING.has(character)) {
      flushWord();
      pendingOpening += character;
    } else if (CLOSING.has(character) && pendingOpening === '') {
      if (word !== '') word += character;
      else if (units.length > 0 && !(units.at(-1) ?? ' ').startsWith(' ')) {
        units[units.length - 1] += character;
      } else units.push(character);
    } else if (displayWidth(character) === 2) {
      flushWord();
      units.push(pendingOpening + character);
      pendingOpening = '';
    } else {
      word += pendingOpening + character;
      pendingOpening = '';
    }
  }
  flushWord();
  if (pendingOpening !== '') units.push(pendingOpening);
  return units;
}

/** Pieces of `unit` of at most `width` columns each (a word longer than the line is cut). */
function hardBreak(unit: string, width: number): string[] {
  const pieces: string[] = [];
  let rest = unit;
  while (displayWidth(rest) > width) {
    const piece = truncateToWidth(rest, width) || [...rest][0] || '';
    pieces.push(piece);
    rest = rest.slice(piece.length);
  }
  pieces.push(rest);
  return pieces;
}

/**
 * `text` broken into lines of at most `width` columns: between Latin words at spaces, anywhere between
 * wide characters, a word longer than a line cut where it must. Spaces at a break are dropped. Always
 * at least one line (an empty one for empty text).
 */
export function wrapToWidth(text: string, width: number = SLIP_COLUMNS): string[] {
  const lines: string[] = [];
  let current = '';
  let pendingSpace = '';
  for (const unit of breakUnits(text)) {
    if (unit.startsWith(' ')) {
      if (current !== '') pendingSpace = unit;
      continue;
    }
    if (current !== '' && displayWidth(current + pendingSpace + unit) <= width) {
      current += pendingSpace + unit;
    } else {
      if (current !== '') lines.push(current);
      const pieces = hardBreak(unit, width);
      lines.push(...pieces.slice(0, -1));
      current = pieces.at(-1) ?? '';
    }
    pendingSpace = '';
  }
  lines.push(current);
  return lines;
}
