import { editInput } from './input-editor.js';
import type { InputPrompt, ListPrompt, MenuPrompt, PromptAnswer, PromptSpec } from './prompt.js';
import { isDigitKey, type UiEvent, type UiKey } from './ui-event.js';
import { bilingual, type UiText } from './ui-text.js';

/** What the operator has done on the prompt so far. */
export interface PromptState {
  /** The input typed, or the line number typed on a list. */
  readonly value: string;
  /** The menu item or list line the cursor is on. */
  readonly selected: number;
  /** Why the last Enter was refused. */
  readonly error?: UiText | undefined;
}

export const INITIAL_PROMPT_STATE: PromptState = { value: '', selected: 0 };

export type PromptStep =
  | { readonly kind: 'ignored' }
  | { readonly kind: 'changed'; readonly state: PromptState }
  | { readonly kind: 'answered'; readonly answer: PromptAnswer };

const IGNORED: PromptStep = { kind: 'ignored' };
const LIST_NUMBER_DIGITS = 3;
const NO_SUCH_LINE = bilingual('没有这一项', 'No such line');
const TOO_LONG = bilingual('扫到的内容太长', 'The scanned code is too long');
const NOT_DIGITS = bilingual('扫到的不是数字', 'The scanned code is not digits');

function answered(answer: PromptAnswer): PromptStep {
  return { kind: 'answered', answer };
}

function value(text: string): PromptStep {
  return answered({ type: 'value', value: text });
}

function changed(state: PromptState): PromptStep {
  return { kind: 'changed', state };
}

/** What one event does to a prompt (language switches are the screen's, not the prompt's). */
export function handlePromptEvent(prompt: PromptSpec, state: PromptState, event: UiEvent): PromptStep {
  switch (event.type) {
    case 'card':
      return prompt.acceptsCard === true
        ? answered({ type: 'card', pan: event.pan, entry: event.entry })
        : IGNORED;
    case 'signature':
      return prompt.acceptsSignature === true ? answered({ type: 'signature', data: event.data }) : IGNORED;
    case 'key':
      return handleKey(prompt, state, event.key);
    case 'scan':
      return prompt.kind === 'input' && prompt.acceptsScan === true
        ? scanned(prompt, state, event.text)
        : IGNORED;
    default:
      return IGNORED;
  }
}

function handleKey(prompt: PromptSpec, state: PromptState, key: UiKey): PromptStep {
  if (key === 'menu') return answered({ type: 'cancel', home: true });
  switch (prompt.kind) {
    case 'input':
      return inputKey(prompt, state, key);
    case 'menu':
      return menuKey(prompt, state, key);
    case 'list':
      return listKey(prompt, state, key);
    case 'message':
      return key === 'enter' || key === 'cancel' ? value('ok') : IGNORED;
    case 'confirm':
      if (key === 'enter') return value('yes');
      return key === 'cancel' ? answered({ type: 'cancel', home: false }) : IGNORED;
    case 'keys':
      if (key === 'cancel') return answered({ type: 'cancel', home: false });
      return isDigitKey(key) && prompt.keys.includes(key) ? value(key) : IGNORED;
    default:
      return IGNORED;
  }
}

function inputKey(prompt: InputPrompt, state: PromptState, key: UiKey): PromptStep {
  if (key === 'cancel') return answered({ type: 'cancel', home: false });
  if (key === 'enter') {
    const error = prompt.validate?.(state.value);
    return error === undefined ? value(state.value) : changed({ ...state, error });
  }
  if (key === 'up' || key === 'down') return IGNORED;
  const next = editInput(state.value, key, prompt.input, prompt.maxLength);
  return next === state.value && state.error === undefined
    ? IGNORED
    : changed({ ...state, value: next, error: undefined });
}

/**
 * A scanned code is the whole value at once: taken when valid, else refused with why (what was typed
 * stays). Prompts without a validator still take only what could be typed there.
 */
function scanned(prompt: InputPrompt, state: PromptState, text: string): PromptStep {
  const code = text.trim();
  const error =
    prompt.validate?.(code) ??
    (code.length > prompt.maxLength ? TOO_LONG : undefined) ??
    (prompt.input !== 'text' && !/^\d+$/.test(code) ? NOT_DIGITS : undefined);
  return error === undefined ? value(code) : changed({ ...state, error });
}

function moveCursor(selected: number, key: UiKey, count: number, wrap: boolean): number {
  const step = key === 'up' ? -1 : 1;
  const next = selected + step;
  if (wrap) return (next + count) % count;
  return Math.min(count - 1, Math.max(0, next));
}

function menuKey(prompt: MenuPrompt, state: PromptState, key: UiKey): PromptStep {
  const count = prompt.items.length;
  if (key === 'cancel') return answered({ type: 'cancel', home: false });
  if (isDigitKey(key)) return prompt.items.some((item) => item.key === key) ? value(key) : IGNORED;
  if ((key === 'up' || key === 'down') && count > 0) {
    return changed({ ...state, selected: moveCursor(state.selected, key, count, true) });
  }
  const item = prompt.items[state.selected];
  return key === 'enter' && item !== undefined ? value(item.key) : IGNORED;
}

function listKey(prompt: ListPrompt, state: PromptState, key: UiKey): PromptStep {
  const count = prompt.lines.length;
  if (key === 'cancel') return answered({ type: 'cancel', home: false });
  if (key === 'up' || key === 'down') {
    if (count === 0) return IGNORED;
    return changed({ value: '', selected: moveCursor(state.selected, key, count, false) });
  }
  if (key === 'enter') return listEnter(state, count);
  if (!prompt.numbered) return IGNORED;
  const next = editInput(state.value, key, 'digits', LIST_NUMBER_DIGITS);
  return next === state.value ? IGNORED : changed({ ...state, value: next, error: undefined });
}

function listEnter(state: PromptState, count: number): PromptStep {
  if (state.value === '') return count === 0 ? IGNORED : value(String(state.selected));
  const index = Number(state.value) - 1;
  if (index < 0 || index >= count) return changed({ ...state, error: NO_SUCH_LINE });
  return value(String(index));
}
