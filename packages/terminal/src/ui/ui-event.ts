import type { CardEntry } from '../ports/card-reader.js';
import type { Language } from '../profile.js';

export const DIGIT_KEYS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

/** The keys of the terminal's keypad. */
export const UI_KEYS = [
  ...DIGIT_KEYS,
  'enter',
  'cancel',
  'clear',
  'backspace',
  'up',
  'down',
  'menu',
] as const;

export type DigitKey = (typeof DIGIT_KEYS)[number];
export type UiKey = (typeof UI_KEYS)[number];

/**
 * What reaches the device UI: a key, a card presented on the card panel (the operator choosing a test
 * card), a signature drawn on the screen, a code read by the device's scanner (its camera), or the
 * display language switched.
 */
export type UiEvent =
  | { readonly type: 'key'; readonly key: UiKey }
  | { readonly type: 'card'; readonly pan: string; readonly entry: CardEntry }
  | { readonly type: 'signature'; readonly data: string }
  | { readonly type: 'scan'; readonly text: string }
  | { readonly type: 'language'; readonly language: Language };

const digitKeys: ReadonlySet<string> = new Set(DIGIT_KEYS);
const uiKeys: ReadonlySet<string> = new Set(UI_KEYS);

export function isDigitKey(key: string): key is DigitKey {
  return digitKeys.has(key);
}

export function isUiKey(key: string): key is UiKey {
  return uiKeys.has(key);
}
