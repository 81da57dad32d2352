import { describe, expect, it } from 'vitest';
import { focusKind, keypadKeyFor, type FocusKind } from '../src/terminal/keyboard-map.js';

const press = (key: string, focus: FocusKind = 'none', modifiers = {}) =>
  keypadKeyFor({ key, ...modifiers }, focus);

describe('keypadKeyFor: the computer keyboard as the device keypad', () => {
  it('maps digits, Enter, Esc, Backspace, Delete, arrows and Home to the keypad', () => {
    expect(['0', '5', '9'].map((key) => press(key))).toEqual(['0', '5', '9']);
    expect(press('Enter')).toBe('enter');
    expect(press('Escape')).toBe('cancel');
    expect(press('Backspace')).toBe('backspace');
    expect(press('Delete')).toBe('clear');
    expect(press('ArrowUp')).toBe('up');
    expect(press('ArrowDown')).toBe('down');
    expect(press('Home')).toBe('menu');
  });

  it('leaves other keys and every shortcut with a modifier to the browser', () => {
    expect(press('a')).toBeUndefined();
    expect(press('F5')).toBeUndefined();
    expect(press('Tab')).toBeUndefined();
    expect(press('r', 'none', { ctrlKey: true })).toBeUndefined();
    expect(press('1', 'none', { metaKey: true })).toBeUndefined();
    expect(press('Enter', 'none', { altKey: true })).toBeUndefined();
  });

  it('leaves Enter to a focused button, so a click is not also a keypad Enter', () => {
    expect(press('Enter', 'button')).toBeUndefined();
    expect(press('7', 'button')).toBe('7');
    expect(press('Escape', 'button')).toBe('cancel');
  });

  it('leaves arrows and Home to a focused radio button or slider, but digits still reach the device', () => {
    expect(press('ArrowDown', 'choice')).toBeUndefined();
    expect(press('Home', 'choice')).toBeUndefined();
    expect(press('4', 'choice')).toBe('4');
    expect(press('Enter', 'choice')).toBe('enter');
  });

  it('leaves everything to a text field', () => {
    expect(press('1', 'text-field')).toBeUndefined();
    expect(press('Enter', 'text-field')).toBeUndefined();
  });
});

describe('focusKind: what has the focus', () => {
  const element = (
    tagName: string,
    extra: { type?: string; role?: string; isContentEditable?: boolean } = {},
  ) => ({
    tagName,
    ...(extra.type === undefined ? {} : { type: extra.type }),
    ...(extra.isContentEditable === undefined ? {} : { isContentEditable: extra.isContentEditable }),
    getAttribute: (name: string) => (name === 'role' ? (extra.role ?? null) : null),
  });

  it('tells text fields, choices and buttons apart', () => {
    expect(focusKind(null)).toBe('none');
    expect(focusKind(element('BODY'))).toBe('none');
    expect(focusKind(element('INPUT', { type: 'text' }))).toBe('text-field');
    expect(focusKind(element('INPUT'))).toBe('text-field');
    expect(focusKind(element('TEXTAREA'))).toBe('text-field');
    expect(focusKind(element('DIV', { isContentEditable: true }))).toBe('text-field');
    expect(focusKind(element('INPUT', { type: 'radio' }))).toBe('choice');
    expect(focusKind(element('INPUT', { type: 'range' }))).toBe('choice');
    expect(focusKind(element('INPUT', { type: 'checkbox', role: 'switch' }))).toBe('choice');
    expect(focusKind(element('BUTTON'))).toBe('button');
    expect(focusKind(element('INPUT', { type: 'submit' }))).toBe('button');
    expect(focusKind(element('SUMMARY'))).toBe('button');
    expect(focusKind(element('DIV', { role: 'button' }))).toBe('button');
  });
});
