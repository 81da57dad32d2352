import { currencyByAlpha, type Currency } from '@payterm/kernel';
import { describe, expect, it } from 'vitest';
import { handlePromptEvent, INITIAL_PROMPT_STATE, type PromptState } from '../src/ui/prompt-keys.js';
import type { PromptSpec } from '../src/ui/prompt.js';
import { editInput, formatAmountEntry, type UiKey } from '../src/ui/index.js';

function currency(alpha: string): Currency {
  const found = currencyByAlpha(alpha);
  if (found === undefined) throw new Error(alpha);
  return found;
}

function typeKeys(keys: readonly UiKey[], kind: 'amount' | 'digits' = 'amount', maxLength = 12): string[] {
  const shown: string[] = [];
  let value = '';
  for (const key of keys) {
    value = editInput(value, key, kind, maxLength);
    shown.push(kind === 'amount' ? formatAmountEntry(value, currency('CNY')) : value);
  }
  return shown;
}

describe('amount entry as on a POS', () => {
  it('shifts digits in from the right', () => {
    expect(typeKeys(['1', '2', '3', '4', '5'])).toEqual(['0.01', '0.12', '1.23', '12.34', '123.45']);
  });

  it('ignores leading zeros, removes the last digit with Backspace and resets with Clear', () => {
    expect(typeKeys(['0', '0', '5', '0', 'backspace', 'backspace', 'backspace', '7', 'clear'])).toEqual([
      '0.00',
      '0.00',
      '0.05',
      '0.50',
      '0.05',
      '0.00',
      '0.00',
      '0.07',
      '0.00',
    ]);
  });

  it('stops at 12 digits, the most field 4 carries', () => {
    const keys = Array.from({ length: 14 }, () => '9' as const);
    expect(typeKeys(keys).at(-1)).toBe('9999999999.99');
  });

  it('follows the currency exponent (JPY none, KWD three)', () => {
    expect(formatAmountEntry('123', currency('JPY'))).toBe('123');
    expect(formatAmountEntry('1234', currency('KWD'))).toBe('1.234');
    expect(formatAmountEntry('', currency('KWD'))).toBe('0.000');
  });

  it('keeps leading zeros in plain digits (vouchers, dates)', () => {
    expect(typeKeys(['0', '1', '0', '3'], 'digits', 4).at(-1)).toBe('0103');
    expect(typeKeys(['0', '1', '0', '3', '5'], 'digits', 4).at(-1)).toBe('0103');
  });
});

describe('prompt keys', () => {
  const menu: PromptSpec = {
    kind: 'menu',
    id: 'm',
    title: { zh: '菜单', en: 'Menu' },
    items: [
      { key: '1', label: { zh: '一', en: 'One' } },
      { key: '2', label: { zh: '二', en: 'Two' } },
    ],
  };
  const press = (spec: PromptSpec, state: PromptState, key: UiKey) =>
    handlePromptEvent(spec, state, { type: 'key', key });

  it('chooses a menu item by its digit at once, or by the cursor and Enter; Menu goes home', () => {
    expect(press(menu, INITIAL_PROMPT_STATE, '2')).toEqual({
      kind: 'answered',
      answer: { type: 'value', value: '2' },
    });
    expect(press(menu, INITIAL_PROMPT_STATE, '7')).toEqual({ kind: 'ignored' });
    const up = press(menu, INITIAL_PROMPT_STATE, 'up');
    expect(up).toEqual({ kind: 'changed', state: { value: '', selected: 1 } });
    expect(press(menu, { value: '', selected: 1 }, 'enter')).toMatchObject({ answer: { value: '2' } });
    expect(press(menu, INITIAL_PROMPT_STATE, 'menu')).toEqual({
      kind: 'answered',
      answer: { type: 'cancel', home: true },
    });
  });

  it('picks a numbered list line by number and Enter, and refuses a number past the end', () => {
    const list: PromptSpec = {
      kind: 'list',
      id: 'l',
      title: { zh: '列表', en: 'List' },
      lines: ['a', 'b', 'c'],
      numbered: true,
    };
    const typed = press(list, INITIAL_PROMPT_STATE, '3');
    expect(typed).toEqual({ kind: 'changed', state: { value: '3', selected: 0, error: undefined } });
    expect(press(list, { value: '3', selected: 0 }, 'enter')).toMatchObject({ answer: { value: '2' } });
    expect(press(list, { value: '4', selected: 0 }, 'enter')).toMatchObject({
      kind: 'changed',
      state: { error: { en: 'No such line' } },
    });
    expect(press(list, { value: '', selected: 2 }, 'down')).toEqual({
      kind: 'changed',
      state: { value: '', selected: 2 },
    });
  });

  it('answers a card event only where a card is expected', () => {
    const card = { type: 'card', pan: '6200001000000011', entry: 'tap' } as const;
    expect(handlePromptEvent(menu, INITIAL_PROMPT_STATE, card)).toEqual({ kind: 'ignored' });
    expect(handlePromptEvent({ ...menu, acceptsCard: true }, INITIAL_PROMPT_STATE, card)).toEqual({
      kind: 'answered',
      answer: card,
    });
  });

  it('keeps an input prompt open with the reason when the value is refused', () => {
    const input: PromptSpec = {
      kind: 'input',
      id: 'i',
      title: { zh: '输入', en: 'Input' },
      label: 'x',
      input: 'digits',
      maxLength: 2,
      validate: (value) => (value.length === 2 ? undefined : 'two digits'),
    };
    expect(press(input, { value: '1', selected: 0 }, 'enter')).toEqual({
      kind: 'changed',
      state: { value: '1', selected: 0, error: 'two digits' },
    });
    expect(press(input, { value: '12', selected: 0 }, 'enter')).toMatchObject({ answer: { value: '12' } });
  });

  it('takes a scanned code as the whole input where a scanner may answer, after the same checks', () => {
    const code: PromptSpec = {
      kind: 'input',
      id: 'c',
      title: { zh: '付款码', en: 'Code' },
      label: 'code',
      input: 'digits',
      maxLength: 4,
      acceptsScan: true,
    };
    const scan = (spec: PromptSpec, text: string, state: PromptState = INITIAL_PROMPT_STATE) =>
      handlePromptEvent(spec, state, { type: 'scan', text });
    expect(scan({ ...code, acceptsScan: false }, '1234')).toEqual({ kind: 'ignored' });
    expect(scan(menu, '1')).toEqual({ kind: 'ignored' });
    expect(scan(code, ' 1234\r\n')).toEqual({ kind: 'answered', answer: { type: 'value', value: '1234' } });
    expect(scan(code, '12345', { value: '9', selected: 0 })).toEqual({
      kind: 'changed',
      state: { value: '9', selected: 0, error: { zh: '扫到的内容太长', en: 'The scanned code is too long' } },
    });
    expect(scan(code, '12a4')).toMatchObject({ state: { error: { en: 'The scanned code is not digits' } } });
    expect(scan(code, '')).toMatchObject({ state: { error: { en: 'The scanned code is not digits' } } });
    const fourDigits = { ...code, validate: (value: string) => (value.length === 4 ? undefined : 'four') };
    expect(scan(fourDigits, '12')).toMatchObject({ state: { error: 'four' } });
  });
});
