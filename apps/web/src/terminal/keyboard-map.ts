import { isDigitKey, type UiKey } from '@payterm/terminal';

/** What has the focus when a key is pressed: it decides which keys are the page's and which the device's. */
export type FocusKind =
  /** Text, number or select fields: every key is theirs. */
  | 'text-field'
  /** Radio buttons, check boxes, sliders: arrows and Space are theirs, the rest goes to the device. */
  | 'choice'
  /** Buttons and links: Enter and Space press them. */
  | 'button'
  | 'none';

export interface KeyStroke {
  readonly key: string;
  readonly ctrlKey?: boolean;
  readonly altKey?: boolean;
  readonly metaKey?: boolean;
  readonly repeat?: boolean;
}

const NAMED: Readonly<Record<string, UiKey>> = {
  Enter: 'enter',
  Escape: 'cancel',
  Backspace: 'backspace',
  Delete: 'clear',
  ArrowUp: 'up',
  ArrowDown: 'down',
  Home: 'menu',
};

/**
 * The computer keyboard as the device keypad: digits, Enter, Esc = Cancel, Backspace, Delete = Clear,
 * ↑ ↓, Home = Menu. Shortcuts with Ctrl, Alt or Meta stay the browser's; keys the focused control uses
 * itself stay its own.
 */
export function keypadKeyFor(stroke: KeyStroke, focus: FocusKind): UiKey | undefined {
  if (stroke.ctrlKey === true || stroke.altKey === true || stroke.metaKey === true) return undefined;
  if (focus === 'text-field') return undefined;
  if (isDigitKey(stroke.key)) return stroke.key;
  const key = NAMED[stroke.key];
  if (key === undefined) return undefined;
  if (focus === 'button' && key === 'enter') return undefined;
  if (focus === 'choice' && (key === 'up' || key === 'down' || key === 'menu')) return undefined;
  return key;
}

const CHOICE_INPUTS: ReadonlySet<string> = new Set(['radio', 'checkbox', 'range', 'button', 'submit']);

/** Classifies the element that has the focus (by tag, type and role: no DOM types needed). */
export function focusKind(
  element: {
    readonly tagName?: string;
    readonly type?: string;
    readonly isContentEditable?: boolean;
    getAttribute?(name: string): string | null;
  } | null,
): FocusKind {
  if (element === null || element.tagName === undefined) return 'none';
  const tag = element.tagName.toLowerCase();
  if (element.isContentEditable === true || tag === 'textarea' || tag === 'select') return 'text-field';
  if (tag === 'input') {
    const type = (element.type ?? 'text').toLowerCase();
    if (type === 'button' || type === 'submit') return 'button';
    return CHOICE_INPUTS.has(type) ? 'choice' : 'text-field';
  }
  const role = element.getAttribute?.('role');
  if (tag === 'button' || tag === 'a' || tag === 'summary' || role === 'button') return 'button';
  if (role === 'radio' || role === 'switch' || role === 'slider') return 'choice';
  return 'none';
}
