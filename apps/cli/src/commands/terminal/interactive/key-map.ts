import type { UiKey } from '@payterm/terminal';

/** What a key on the computer keyboard does on the device. */
export type KeyAction =
  | { readonly type: 'key'; readonly key: UiKey }
  | { readonly type: 'toggle-language' }
  | { readonly type: 'quit' };

/** The fields of readline's keypress event we read. */
export interface Keypress {
  readonly name?: string;
  readonly ctrl?: boolean;
  readonly meta?: boolean;
  readonly sequence?: string;
}

const NAMED: Readonly<Record<string, UiKey>> = {
  return: 'enter',
  enter: 'enter',
  escape: 'cancel',
  backspace: 'backspace',
  delete: 'clear',
  up: 'up',
  down: 'down',
  home: 'menu',
};

const CHARACTERS: Readonly<Record<string, KeyAction>> = {
  q: { type: 'quit' },
  l: { type: 'toggle-language' },
  m: { type: 'key', key: 'menu' },
};

/**
 * The keyboard as the keypad: digits, Enter, Esc = Cancel, Backspace, Delete = Clear, arrows,
 * Home or `m` = Menu; `q` or Ctrl-C quits; F2 or `l` switches the language. Anything else does nothing.
 */
export function mapKeypress(text: string | undefined, key: Keypress | undefined): KeyAction | undefined {
  if (key?.ctrl === true) return key.name === 'c' || key.name === 'd' ? { type: 'quit' } : undefined;
  if (key?.name === 'f2') return { type: 'toggle-language' };
  // readline reports a lone Esc with meta set, so named keys come before the meta check.
  const named = key?.name === undefined ? undefined : NAMED[key.name];
  if (named !== undefined) return { type: 'key', key: named };
  if (key?.meta === true || text === undefined) return undefined;
  if (/^[0-9]$/.test(text)) return { type: 'key', key: text as UiKey };
  return CHARACTERS[text.toLowerCase()];
}
