import type { OperatorText } from '../engine/outcome.js';
import type { CardEntry } from '../ports/card-reader.js';
import type { InputKind, ScreenQr, StatusTone } from './screen.js';
import type { DigitKey } from './ui-event.js';
import type { UiText } from './ui-text.js';

interface PromptBase {
  /** The screen id while the prompt is up. */
  readonly id: string;
  readonly title: OperatorText;
  readonly body?: readonly UiText[];
  /** Replaces the default hint of the prompt's kind. */
  readonly hint?: UiText;
  /** A card presented on the card panel answers the prompt. */
  readonly acceptsCard?: boolean;
  /** A signature drawn on the screen answers the prompt. */
  readonly acceptsSignature?: boolean;
  /**
   * A code read by the scanner answers the input prompt as if typed and confirmed (checked by its
   * `validate` first).
   */
  readonly acceptsScan?: boolean;
  /**
   * Asked by a customer device (card, PIN, signature) in the middle of an operation: when it is
   * answered the screen goes back to what the operation showed, not to a generic "processing".
   */
  readonly customer?: boolean;
  /** Keys typed ahead are dropped when this prompt comes up (they were meant for something that failed). */
  readonly dropTypeAhead?: boolean;
  /** A QR code the screen draws with the prompt. */
  readonly qr?: ScreenQr;
}

export interface InputPrompt extends PromptBase {
  readonly kind: 'input';
  readonly label: UiText;
  readonly input: InputKind;
  readonly maxLength: number;
  /** Why the value cannot be taken (shown, and the prompt stays); undefined accepts it. */
  readonly validate?: (value: string) => UiText | undefined;
}

export interface MenuPromptItem {
  readonly key: DigitKey;
  readonly label: OperatorText;
}

export interface MenuPrompt extends PromptBase {
  readonly kind: 'menu';
  readonly items: readonly MenuPromptItem[];
}

/** Lines to choose from: up/down and Enter, or the line's number and Enter. */
export interface ListPrompt extends PromptBase {
  readonly kind: 'list';
  /** Shown above the lines. */
  readonly header?: readonly UiText[];
  readonly lines: readonly UiText[];
  /** Lines are numbered from 1 in the text; typing a number picks that line. */
  readonly numbered: boolean;
}

/** Information: Enter or Cancel closes it. */
export interface MessagePrompt extends PromptBase {
  readonly kind: 'message';
  readonly tone?: StatusTone;
}

/** Enter goes on, Cancel goes back. */
export interface ConfirmPrompt extends PromptBase {
  readonly kind: 'confirm';
}

/** One of a few digit keys answers at once (card entry: 1 swipe, 2 insert, 3 tap). */
export interface KeysPrompt extends PromptBase {
  readonly kind: 'keys';
  readonly keys: readonly DigitKey[];
}

export type PromptSpec = InputPrompt | MenuPrompt | ListPrompt | MessagePrompt | ConfirmPrompt | KeysPrompt;

/**
 * How a prompt was answered: a value (the input, the menu key, the list index, the key pressed, `ok`),
 * a card, a signature, or cancelled (`home`: the Menu key, back to the main menu).
 */
export type PromptAnswer =
  | { readonly type: 'value'; readonly value: string }
  | { readonly type: 'card'; readonly pan: string; readonly entry: CardEntry }
  | { readonly type: 'signature'; readonly data: string }
  | { readonly type: 'cancel'; readonly home: boolean };

/** The operator cancelled a flow: back to the menu it came from, or to the main menu (`home`). */
export class FlowCancelled extends Error {
  constructor(readonly home: boolean) {
    super(home ? 'back to the main menu' : 'cancelled');
    this.name = 'FlowCancelled';
  }
}

/** The operator logged out or locked the terminal: back to the login screen. */
export class SessionEnded extends Error {
  constructor() {
    super('the session ended');
    this.name = 'SessionEnded';
  }
}

/** The device UI was closed: every prompt asked from now on fails with this. */
export class UiClosed extends Error {
  constructor() {
    super('the device UI is closed');
    this.name = 'UiClosed';
  }
}
