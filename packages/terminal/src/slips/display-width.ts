import { EAST_ASIAN_WIDE_RANGES } from './east-asian-wide-ranges.js';

/** 2 for an East Asian wide or fullwidth code point (汉字, ，, Ａ), else 1. */
export function codePointWidth(codePoint: number): 1 | 2 {
  let low = 0;
  let high = EAST_ASIAN_WIDE_RANGES.length / 2 - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const first = EAST_ASIAN_WIDE_RANGES[middle * 2] ?? 0;
    const last = EAST_ASIAN_WIDE_RANGES[middle * 2 + 1] ?? 0;
    if (codePoint < first) high = middle - 1;
    else if (codePoint > last) low = middle + 1;
    else return 2;
  }
  return 1;
}

/** Columns `text` takes on the slip printer: a wide or fullwidth character counts 2, any other 1. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const character of text) width += codePointWidth(character.codePointAt(0) ?? 0);
  return width;
}
